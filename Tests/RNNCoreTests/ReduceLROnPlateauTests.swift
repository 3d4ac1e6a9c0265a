import Foundation
import Testing
import TestSupport
@testable import RNNCore

/// `ReduceLROnPlateau` against `torch.optim.lr_scheduler.ReduceLROnPlateau` (mode min, threshold
/// 1e-4 relative, eps 1e-8): the same metrics, step by step, give the same learning rates. Both do
/// their arithmetic in double, so the rates are compared with `==`.
@Suite("ReduceLROnPlateau")
struct ReduceLROnPlateauTests {
    @Test("learning rates equal PyTorch's on plateaus, ties, tiny improvements, NaN and infinities")
    func matchesPyTorch() throws {
        let cases = try UnitReferences.load().plateau
        #expect(cases.count >= 10)
        for testCase in cases {
            var scheduler = ReduceLROnPlateau(
                factor: testCase.factor, patience: testCase.patience, cooldown: testCase.cooldown,
                minimumRate: testCase.minLr)
            var rate = testCase.initialLearningRate
            var rates: [Double] = []
            for metric in testCase.metrics {
                rate = scheduler.step(metric: metric, learningRate: rate)
                rates.append(rate)
            }
            #expect(rates.count == testCase.learningRates.count, "\(testCase.name)")
            if let step = rates.indices.first(where: { rates[$0] != testCase.learningRates[$0] }) {
                Issue.record("\(testCase.name): first difference at step \(step): \(rates[step]) vs PyTorch \(testCase.learningRates[step])")
            }
        }
    }

    @Test("patience 2: the third step without improvement reduces the rate, then counting restarts")
    func patienceCounting() {
        var scheduler = ReduceLROnPlateau(factor: 0.5, patience: 2)
        var rate = 1.0
        var rates: [Double] = []
        for metric in [1.0, 1.0, 1.0, 1.0, 0.99999, 1.0, 1.0, 0.5, 0.5] {
            rate = scheduler.step(metric: metric, learningRate: rate)
            rates.append(rate)
        }
        // 1.0 is best; three ties → halve; 0.99999 is not 1e-4 better, nor the next two → halve;
        // 0.5 is better.
        #expect(rates == [1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25])
        #expect(scheduler.best == 0.5)
        #expect(scheduler.badSteps == 1)
    }

    /// PyTorch's `_is_better` in mode min, rel (torch/optim/lr_scheduler.py): `a < best * rel_epsilon`
    /// with `rel_epsilon = 1.0 - threshold`. A metric exactly at that bound is not better.
    @Test("a metric exactly at best·(1 − threshold) is not better; the next float below is")
    func boundaryIsNotBetter() {
        // Threshold 0: a constant metric equals the bound at every step after the first.
        var flat = ReduceLROnPlateau(factor: 0.5, patience: 0, threshold: 0)
        var rate = 1.0
        var rates: [Double] = []
        for _ in 0 ..< 4 {
            rate = flat.step(metric: 0.25, learningRate: rate)
            rates.append(rate)
        }
        #expect(rates == [1, 0.5, 0.25, 0.125])
        #expect(flat.best == 0.25)

        // Threshold 1e-4, best 1: the bound is 1·(1 − 1e-4), computed in double as PyTorch does.
        let bound = 1.0 * (1 - 1e-4)
        var scheduler = ReduceLROnPlateau(factor: 0.5, patience: 0)
        #expect(scheduler.step(metric: 1, learningRate: 0.1) == 0.1)
        #expect(scheduler.step(metric: bound, learningRate: 0.1) == 0.05)
        #expect(scheduler.best == 1, "a metric at the bound does not become the best")
        #expect(scheduler.step(metric: bound.nextDown, learningRate: 0.05) == 0.05)
        #expect(scheduler.best == bound.nextDown)
        #expect(scheduler.badSteps == 0)
    }

    @Test("an infinite first metric is not better than the initial best (infinity)")
    func infiniteFirstMetric() {
        // inf < inf·(1 − 1e-4) = inf is false in Python: the step is a bad one.
        var scheduler = ReduceLROnPlateau(factor: 0.5, patience: 0)
        #expect(scheduler.step(metric: .infinity, learningRate: 0.1) == 0.05)
        #expect(scheduler.best == .infinity)
    }

    @Test("a NaN metric is never better, and never becomes the best")
    func nanIsNotBetter() {
        var scheduler = ReduceLROnPlateau(factor: 0.5, patience: 0)
        #expect(scheduler.step(metric: .nan, learningRate: 0.1) == 0.05)
        #expect(scheduler.best == .infinity)
        #expect(scheduler.step(metric: 3, learningRate: 0.05) == 0.05)
        #expect(scheduler.best == 3)
    }

    @Test("defaults are PyTorch's")
    func defaults() {
        let scheduler = ReduceLROnPlateau()
        #expect(scheduler.factor == 0.1)
        #expect(scheduler.patience == 10)
        #expect(scheduler.threshold == 1e-4)
        #expect(scheduler.cooldown == 0)
        #expect(scheduler.minimumRate == 0)
        #expect(scheduler.epsilon == 1e-8)
        #expect(scheduler.best == .infinity)
        #expect(scheduler.badSteps == 0)
    }
}
