import Foundation
import RNNCore
@testable import Report
import Testing

@Suite("sweep results")
struct SweepResultsTests {
    /// A run whose loss is `value` at every step.
    private func metrics(_ run: SweepRun, _ value: Float?) -> TrainingMetrics {
        TrainingMetrics(config: run.config, loss: Array(repeating: value, count: run.config.steps))
    }

    @Test("configurations are sorted by the share of seeds that converged, then median last-50 loss, with counts, spreads, best and worst seeds")
    func statistics() throws {
        let grid = try SweepGrid(base: TrainingConfiguration(), lists: [(.learningRate, "0.002,0.005,0.01"), (.steps, "60"), (.seed, "0..3")])
        // lr 0.002: losses 1e-2 for every seed; 0.005: 1e-4, 2e-4, 5e-4, 3e-3 (median 3.5e-4);
        // 0.01: 1e-4 for seeds 0 and 1, a missing loss for seeds 2 and 3 (the worst is the last of equals).
        let table: [String: [Float?]] = [
            "lr0.002": [1e-2, 1e-2, 1e-2, 1e-2], "lr0.005": [1e-4, 2e-4, 5e-4, 3e-3], "lr0.01": [1e-4, 1e-4, nil, nil],
        ]
        let results = SweepResults(grid: grid) { run in metrics(run, table[run.configuration]![Int(run.config.seed)]) }
        // 3 of 4 converged before 2 of 4, although the median of the second is lower.
        #expect(results.configurations.map(\.label) == ["lr0.005", "lr0.01", "lr0.002"])
        let lr005 = results.configurations[0], lr01 = results.configurations[1], lr002 = results.configurations[2]
        #expect(lr01.converged == 2 && lr01.minLast == Double(Float(1e-4)) && lr01.worst?.run.config.seed == 3)
        #expect(lr005.converged == 3)
        #expect(abs(lr005.medianLast! - 3.5e-4) < 1e-9)
        #expect(lr005.best?.run.config.seed == 0 && lr005.worst?.run.config.seed == 3)
        #expect(abs(lr005.maxLast! - 3e-3) < 1e-9)
        #expect(lr002.converged == 0 && lr002.values == ["0.002"])
        #expect(results.convergedCount == 5)
        #expect(results.bestRun?.run.name == "lr0.005-seed0")
        // Per step: the median of 1e-4, 2e-4, 5e-4 and 3e-3, and the smallest and largest.
        #expect(abs(lr005.medianLoss[0]! - 3.5e-4) < 1e-9 && lr005.minLoss[0] == Double(Float(1e-4)) && lr005.maxLoss[0] == Double(Float(3e-3)))
        #expect(SweepResults.median([1, 2, 10]) == 2 && SweepResults.median([1, 2, 3, 10]) == 2.5)
    }

    @Test("summary.csv and the Markdown summary hold one row per configuration, best first")
    func tables() throws {
        let grid = try SweepGrid(base: TrainingConfiguration(), lists: [(.hiddenSize, "8,16"), (.steps, "60"), (.seed, "0,1")])
        let results = SweepResults(grid: grid) { run in metrics(run, run.config.hiddenSize == 16 ? 1e-4 : 2e-3) }
        let csv = String(decoding: SweepReport.table(results), as: UTF8.self)
        #expect(csv == """
            rank,configuration,hidden_size,runs,converged,last_steps,median_last_loss,min_last_loss,max_last_loss,best_seed,worst_seed
            1,h16,16,2,2,50,\(Double(Float(1e-4))),\(Double(Float(1e-4))),\(Double(Float(1e-4))),0,1
            2,h8,8,2,0,50,\(Double(Float(2e-3))),\(Double(Float(2e-3))),\(Double(Float(2e-3))),0,1

            """)
        let markdown = SweepReport.markdown(results)
        #expect(markdown.contains("| 1 | `h16` ★ | 16 | 2 / 2 | 0.0001 |"), "\(markdown)")
        #expect(markdown.contains("| 2 | `h8` | 8 | 0 / 2 | 0.002 |"), "\(markdown)")
        #expect(markdown.contains("2 of 4 runs converged"))
        #expect(SweepReport.seedText([0, 1, 2, 3, 7, 9, 10]) == "0..3, 7, 9, 10")
    }

    /// The settings of a run on room.csv's y from u, with `holdout` of its rows held out.
    static func series(holdout: Double) -> TrainingConfiguration {
        var base = TrainingConfiguration()
        base.data = "room.csv"
        base.input = ["u"]
        base.target = "y"
        base.holdout = holdout
        return base
    }

    @Test("on a CSV series with held-out rows, configurations and seeds are ranked by held-out MSE, not by the last-50 loss")
    func heldOutRanking() throws {
        let grid = try SweepGrid(base: Self.series(holdout: 0.2), lists: [(.hiddenSize, "8,16"), (.steps, "60"), (.seed, "0,1")])
        // h8 fits the training rows best (last-50 loss 1e-4) and the held-out rows worst.
        let heldOut: [String: [Double]] = ["h8": [0.5, 0.3], "h16": [0.2, 0.4]]
        let results = SweepResults(grid: grid) { run in
            let mse = heldOut[run.configuration]![Int(run.config.seed)]
            return TrainingMetrics(
                config: run.config, loss: Array(repeating: run.config.hiddenSize == 8 ? 1e-4 : 1e-2, count: run.config.steps),
                evaluation: Evaluation(holdoutStart: 0, real: [], prediction: [], trainMSE: mse / 2, holdoutMSE: mse))
        }
        #expect(results.hasData && results.ranksByHoldout)
        #expect(results.configurations.map(\.label) == ["h16", "h8"])
        let h16 = results.configurations[0]
        #expect(abs(h16.medianHoldoutMSE! - 0.3) < 1e-12 && abs(h16.medianTrainMSE! - 0.15) < 1e-12)
        #expect(h16.best?.run.config.seed == 0 && h16.worst?.run.config.seed == 1)
        #expect(results.bestRun?.run.name == "h16-seed0")
        let csv = String(decoding: SweepReport.table(results), as: UTF8.self)
        // A run on a CSV series has no verdict: no converged column.
        #expect(csv.hasPrefix("rank,configuration,hidden_size,runs,median_train_mse,median_holdout_mse,last_steps,median_last_loss,"), "\(csv)")
        #expect(csv.contains("\n1,h16,16,2,\((0.1 + 0.2) / 2),\((0.2 + 0.4) / 2),50,"), "\(csv)")
        let markdown = SweepReport.markdown(results)
        #expect(markdown.contains("| 1 | `h16` ★ | 16 | 0.15 | 0.3 |"), "\(markdown)")
    }

    @Test("a grid that holds rows out in some configurations only ranks each configuration and its seeds by its own measure, and says which rows each ranks")
    func mixedHoldoutRanking() throws {
        let grid = try SweepGrid(base: Self.series(holdout: 0), lists: [(.holdout, "0,0.2"), (.hiddenSize, "8,16"), (.steps, "60"), (.seed, "0,1")])
        // Without held-out rows: seed 1 has half seed 0's loss, h16 a tenth of h8's. With them:
        // seed 1 has the lower loss again, but seed 0 the lower held-out MSE, and h8 the lower
        // one of the two; every held-out MSE is above every loss, so that a ranking that compared
        // the two would put the configurations without held-out rows first.
        let results = SweepResults(grid: grid) { run in
            let seed = Double(run.config.seed), h16 = run.config.hiddenSize == 16
            let loss = (run.config.holdout == 0 ? (h16 ? 1e-3 : 1e-2) : 1e-4) / (1 + seed)
            let holdoutMSE = run.config.holdout == 0 ? nil : (h16 ? 0.4 : 0.2) + 0.1 * seed
            return TrainingMetrics(
                config: run.config, loss: Array(repeating: Float(loss), count: run.config.steps),
                evaluation: Evaluation(holdoutStart: 0, real: [], prediction: [], trainMSE: loss, holdoutMSE: holdoutMSE))
        }
        #expect(results.ranksByHoldout && results.mixedRanking)
        // The values in the axes' order, --hidden-size before --holdout.
        #expect(results.configurations.map(\.values) == [["8", "0.2"], ["16", "0.2"], ["16", "0.0"], ["8", "0.0"]])
        #expect(results.configurations.map(\.ranksByHoldout) == [true, true, false, false])
        for configuration in results.configurations {
            // Held-out rows: seed 0 is best by held-out MSE; none: seed 1 by the last-50 loss.
            let best: UInt64 = configuration.ranksByHoldout ? 0 : 1
            #expect(configuration.best?.run.config.seed == best && configuration.worst?.run.config.seed == 1 - best, "\(configuration.label)")
        }
        #expect(results.bestRun?.run.config.holdout == 0.2 && results.bestRun?.run.config.hiddenSize == 8 && results.bestRun?.run.config.seed == 0)
        #expect(results.score(results.configurations[2]) == results.configurations[2].medianLast)
        let csv = String(decoding: SweepReport.table(results), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(csv[0].hasPrefix("rank,configuration,hidden_size,holdout,runs,median_train_mse,median_holdout_mse,ranked_by,last_steps,"), "\(csv)")
        #expect(csv[1].contains(",median_holdout_mse,") && csv[1].hasSuffix(",0,1"), "\(csv)")
        #expect(csv[3].contains(",,median_last_loss,") && csv[3].hasSuffix(",1,0"), "\(csv)")
        let note = "Two measures rank the rows: rows 1–2, whose runs hold rows out, by median held-out MSE; rows 3–4, whose runs hold none out, by median last-50 loss alone, after them"
        let markdown = SweepReport.markdown(results)
        #expect(markdown.contains(note) && !markdown.contains("configurations ranked by it"), "\(markdown)")
        #expect(markdown.contains("| 3 | `\(results.configurations[2].label)` | 16 | 0.0 | 0.00075 | – | 0.00075 | 0.0005 – 0.001 | 1 | 0 |"), "\(markdown)")
        let context = SweepReport.context(results, drawn: try DrawnFigures(light: [], dark: [], options: FigureOptions(), inline: false))
        #expect((context["ranking"] as? String)?.hasPrefix(note) == true, "\(context["ranking"] ?? "")")
        let rows = try #require(context["configurations"] as? [[String: Any]])
        #expect(rows.map { $0["bestSeed"] as? String } == ["0", "0", "1", "1"] && rows.map { $0["worstSeed"] as? String } == ["1", "1", "0", "0"])
        // The figure of held-out MSEs draws no dot or bar for the configurations without held-out rows.
        let chart = SweepFigures(results, best: nil, options: FigureOptions(), theme: .light).lastLoss.chart
        #expect(chart.title.hasPrefix("Held-out MSE"))
        for series in chart.panels[0].series {
            // The dots at x = 1, 2, 3, 4 (steps of 0.5); the bars from k − 0.3 (steps of 0.1).
            let columns = series.xStep == 0.5 ? [0, 2, 4, 6] : [0, 10, 20, 30]
            #expect(series[columns[0]] != nil && series[columns[1]] != nil, "\(series.label)")
            #expect(series[columns[2]] == nil && series[columns[3]] == nil, "\(series.label)")
        }
        #expect(chart.description.contains("for each of the 4 runs that hold rows out, "), "\(chart.description)")
        #expect(chart.description.contains("The configurations of rows 3–4 hold no row out"), "\(chart.description)")
    }

    @Test("the Markdown summary shows column and file names as written: escaped as text, as written in a code span")
    func markdownOfUntrustedNames() throws {
        var base = Self.series(holdout: 0.2)
        base.data = "<b>room.csv"
        base.target = "y<&>"
        // Two input sets, one with a backtick, and --normalize swept: losses of different quantities.
        let grid = try SweepGrid(base: base, lists: [(.input, "u&v;w`x"), (.normalize, "true,false"), (.steps, "60"), (.seed, "0")])
        let results = SweepResults(grid: grid) { run in
            TrainingMetrics(
                config: run.config, loss: Array(repeating: 1e-2, count: run.config.steps),
                evaluation: Evaluation(holdoutStart: 0, real: [], prediction: [], trainMSE: 0.1, holdoutMSE: run.config.normalize ? 0.2 : 0.3))
        }
        let markdown = SweepReport.markdown(results)
        let best = try #require(results.configurations.first?.label)
        #expect(markdown.contains("Best: `\(best)`, median held-out MSE of “y&lt;&amp;&gt;” 0.2 "), "\(markdown)")
        #expect(markdown.contains("(y&lt;&amp;&gt; in &lt;b&gt;room.csv, standardised; y&lt;&amp;&gt; in &lt;b&gt;room.csv)"), "the caveat: \(markdown)")
        #expect(markdown.contains("| `--input` | `--normalize` |"), "\(markdown)")
        // The values: u&v and w`x, as text in their cells.
        #expect(markdown.contains(" | u&amp;v | true | "), "\(markdown)")
        #expect(markdown.contains(" | w\\`x | true | "), "\(markdown)")
        for raw in ["<b>", "y<", "u&v"] {
            #expect(!markdown.contains(raw), "\(raw) in \(markdown)")
        }
    }

    @Test("on a CSV series without held-out rows: ranked by the last loss alone, with no converged count anywhere")
    func seriesWithoutVerdict() throws {
        let grid = try SweepGrid(base: Self.series(holdout: 0), lists: [(.hiddenSize, "8,16"), (.steps, "60"), (.seed, "0,1")])
        // h8 is below 1e-3 on one seed of two, h16 on none but lower in median: on sin→cos h8 would
        // come first for converging more often; a series has no such verdict.
        let losses: [String: [Float]] = ["h8": [1e-4, 9e-2], "h16": [2e-3, 2e-3]]
        let results = SweepResults(grid: grid) { run in metrics(run, losses[run.configuration]![Int(run.config.seed)]) }
        #expect(!results.judged)
        #expect(results.configurations.map(\.label) == ["h16", "h8"])
        let csv = String(decoding: SweepReport.table(results), as: UTF8.self)
        #expect(csv.hasPrefix("rank,configuration,hidden_size,runs,median_train_mse,median_holdout_mse,last_steps,median_last_loss,"), "\(csv)")
        let markdown = SweepReport.markdown(results)
        #expect(!markdown.contains("converged on"), "\(markdown)")
        #expect(!markdown.contains("| converged |"), "\(markdown)")
        #expect(markdown.contains("Best: `h16`, median last-50 loss 0.002 across 2 seeds"), "\(markdown)")
        let context = SweepReport.context(results, drawn: try DrawnFigures(light: [], dark: [], options: FigureOptions(), inline: false))
        #expect(context["judged"] as? Bool == false)
        #expect(context["seedNote"] as? String == "a seed in red has a loss that is not finite over its last steps.")
        #expect((context["verdict"] as? String)?.contains("converged") == false)
        #expect((context["ranking"] as? String)?.hasPrefix("Sorted by the median, across seeds, of the last-50 loss") == true)
        // Its settings read as they work on a series: rows per window, patience in epochs.
        let fixed = try #require(context["fixed"] as? [[String: Any]])
        let meanings = Dictionary(uniqueKeysWithValues: fixed.map { ($0["flag"] as! String, $0["meaning"] as! String) })
        #expect(meanings["--time-step"] == TrainingSetting.timeStep.seriesMeaning)
        #expect(meanings["--lr-patience"]?.hasPrefix("epochs without improvement") == true)
        let figures = SweepFigures(results, best: nil, options: FigureOptions(), theme: .light)
        #expect(figures.lastLoss.chart.panels[0].levels.isEmpty, "a 1e-3 line on a series' loss")
        #expect(!figures.lastLoss.chart.description.contains("converged"))
    }

    @Test("one seed is counted as one: the page's subtitle says 1 seed, and so does the refusal of a grid too large")
    func oneSeed() throws {
        let grid = try SweepGrid(base: TrainingConfiguration(), lists: [(.hiddenSize, "8,16"), (.steps, "20"), (.seed, "0")])
        let results = SweepResults(grid: grid) { run in metrics(run, 1e-4) }
        let context = SweepReport.context(results, drawn: try DrawnFigures(light: [], dark: [], options: FigureOptions(), inline: false))
        let subtitle = try #require(context["subtitle"] as? String)
        #expect(subtitle.hasPrefix("2 configurations (2 values of --hidden-size × 1 seed), "), "\(subtitle)")
        let steps = SweepAxis(setting: .steps, values: (1 ... SweepGrid.maximumRuns + 1).map(String.init))
        #expect(throws: SweepGridError(option: "the grid", problem: "100001 × 1 seed is more than 100000 runs; split it into several sweeps")) {
            try SweepGrid(base: TrainingConfiguration(), axes: [steps], seeds: [0])
        }
    }

    @Test("the verdict counts the best configuration's seeds in words that agree with the count: 1 seed, 2 seeds", arguments: ["0", "0,1"])
    func verdictSeedCount(seeds: String) throws {
        let grid = try SweepGrid(base: TrainingConfiguration(), lists: [(.hiddenSize, "8,16"), (.steps, "60"), (.seed, seeds)])
        let results = SweepResults(grid: grid) { run in metrics(run, run.config.hiddenSize == 16 ? 1e-4 : 2e-3) }
        let count = grid.seeds.count
        let words = "converged on \(count) of \(count) \(count == 1 ? "seed" : "seeds"),"
        let context = SweepReport.context(results, drawn: try DrawnFigures(light: [], dark: [], options: FigureOptions(), inline: false))
        let verdict = try #require(context["verdict"] as? String)
        #expect(verdict.contains(words), "\(verdict)")
        let markdown = SweepReport.markdown(results)
        #expect(markdown.contains(words), "\(markdown)")
    }

    @Test("runs of fewer than 50 steps: every place names the loss of the steps there are")
    func shortRuns() throws {
        let grid = try SweepGrid(base: TrainingConfiguration(), lists: [(.hiddenSize, "8,16"), (.steps, "20"), (.seed, "0,1")])
        let results = SweepResults(grid: grid) { run in metrics(run, run.config.hiddenSize == 16 ? 1e-4 : 2e-3) }
        #expect(results.lastSteps == 20)
        #expect(results.lastLossName == "last-20 loss")
        #expect(results.lastLossDefinition == "the mean loss of the last 20 steps")
        let csv = String(decoding: SweepReport.table(results), as: UTF8.self)
        #expect(csv.hasPrefix("rank,configuration,hidden_size,runs,converged,last_steps,median_last_loss,min_last_loss,max_last_loss,"))
        #expect(csv.contains("\n1,h16,16,2,2,20,"), "\(csv)")
        let markdown = SweepReport.markdown(results)
        #expect(markdown.contains("median last-20 loss 0.0001"), "\(markdown)")
        #expect(markdown.contains("| median last-20 loss |"), "\(markdown)")
        #expect(!markdown.contains("50"), "\(markdown)")
        let context = SweepReport.context(results, drawn: try DrawnFigures(light: [], dark: [], options: FigureOptions(), inline: false))
        #expect(context["lastLossName"] as? String == "last-20 loss")
        #expect((context["verdict"] as? String)?.contains("median last-20 loss") == true)
        #expect((context["ranking"] as? String)?.contains("the mean loss of the last 20 steps") == true)
        let figures = SweepFigures(results, best: nil, options: FigureOptions(), theme: .light)
        #expect(figures.lastLoss.chart.title == "Loss of the last 20 steps, every run")
        #expect(!figures.lastLoss.chart.description.contains("50"))
        // Runs of 20 and of 60 steps: each configuration says how many it averaged.
        let mixed = try SweepGrid(base: TrainingConfiguration(), lists: [(.steps, "20,60"), (.seed, "0")])
        let mixedResults = SweepResults(grid: mixed) { run in metrics(run, 1e-4) }
        #expect(mixedResults.lastSteps == nil)
        #expect(mixedResults.lastLossDefinition == "the mean loss of the last 50 steps (of every step, in a run of fewer)")
        #expect(mixedResults.configurations.map(\.lastSteps).sorted() == [20, 50])
    }

    @Test("the sweep's loss figure smooths each configuration's median and band as a run's loss figure does, and names the rows of a window")
    func smoothedLossFigure() throws {
        // 200 steps whose loss alternates between 1e-1 and 1e-3 (1e-2 in log space on average),
        // for two seeds: ±2 steps of smoothing (1 % of 200 on each side).
        var base = Self.series(holdout: 0)
        base.timeStep = 30
        let grid = try SweepGrid(base: base, lists: [(.hiddenSize, "8,16"), (.steps, "200"), (.seed, "0,1")])
        let results = SweepResults(grid: grid) { run in
            TrainingMetrics(config: run.config, loss: (0 ..< 200).map { Float($0 % 2 == 0 ? 1e-1 : 1e-3) * (run.config.seed == 0 ? 1 : 2) })
        }
        let chart = SweepFigures(results, best: nil, options: FigureOptions(), theme: .light).loss.chart
        #expect(chart.xAxis.label == "training step (a window of 30 rows)")
        #expect(chart.description.contains(", each a centred moving average of log loss over ±2 steps."), "\(chart.description)")
        let median = try #require(chart.panels[0].series.first { $0.label.hasPrefix("h8") })
        // In the middle of the run the geometric mean of 5 values, 3 high and 2 low or the other
        // way round: from one step to the next a factor of 10^0.4, where the raw medians jump by 100.
        for step in 2 ..< 197 {
            let value = try #require(median[step]), next = try #require(median[step + 1])
            #expect(abs(abs(log10(next / value)) - 0.4) < 1e-6, "step \(step)")
        }
        // The band's edges are smoothed alike: the smallest seed's loss averaged, not raw.
        let edges = chart.panels[0].series.filter { $0.label.isEmpty }
        #expect(edges.count == 4)
        #expect(try abs(log10(#require(edges[0][100])) - log10(Double(Float(1e-1)) * pow(Double(Float(1e-3)) / Double(Float(1e-1)), 0.4))) < 1e-6)
        // No smoothing: the values as they are; a grid that sweeps the time step names rows only.
        let raw = SweepFigures(results, best: nil, options: FigureOptions(smoothing: 0), theme: .light).loss.chart
        #expect(raw.description.contains(", unsmoothed."))
        let rawMedian = try #require(raw.panels[0].series.first { $0.label.hasPrefix("h8") })
        #expect(try abs(#require(rawMedian[1]) - 1.5e-3) < 1e-9)
        let windows = try SweepGrid(base: base, lists: [(.timeStep, "10,20"), (.steps, "200"), (.seed, "0")])
        let mixed = SweepResults(grid: windows) { run in TrainingMetrics(config: run.config, loss: Array(repeating: 0.1, count: 200)) }
        #expect(SweepFigures(mixed, best: nil, options: FigureOptions(), theme: .light).loss.chart.xAxis.label
            == "training step (a window of rows of the series)")
    }
}
