import Foundation

/// The figures a reader looks for first, derived from a run's metrics.
public struct TrainingSummary: Equatable, Sendable {
    /// A reduction of the learning rate: the first step that used the new rate.
    public struct RateChange: Equatable, Sendable {
        public var step: Int
        public var from: Double
        public var to: Double
    }

    /// The loss below which a run counts as converged in the tutorial's sense.
    public static let convergenceThreshold: Double = 1e-3
    /// How many final steps ``meanOfLastSteps`` averages.
    public static let tailLength = 50

    public var steps: Int
    /// Loss of the last step; `nil` if it was not finite.
    public var finalLoss: Double?
    /// Lowest finite loss and the step that had it.
    public var bestLoss: (step: Int, loss: Double)?
    /// Mean loss of the last ``tailLength`` steps (or of all of them, if fewer); `nil` if any is not finite.
    public var meanOfLastSteps: Double?
    /// The first step whose loss is below ``convergenceThreshold``.
    public var firstStepBelowThreshold: Int?
    /// Every change of the learning rate, in order.
    public var rateChanges: [RateChange]
    /// The learning rate of the last step.
    public var finalLearningRate: Double?

    public init(_ metrics: TrainingMetrics) {
        let losses = metrics.loss.map { $0.flatMap { $0.isFinite ? Double($0) : nil } }
        steps = losses.count
        finalLoss = losses.last ?? nil
        bestLoss = nil
        for (step, loss) in losses.enumerated() {
            guard let loss else { continue }
            if bestLoss == nil || loss < bestLoss!.loss { bestLoss = (step, loss) }
        }
        let tail = losses.suffix(Self.tailLength)
        let finiteTail = tail.compactMap { $0 }
        meanOfLastSteps = tail.isEmpty || finiteTail.count < tail.count
            ? nil : finiteTail.reduce(0, +) / Double(finiteTail.count)
        firstStepBelowThreshold = losses.firstIndex { ($0 ?? .infinity) < Self.convergenceThreshold }
        rateChanges = []
        var previous: Double?
        for (step, rate) in metrics.learningRate.enumerated() {
            guard let rate else { continue }
            if let previous, rate != previous {
                rateChanges.append(RateChange(step: step, from: previous, to: rate))
            }
            previous = rate
        }
        finalLearningRate = metrics.learningRate.last ?? nil
    }

    /// Whether the mean of the last steps is below ``convergenceThreshold``.
    public var converged: Bool { (meanOfLastSteps ?? .infinity) < Self.convergenceThreshold }

    public static func == (a: Self, b: Self) -> Bool {
        a.steps == b.steps && a.finalLoss == b.finalLoss && a.bestLoss?.step == b.bestLoss?.step
            && a.bestLoss?.loss == b.bestLoss?.loss && a.meanOfLastSteps == b.meanOfLastSteps
            && a.firstStepBelowThreshold == b.firstStepBelowThreshold && a.rateChanges == b.rateChanges
            && a.finalLearningRate == b.finalLearningRate
    }
}

extension TrainingMetrics {
    /// The run in one line: final loss, mean of the last steps, learning-rate reductions.
    public var summaryLine: String {
        let s = TrainingSummary(self)
        func format(_ x: Double?) -> String { x.map { String(format: "%.3g", $0) } ?? "not finite" }
        return "final loss \(format(s.finalLoss)), mean of last \(min(TrainingSummary.tailLength, s.steps)) " +
            "\(format(s.meanOfLastSteps)), \(s.rateChanges.count) learning-rate reduction" +
            (s.rateChanges.count == 1 ? "" : "s")
    }
}
