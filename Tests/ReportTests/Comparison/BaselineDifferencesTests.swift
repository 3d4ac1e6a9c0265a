import Foundation
import RNNCore
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
            ["mean of last 20", "0.00399", "0.0399", "−90 %"],
            ["first step below 0.001", "7", "never", "now reached"],
            ["learning-rate reductions", "1", "0", "+1"],
        ])
        #expect(differences.settings == ["learning_rate 0.01 (baseline 0.005)"])
        #expect(differences.markdown.hasSuffix("\nSettings that differ: `learning_rate 0.01 (baseline 0.005)`.\n"))
    }

    @Test("a loss 1,000 % above the baseline's or more is told as a factor of it, as --check tells a change")
    func hugeChange() {
        let run = ComparisonTestRuns.run("new", ComparisonTestRuns.metrics(start: 329))
        let baseline = ComparisonTestRuns.run("old", ComparisonTestRuns.metrics(start: 0.5))
        let changes = BaselineDifferences(run: run, baseline: baseline).table.rows.prefix(3).map { $0[3] }
        #expect(changes == ["658× the baseline's", "658× the baseline's", "658× the baseline's"], "\(changes)")
    }

    @Test("losses of different quantities are not compared: no table, the quantities named, only the settings")
    func unlikeLosses() {
        var series = ComparisonTestRuns.metrics(start: 0.05)
        series.config.data = "good.csv"
        series.config.input = ["a", "b"]
        series.config.target = "y"
        series.config.normalize = true
        let run = ComparisonTestRuns.run("new", ComparisonTestRuns.metrics(start: 0.5))
        let differences = BaselineDifferences(run: run, baseline: ComparisonTestRuns.run("old", series))
        #expect(differences.table.rows.isEmpty, "\(differences.table.rows)")
        #expect(differences.unlikeLosses == "the losses are squared errors of different quantities (cos(t); y in good.csv, standardised)")
        let sentence = "The losses are squared errors of different quantities (cos(t); y in good.csv, standardised), "
            + "so no loss of one is compared with the other's; only the settings are."
        #expect(differences.unlikeSentence == sentence)
        #expect(differences.markdown.hasPrefix(sentence + "\n"), "\(differences.markdown)")
        for word in ["%", "now reached", "final loss", "0.00125"] {
            #expect(!differences.markdown.contains(word), "\(word) in \(differences.markdown)")
        }
        // The series' settings of the sin→cos run are not used, not "not recorded".
        // Its lr_patience counts steps, the series' epochs.
        #expect(differences.settings == [
            "lr_patience 10 steps (baseline 10 epochs)", "data – (baseline good.csv)", "input – (baseline a,b)", "target – (baseline y)",
            "holdout – (baseline 0.0)", "normalize – (baseline true)",
        ])
    }

    @Test("two runs on the same series compare, without sin→cos's first step below 1e-3")
    func sameSeries() {
        func series(start: Float) -> ComparedRun {
            var metrics = ComparisonTestRuns.metrics(start: start)
            metrics.config.data = "good.csv"
            metrics.config.input = ["a"]
            metrics.config.target = "y"
            return ComparisonTestRuns.run("s", metrics)
        }
        let differences = BaselineDifferences(run: series(start: 0.05), baseline: series(start: 0.5))
        #expect(differences.unlikeLosses == nil)
        #expect(differences.table.rows.map(\.[0]) == ["final loss", "best loss", "mean of last 20", "learning-rate reductions"])
    }

    @Test("a setting the baseline's file does not record is not recorded, never its default")
    func notRecorded() {
        let run = ComparisonTestRuns.run("new", ComparisonTestRuns.metrics(steps: 20))
        var baseline = ComparisonTestRuns.run("old", ComparisonTestRuns.metrics(steps: 20))
        baseline.recordedSettings = [.timeStep]
        let differences = BaselineDifferences(run: run, baseline: baseline)
        #expect(differences.settings.first == "cell rnn (baseline not recorded)")
        #expect(differences.settings.contains("steps 20 (baseline not recorded)"))
        #expect(!differences.settings.contains { $0.hasPrefix("time_step") })
        #expect(differences.settings.count == 9, "\(differences.settings)")
    }

    @Test("a baseline file whose config has no cell is an RNN's, as the traces' format has it; one without config records no cell")
    func cellNotRecorded() throws {
        // A config without cell is an RNN's, as the traces' format has it: the same as the run's.
        let document = try MetricsDocument(jsonData: Data(#"{"loss": [0.5, 0.25], "config": {"hidden_size": 32}}"#.utf8))
        let baseline = ComparedRun(
            label: "old", origin: "old.json", metrics: document.metrics, recordedSettings: ComparedRun.recorded(in: document))
        let differences = BaselineDifferences(run: ComparisonTestRuns.run("new", ComparisonTestRuns.metrics()), baseline: baseline)
        #expect(!differences.settings.contains { $0.hasPrefix("cell") }, "\(differences.settings)")
        #expect(!differences.settings.contains { $0.hasPrefix("hidden_size") }, "recorded, and the same")
        #expect(differences.settings.first == "num_layers 3 (baseline not recorded)", "\(differences.settings)")
        // Without config, the cell is not recorded either.
        let bare = try MetricsDocument(jsonData: Data(#"{"loss": [0.5, 0.25]}"#.utf8))
        let unknown = BaselineDifferences(run: ComparisonTestRuns.run("new", ComparisonTestRuns.metrics()), baseline: ComparedRun(
            label: "old", origin: "old.json", metrics: bare.metrics, recordedSettings: ComparedRun.recorded(in: bare)))
        #expect(unknown.settings.first == "cell rnn (baseline not recorded)", "\(unknown.settings)")
    }

    @Test("a run against itself changes nothing")
    func same() {
        let run = ComparisonTestRuns.run("a", ComparisonTestRuns.metrics())
        let differences = BaselineDifferences(run: run, baseline: run)
        #expect(differences.table.rows.allSatisfy { $0[3] == "none" }, "\(differences.table.rows)")
        #expect(differences.settings.isEmpty)
    }
}
