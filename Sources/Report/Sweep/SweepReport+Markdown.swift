extension SweepReport {
    /// The name `--summary` gives the table in Markdown, for `$GITHUB_STEP_SUMMARY` or a
    /// pull-request comment: the verdict, then one row per configuration, best first. Names and
    /// values from the lists (a column, a file) go in as ``Markdown`` text or code spans.
    public static func markdown(_ results: SweepResults) -> String {
        let grid = results.grid
        var lines = ["## Sweep of \(ReportNumber.count(grid.runs.count, "run", "runs"))", ""]
        if let best = results.configurations.first, best.ranksByHoldout, let median = best.medianHoldoutMSE {
            lines.append("Best: \(Markdown.code(best.label)), median held-out MSE of \(Markdown.text(SweepFigures.quantity(results))) "
                + "\(ReportNumber.short(median)) (train \(best.medianTrainMSE.map(ReportNumber.short) ?? "–")) across \(ReportNumber.count(best.runs.count, "seed", "seeds"))"
                // A grid ranked by two measures says which rows each ranks, after this.
                + (results.mixedRanking ? "." : "; configurations ranked by it."))
        } else if let best = results.configurations.first, let median = best.medianLast, results.judged {
            lines.append("Best: \(Markdown.code(best.label)), converged on \(best.converged) of \(ReportNumber.count(best.runs.count, "seed", "seeds")), "
                + "median \(results.lastLossName) \(ReportNumber.short(median)); \(results.convergedCount) of \(grid.runs.count) runs converged "
                + "(\(results.lastLossDefinition) below \(ReportNumber.short(TrainingSummary.convergenceThreshold))).")
        } else if let best = results.configurations.first, let median = best.medianLast {
            lines.append("Best: \(Markdown.code(best.label)), median \(results.lastLossName) \(ReportNumber.short(median)) "
                + "across \(ReportNumber.count(best.runs.count, "seed", "seeds")) (\(results.lastLossDefinition)); "
                + "configurations ranked by it. A run on a CSV series has no converged or not-converged verdict.")
        } else {
            lines.append("No run has a finite loss over its last steps.")
        }
        if let note = results.mixedRankingNote { lines[lines.count - 1] += " " + Markdown.text(note) }
        if let caveat = results.unlikeLossesCaveat { lines[lines.count - 1] += " " + Markdown.text(caveat) }
        lines.append("")
        let axes = grid.axes.map { Markdown.code($0.setting.optionName, inTable: true) }
        let mse = results.hasData ? ["train MSE", "held-out MSE"] : []
        let converged = results.judged ? ["converged"] : []
        lines.append("| # | configuration | " + (axes + converged + mse + ["median \(results.lastLossName)", "min – max", "best seed", "worst seed"]).joined(separator: " | ") + " |")
        lines.append("|" + Array(repeating: "---|", count: 2 + axes.count + converged.count + 4 + mse.count).joined())
        for (rank, configuration) in results.configurations.enumerated() {
            let spread = configuration.minLast.flatMap { low in configuration.maxLast.map { "\(ReportNumber.short(low)) – \(ReportNumber.short($0))" } } ?? "–"
            let mses = results.hasData
                ? [configuration.medianTrainMSE.map(ReportNumber.short) ?? "–", configuration.medianHoldoutMSE.map(ReportNumber.short) ?? "–"] : []
            let cells = ["\(rank + 1)", Markdown.code(configuration.label, inTable: true) + (rank == 0 && results.score(configuration) != nil ? " ★" : "")]
                + configuration.values.map(Markdown.text)
                + (results.judged ? ["\(configuration.converged) / \(configuration.runs.count)"] : []) + mses
                + [configuration.medianLast.map(ReportNumber.short) ?? "–", spread,
                   configuration.best.map { "\($0.run.config.seed)" } ?? "–", configuration.worst.map { "\($0.run.config.seed)" } ?? "–"]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
