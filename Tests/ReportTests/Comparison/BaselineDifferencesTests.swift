@testable import Report
import Testing

@Suite("differences from a baseline")
struct BaselineDifferencesTests {
    @Test("each number beside the baseline's, with the change from the baseline to this run")
    func table() {
        // This run's loss is a tenth of the baseline's at every step; it reaches 1e-3 earlier and
        // its learning rate is reduced once, the baseline's never.
        let run = ComparisonTestRuns.run("new", ComparisonTestRuns.metrics(learningRate: 0.01, start: 0.05, reduceAt: 10))
        let baseline = ComparisonTestRuns.run("old", ComparisonTestRuns.metrics(start: 0.5))
        let differences = BaselineDifferences(run: run, baseline: baseline)
        #expect(differences.table.header == ["", "this run", "baseline", "change"])
        #expect(differences.table.rows == [
            ["final loss", "0.000125", "0.00125", "−90 %"],
            ["best loss", "0.000125", "0.00125", "−90 %"],
            ["mean of last 50", "0.00399", "0.0399", "−90 %"],
            ["first step below 0.001", "7", "never", "now reached"],
            ["learning-rate reductions", "1", "0", "+1"],
        ])
        #expect(differences.settings == ["learning_rate 0.01 (baseline 0.005)"])
        #expect(differences.markdown.hasSuffix("\nSettings that differ: `learning_rate 0.01 (baseline 0.005)`.\n"))
    }

    @Test("a run against itself changes nothing")
    func same() {
        let run = ComparisonTestRuns.run("a", ComparisonTestRuns.metrics())
        let differences = BaselineDifferences(run: run, baseline: run)
        #expect(differences.table.rows.allSatisfy { $0[3] == "none" }, "\(differences.table.rows)")
        #expect(differences.settings.isEmpty)
    }
}
