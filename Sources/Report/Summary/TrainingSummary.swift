import Foundation

/// The figures a reader looks for first, derived from a run's per-step loss and learning rate.
public struct TrainingSummary: Equatable, Sendable {
    /// A change of the learning rate: the first step that used the new rate.
    public struct RateChange: Equatable, Sendable {
        public var step: Int
        public var from: Double
        public var to: Double

        public init(step: Int, from: Double, to: Double) {
            self.step = step
            self.from = from
            self.to = to
        }
    }

    /// A loss and the step that had it.
    public struct StepLoss: Equatable, Sendable {
        public var step: Int
        public var loss: Double
    }

    /// The loss below which a run counts as converged in the tutorial's sense.
    public static let convergenceThreshold: Double = 1e-3
    /// How many final steps ``meanOfLastSteps`` averages.
    public static let tailLength = 50

    public var steps: Int
    /// Loss of the last step; `nil` if it was not finite.
    public var finalLoss: Double?
    /// Lowest finite loss and the first step that had it.
    public var bestLoss: StepLoss?
    /// Mean loss of the last ``tailLength`` steps (or of all of them, if fewer); `nil` if any is not finite.
    public var meanOfLastSteps: Double?
    /// How many of the last ``tailLength`` steps have a loss that is missing or not finite.
    public var nonFiniteInLastSteps: Int
    /// The first step whose loss is below ``convergenceThreshold``.
    public var firstStepBelowThreshold: Int?
    /// The first step whose loss is missing or not finite.
    public var firstNonFiniteStep: Int?
    /// How many steps' losses are missing or not finite: all from ``firstNonFiniteStep`` on when
    /// the run diverged there.
    public var nonFiniteSteps: Int
    /// The first step whose loss is zero or negative, which a log scale cannot show (a metrics
    /// file made elsewhere may record such a loss; a squared error is never negative).
    public var firstNonPositiveStep: Int?
    /// How many steps' losses are zero or negative.
    public var nonPositiveSteps: Int
    /// Every change of the (finite) learning rate, in order.
    public var rateChanges: [RateChange]
    /// The first and last finite learning rates.
    public var initialLearningRate: Double?
    public var finalLearningRate: Double?
    /// Whether the run recorded its learning rate.
    public var recordsLearningRate: Bool

    /// - Parameters:
    ///   - loss: the loss of each step; `nil` or a non-finite value counts as missing.
    ///   - learningRate: the rate each step used; `nil` when not recorded.
    public init(loss: [Float?], learningRate: [Double?]?) {
        recordsLearningRate = learningRate != nil
        let losses = loss.map { $0.flatMap { $0.isFinite ? Double($0) : nil } }
        steps = losses.count
        finalLoss = losses.last ?? nil
        bestLoss = nil
        for (step, loss) in losses.enumerated() {
            guard let loss else { continue }
            if loss < bestLoss?.loss ?? .infinity { bestLoss = StepLoss(step: step, loss: loss) }
        }
        let tail = losses.suffix(Self.tailLength)
        let finiteTail = tail.compactMap { $0 }
        nonFiniteInLastSteps = tail.count - finiteTail.count
        meanOfLastSteps = tail.isEmpty || finiteTail.count < tail.count
            ? nil : finiteTail.reduce(0, +) / Double(finiteTail.count)
        firstStepBelowThreshold = losses.firstIndex { ($0 ?? .infinity) < Self.convergenceThreshold }
        firstNonFiniteStep = losses.firstIndex { $0 == nil }
        nonFiniteSteps = losses.count { $0 == nil }
        firstNonPositiveStep = losses.firstIndex { ($0 ?? 1) <= 0 }
        nonPositiveSteps = losses.count { ($0 ?? 1) <= 0 }
        rateChanges = []
        initialLearningRate = nil
        var previous: Double?
        for (step, rate) in (learningRate ?? []).enumerated() {
            guard let rate, rate.isFinite else { continue }
            if let previous, rate != previous {
                rateChanges.append(RateChange(step: step, from: previous, to: rate))
            }
            if initialLearningRate == nil { initialLearningRate = rate }
            previous = rate
        }
        finalLearningRate = previous
    }

    /// How many final steps ``meanOfLastSteps`` averages: ``tailLength``, or every step of a run
    /// of fewer.
    public var lastSteps: Int { min(Self.tailLength, steps) }

    /// Whether the mean of the last steps is below ``convergenceThreshold``.
    public var converged: Bool { (meanOfLastSteps ?? .infinity) < Self.convergenceThreshold }

    /// The steps from which the learning rate was lower than before.
    public var reductionSteps: [Int] { rateChanges.filter { $0.to < $0.from }.map(\.step) }

    /// The run in one line: final loss, mean of the last steps, learning-rate reductions (when
    /// the learning rate was recorded), and where the loss stopped being finite, if it did.
    public var line: String {
        guard steps > 0 else { return "no step recorded" }
        func format(_ x: Double?) -> String { x.map(ReportNumber.short) ?? "not finite" }
        let reductions = reductionSteps.count
        var text = "final loss \(format(finalLoss)), mean of last \(lastSteps) \(format(meanOfLastSteps))"
            + (recordsLearningRate
                ? ", \(ReportNumber.count(reductions, "learning-rate reduction", "learning-rate reductions"))" : "")
        if let first = firstNonFiniteStep {
            let count = nonFiniteSteps
            // From step 0 the loss was not finite before any update: no learning rate is to blame.
            text += first == 0 && count == steps
                ? "; the loss is not finite from step 0 on, before any update (the data's values are too large for float arithmetic: rescale them)"
                : first + count == steps
                ? "; the loss is not finite from step \(ReportNumber.count(first)) on (diverged: try a lower learning rate)"
                : "; the loss is not finite at \(ReportNumber.count(count, "step", "steps")), first at step \(ReportNumber.count(first))"
        }
        return text
    }
}
