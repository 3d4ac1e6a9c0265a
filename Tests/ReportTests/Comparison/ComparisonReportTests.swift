import Foundation
import RNNCore
@testable import Report
import Testing
import TestSupport

@Suite("comparison report")
struct ComparisonReportTests {
    private let runs = [
        ComparisonTestRuns.run("lr0.005", ComparisonTestRuns.metrics(learningRate: 0.005)),
        ComparisonTestRuns.run("lr0.01", ComparisonTestRuns.metrics(learningRate: 0.01, start: 0.05, reduceAt: 10)),
        ComparisonTestRuns.run("trace", ComparisonTestRuns.metrics(start: 0.2, source: "pytorch 2.15 float32")),
    ]

    @Test("the page, the loss figure and one tail figure per run, each in SVG, dark SVG and PNG")
    func files() throws {
        let report = try ComparisonReport(runs: runs)
        let stems = ["loss", "tail-1", "tail-2", "tail-3"]
        #expect(report.files.map(\.name) == ["report.html"] + stems.flatMap { ["\($0).svg", "\($0).dark.svg", "\($0).png"] })
    }

    @Test("the page names every run with its origin and source, marks the best, and shows the setting that differs")
    func page() throws {
        let report = try ComparisonReport(runs: runs, title: "Seeds <& rates>")
        let html = String(decoding: try report.files[0].data(), as: UTF8.self)
        #expect(html.contains("<title>Seeds &lt;&amp; rates&gt;</title>"))
        for run in runs {
            #expect(html.contains("<strong>\(run.label)</strong>: <code>\(run.origin)</code>, made by \(run.source)"))
        }
        #expect(html.contains("lr0.01</span> (best)<br><small class=\"source\">rnnreport 0.1.0 float32</small></td>"))
        #expect(html.contains("trace</span><br><small class=\"source\">pytorch 2.15 float32</small></td>"))
        #expect(html.contains("<p class=\"verdict\">Lowest mean loss over the last 20 steps: 0.00399, lr0.01.</p>"))
        #expect(html.contains("<th class=\"numeric\">learning_rate</th>"))
        #expect(html.contains("--swatch: #0072B2; --swatch-dark: #56B4E9"))
        // The figures inline, light and dark, with ids of their own.
        for stem in ["loss", "tail-1", "tail-2", "tail-3"] {
            #expect(html.contains("id=\"figure-\(stem)\""))
            #expect(html.contains("id=\"\(stem)-dark-"), "no dark figure of \(stem)")
        }
        #expect(!html.contains("{{"), "an unrendered tag")
    }

    @Test("the Markdown summary: the results of every run, the setting that differs and the shared ones")
    func markdown() throws {
        let text = try ComparisonReport(runs: runs, title: "Rates").markdown
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count > 8, "\(text)")
        #expect(lines[0] == "## Rates")
        // The runs have 20 steps: the mean is of those 20, as the page says.
        #expect(lines[2] == "3 runs compared; the lowest mean loss over the last 20 steps is `0.00399`, of lr0.01.")
        #expect(lines[4] == "| run | source | final loss | best loss (step) | mean of last 20 | first step below 0.001 | learning-rate reductions | converged |")
        #expect(lines[6].hasPrefix("| lr0.005 | rnnreport 0.1.0 float32 | 0.00125 |"))
        #expect(lines[8].hasPrefix("| trace | pytorch 2.15 float32 |"))
        #expect(text.contains("Settings that differ:\n\n| run | learning_rate |\n| --- | ---: |\n| lr0.005 | 0.005 |\n| lr0.01 | 0.01 |\n| trace | 0.005 |\n"))
        #expect(text.contains("The same in every run: `cell rnn`, `hidden_size 32`, `num_layers 3`, `time_step 5`, `steps 20`"))
    }

    @Test("the Markdown summary shows names, sources, titles and settings from the files as written: no HTML, no broken code span")
    func markdownOfUntrustedText() throws {
        var series = ComparisonTestRuns.metrics(source: "<script>alert(1)</script>")
        series.config.data = "a`b<c>.csv"
        series.config.input = ["x&y"]
        series.config.target = "z"
        let hostile = [ComparisonTestRuns.run("rün <b>&\"x'", series), ComparisonTestRuns.run("plain", {
            var other = series
            other.config.learningRate = 0.01
            other.source = "pytorch | 2.15"
            return other
        }())]
        let text = try ComparisonReport(runs: hostile, title: "Runs <i>&</i>").markdown
        #expect(text.hasPrefix("## Runs &lt;i&gt;&amp;&lt;/i&gt;\n"), "\(text)")
        #expect(text.contains("| rün &lt;b&gt;&amp;\"x' | &lt;script&gt;alert(1)&lt;/script&gt; |"), "\(text)")
        #expect(text.contains("| plain | pytorch \\| 2.15 |"), "\(text)")
        #expect(text.contains("compared; the lowest mean loss over the last 20 steps is `0.0399`, of rün &lt;b&gt;&amp;\"x'.\n"), "\(text)")
        // Settings are code spans: as written, with a fence longer than the backtick in them.
        #expect(text.contains("``data a`b<c>.csv``") && text.contains("`input x&y`"), "\(text)")
        for raw in ["<script>", "<b>", "<i>"] {
            #expect(!text.contains(raw), "\(raw) in \(text)")
        }
    }

    @Test("runs of different series: the page and the summary say why none is the best, and no row is marked")
    func notRanked() throws {
        var series = ComparisonTestRuns.metrics(start: 0.05)
        series.config.data = "prices.csv"
        series.config.input = ["open"]
        series.config.target = "close"
        let mixed = [ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics(start: 0.5)), ComparisonTestRuns.run("prices", series)]
        let report = try ComparisonReport(runs: mixed, title: "Mixed")
        let html = String(decoding: try report.files[0].data(), as: UTF8.self)
        #expect(html.contains("<p class=\"verdict\">Not ranked: the losses are squared errors of different quantities "
                              + "(cos(t); close in prices.csv), so the lowest is not the best.</p>"), "\(html)")
        #expect(!html.contains("(best)") && !html.contains("Lowest mean loss"))
        let lines = report.markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2] == "2 runs compared; not ranked: the losses are squared errors of different quantities "
                + "(cos(t); close in prices.csv), so the lowest is not the best.")
    }

    @Test("runs on a CSV series show their train and held-out MSE and are ranked by the held-out one, whose cell alone is bold with the name")
    func rankedByHeldOut() throws {
        // "fits" has the lower training loss, "predicts" the lower held-out error.
        func series(_ start: Float, trainMSE: Double, holdoutMSE: Double?) -> TrainingMetrics {
            var metrics = ComparisonTestRuns.metrics(start: start)
            metrics.config.data = "plant.csv"
            metrics.config.input = ["u"]
            metrics.config.target = "y"
            metrics.evaluation = Evaluation(
                holdoutStart: 8, real: Array(repeating: 0, count: 10), prediction: Array(repeating: 0, count: 10),
                trainMSE: trainMSE, holdoutMSE: holdoutMSE)
            return metrics
        }
        let runs = [
            ComparisonTestRuns.run("fits", series(0.05, trainMSE: 0.01, holdoutMSE: 0.9)),
            ComparisonTestRuns.run("predicts", series(0.5, trainMSE: 0.02, holdoutMSE: 0.3)),
        ]
        let report = try ComparisonReport(runs: runs, title: "Series")
        let lines = report.markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[2] == "2 runs compared; the lowest held-out MSE is `0.3`, of predicts.", "\(report.markdown)")
        // No run has sin→cos's verdict: its columns are left out, and the note says so.
        #expect(lines[4] == "| run | source | final loss | best loss (step) | mean of last 20 | train MSE | held-out MSE | learning-rate reductions |")
        #expect(lines[6] == "| fits | rnnreport 0.1.0 float32 | 0.000125 | 0.000125 (19) | 0.00399 | 0.01 | 0.9 | 0 |", "\(lines[6])")
        #expect(report.markdown.contains("Runs on a CSV series have no converged or not-converged verdict and no first step below 0.001, which the table leaves out"))
        let html = String(decoding: try report.files[0].data(), as: UTF8.self)
        #expect(html.contains("<p class=\"verdict\">Lowest held-out MSE: 0.3, predicts.</p>"), "\(html)")
        #expect(html.contains("predicts</span> (best)"))
        #expect(html.contains("<td class=\"numeric num ranking\">0.3</td>"))
        #expect(html.components(separatedBy: " ranking\"").count == 3, "one ranking cell a row")
        // Without a held-out MSE in every run (one holds none out), the last steps rank them, as before.
        let unranked = [runs[0], ComparisonTestRuns.run("all rows", series(0.5, trainMSE: 0.02, holdoutMSE: nil))]
        let mixed = try ComparisonReport(runs: unranked, title: "Series").markdown
        #expect(mixed.contains("2 runs compared; the lowest mean loss over the last 20 steps is `0.00399`, of fits."), "\(mixed)")
        #expect(mixed.contains("| all rows | rnnreport 0.1.0 float32 | 0.00125 | 0.00125 (19) | 0.0399 | 0.02 | not finite |"), "\(mixed)")
    }

    @Test("the same runs give the same bytes")
    func reproducible() throws {
        let first = try ComparisonReport(runs: runs).files
        let second = try ComparisonReport(runs: runs).files
        for (a, b) in zip(first, second) {
            #expect(try a.data() == b.data(), "\(a.name) differs between two makings")
        }
    }

    @Test("the loss figure draws each run in its own colour, in the legend by its name; the dark one in lighter colours")
    func colours() throws {
        let light = ComparisonFigures(runs, options: FigureOptions(), theme: .light)
        let dark = ComparisonFigures(runs, options: FigureOptions(), theme: .dark)
        let named = light.loss.chart.panels[0].series.filter { !$0.label.isEmpty }
        #expect(named.map(\.label) == runs.map(\.label))
        #expect(Set(named.map(\.style.color)).count == 3)
        let darkNamed = dark.loss.chart.panels[0].series.filter { !$0.label.isEmpty }
        #expect(darkNamed[0].style.color != named[0].style.color)
        // A learning-rate panel with one step line per run.
        #expect(light.loss.chart.panels.count == 2 && light.loss.chart.panels[1].series.count == 3)
        #expect(light.tails.map { $0?.title } == runs.map(\.label))
    }

    @Test("ten runs get ten colours; the eleventh reuses the first with a dashed line")
    func manyRuns() {
        let styles = (0 ..< 11).map { RunColors.style($0, theme: .light, width: 1) }
        #expect(Set(styles.prefix(10).map(\.color)).count == 10)
        #expect(Set(RunColors.dark.map { $0 }).count == 10)
        #expect(styles[10].color == styles[0].color && styles[10].dash != styles[0].dash)
    }

    @Test("the comparison page has the single-run page's head and styles, then styles and a body of its own")
    func sharedHead() throws {
        let source = ComparisonTemplate.source
        #expect(source.hasPrefix(ReportTemplate.builtInHead))
        #expect(ReportTemplate.builtInHead.hasPrefix("<!DOCTYPE html>\n<html lang"))
        #expect(ReportTemplate.builtInHead.hasSuffix("<body>\n"))
        let body = source.dropFirst(ReportTemplate.builtInHead.count)
        #expect(body.hasPrefix("<main>\n<style>\n  .swatch"))
        #expect(body.hasSuffix("</body>\n</html>"))
        #expect(!body.contains("<head>"), "a second head in the body")
    }
}
