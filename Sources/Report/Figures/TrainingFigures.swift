import Charts

/// The three figures of a training run: real against predicted over the whole run, the same for
/// the last windows only, and the loss curve.
public struct TrainingFigures: Sendable {
    /// Real and predicted cos(t) at every point of the run (stem `prediction`).
    public var prediction: Figure
    /// The same over the last windows, where the two should coincide (stem `prediction-tail`).
    public var predictionTail: Figure
    /// The loss per step on a log scale, raw and smoothed, with a marker where the learning rate
    /// was reduced (stem `loss`).
    public var loss: Figure

    /// The three figures in reading order.
    public var all: [Figure] { [prediction, predictionTail, loss] }

    /// - Parameters:
    ///   - summary: the run's summary, if the caller has it already; computed from `input` otherwise.
    public init(_ input: TrainingFigureInput, summary: TrainingSummary? = nil) {
        let summary = summary ?? TrainingSummary(loss: input.loss, learningRate: input.learningRate)
        let pointCount = input.pointCount
        let steps = pointCount / input.timeStep
        let (tailSteps, tailStart) = input.tail

        prediction = Figure(stem: "prediction", chart: TrainingFigures.predictionChart(
            title: "Real and predicted cos(t), whole run",
            description: PredictionSummary(input: input, from: 0).description(
                scope: "at each of the \(ReportNumber.count(pointCount)) points of the run "
                    + "(\(ReportNumber.count(steps, "window", "windows")) of \(input.timeStep) points)"),
            input: input, from: 0))
        predictionTail = Figure(stem: "prediction-tail", chart: TrainingFigures.predictionChart(
            title: "Real and predicted cos(t), last \(tailSteps == 1 ? "window" : "\(ReportNumber.count(tailSteps)) windows")",
            description: PredictionSummary(input: input, from: tailStart).description(
                scope: "over the last \(tailSteps == 1 ? "window" : "\(ReportNumber.count(tailSteps)) windows") of the run, "
                    + "points \(ReportNumber.count(tailStart)) to \(ReportNumber.count(max(pointCount - 1, 0)))"),
            input: input, from: tailStart))
        loss = Figure(stem: "loss", chart: TrainingFigures.lossChart(input, summary: summary))
    }

    // MARK: - Charts

    private static func predictionChart(title: String, description: String, input: TrainingFigureInput, from start: Int) -> Chart {
        let real = Array(input.real.dropFirst(start))
        let predicted = Array(input.prediction.dropFirst(start))
        return Chart(
            title: title, description: description,
            xAxis: Axis(label: "point (\(input.timeStep) per training step)", integerTicks: true),
            yAxis: Axis(label: "cos(t)"),
            series: [
                LineSeries(label: "real", values: real, xStart: Double(start), style: FigureStyle.real),
                LineSeries(label: "predicted", values: predicted, xStart: Double(start), style: FigureStyle.prediction),
            ])
    }

    private static func lossChart(_ input: TrainingFigureInput, summary: TrainingSummary) -> Chart {
        let raw = input.loss.map { $0.map(Double.init) }
        let weight = smoothingWeight(steps: raw.count)
        let smoothed = ExponentialMovingAverage(weight: weight).smooth(raw)
        let weightText = ReportNumber.short(weight)
        return Chart(
            title: "Training loss",
            description: LossSummary(loss: input.loss, summary: summary, weightText: weightText).description,
            xAxis: Axis(label: "training step", integerTicks: true),
            yAxis: Axis(label: "MSE loss (log scale)", scale: .log10),
            series: [
                LineSeries(label: "loss per step", values: raw, style: FigureStyle.rawLoss),
                LineSeries(label: "smoothed (EMA \(weightText))", values: smoothed, style: FigureStyle.smoothedLoss),
            ],
            markers: [VerticalMarkers(
                label: "learning rate reduced", positions: summary.reductionSteps.map(Double.init),
                style: FigureStyle.learningRateMarker)])
    }

    /// The EMA weight: a memory of a fiftieth of the run (weight 1 − 1/memory, rounded down to
    /// three decimals), at least 2 steps. A default run of 500 steps gets TensorBoard's familiar
    /// 0.9; a run of 40 steps is smoothed without lagging far behind, and a run of 50,000 steps
    /// still looks smooth at the figure's resolution.
    static func smoothingWeight(steps: Int) -> Double {
        let memory = max(2.0, Double(steps) / 50)
        // The small offset keeps 0.9 from becoming 0.899 through binary rounding.
        return ((1 - 1 / memory) * 1000 + 1e-9).rounded(.down) / 1000
    }
}
