extension SweepReport {
    /// The name `--summary` gives the table in Markdown, for `$GITHUB_STEP_SUMMARY` or a
    /// pull-request comment: the verdict, then one row per configuration, best first.
    public static func markdown(_ results: SweepResults) -> String {
        let grid = results.grid
        var lines = ["## Sweep of \(ReportNumber.count(grid.runs.count, "run", "runs"))", ""]
        if let best = results.configurations.first, let median = best.medianLast {
            lines.append("Best: `\(best.label)`, converged on \(best.converged) of \(best.runs.count) seeds, "
                + "median last-50 loss \(ReportNumber.short(median)); \(results.convergedCount) of \(grid.runs.count) runs converged "
                + "(mean loss of the last \(TrainingSummary.tailLength) steps below \(ReportNumber.short(TrainingSummary.convergenceThreshold))).")
        } else {
            lines.append("No run has a loss for its last \(TrainingSummary.tailLength) steps.")
        }
        lines.append("")
        let axes = grid.axes.map { "`\($0.setting.optionName)`" }
        lines.append("| # | configuration | " + (axes + ["converged", "median last-50 loss", "min – max", "best seed", "worst seed"]).joined(separator: " | ") + " |")
        lines.append("|" + Array(repeating: "---|", count: 2 + axes.count + 5).joined())
        for (rank, configuration) in results.configurations.enumerated() {
            let spread = configuration.minLast.flatMap { low in configuration.maxLast.map { "\(ReportNumber.short(low)) – \(ReportNumber.short($0))" } } ?? "–"
            let cells = ["\(rank + 1)", "`\(configuration.label)`" + (rank == 0 && configuration.medianLast != nil ? " ★" : "")]
                + configuration.values.map { $0.replacingOccurrences(of: "|", with: "\\|") }
                + ["\(configuration.converged) / \(configuration.runs.count)", configuration.medianLast.map(ReportNumber.short) ?? "–", spread,
                   configuration.best.map { "\($0.run.config.seed)" } ?? "–", configuration.worst.map { "\($0.run.config.seed)" } ?? "–"]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
