import RNNCore
@testable import Report
import Testing

@Suite("--check --tolerance")
struct ToleranceCheckTests {
    /// The run with every loss 1 % higher.
    private func raised(_ metrics: TrainingMetrics, by factor: Float = 1.01) -> TrainingMetrics {
        var changed = metrics
        changed.loss = metrics.loss.map { $0.map { $0 * factor } }
        return changed
    }

    @Test("a 1 % change passes at 0.05 and fails at 0.001, naming the loss, the worst step and by how much")
    func onePercent() throws {
        let recorded = ComparisonTestRuns.metrics()
        let recomputed = raised(recorded)
        let loose = ToleranceCheck(recorded: recorded, recomputed: recomputed, tolerance: 0.05)
        #expect(loose.passed)
        #expect(loose.stepsOutside == 0)
        let strict = ToleranceCheck(recorded: recorded, recomputed: recomputed, tolerance: 0.001)
        #expect(!strict.passed)
        #expect(strict.stepsOutside == 20)
        let worst = try #require(strict.worstStep)
        #expect(abs(worst.relative - 0.01) < 1e-6, "relative change \(worst.relative)")
        try #require(strict.problems.count == 2, "\(strict.problems)")
        #expect(strict.problems[0].contains("the loss moved by more than 0.1 % at 20 of 20 steps"), "\(strict.problems)")
        #expect(strict.problems[0].contains("(+1 %)"), "\(strict.problems)")
        #expect(strict.problems[1].contains("mean loss of the last 20 steps"), "\(strict.problems)")
    }

    @Test("one step moved: it is the one named, and only the loss is a problem if the mean stays within")
    func oneStep() throws {
        let recorded = ComparisonTestRuns.metrics()
        var recomputed = recorded
        recomputed.loss[3] = recorded.loss[3]! * 1.2
        let check = ToleranceCheck(recorded: recorded, recomputed: recomputed, tolerance: 0.1)
        #expect(check.worstStep?.step == 3)
        #expect(check.stepsOutside == 1)
        try #require(check.problems.count == 1, "\(check.problems)")
        #expect(check.problems[0].contains("step 3"), "\(check.problems)")
    }

    @Test("a loss that became missing is an infinite change; missing on both sides is none")
    func missing() {
        let recorded = ComparisonTestRuns.metrics()
        var recomputed = recorded
        recomputed.loss[0] = nil
        #expect(ToleranceCheck(recorded: recorded, recomputed: recomputed, tolerance: 1000).worstStep?.relative == .infinity)
        var both = recorded
        both.loss[0] = nil
        #expect(ToleranceCheck(recorded: both, recomputed: both, tolerance: 0).passed)
    }

    @Test("the same numbers pass at tolerance 0")
    func identical() {
        let recorded = ComparisonTestRuns.metrics()
        #expect(ToleranceCheck(recorded: recorded, recomputed: recorded, tolerance: 0).passed)
    }

    @Test("the settings that differ are named")
    func settings() {
        var other = TrainingConfiguration()
        other.learningRate = 0.01
        other.seed = 4
        #expect(ToleranceCheck.differingSettings(TrainingConfiguration(), other) == [.learningRate, .seed])
    }
}
