import Charts
import RNNCore

/// The figures of a sweep: the loss of each configuration across its seeds, the score of every
/// run by configuration (its last-50 loss, or its held-out MSE on a CSV series with held-out rows),
/// the prediction of the best run over its last windows and, on a CSV series, the best run over
/// the whole series with the held-out rows shaded.
public struct SweepFigures: Sendable {
    /// Per configuration, the median loss of each step across the seeds as a solid line, in a band
    /// of the same colour from the smallest to the largest (stem `sweep-loss`).
    public var loss: Figure
    /// Each run's score as a dot, one column per configuration in the table's order, with the
    /// configuration's median as a bar: its mean loss over its last 50 steps, or over all of
    /// them in runs of fewer (stem
    /// `sweep-last-loss`), or its held-out MSE when the sweep ranks by it (stem `sweep-holdout-mse`).
    public var lastLoss: Figure
    /// The best run's real and predicted target (cos(t), or the CSV series' target column) over
    /// its last windows (stem `best-prediction-tail`), when a run has a score.
    public var bestTail: Figure?
    /// On a CSV series: the best run over the whole series, real against predicted, the held-out
    /// rows shaded (stem `best-holdout`).
    public var bestHoldout: Figure?

    /// The figures in reading order.
    public var all: [Figure] { [loss, lastLoss] + [bestTail, bestHoldout].compactMap { $0 } }

    /// - Parameters:
    ///   - best: the metrics of ``SweepResults/bestRun``, for the prediction figure.
    public init(_ results: SweepResults, best: TrainingMetrics?, options: FigureOptions, theme: FigureTheme) {
        loss = Figure(
            stem: "sweep-loss", chart: Self.lossChart(results, smoothing: options.smoothing, theme: theme),
            size: Size(width: 1000, height: 520))
        lastLoss = Figure(
            stem: results.ranksByHoldout ? "sweep-holdout-mse" : "sweep-last-loss",
            chart: Self.lastLossChart(results, theme: theme), size: Size(width: 1000, height: 420))
        bestTail = nil
        bestHoldout = nil
        guard let best, let run = results.bestRun else { return }
        let figures = TrainingFigures(TrainingFigureInput(best, tailSteps: options.tailSteps, smoothing: options.smoothing), theme: theme)
        func named(_ figure: Figure?, _ stem: String) -> Figure? {
            guard var figure else { return nil }
            figure.stem = stem
            figure.chart.title = "Best run \(run.run.name): " + figure.chart.title.prefix(1).lowercased() + figure.chart.title.dropFirst()
            return figure
        }
        bestTail = named(figures.predictionTail, "best-prediction-tail")
        bestHoldout = named(figures.holdout, "best-holdout")
    }

    /// The target's name: the CSV series' target column, in quotation marks as every figure
    /// writes it (`“indoor_c”`), or cos(t).
    static func quantity(_ results: SweepResults) -> String {
        results.grid.runs.first?.config.target.flatMap { results.hasData ? TrainingFigureInput.quoted(column: $0) : nil } ?? "cos(t)"
    }

    /// The colour of the configuration at `rank` in the table.
    static func color(_ rank: Int, theme: FigureTheme) -> Color {
        let colors = theme == .light
            ? Palette.series
            : [Palette.skyBlue, Palette.orange, Color(rgb: 0x3DD6AC), Palette.reddishPurple, Palette.yellow, Color(rgb: 0x9CC8F0), Color(rgb: 0xD0D7DE)]
        return colors[rank % colors.count]
    }

    /// Steps on each side of the loss's moving average for runs of `steps` steps: half the
    /// smoothing fraction of the run, rounded down, as in a run's own loss figure.
    static func smoothingHalfWidth(_ smoothing: Double, steps: Int) -> Int {
        Int((smoothing / 2 * Double(steps)).rounded(.down))
    }

    /// One step's window in words, when every run's is the same: `a window of π`, `a window of
    /// 30 rows`, or `a window of rows of the series` when the grid sweeps the time step.
    static func windowText(_ results: SweepResults) -> String {
        guard results.hasData else { return "a window of π" }
        let timeSteps = Set(results.grid.runs.map(\.config.timeStep))
        guard timeSteps.count == 1, let timeStep = timeSteps.first else { return "a window of rows of the series" }
        return "a window of \(ReportNumber.count(timeStep, "row", "rows"))"
    }

    private static func lossChart(_ results: SweepResults, smoothing: Double, theme: FigureTheme) -> Chart {
        var series: [LineSeries] = []
        var fills: [AreaFill] = []
        // As a run's loss figure smooths its loss: a centred moving average of log loss over ±1 %
        // of the run, here of the median and of the band's two edges, without which the lines of
        // several configurations over decades are a tangle.
        let steps = results.configurations.map(\.medianLoss.count).max() ?? 0
        let halfWidth = smoothingHalfWidth(smoothing, steps: steps)
        let average = CenteredMovingAverage(halfWidth: halfWidth, scale: .log10)
        func smoothed(_ values: [Double?]) -> [Double?] { halfWidth > 0 ? average.smooth(values) : values }
        for (rank, configuration) in results.configurations.enumerated() {
            let color = color(rank, theme: theme)
            let edge = StrokeStyle.series(color.opacity(0.35), width: 0.5)
            if configuration.runs.count > 1 {
                fills.append(AreaFill(lower: series.count, upper: series.count + 1, color: color.opacity(theme == .light ? 0.15 : 0.2)))
                series.append(LineSeries(label: "", values: smoothed(configuration.minLoss), style: edge))
                series.append(LineSeries(label: "", values: smoothed(configuration.maxLoss), style: edge))
            }
            series.append(LineSeries(
                label: "\(configuration.label) (median of \(configuration.runs.count))",
                values: smoothed(configuration.medianLoss), style: .series(color, width: 1.75)))
        }
        let counts = Set(results.configurations.map(\.runs.count))
        let seeds = counts.count == 1 ? ReportNumber.count(counts.first ?? 0, "seed", "seeds") : "its seeds"
        var description = "The loss of every step on a log scale for each of the "
            + "\(ReportNumber.count(results.configurations.count, "configuration", "configurations")): the median across \(seeds) "
            + "as a solid line, in a band of the same colour from the smallest to the largest"
            + (halfWidth > 0
                ? ", each a centred moving average of log loss over ±\(ReportNumber.count(halfWidth, "step", "steps"))."
                : ", unsmoothed.")
        if let best = results.configurations.first, best.ranksByHoldout, let median = best.medianHoldoutMSE {
            description += " Best: \(best.label), median held-out MSE of \(quantity(results)) \(ReportNumber.short(median))."
        } else if let best = results.configurations.first, let median = best.medianLast {
            description += " Best: \(best.label), median \(results.lastLossName) \(ReportNumber.short(median))."
        }
        return Chart(
            title: "Training loss per configuration", description: description,
            xAxis: Axis(label: "training step (\(windowText(results)))", integerTicks: true, minimum: 0),
            panels: [Panel(yAxis: Axis(label: "MSE loss", scale: .log10), series: series, fills: fills)],
            style: theme.chartStyle)
    }

    private static func lastLossChart(_ results: SweepResults, theme: FigureTheme) -> Chart {
        let configurations = results.configurations
        let seedCount = configurations.map(\.runs.count).max() ?? 0
        // Dots: each run at its configuration's column, spread sideways by seed so that equal
        // values stay apart; a gap between columns keeps every dot a lone point.
        let spread = seedCount > 1 ? min(0.5 / Double(seedCount - 1), 0.06) : 0
        // The median first, behind the dots: a short bar across each column (x from k − 0.3 to
        // k + 0.3 in steps of 0.1).
        let lastSteps = results.lastSteps.map { ReportNumber.count($0, "step", "steps") } ?? "\(TrainingSummary.tailLength) steps"
        // On a grid ranked by two measures (SweepResults.mixedRanking), the figure of held-out MSE
        // leaves the columns of configurations without held-out rows empty: their last loss is
        // another quantity.
        func drawn(_ configuration: SweepResults.Configuration) -> Bool { configuration.ranksByHoldout == results.ranksByHoldout }
        var medians = [Double?](repeating: nil, count: max(10 * configurations.count - 3, 0))
        for (rank, configuration) in configurations.enumerated() where drawn(configuration) {
            for offset in 0 ..< 7 { medians[10 * rank + offset] = results.score(configuration) }
        }
        var series = [LineSeries(
            label: "median of the configuration", values: medians, xStart: 0.7, xStep: 0.1,
            style: StrokeStyle(color: color(1, theme: theme), width: 1.5))]
        for seedIndex in 0 ..< seedCount {
            var values = [Double?](repeating: nil, count: max(2 * configurations.count - 1, 0))
            for (rank, configuration) in configurations.enumerated() where seedIndex < configuration.runs.count && drawn(configuration) {
                values[2 * rank] = results.score(configuration.runs[seedIndex])
            }
            let offset = (Double(seedIndex) - Double(seedCount - 1) / 2) * spread
            series.append(LineSeries(
                label: seedIndex == 0 ? (results.ranksByHoldout ? "a run (its held-out MSE)" : "a run (mean loss of its last \(lastSteps))") : "",
                values: values, xStart: 1 + offset, xStep: 0.5,
                style: .series(color(0, theme: theme).opacity(0.85), width: 3.5)))
        }
        let level = HorizontalLevel(
            label: "converged below \(ReportNumber.short(TrainingSummary.convergenceThreshold))",
            value: TrainingSummary.convergenceThreshold, style: theme.threshold)
        let runCount = configurations.reduce(0) { $0 + $1.runs.count }
        let order = "one column per configuration in the order of the table (1 is the best): "
            + configurations.enumerated().prefix(12).map { "\($0.offset + 1) \($0.element.label)" }.joined(separator: ", ")
            + (configurations.count > 12 ? " and \(configurations.count - 12) more" : "") + "."
        if results.ranksByHoldout {
            let quantity = quantity(results)
            let heldOutRuns = configurations.filter(\.ranksByHoldout).reduce(0) { $0 + $1.runs.count }
            return Chart(
                title: "Held-out MSE of \(quantity), every run",
                description: "The mean squared error of \(quantity) over the held-out rows after training (in the loss's units), "
                    + "for each of the \(ReportNumber.count(heldOutRuns, "run", "runs"))\(results.mixedRanking ? " that hold rows out" : ""), \(order)"
                    + (results.mixedRanking
                        ? " The configurations of \(results.rows(rankedByHoldout: false)) hold no row out: they have no held-out MSE and no dots here, "
                            + "and are ranked by their \(results.lastLossName) in the table."
                        : ""),
                xAxis: Axis(label: "configuration (rank in the table)", integerTicks: true),
                panels: [Panel(yAxis: Axis(label: "held-out MSE of \(quantity)", scale: .log10), series: series)],
                style: theme.chartStyle)
        }
        let definition = results.lastLossDefinition
        let runs = ReportNumber.count(runCount, "run", "runs")
        var description = definition.sentence
        description += " of each of the \(runs), " + order
        // A run on a CSV series has no verdict: no count of converged runs, no threshold.
        if results.judged {
            description += " \(ReportNumber.count(results.convergedCount)) of \(ReportNumber.count(runCount)) runs converged."
        }
        return Chart(
            title: "Loss of the last \(lastSteps), every run",
            description: description,
            xAxis: Axis(label: "configuration (rank in the table)", integerTicks: true),
            panels: [Panel(
                yAxis: Axis(label: "mean loss, last \(lastSteps)", scale: .log10),
                series: series, levels: results.judged ? [level] : [])],
            style: theme.chartStyle)
    }
}
