import CairoCharts
import Foundation
import RNNCore

/// The report of a sweep as files: `report.html`, the figures in each format and dark,
/// `summary.csv` and `sweep.json`, in that order. The runs' own folders (`runs/NAME/`) are
/// written by each run, not here.
public struct SweepReport: Sendable {
    /// The folder of the runs inside a sweep directory.
    public static let runsFolder = "runs"
    /// The table of configurations.
    public static let tableName = "summary.csv"

    /// Every file, page first.
    public let files: [ReportFile]
    public let results: SweepResults

    /// Draws the figures and renders the page.
    ///
    /// - Parameters:
    ///   - best: the metrics of ``SweepResults/bestRun``, for its prediction figure.
    ///   - threads: the most threads that draw the figures at once (`nil`: one per core).
    /// - Throws: ``ChartImageError`` if a figure cannot be drawn, ``ReportTemplateError`` if the
    ///   page cannot be rendered.
    public init(results: SweepResults, best: TrainingMetrics?, options: FigureOptions = FigureOptions(), threads: Int? = nil) throws {
        self.results = results
        let light = SweepFigures(results, best: best, options: options, theme: .light)
        let dark = SweepFigures(results, best: best, options: options, theme: .dark)
        let drawn = try DrawnFigures(light: light.all, dark: dark.all, options: options, inline: true, threads: threads)
        let template = try ReportTemplate(source: SweepTemplate.source, origin: "the built-in sweep template", budgeted: false)
        let html = try template.render(context: Self.context(results, drawn: drawn))
        files = [ReportFile(name: TrainingReport.pageName, data: Data(html.utf8))] + drawn.files
            + [ReportFile(name: Self.tableName, data: Self.table(results)),
               ReportFile(name: SweepGrid.fileName, data: results.grid.jsonData())]
    }

    // MARK: - Page

    static func context(_ results: SweepResults, drawn: DrawnFigures) -> [String: Any] {
        let grid = results.grid
        let runCount = grid.runs.count
        let best = results.configurations.first
        let verdict: String
        if let best, best.ranksByHoldout, let median = best.medianHoldoutMSE {
            verdict = "Best: \(best.label), median held-out MSE of \(SweepFigures.quantity(results)) \(ReportNumber.short(median)) "
                + "(train \(best.medianTrainMSE.map(ReportNumber.short) ?? "–")) across \(ReportNumber.count(best.runs.count, "seed", "seeds"))."
        } else if let best, let median = best.medianLast, results.judged {
            verdict = "Best: \(best.label), converged on \(best.converged) of \(ReportNumber.count(best.runs.count, "seed", "seeds")), median \(results.lastLossName) "
                + "\(ReportNumber.short(median)). \(results.convergedCount) of \(runCount) runs converged."
        } else if let best, let median = best.medianLast {
            verdict = "Best: \(best.label), median \(results.lastLossName) \(ReportNumber.short(median)) "
                + "across \(ReportNumber.count(best.runs.count, "seed", "seeds"))."
        } else {
            verdict = "No run has a finite loss over its last steps."
        }
        let swept = grid.axes.map { "\($0.values.count) values of \($0.setting.optionName)" } + ["\(grid.seeds.count) seed\(grid.seeds.count == 1 ? "" : "s")"]
        let figures = drawn.figures.enumerated().map { index, figure -> [String: Any] in
            var item: [String: Any] = [
                "stem": figure.stem, "number": index + 1, "title": figure.title, "caption": figure.description,
                "captionParts": OptionMarking.parts(figure.description),
                "svg": drawn.inlineSVG[figure.stem]?.light ?? "", "darkSVG": drawn.inlineSVG[figure.stem]?.dark ?? "",
            ]
            if let name = drawn.fileName(of: figure, .svg) { item["svgFile"] = name }
            if let name = drawn.fileName(of: figure, .svg, theme: .dark) { item["darkSVGFile"] = name }
            if let name = drawn.fileName(of: figure, .png) { item["pngFile"] = name }
            return item
        }
        let sweptSettings = Set(grid.axes.map(\.setting))
        // The settings of a CSV series only when the sweep has one.
        let listed = results.hasData ? TrainingSetting.allCases : TrainingSetting.allCases.filter { !TrainingSetting.seriesSettings.contains($0) }
        let fixed = listed.filter { $0 != .seed && !sweptSettings.contains($0) }.map { setting -> [String: Any] in
            ["flag": setting.optionName, "value": grid.base.text(of: setting), "meaning": meaning(setting, results)]
        }
        let axes = grid.axes.map { axis -> [String: Any] in
            ["key": axis.setting.key, "flag": axis.setting.optionName, "values": axis.values.joined(separator: ", "), "meaning": meaning(axis.setting, results)]
        } + [["key": "seed", "flag": "--seeds", "values": seedText(grid.seeds), "meaning": TrainingSetting.seed.meaning]]
        let configurations = results.configurations.enumerated().map { rank, configuration -> [String: Any] in
            [
                "rank": rank + 1, "label": configuration.label, "best": rank == 0 && results.score(configuration) != nil,
                "trainMSE": configuration.medianTrainMSE.map(ReportNumber.short) ?? "–",
                "holdoutMSE": configuration.medianHoldoutMSE.map(ReportNumber.short) ?? "–",
                "values": configuration.values, "converged": configuration.converged, "runs": configuration.runs.count,
                "median": configuration.medianLast.map(ReportNumber.short) ?? "–",
                "spread": configuration.minLast.flatMap { low in configuration.maxLast.map { "\(ReportNumber.short(low)) – \(ReportNumber.short($0))" } } ?? "–",
                "bestSeed": configuration.best.map { "\($0.run.config.seed)" } ?? "–",
                "worstSeed": configuration.worst.map { "\($0.run.config.seed)" } ?? "–",
                "runLinks": configuration.runs.map { ["name": $0.run.name, "seed": "\($0.run.config.seed)", "failed": failed($0, results)] as [String: Any] },
            ]
        }
        var files: [[String: String]] = [
            ["name": tableName, "description": "the table above: one row per configuration, best first"],
            ["name": SweepGrid.fileName, "description": "the grid: the swept settings, the seeds, and every run's name and settings"],
            ["name": runsFolder + "/", "description": "one folder per run, with the metrics.json and model.safetensors that rnnreport train writes"],
        ]
        for figure in drawn.figures {
            if let name = drawn.fileName(of: figure, .png) { files.append(["name": name, "description": figure.title]) }
        }
        let task: String
        if results.hasData, let config = grid.runs.first?.config {
            let inputs = Set(grid.runs.map(\.config.input)).count == 1 ? config.input.joined(separator: ", ") : "its input columns"
            task = "each trained to predict \(config.target ?? "the target") from \(inputs), row by row of \(config.data ?? "the CSV series")"
        } else {
            task = "each trained to read sin(t) and predict cos(t)"
        }
        var ranking = results.mixedRanking
            ? "The held-out MSE is the mean squared error over the held-out rows after training, and the \(results.lastLossName) is \(results.lastLossDefinition); smaller is better, and equal medians are ordered by the median \(results.lastLossName)."
            : results.ranksByHoldout
            ? "Sorted by the median, across seeds, of the mean squared error over the held-out rows after training (smaller is better), then by the median \(results.lastLossName) (\(results.lastLossDefinition))."
            : results.judged
            ? "Sorted by the share of seeds that converged (a run converged when \(results.lastLossDefinition) is below \(ReportNumber.short(TrainingSummary.convergenceThreshold))), then by the median of that loss across seeds."
            : "Sorted by the median, across seeds, of the \(results.lastLossName) (\(results.lastLossDefinition); smaller is better). A run on a CSV series has no converged or not-converged verdict: sin→cos's threshold of \(ReportNumber.short(TrainingSummary.convergenceThreshold)) means nothing in a series' own units."
        if let note = results.mixedRankingNote { ranking = note + " " + ranking }
        let seedNote = results.judged ? "a seed in red did not converge." : "a seed in red has a loss that is not finite over its last steps."
        let subtitle = "\(ReportNumber.count(grid.configurations.count, "configuration", "configurations")) "
            + "(\(swept.joined(separator: " × "))), \(task)."
        var context: [String: Any] = [
            "title": "Sweep of \(ReportNumber.count(runCount, "run", "runs"))",
            "subtitle": subtitle, "subtitleParts": OptionMarking.parts(subtitle),
            "ranking": ranking, "hasData": results.hasData, "judged": results.judged, "seedNote": seedNote,
            "lastLossName": results.lastLossName,
            // Held-out MSE, and the loss of a CSV series, have no threshold of success: the best configuration is the finding.
            "good": !results.judged ? best.map { results.score($0) != nil } ?? false
                : best.map { $0.medianLast != nil && $0.converged == $0.runs.count } ?? false,
            "verdict": verdict,
            "figures": figures, "axes": axes, "fixed": fixed,
            "tableAxes": grid.axes.map { ["flag": $0.setting.optionName] },
            "configurations": configurations, "files": files, "version": RNNReportVersion.current,
        ]
        if let caveat = results.unlikeLossesCaveat { context["caveat"] = caveat }
        return context
    }

    /// What a setting means on the sweep's series: sin→cos's windows of π, or a CSV file's rows and epochs.
    private static func meaning(_ setting: TrainingSetting, _ results: SweepResults) -> String {
        results.hasData ? setting.seriesMeaning : setting.meaning
    }

    /// Whether a run's seed is shown in red: it did not converge on sin→cos; on a CSV series, which
    /// has no such verdict, its last losses are not finite.
    private static func failed(_ run: SweepResults.Run, _ results: SweepResults) -> Bool {
        results.judged ? !run.summary.converged : run.summary.meanOfLastSteps == nil
    }

    /// Seeds as text, consecutive ones as a range: `0..9, 12`.
    static func seedText(_ seeds: [UInt64]) -> String {
        var parts: [String] = []
        var index = 0
        while index < seeds.count {
            var end = index
            while end + 1 < seeds.count, seeds[end] < UInt64.max, seeds[end + 1] == seeds[end] + 1 { end += 1 }
            parts.append(end - index >= 2 ? "\(seeds[index])..\(seeds[end])" : (index ... end).map { "\(seeds[$0])" }.joined(separator: ", "))
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    // MARK: - Table

    /// `summary.csv`: one row per configuration, best first, numbers in full precision.
    ///
    /// `last_steps` is how many final steps each run's last loss (`median_last_loss`,
    /// `min_last_loss`, `max_last_loss`) averages: 50, or all of them in a run of fewer. A sweep on
    /// a CSV series has no `converged` column: such a run has no verdict. A grid ranked by two
    /// measures (``SweepResults/mixedRanking``) has a `ranked_by` column: the column that ranks
    /// each row, `median_holdout_mse` or `median_last_loss`.
    static func table(_ results: SweepResults) -> Data {
        let axes = results.grid.axes.map(\.setting.key)
        let mse = results.hasData ? ["median_train_mse", "median_holdout_mse"] : []
        let mixed = results.mixedRanking
        var lines = [(["rank", "configuration"] + axes + ["runs"] + (results.judged ? ["converged"] : []) + mse + (mixed ? ["ranked_by"] : []) + [
            "last_steps", "median_last_loss", "min_last_loss", "max_last_loss", "best_seed", "worst_seed",
        ]).joined(separator: ",")]
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
        for (rank, configuration) in results.configurations.enumerated() {
            let row = ["\(rank + 1)", csvField(configuration.label)] + configuration.values.map(csvField) + [
                "\(configuration.runs.count)",
            ] + (results.judged ? ["\(configuration.converged)"] : [])
                + (results.hasData ? [number(configuration.medianTrainMSE), number(configuration.medianHoldoutMSE)] : [])
                + (mixed ? [configuration.ranksByHoldout ? "median_holdout_mse" : "median_last_loss"] : []) + [
                "\(configuration.lastSteps)", number(configuration.medianLast),
                number(configuration.minLast), number(configuration.maxLast),
                configuration.best.map { "\($0.run.config.seed)" } ?? "", configuration.worst.map { "\($0.run.config.seed)" } ?? "",
            ]
            lines.append(row.joined(separator: ","))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
