import Foundation
import Testing
@testable import Report

/// `TrainingSummary` on hand-built runs. The losses are sums of a few powers of two, so every
/// partial sum is exact in double and each expected mean is the correctly rounded quotient that
/// the decimal literal names: means are compared with `==`.
@Suite("Training summary")
struct TrainingSummaryTests {
    /// A run's per-step values, as metrics.json holds them.
    struct Run {
        var loss: [Float?]
        var learningRate: [Double?] = []
    }

    static func metrics(loss: [Float?], learningRate: [Double?] = []) -> Run {
        Run(loss: loss, learningRate: learningRate)
    }

    /// 60 steps: 1 for steps 0–9, then 0.5 on even and 0.25 on odd steps, except 2⁻¹¹ at steps 42
    /// and 55 and 0.125 at the last step. Rates: 0.005 for steps 0–19, 0.0025 for 20–44, then 0.00125.
    static let sixtySteps: Run = {
        var loss: [Float?] = (0 ..< 60).map { $0 < 10 ? 1 : $0 % 2 == 0 ? 0.5 : 0.25 }
        loss[42] = 0x1p-11
        loss[55] = 0x1p-11
        loss[59] = 0.125
        let rates: [Double?] = (0 ..< 60).map { $0 < 20 ? 0.005 : $0 < 45 ? 0.0025 : 0.00125 }
        return metrics(loss: loss, learningRate: rates)
    }()

    @Test("final and best loss, mean of the last 50 steps, first step below 1e-3, rate changes")
    func sixtyStepRun() {
        let summary = TrainingSummary(Self.sixtySteps)
        #expect(summary.steps == 60)
        #expect(summary.finalLoss == 0.125)
        #expect(summary.bestLoss?.step == 42, "the first of two equal best losses")
        #expect(summary.bestLoss?.loss == 0x1p-11)
        // Steps 10–59: 25 × 0.5 + 25 × 0.25 − (0.5 + 0.25 + 0.25) + 2 × 2⁻¹¹ + 0.125 = 17.8759765625.
        #expect(summary.meanOfLastSteps == 0.35751953125)
        #expect(summary.firstStepBelowThreshold == 42)
        #expect(summary.rateChanges == [
            TrainingSummary.RateChange(step: 20, from: 0.005, to: 0.0025),
            TrainingSummary.RateChange(step: 45, from: 0.0025, to: 0.00125),
        ])
        #expect(summary.finalLearningRate == 0.00125)
        #expect(!summary.converged)
        #expect(TrainingSummary(Self.sixtySteps).line == "final loss 0.125, mean of last 50 0.358, 2 learning-rate reductions")
    }

    @Test("fewer than 50 steps: the mean is over all of them")
    func shortRun() {
        let summary = TrainingSummary(Self.metrics(loss: [0.5, 0.25, 0x1p-10, 0x1p-12], learningRate: [0.01, 0.01, 0.01, 0.005]))
        #expect(summary.steps == 4)
        #expect(summary.meanOfLastSteps == 0.18780517578125)  // 0.751220703125 / 4
        #expect(summary.firstStepBelowThreshold == 2)  // 2⁻¹⁰ = 0.0009765625 < 1e-3
        #expect(summary.bestLoss?.step == 3)
        #expect(summary.finalLoss == 0x1p-12)
        #expect(summary.rateChanges == [TrainingSummary.RateChange(step: 3, from: 0.01, to: 0.005)])
        #expect(!summary.converged)
        #expect(TrainingSummary(Self.metrics(loss: [0.5, 0.25, 0x1p-10, 0x1p-12], learningRate: [0.01, 0.01, 0.01, 0.005])).line
            == "final loss 0.000244, mean of last 4 0.188, 1 learning-rate reduction")
    }

    @Test("a loss that stops being finite: the line says from which step, and whether it stayed so")
    func nonFiniteLoss() {
        let diverged = TrainingSummary(Self.metrics(loss: [0.5, 0.25, .nan, .infinity, nil], learningRate: [1, 1, 1, 1, 1]))
        #expect(diverged.firstNonFiniteStep == 2 && diverged.nonFiniteSteps == 3)
        #expect(diverged.line == "final loss not finite, mean of last 5 not finite, 0 learning-rate reductions; "
            + "the loss is not finite from step 2 on (diverged: try a lower learning rate)")
        let gaps = TrainingSummary(Self.metrics(loss: [0.5, nil, 0.25, .nan, 0.125]))
        #expect(gaps.firstNonFiniteStep == 1 && gaps.nonFiniteSteps == 2)
        #expect(gaps.line == "final loss 0.125, mean of last 5 not finite, 0 learning-rate reductions; the loss is not finite at 2 steps, first at step 1")
        let fromTheStart = TrainingSummary(Self.metrics(loss: [.nan, .nan]))
        #expect(fromTheStart.firstNonFiniteStep == 0 && fromTheStart.nonFiniteSteps == 2)
        // Before any update, so not for the learning rate.
        #expect(fromTheStart.line.hasSuffix(
            "; the loss is not finite from step 0 on, before any update (the data's values are too large for float arithmetic: rescale them)"))
        #expect(TrainingSummary(Self.metrics(loss: [0.5, 0.25])).firstNonFiniteStep == nil)
        #expect(!TrainingSummary(Self.metrics(loss: [0.5, 0.25])).line.contains("not finite"))
    }

    @Test("converged when the mean of the last 50 steps is below 1e-3, whatever came before")
    func converged() {
        let tail = [Float?](repeating: 0x1p-11, count: 50)
        #expect(TrainingSummary(Self.metrics(loss: tail)).converged)
        #expect(TrainingSummary(Self.metrics(loss: [1] + tail)).converged)
        #expect(TrainingSummary(Self.metrics(loss: [1] + tail)).meanOfLastSteps == 0x1p-11)
        #expect(!TrainingSummary(Self.metrics(loss: Array(tail.dropLast()) + [1])).converged)
        // Float(1e-3) is 0.0010000000474974513 in double: not below the threshold.
        let atThreshold = TrainingSummary(Self.metrics(loss: [Float](repeating: 1e-3, count: 5)))
        #expect(atThreshold.firstStepBelowThreshold == nil)
        #expect(!atThreshold.converged)
    }

    @Test("a mean exactly at 1e-3 has not converged; the next mean below has")
    func convergedBoundary() {
        // Three floats whose sum is exactly 4 × 1e-3 in double (its 53 bits split 24 + 24 + 5), and
        // a zero: every partial sum is exact and the mean is exactly the double 1e-3.
        let exact: [Float?] = [0x1.0624dcp-8, 0x1.2f1a9ep-32, 0x1.cp-56, 0]
        let atThreshold = TrainingSummary(Self.metrics(loss: exact))
        #expect(atThreshold.meanOfLastSteps == 1e-3)
        #expect(!atThreshold.converged, "the threshold itself is not below the threshold")
        // Without the smallest part the mean is 1e-3 − 0x1.cp-58, a few ulp below.
        let below = TrainingSummary(Self.metrics(loss: [0x1.0624dcp-8, 0x1.2f1a9ep-32, 0, 0]))
        #expect(below.meanOfLastSteps.map { $0 < 1e-3 } == true)
        #expect(below.converged)
    }

    @Test("non-finite losses: skipped for best and first-below, nil for final and for a mean that includes them")
    func nonFiniteLosses() {
        let summary = TrainingSummary(Self.metrics(loss: [0.5, .nan, 0x1p-11, .infinity, nil, 0.125]))
        #expect(summary.finalLoss == 0.125)
        #expect(summary.bestLoss?.step == 2 && summary.bestLoss?.loss == 0x1p-11)
        #expect(summary.firstStepBelowThreshold == 2)
        #expect(summary.meanOfLastSteps == nil)
        #expect(!summary.converged)
        #expect(TrainingSummary(Self.metrics(loss: [0.5, .nan, 0x1p-11, .infinity, nil, 0.125])).line
            == "final loss 0.125, mean of last 6 not finite, 0 learning-rate reductions; the loss is not finite at 3 steps, first at step 1")

        let diverged = TrainingSummary(Self.metrics(loss: [0.5, 0.25, .nan]))
        #expect(diverged.finalLoss == nil)
        #expect(diverged.bestLoss?.step == 1)

        let minusInfinity = TrainingSummary(Self.metrics(loss: [0.5, -.infinity, 0.25]))
        #expect(minusInfinity.bestLoss?.loss == 0.25, "−∞ is not finite: not the best loss")

        // A NaN before the last 50 steps does not spoil their mean.
        let early = TrainingSummary(Self.metrics(loss: [.nan] + [Float?](repeating: 0.5, count: 50)))
        #expect(early.meanOfLastSteps == 0.5)

        let allNaN = TrainingSummary(Self.metrics(loss: [.nan, .nan]))
        #expect(allNaN.bestLoss == nil && allNaN.finalLoss == nil && allNaN.firstStepBelowThreshold == nil)
    }

    @Test("rate changes skip missing rates; the first and final rates are the first and last recorded")
    func rateChangesWithGaps() {
        let summary = TrainingSummary(Self.metrics(
            loss: [1, 1, 1, 1, 1], learningRate: [0.005, nil, 0.0025, 0.0025, nil]))
        #expect(summary.rateChanges == [TrainingSummary.RateChange(step: 2, from: 0.005, to: 0.0025)])
        #expect(summary.initialLearningRate == 0.005)
        #expect(summary.finalLearningRate == 0.0025)
        #expect(summary.reductionSteps == [2])
        #expect(TrainingSummary(Self.metrics(loss: [1, 1])).rateChanges.isEmpty)
        let increase = TrainingSummary(Self.metrics(loss: [1, 1, 1], learningRate: [0.001, 0.002, 0.001]))
        #expect(increase.rateChanges.count == 2)
        #expect(increase.reductionSteps == [2], "only a lower rate is a reduction")
    }

    @Test("an empty run has no figures")
    func emptyRun() {
        let summary = TrainingSummary(Self.metrics(loss: []))
        #expect(summary.steps == 0)
        #expect(summary.finalLoss == nil && summary.bestLoss == nil && summary.meanOfLastSteps == nil)
        #expect(summary.firstStepBelowThreshold == nil && summary.rateChanges.isEmpty)
        #expect(summary.finalLearningRate == nil)
        #expect(!summary.converged)
        // Nothing to state: no "not finite" loss where there is no loss at all.
        #expect(summary.line == "no step recorded")
        #expect(ReportPage.facts(summary).isEmpty)
        #expect(summary.firstNonPositiveStep == nil && summary.nonPositiveSteps == 0)
    }

    @Test("losses of zero or below, which a log scale cannot show, are counted from the first")
    func nonPositiveLosses() {
        let summary = TrainingSummary(Self.metrics(loss: [1, 0.5, -1, 2, 0, .nan, 3]))
        #expect(summary.firstNonPositiveStep == 2)
        #expect(summary.nonPositiveSteps == 2)
        #expect(summary.bestLoss?.loss == -1 && summary.bestLoss?.step == 2)
        let positive = TrainingSummary(Self.metrics(loss: [1, .leastNonzeroMagnitude, .infinity]))
        #expect(positive.firstNonPositiveStep == nil && positive.nonPositiveSteps == 0)
    }

    @Test("a loss changes the figures it takes part in, and no others")
    func figuresFollowTheirLosses() {
        let original = TrainingSummary(Self.sixtySteps)
        // Step 30 (0.5) becomes 2⁻¹²: the new best, the first below 1e-3, and part of the mean.
        var lower = Self.sixtySteps
        lower.loss[30] = 0x1p-12
        let changed = TrainingSummary(lower)
        #expect(changed.bestLoss?.step == 30 && changed.bestLoss?.loss == 0x1p-12)
        #expect(changed.firstStepBelowThreshold == 30)
        #expect(changed.meanOfLastSteps == (17.8759765625 - 0.5 + 0x1p-12) / 50)  // exact sums, as above
        #expect(changed.finalLoss == original.finalLoss)
        #expect(changed.rateChanges == original.rateChanges)
        // Step 0 is before the last 50 steps, not the best and not below 1e-3: nothing changes.
        var earlier = Self.sixtySteps
        earlier.loss[0] = 0.75
        #expect(TrainingSummary(earlier) == original)
    }
}

extension TrainingSummary {
    init(_ run: TrainingSummaryTests.Run) {
        self.init(loss: run.loss, learningRate: run.learningRate)
    }
}
