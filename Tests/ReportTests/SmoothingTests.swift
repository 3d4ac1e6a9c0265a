import Charts
import Foundation
@testable import Report
import RNNCore
import Testing
import TestSupport

/// The loss's moving average cannot invent a trend: every smoothed value lies between the smallest
/// and largest raw loss within ±1 % of the run (at least ±5 steps) around it, and a step change is
/// spread over no more than the window.
@Suite("Smoothing of the loss")
struct SmoothingTests {
    /// A noisy, decaying loss like a real run's, with missing values and a plateau, the same on
    /// every run.
    private func syntheticLoss(steps: Int) -> [Float?] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0 ..< steps).map { step in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(state >> 11) / Double(1 << 53)
            if step % 997 == 13 { return nil }
            let decay = 0.5 * exp(-Double(step) / Double(steps) * 12) + 8e-5
            return Float(decay * (0.3 + 1.4 * noise))
        }
    }

    private func checkBand(_ loss: [Float?], file: SourceLocation = #_sourceLocation) {
        let input = TrainingFigureInput(timeStep: 2, real: [], prediction: [], loss: loss)
        let series = StepSeries(input)
        let steps = loss.count
        let reach = max(steps / 100, 5)
        #expect(series.smoothingHalfWidth <= reach, sourceLocation: file)
        #expect(series.smoothingHalfWidth > 0, sourceLocation: file)
        var checked = 0
        for (index, smoothed) in series.smoothedLoss.enumerated() {
            guard let smoothed else { continue }
            let window = loss[max(index - reach, 0) ... min(index + reach, steps - 1)].compactMap { $0 }.map(Double.init)
            let (lowest, highest) = (window.min()!, window.max()!)
            if smoothed < lowest || smoothed > highest {
                Issue.record("step \(index): smoothed \(smoothed) outside [\(lowest), \(highest)]", sourceLocation: file)
                return
            }
            checked += 1
        }
        #expect(checked > steps * 9 / 10, sourceLocation: file)
    }

    @Test("every smoothed value lies within the raw values around it, at 500 steps")
    func bandAt500() { checkBand(syntheticLoss(steps: 500)) }

    @Test("every smoothed value lies within the raw values around it, at 100,000 steps")
    func bandAt100000() { checkBand(syntheticLoss(steps: 100_000)) }

    @Test("PyTorch's default run's loss stays in its band")
    func bandOfTheDefaultRun() throws {
        checkBand(try TrainingMetrics(jsonData: Fixtures.data("seed0.trace.json")).loss)
    }

    @Test("a step change is spread over one window at most, and flat on either side")
    func stepChange() {
        let steps = 2_000
        let loss: [Float?] = (0 ..< steps).map { $0 < 1_000 ? 1 : 0.001 }
        let series = StepSeries(TrainingFigureInput(timeStep: 2, real: [], prediction: [], loss: loss))
        let h = series.smoothingHalfWidth
        #expect(h == 20)
        for (index, value) in series.smoothedLoss.enumerated() {
            guard let value else { Issue.record("step \(index) has no smoothed value"); return }
            if index < 1_000 - h { #expect(value == 1, "step \(index)") }
            if index >= 1_000 + h { #expect(value == Double(Float(0.001)), "step \(index)") }
        }
    }

    @Test("--smoothing 0 leaves the loss unsmoothed, and the figure says so")
    func off() {
        let input = TrainingFigureInput(timeStep: 2, real: [], prediction: [], loss: syntheticLoss(steps: 500), smoothing: 0)
        let series = StepSeries(input)
        #expect(series.smoothingHalfWidth == 0 && series.smoothedLoss.isEmpty)
        let chart = TrainingFigures(input).loss.chart
        #expect(chart.panels[0].series.count == 1)
        #expect(chart.description.contains("unsmoothed"))
    }
}
