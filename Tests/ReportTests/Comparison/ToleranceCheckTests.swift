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

    /// A run on a CSV series: 10 rows, the last 4 held out.
    private func csvRun() -> TrainingMetrics {
        var metrics = ComparisonTestRuns.metrics()
        let real: [Double?] = (0 ..< 10).map { 100 + Double($0) }
        metrics.evaluation = Evaluation(
            holdoutStart: 6, real: real, prediction: real.map { $0.map { $0 + 0.5 } }, trainMSE: 0.25, holdoutMSE: 0.461)
        return metrics
    }

    @Test("a CSV run whose held-out MSE and held-out rows moved fails, naming each with both values; its losses alone pass")
    func evaluationMoved() throws {
        let recorded = csvRun()
        var recomputed = recorded
        recomputed.evaluation!.holdoutMSE = 12.79
        for row in 6 ..< 10 { recomputed.evaluation!.real[row] = recorded.evaluation!.real[row]! + 50 }
        let check = ToleranceCheck(recorded: recorded, recomputed: recomputed, tolerance: 0.01)
        #expect(!check.passed)
        #expect(check.worstStep?.relative == 0, "the losses are the same")
        try #require(check.problems.count == 2, "\(check.problems)")
        #expect(check.problems[0].contains("the series' real value moved by more than 1 % at 4 of 10 rows"), "\(check.problems)")
        #expect(check.problems[0].contains("most at row 6: recorded 106, now 156 (+47.2 %)"), "\(check.problems)")
        // 12.79 / 0.461: a change of 2,670 % is told as a factor.
        #expect(check.problems[1] == "the held-out MSE moved by more than 1 %: recorded 0.461, now 12.79 (27.7× the recorded value)",
                "\(check.problems)")
        let evaluation = try #require(check.evaluation)
        #expect(evaluation.rowsOutside == 4 && evaluation.rows == 10)
        #expect(evaluation.trainMSE.relative == 0)
    }

    @Test("a CSV run's train MSE is compared with the same tolerance: 2 % passes at 0.05 and fails at 0.01")
    func trainMSE() throws {
        let recorded = csvRun()
        var recomputed = recorded
        recomputed.evaluation!.trainMSE = 0.255
        #expect(ToleranceCheck(recorded: recorded, recomputed: recomputed, tolerance: 0.05).passed)
        let strict = ToleranceCheck(recorded: recorded, recomputed: recomputed, tolerance: 0.01)
        #expect(strict.problems == ["the train MSE moved by more than 1 %: recorded 0.25, now 0.255 (+2 %)"], "\(strict.problems)")
    }

    @Test("an evaluation on one side only, or of other rows, is a problem; none on either side (sin→cos) is none")
    func evaluationShape() throws {
        let recorded = csvRun()
        var none = recorded
        none.evaluation = nil
        #expect(ToleranceCheck(recorded: recorded, recomputed: none, tolerance: 1).problems
            == ["the recorded run has an evaluation of its series (train and held-out MSE), the recomputed one none"])
        #expect(ToleranceCheck(recorded: none, recomputed: recorded, tolerance: 1).problems
            == ["the recomputed run has an evaluation of its series (train and held-out MSE), the recorded one none"])
        let sineCosine = ToleranceCheck(recorded: none, recomputed: none, tolerance: 0)
        #expect(sineCosine.passed && sineCosine.evaluation == nil)
        var longer = recorded
        longer.evaluation!.real.append(110)
        longer.evaluation!.prediction.append(110)
        longer.evaluation!.holdoutStart = 7
        let check = ToleranceCheck(recorded: recorded, recomputed: longer, tolerance: 1)
        #expect(check.problems == ["the recorded evaluation has 10 rows, held out from row 6, the recomputed one 11 rows, held out from row 7"],
                "\(check.problems)")
    }

    @Test("a change of 1,000 % or more is told as a factor of the recorded value, never in scientific notation")
    func hugeChanges() throws {
        let recorded = ComparisonTestRuns.metrics()
        let check = ToleranceCheck(recorded: recorded, recomputed: raised(recorded, by: 658), tolerance: 0.01)
        try #require(check.problems.count == 2, "\(check.problems)")
        for problem in check.problems {
            #expect(problem.hasSuffix(" (658× the recorded value)"), "\(problem)")
            #expect(!problem.contains("e+"), "\(problem)")
        }
        #expect(ToleranceCheck.relativeChange(from: 2, to: 2.02, of: "x") == "+1 %")
        #expect(ToleranceCheck.relativeChange(from: 1, to: 10.9, of: "x") == "+990 %")
        #expect(ToleranceCheck.relativeChange(from: 1, to: 11, of: "x") == "11× x")
        #expect(ToleranceCheck.relativeChange(from: 1e-4, to: 6.5792, of: "x") == "65,800× x")
        #expect(ToleranceCheck.relativeChange(from: 1, to: -20, of: "x") == "−20× x")
        #expect(ToleranceCheck.relativeChange(from: 1e-30, to: 1, of: "x") == "1e+30× x")
        #expect(ToleranceCheck.relativeChange(from: 10, to: 0.01, of: "x") == "−99.9 %")
    }

    @Test("the line of a run within the tolerance writes its counts as every count of the report is written")
    func passedLineCounts() {
        var recorded = ComparisonTestRuns.metrics(steps: 1_200)
        let real: [Double?] = (0 ..< 3_000).map { Double($0) }
        recorded.evaluation = Evaluation(holdoutStart: 2_400, real: real, prediction: real, trainMSE: 0.25, holdoutMSE: 0.5)
        var recomputed = raised(recorded, by: 1.001)
        recomputed.evaluation!.trainMSE = 0.2501
        let line = ToleranceCheck(recorded: recorded, recomputed: recomputed, tolerance: 0.01).passedLine(path: "run/metrics.json")
        #expect(line.hasPrefix("run/metrics.json: the loss of all 1,200 steps is within 1 % (the most at step "), "\(line)")
        #expect(line.contains("; the evaluation of its 3,000 rows too (train MSE recorded 0.25, now 0.2501 (+0.04 %)"), "\(line)")
        #expect(!line.contains("1200") && !line.contains("3000"), "\(line)")
        let same = ToleranceCheck(recorded: recorded, recomputed: recorded, tolerance: 0.01).passedLine(path: "m.json")
        #expect(same.hasPrefix("m.json: the loss of all 1,200 steps is the same as recorded, within 1 %; the evaluation of its 3,000 rows too"),
                "\(same)")
    }

    @Test("the settings that differ are named")
    func settings() {
        var other = TrainingConfiguration()
        other.learningRate = 0.01
        other.seed = 4
        #expect(ToleranceCheck.differingSettings(TrainingConfiguration(), other) == [.learningRate, .seed])
    }
}
