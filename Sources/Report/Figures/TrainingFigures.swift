import Charts
import RNNCore

/// The figures of a training run: real against predicted over the whole run with the error of
/// each window under it, the same for the last windows only, the loss with the learning rate and
/// the gradient norm under it, and for a run on a CSV series the whole series after training.
/// The x axes of the first three count training steps, each a window (of π for sin→cos, of rows
/// of the series otherwise).
///
/// A figure whose data the run did not record is not made: a run of which only the loss is known
/// has the loss figure alone, without the panels of the learning rate and the gradient norm.
public struct TrainingFigures: Sendable {
    /// Real and predicted cos(t) (or the target) at every point of the run, and each window's RMSE (stem
    /// `prediction`); `nil` when the run recorded no points.
    public var prediction: Figure?
    /// The same over the last windows, where the two should coincide (stem `prediction-tail`);
    /// `nil` when the run recorded no points.
    public var predictionTail: Figure?
    /// The loss per step on a log scale, raw and smoothed; under it the learning rate and the
    /// gradient norm, where the run recorded them (stem `loss`).
    public var loss: Figure
    /// For a run on a CSV series that recorded its evaluation: the whole series, real against
    /// predicted after training, the held-out rows shaded (stem `holdout`).
    public var holdout: Figure?

    /// The stem of every figure a run's report may have, made or not.
    public static let stems = ["prediction", "prediction-tail", "loss", "holdout"]

    /// The figures made, in reading order.
    public var all: [Figure] { [prediction, predictionTail, loss, holdout].compactMap { $0 } }

    /// - Parameters:
    ///   - summary: the run's summary, if the caller has it already; computed from `input` otherwise.
    ///   - series: the per-step values, if the caller has them already; computed from `input` otherwise.
    ///   - points: the per-point values, likewise.
    public init(
        _ input: TrainingFigureInput, summary: TrainingSummary? = nil, series: StepSeries? = nil,
        points: PointSeries? = nil, theme: FigureTheme = .light
    ) {
        let summary = summary ?? TrainingSummary(loss: input.loss, learningRate: input.learningRate)
        let series = series ?? StepSeries(input)
        loss = Figure(
            stem: "loss", chart: TrainingFigures.lossChart(input, summary: summary, series: series, theme: theme),
            size: Size(width: 1000, height: input.learningRate == nil && input.gradNorm == nil ? 400 : 560))
        holdout = input.evaluation.flatMap { evaluation in
            evaluation.real.isEmpty ? nil : Figure(
                stem: "holdout",
                chart: TrainingFigures.holdoutChart(evaluation, quantity: input.quantity, theme: theme),
                size: Size(width: 1000, height: 440))
        }
        guard let points = points ?? PointSeries(input), let rmse = series.windowRMSE else {
            prediction = nil
            predictionTail = nil
            return
        }
        let pointCount = input.pointCount
        let steps = pointCount / input.timeStep
        let (tailSteps, tailStart) = input.tail
        let windowText = tailSteps == 1 ? "window" : "\(ReportNumber.count(tailSteps)) windows"

        prediction = Figure(
            stem: "prediction",
            chart: TrainingFigures.predictionChart(
                title: "Real and predicted \(input.quantity), whole run",
                description: PredictionSummary(input: input, from: 0).description(
                    scope: "at each of the \(ReportNumber.count(pointCount)) points of the run "
                        + "(\(ReportNumber.count(steps, "window", "windows")) of \(input.timeStep) points)")
                    + input.restartNote(from: 0)
                    + (input.targetName == nil
                        ? ErrorSummary(rmse: rmse).description
                        : " The lower panel shows the root mean squared error of each window on a log scale."),
                input: input, points: points, from: 0, rmse: rmse, theme: theme),
            size: Size(width: 1000, height: 480))
        predictionTail = Figure(
            stem: "prediction-tail",
            chart: TrainingFigures.predictionChart(
                title: "Real and predicted \(input.quantity), last \(windowText)",
                description: PredictionSummary(input: input, from: tailStart).description(
                    scope: "over the last \(windowText) of the run, points \(ReportNumber.count(tailStart)) to "
                        + "\(ReportNumber.count(max(pointCount - 1, 0)))") + input.restartNote(from: tailStart),
                input: input, points: points, from: tailStart, rmse: nil, theme: theme))
    }

    /// The x-axis title of every figure: what one unit of x is.
    static func xAxis(_ input: TrainingFigureInput) -> Axis {
        guard input.knowsTimeStep else { return Axis(label: "training step", integerTicks: true, minimum: 0) }
        return Axis(label: "training step (\(input.windowText))", integerTicks: true, minimum: 0)
    }

    // MARK: - Charts

    private static func predictionChart(
        title: String, description: String, input: TrainingFigureInput, points: PointSeries, from start: Int,
        rmse: [Double?]?, theme: FigureTheme
    ) -> Chart {
        // The whole run shares the arrays; a tail is a short copy.
        let real = start == 0 ? points.real : Array(points.real.dropFirst(start))
        let predicted = start == 0 ? points.prediction : Array(points.prediction.dropFirst(start))
        // Point i of the run sits at step i / T: window k covers steps k to k + 1.
        let step = 1 / Double(input.timeStep)
        var lines = [
            LineSeries(label: "real", samples: real, xStart: Double(start) * step, xStep: step, style: theme.real),
            LineSeries(label: "predicted", samples: predicted, xStart: Double(start) * step, xStep: step, style: theme.prediction),
        ]
        // On a CSV series each epoch starts the series over: its first point does not follow
        // the last training row, and the lines break there rather than draw the jump as data.
        let breaks = input.restartBreaks(from: start)
        for index in lines.indices { lines[index].breaks = breaks }
        let values = Panel(
            yAxis: Axis(label: input.quantity), series: lines,
            markers: restartMarkers(input, from: start, theme: theme), heightShare: 2.2)
        var panels = [values]
        if let rmse {
            // Each window's error at the middle of its window; sin→cos's threshold only for
            // sin→cos (a series of the user's own is in its own units).
            let level = HorizontalLevel(
                label: "RMSE \(ReportNumber.short(ErrorSummary.threshold)), a loss of \(ReportNumber.short(TrainingSummary.convergenceThreshold))", value: ErrorSummary.threshold,
                style: theme.threshold)
            panels.append(Panel(
                yAxis: Axis(label: "RMSE per window", scale: .log10),
                series: [LineSeries(label: "error of each window (RMSE)", values: rmse, xStart: 0.5, style: theme.error)],
                levels: input.targetName == nil ? [level] : []))
        }
        return Chart(title: title, description: description, xAxis: xAxis(input), panels: panels, style: theme.chartStyle)
    }

    /// A thin line at each step where the series starts over, when there are few enough to tell
    /// apart (a long run of short epochs says so in its caption only).
    static func restartMarkers(_ input: TrainingFigureInput, from start: Int, theme: FigureTheme) -> [VerticalMarkers] {
        let steps = input.restartSteps.filter { $0 * input.timeStep > start }
        guard !steps.isEmpty, steps.count <= maximumRestartMarkers else { return [] }
        return [VerticalMarkers(label: "the series starts over", positions: steps.map(Double.init), style: theme.restart)]
    }

    /// The most restart markers a prediction figure draws.
    static let maximumRestartMarkers = 20

    /// The whole series after training, row by row: real and predicted, the held-out rows shaded.
    private static func holdoutChart(_ evaluation: Evaluation, quantity: String, theme: FigureTheme) -> Chart {
        let rows = evaluation.real.count
        let start = min(max(evaluation.holdoutStart, 0), rows)
        var spans: [ShadedSpan] = []
        if start < rows {
            // Row r is drawn at x = r; the band covers the held-out rows and half a row either side.
            spans.append(ShadedSpan(
                label: "held out: rows \(ReportNumber.count(start)) to \(ReportNumber.count(rows - 1))",
                from: Double(start) - 0.5, to: Double(rows - 1) + 0.5, color: theme.heldOut))
        }
        let panel = Panel(
            yAxis: Axis(label: quantity),
            series: [
                LineSeries(label: "real", values: evaluation.real, style: theme.real),
                LineSeries(label: "predicted after training", values: evaluation.prediction, style: theme.prediction),
            ],
            spans: spans)
        return Chart(
            title: "Real and predicted \(quantity) over the whole series, after training",
            description: HoldoutSummary(evaluation).description(quantity: quantity),
            xAxis: Axis(label: "row of the series", integerTicks: true, minimum: 0), panels: [panel], style: theme.chartStyle)
    }

    private static func lossChart(
        _ input: TrainingFigureInput, summary: TrainingSummary, series: StepSeries, theme: FigureTheme
    ) -> Chart {
        let smoothing = series.smoothingHalfWidth
        // Faint behind its moving average; without one (a run shorter than the smoothing window,
        // or --smoothing 0) the loss per step is the line the panel shows.
        var lossSeries = [LineSeries(label: "loss per step", values: series.loss, style: smoothing > 0 ? theme.rawLoss : theme.unsmoothedLoss)]
        if smoothing > 0 {
            lossSeries.append(LineSeries(
                label: "centred mean of log loss, ±\(ReportNumber.count(smoothing, "step", "steps"))",
                values: series.smoothedLoss, style: theme.smoothedLoss))
        }
        var panels = [Panel(yAxis: Axis(label: "MSE loss", scale: .log10), series: lossSeries, heightShare: 3)]
        if let learningRate = series.learningRate {
            var rate = LineSeries(label: "learning rate", values: learningRate, style: theme.learningRate)
            rate.interpolation = .step
            panels.append(Panel(yAxis: Axis(label: "learning rate", scale: .log10), series: [rate]))
        }
        if let gradNorm = series.gradNorm { panels.append(gradNormPanel(input, gradNorm: gradNorm, theme: theme)) }
        return Chart(
            title: "Training loss",
            description: LossSummary(
                loss: input.loss, summary: summary, series: series, clipNorm: input.clipNorm,
                clipPlacement: clipPlacement(input, series: series)).description,
            xAxis: xAxis(input), panels: panels, style: theme.chartStyle)
    }

    /// The gradient norm before clipping, with the clip threshold when known.
    private static func gradNormPanel(_ input: TrainingFigureInput, gradNorm: [Double?], theme: FigureTheme) -> Panel {
        let levels = input.clipNorm.map {
            [HorizontalLevel(label: "clip threshold \(ReportNumber.short($0))", value: $0, style: theme.clipLevel)]
        } ?? []
        return Panel(
            yAxis: Axis(label: "gradient norm", scale: .log10),
            series: [LineSeries(label: "gradient norm before clipping", values: gradNorm, style: theme.gradNorm)],
            levels: levels, heightShare: 1.2)
    }

    /// Where the loss figure draws the clip threshold: across the gradient norm's panel, or off
    /// it when it is far from every norm (a `clip_norm` of 1e300 would squash them into a strip),
    /// as the legend says; `nil` when the run records no gradient norm or no threshold.
    static func clipPlacement(_ input: TrainingFigureInput, series: StepSeries) -> HorizontalLevel.Placement? {
        guard let gradNorm = series.gradNorm else { return nil }
        let panel = gradNormPanel(input, gradNorm: gradNorm, theme: .light)
        return panel.levels.first.map { panel.placement(of: $0) }
    }
}
