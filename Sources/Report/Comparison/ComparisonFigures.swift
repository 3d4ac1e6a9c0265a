import Charts
import RNNCore

/// The figures of a comparison: every run's loss (and learning rate) overlaid in one figure,
/// and each run's prediction over its last windows in a small figure of its own, to show side
/// by side.
public struct ComparisonFigures: Sendable {
    /// The loss of every run on a log scale, with the learning rates under it (stem `PREFIXloss`).
    public var loss: Figure
    /// One small figure per run, in the runs' order (stems `PREFIXtail-1`, `PREFIXtail-2`, …):
    /// `nil` for a run that did not record its real and predicted values (a metrics file of the
    /// loss alone), whose figure would be empty.
    public var tails: [Figure?]

    /// Per run, whether the loss figure draws its centred moving average (solid, over its loss
    /// per step, faint) rather than its loss per step alone: a run too short for the average to
    /// reach one step on either side is drawn unsmoothed.
    public var smoothed: [Bool]

    /// The figures in reading order.
    public var all: [Figure] { [loss] + tails.compactMap { $0 } }

    /// How the loss figure draws the runs' losses, as the clause that follows "The loss of …
    /// on a log scale": each run's moving average over its loss per step; or, for the runs too
    /// short for it (all of them, or those named), the loss per step alone.
    ///
    /// - Parameters:
    ///   - names: the runs' names as the sentence gives them (“a”, or this run), in the legend's
    ///     order.
    ///   - smoothed: per run, as ``smoothed``.
    ///   - smoothing: the moving average's width, as a fraction of a run's steps (0 for none).
    public static func lossDrawing(names: [String], smoothed: [Bool], smoothing: Double) -> String {
        let width = "over \(ReportNumber.short(smoothing * 100)) % of its steps"
        let average = "centred moving average \(width), taken in log space (solid line), over its loss per step (faint line)"
        let short = zip(names, smoothed).filter { !$0.1 }.map(\.0)
        if short.isEmpty { return ": each run's " + average }
        if short.count == names.count {
            return ": each run's loss per step (solid line), not smoothed"
                + (smoothing > 0 ? ": no run is long enough for a centred moving average \(width) to reach one step on either side" : "")
        }
        return ": each run's " + average + ", except \(ReportNumber.listing(short)), too short for the average to reach one step on either side, "
            + (short.count == 1 ? "drawn as its" : "drawn as their") + " loss per step alone (solid line)"
    }

    /// - Parameters:
    ///   - runs: the runs, in the order of the legend and of the tail figures.
    ///   - options: the tail's windows and the loss's smoothing (formats do not matter here).
    ///   - stemPrefix: put before every stem, so that a comparison inside another report
    ///     (`baseline-`) does not share file names or SVG ids with its figures.
    ///   - theme: light or dark colours.
    public init(_ runs: [ComparedRun], options: FigureOptions, stemPrefix: String = "", theme: FigureTheme = .light) {
        let inputs = runs.map { TrainingFigureInput($0.metrics, tailSteps: options.tailSteps, smoothing: options.smoothing) }
        let series = inputs.map(StepSeries.init)
        smoothed = series.map { $0.smoothingHalfWidth > 0 }
        loss = Figure(
            stem: stemPrefix + "loss", chart: Self.lossChart(runs, series: series, inputs: inputs, theme: theme),
            size: Size(width: 1000, height: series.contains(where: { $0.learningRate != nil }) ? 560 : 440))
        tails = runs.indices.map { index in
            guard PointSeries(inputs[index]) != nil else { return nil }
            return Figure(
                stem: stemPrefix + "tail-\(index + 1)",
                chart: Self.tailChart(runs[index], index: index, input: inputs[index], theme: theme),
                size: Size(width: 500, height: 280))
        }
    }

    // MARK: - Charts

    private static func lossChart(_ runs: [ComparedRun], series: [StepSeries], inputs: [TrainingFigureInput], theme: FigureTheme) -> Chart {
        var losses: [LineSeries] = []
        var rates: [LineSeries] = []
        // The raw losses first, faint and out of the legend, so that every run's solid line is on top.
        for (index, steps) in series.enumerated() where steps.smoothingHalfWidth > 0 {
            losses.append(LineSeries(label: "", values: steps.loss, style: RunColors.style(index, theme: theme, width: 1, opacity: 0.25)))
        }
        for (index, (run, steps)) in zip(runs, series).enumerated() {
            let smoothed = steps.smoothingHalfWidth > 0
            losses.append(LineSeries(
                label: run.label, values: smoothed ? steps.smoothedLoss : steps.loss,
                style: RunColors.style(index, theme: theme, width: smoothed ? 2 : 1.25)))
            if let learningRate = steps.learningRate {
                var rate = LineSeries(label: "", values: learningRate, style: RunColors.style(index, theme: theme, width: 1.5))
                rate.interpolation = .step
                rates.append(rate)
            }
        }
        var panels = [Panel(yAxis: Axis(label: "MSE loss", scale: .log10), series: losses, heightShare: 3)]
        if !rates.isEmpty {
            panels.append(Panel(yAxis: Axis(label: "learning rate", scale: .log10), series: rates))
        }
        var description = "Line chart of the training loss of \(ReportNumber.count(runs.count, "run", "runs")) on a log scale"
            + lossDrawing(names: runs.map { "“\($0.label)”" }, smoothed: series.map { $0.smoothingHalfWidth > 0 },
                          smoothing: inputs.first?.smoothing ?? 0) + "."
            + (rates.isEmpty ? "" : " Under it, the learning rate each run used, as step lines on a log scale.")
        for run in runs {
            let summary = run.summary
            description += " \(run.label): final loss \(summary.finalLoss.map(ReportNumber.short) ?? "not finite")"
                + ", mean of the last \(ReportNumber.count(summary.lastSteps))"
                + " \(summary.meanOfLastSteps.map(ReportNumber.short) ?? "not finite")."
        }
        return Chart(
            title: "Training loss of each run", description: description,
            xAxis: Axis(label: Self.stepLabel(inputs), integerTicks: true, minimum: 0), panels: panels, style: theme.chartStyle)
    }

    /// The x axis of the loss: what one step is when every run's step is the same (`a window of
    /// π`, `a window of 20 rows`), or just `training step` when the runs' steps differ.
    private static func stepLabel(_ inputs: [TrainingFigureInput]) -> String {
        let windows = Set(inputs.map { $0.targetName == nil ? "a window of π" : "a window of \(ReportNumber.count($0.timeStep, "row", "rows"))" })
        return windows.count == 1 ? "training step (\(windows.first!))" : "training step"
    }

    private static func tailChart(_ run: ComparedRun, index: Int, input: TrainingFigureInput, theme: FigureTheme) -> Chart {
        let (windows, start) = input.tail
        let points = PointSeries(input)
        let step = 1 / Double(input.timeStep)
        let real = points.map { Array($0.real.dropFirst(start)) } ?? []
        let predicted = points.map { Array($0.prediction.dropFirst(start)) } ?? []
        var description = "\(run.label): the real \(input.quantity) and the run's prediction over its last "
            + (windows == 1 ? "window." : "\(ReportNumber.count(windows)) windows.")
        if let error = PredictionSummary(input: input, from: start).meanSquaredError {
            description += " Mean squared error over these points\(input.squaredErrorUnits): \(ReportNumber.short(error))."
        }
        description += input.restartNote(from: start)
        var lines = [
            // The target as a wide neutral band, so that no run's colour is taken by it.
            LineSeries(label: "real", samples: real, xStart: Double(start) * step, xStep: step,
                       style: .series(theme == .light ? Color(rgb: 0x8A9099).opacity(0.45) : Color(rgb: 0x8B949E).opacity(0.5), width: 4)),
            LineSeries(label: "predicted", samples: predicted, xStart: Double(start) * step, xStep: step,
                       style: RunColors.style(index, theme: theme, width: 1.5)),
        ]
        // Where a CSV series starts over, the lines break (as in the run's own figures).
        let breaks = input.restartBreaks(from: start)
        for line in lines.indices { lines[line].breaks = breaks }
        return Chart(
            title: run.label, description: description,
            xAxis: Axis(label: "training step", integerTicks: true, minimum: 0),
            panels: [Panel(
                yAxis: Axis(label: input.quantity), series: lines,
                markers: TrainingFigures.restartMarkers(input, from: start, theme: theme))],
            style: theme.chartStyle)
    }
}
