import Charts

/// What the figures draw for each training step, computed once: the figures draw it and
/// `metrics.csv` lists it, so the two always agree.
public struct StepSeries: Sendable {
    /// The loss of each step.
    public let loss: [Double?]
    /// The loss's centred moving average in log space (``CenteredMovingAverage``).
    public let smoothedLoss: [Double?]
    /// Steps on each side of the moving average; 0 when the loss is not smoothed.
    public let smoothingHalfWidth: Int
    /// The learning rate each step used, if the run recorded it.
    public let learningRate: [Double?]?
    /// The gradient norm before clipping, if the run recorded it.
    public let gradNorm: [Double?]?
    /// The root mean squared error between prediction and target over each step's window, if the
    /// run recorded them.
    public let windowRMSE: [Double?]?

    public init(_ input: TrainingFigureInput) {
        loss = input.loss.map { $0.flatMap { $0.isFinite ? Double($0) : nil } }
        smoothingHalfWidth = input.smoothingHalfWidth
        smoothedLoss = smoothingHalfWidth > 0
            ? CenteredMovingAverage(halfWidth: smoothingHalfWidth, scale: .log10).smooth(loss) : []
        learningRate = input.learningRate?.map { $0.flatMap { $0.isFinite ? $0 : nil } }
        gradNorm = input.gradNorm?.map { $0.flatMap { $0.isFinite ? Double($0) : nil } }
        windowRMSE = input.hasPoints ? Self.windowRMSE(input) : nil
    }

    /// The RMSE of each whole window of the run, over the points that have both values.
    static func windowRMSE(_ input: TrainingFigureInput) -> [Double?] {
        let T = input.timeStep
        let reals = input.real ?? [], predictions = input.prediction ?? []
        let windows = input.pointCount / T
        return (0 ..< windows).map { window in
            var sum = 0.0
            var count = 0
            for index in window * T ..< (window + 1) * T {
                guard index < reals.count, index < predictions.count,
                      let real = reals[index], let predicted = predictions[index],
                      real.isFinite, predicted.isFinite
                else { continue }
                let error = Double(predicted) - Double(real)
                sum += error * error
                count += 1
            }
            return count > 0 ? (sum / Double(count)).squareRoot() : nil
        }
    }
}
