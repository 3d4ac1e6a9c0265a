import Foundation
import RNNCore
@testable import Report
import Testing

@Suite("comparison tables")
struct ComparisonTablesTests {
    @Test("only the settings that differ get a column; the rest are listed as shared")
    func differingSettings() throws {
        let runs = [
            ComparisonTestRuns.run("a", ComparisonTestRuns.metrics(learningRate: 0.005, seed: 1)),
            ComparisonTestRuns.run("b", ComparisonTestRuns.metrics(learningRate: 0.01, seed: 1)),
        ]
        let tables = ComparisonTables(runs)
        let differing = try #require(tables.differingSettings)
        #expect(differing.header == ["run", "learning_rate"])
        #expect(differing.rows == [["a", "0.005"], ["b", "0.01"]])
        #expect(differing.numeric == [false, true])
        #expect(tables.sharedSettings.contains("seed 1"))
        #expect(tables.sharedSettings.contains("hidden_size 32"))
        #expect(!tables.sharedSettings.contains { $0.hasPrefix("learning_rate") })
        // sin→cos runs have no data file or columns: nothing to list for them, not "data ".
        let unset = tables.sharedSettings.filter { !$0.contains(" ") || $0.hasSuffix(" ") }
        #expect(unset.isEmpty, "settings listed without a value: \(unset)")
        #expect(!tables.sharedSettings.contains { $0.hasPrefix("data") || $0.hasPrefix("input") || $0.hasPrefix("target") })
        // Nor their held-out share and standardisation, which only a CSV series has.
        #expect(!tables.sharedSettings.contains { $0.hasPrefix("holdout") || $0.hasPrefix("normalize") })
    }

    @Test("a CSV run beside a sin→cos run: the series' settings differ, with no value for the sin→cos run")
    func seriesBesideSineCosine() throws {
        var series = ComparisonTestRuns.metrics()
        series.config.data = "prices.csv"
        series.config.input = ["open"]
        series.config.target = "close"
        series.config.holdout = 0.2
        let tables = ComparisonTables([ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics()), ComparisonTestRuns.run("csv", series)])
        let differing = try #require(tables.differingSettings)
        // lr_patience 10 is 10 steps on sin→cos and 10 epochs on the series: not the same setting.
        #expect(differing.header == ["run", "lr_patience", "data", "input", "target", "holdout", "normalize"])
        #expect(differing.rows[0] == ["sine", "10 steps", "–", "–", "–", "–", "–"])
        #expect(differing.rows[1][1 ... 5] == ["10 epochs", "prices.csv", "open", "close", "0.2"])
        #expect(differing.numeric == [false, true, false, false, false, false, false])
        #expect(!tables.sharedSettings.contains { $0.hasPrefix("holdout") || $0.hasPrefix("normalize") })
    }

    @Test("runs whose losses are in different units are not ranked: another series, or the same one standardised; other inputs are ranked")
    func differentUnitsNotRanked() throws {
        func series(_ data: String, normalize: Bool = false, start: Float) -> TrainingMetrics {
            var metrics = ComparisonTestRuns.metrics(start: start)
            metrics.config.data = data
            metrics.config.input = ["open"]
            metrics.config.target = "close"
            metrics.config.normalize = normalize
            return metrics
        }
        let sine = ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics(start: 0.5))
        let prices = ComparisonTestRuns.run("prices", series("prices.csv", start: 0.05))
        let standardised = ComparisonTestRuns.run("standardised", series("prices.csv", normalize: true, start: 0.01))
        let other = ComparisonTestRuns.run("other", series("other.csv", start: 0.02))
        let mixed = ComparisonTables([sine, prices, standardised])
        #expect(mixed.best == nil)
        #expect(mixed.lossUnits == ["cos(t)", "close in prices.csv", "close in prices.csv, standardised"])
        #expect(ComparisonTables([prices, standardised]).best == nil)
        #expect(ComparisonTables([prices, other]).best == nil)
        // The same series, standardised or not alike, is ranked; a second unit only once.
        #expect(ComparisonTables([prices, ComparisonTestRuns.run("again", series("prices.csv", start: 0.01))]).best == 1)
        #expect(ComparisonTables([standardised, ComparisonTestRuns.run("again", series("prices.csv", normalize: true, start: 0.001))]).best == 1)
        #expect(ComparisonTables([sine, prices, sine]).lossUnits == ["cos(t)", "close in prices.csv"])
        // Other inputs, the same column predicted: the same units, ranked.
        var wider = series("prices.csv", start: 0.001)
        wider.config.input = ["open", "volume"]
        #expect(ComparisonTables([prices, ComparisonTestRuns.run("wider", wider)]).best == 1)
    }

    @Test("the mean of the last steps is headed by how many steps it is over")
    func meanOfLastStepsHeading() {
        func heading(_ steps: [Int]) -> String {
            ComparisonTables.meanOfLastSteps(steps.map { TrainingSummary(loss: Array(repeating: 1, count: $0), learningRate: nil).lastSteps })
        }
        #expect(heading([60, 500]) == "mean of last 50")
        #expect(heading([30, 30]) == "mean of last 30")
        #expect(heading([30, 50, 80]) == "mean of last 50 (of all, if fewer)")
    }

    @Test("a setting of words, such as the cell, is a column aligned left")
    func wordsColumn() throws {
        var lstm = ComparisonTestRuns.metrics()
        lstm.config.cell = .lstm
        let tables = ComparisonTables([ComparisonTestRuns.run("a", ComparisonTestRuns.metrics()), ComparisonTestRuns.run("b", lstm)])
        let differing = try #require(tables.differingSettings)
        #expect(differing.header == ["run", "cell"])
        #expect(differing.rows == [["a", "rnn"], ["b", "lstm"]])
        #expect(differing.numeric == [false, false])
    }

    @Test("a run on a CSV series has no verdict: no converged and no first step below 1e-3, and the note says why")
    func seriesNotJudged() {
        var series = ComparisonTestRuns.metrics(start: 0.05)
        series.config.data = "prices.csv"
        series.config.input = ["open"]
        series.config.target = "close"
        let tables = ComparisonTables([ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics(start: 0.05)), ComparisonTestRuns.run("csv", series)])
        #expect(tables.results.rows[0][5 ... 7] == ["7", "0", "no"])
        #expect(tables.results.rows[1][5 ... 7] == ["–", "0", "–"])
        #expect(tables.noVerdictNote?.hasPrefix("A run on a CSV series has no converged or not-converged verdict") == true)
        #expect(ComparisonTables([ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics())]).noVerdictNote == nil)
    }

    @Test("lr_patience says its unit: steps on sin→cos, epochs on a CSV series, where the same number is another wait")
    func patienceUnits() throws {
        func tables(sine sinePatience: Int, series seriesPatience: Int) -> ComparisonTables {
            var sine = ComparisonTestRuns.metrics(start: 0.05)
            sine.config.lrPatience = sinePatience
            var series = ComparisonTestRuns.metrics(start: 0.05)
            series.config.data = "prices.csv"
            series.config.input = ["open"]
            series.config.target = "close"
            series.config.lrPatience = seriesPatience
            return ComparisonTables([ComparisonTestRuns.run("sine", sine), ComparisonTestRuns.run("csv", series)])
        }
        let differing = try #require(tables(sine: 5, series: 3).differingSettings)
        let column = try #require(differing.header.firstIndex(of: "lr_patience"))
        #expect(differing.rows.map { $0[column] } == ["5 steps", "3 epochs"])
        #expect(differing.numeric[column])
        // The same number is not the same setting: 10 steps and 10 epochs differ, and are not shared.
        let same = tables(sine: 10, series: 10)
        let sameColumn = try #require(same.differingSettings?.header.firstIndex(of: "lr_patience"))
        #expect(same.differingSettings?.rows.map { $0[sameColumn] } == ["10 steps", "10 epochs"])
        #expect(!same.sharedSettings.contains { $0.hasPrefix("lr_patience") }, "\(same.sharedSettings)")
        #expect(tables(sine: 1, series: 1).differingSettings?.rows.map { $0[sameColumn] } == ["1 step", "1 epoch"])
        // Runs of one task share it with its unit.
        let sine = ComparisonTestRuns.metrics()
        #expect(ComparisonTables([ComparisonTestRuns.run("a", sine), ComparisonTestRuns.run("b", sine)]).sharedSettings.contains("lr_patience 10 steps"))
    }

    @Test("settings a metrics file does not record are not recorded, never the defaults: they differ, and are not shared")
    func notRecorded() throws {
        var lossOnly = ComparisonTestRuns.run("lossonly", ComparisonTestRuns.metrics())
        lossOnly.recordedSettings = []
        lossOnly.recordsInitWeights = false
        let tables = ComparisonTables([ComparisonTestRuns.run("run", ComparisonTestRuns.metrics()), lossOnly])
        let differing = try #require(tables.differingSettings)
        #expect(differing.header == ["run", "cell", "hidden_size", "num_layers", "time_step", "steps", "learning_rate",
                                     "clip_norm", "lr_factor", "lr_patience", "seed", "init_weights"])
        #expect(differing.rows[0] == ["run", "rnn", "32", "3", "5", "20", "0.005", "1.0", "0.5", "10 steps", "0", "seeded"])
        #expect(differing.rows[1] == ["lossonly"] + Array(repeating: "not recorded", count: 11))
        #expect(tables.sharedSettings.isEmpty, "\(tables.sharedSettings)")
        // Settings no run records are listed as such, neither shared nor differing.
        let alone = ComparisonTables([lossOnly, lossOnly])
        #expect(alone.differingSettings == nil)
        #expect(alone.sharedSettings.isEmpty)
        #expect(alone.unrecordedSettings == ["cell", "hidden_size", "num_layers", "time_step", "steps", "learning_rate",
                                             "clip_norm", "lr_factor", "lr_patience", "seed", "init_weights"])
    }

    @Test("a file whose config gives one setting: its cell is an RNN's, as the traces' format has it, and init_weights is not recorded, not seeded by default",
          arguments: [
              // A config without cell is an RNN's (the traces' format); without config, unknown.
              (#"{"loss": [0.5, 0.25], "config": {"hidden_size": 8}}"#, "rnn", "not recorded"),
              (#"{"loss": [0.5, 0.25]}"#, "not recorded", "not recorded"),
              // A PyTorch trace of the seed script: an RNN's, its weights from PyTorch's generator.
              (#"{"loss": [0.5, 0.25], "config": {"hidden_size": 8}, "source": "pytorch 2.15.0+cu132 float32"}"#, "rnn", "not recorded"),
              (#"{"loss": [0.5, 0.25], "config": {"hidden_size": 8, "cell": "rnn"}, "init_weights": null}"#, "rnn", "seeded"),
              (#"{"loss": [0.5, 0.25], "config": {"cell": "gru"}, "init_weights": "w.safetensors"}"#, "gru", "w.safetensors"),
              // rnnreport's own file gives init_weights only for weights from a file.
              (#"{"loss": [0.5, 0.25], "config": {"cell": "lstm"}, "source": "rnnreport 0.0.9 float32"}"#, "lstm", "seeded"),
          ])
    func unrecordedCellAndInitWeights(_ json: String, _ cell: String, _ initWeights: String) throws {
        let document = try MetricsDocument(jsonData: Data(json.utf8))
        let file = ComparedRun(
            label: "file", origin: "file.json", metrics: document.metrics, recordedSettings: ComparedRun.recorded(in: document),
            recordsInitWeights: ComparedRun.recordsInitWeights(in: document))
        #expect(file.shownText(of: .cell) == cell)
        #expect(file.initWeightsText == initWeights)
        var lstm = ComparisonTestRuns.metrics()
        lstm.config.cell = .lstm
        let tables = ComparisonTables([ComparisonTestRuns.run("run", lstm), file])
        let differing = try #require(tables.differingSettings)
        let column = { (key: String) in differing.header.firstIndex(of: key).map { index in differing.rows.map { $0[index] } } }
        #expect(column("cell") == (cell == "lstm" ? nil : ["lstm", cell]), "\(differing)")
        #expect(column("init_weights") == (initWeights == "seeded" ? nil : ["seeded", initWeights]), "\(differing)")
        #expect(!tables.sharedSettings.contains("cell rnn"), "\(tables.sharedSettings)")
        // Against itself, a setting not recorded is listed as such, never as shared.
        let alone = ComparisonTables([file, file])
        #expect(alone.unrecordedSettings.contains("cell") == (cell == "not recorded"))
        #expect(alone.unrecordedSettings.contains("init_weights") == (initWeights == "not recorded"))
        #expect(alone.sharedSettings.contains("cell rnn") == (cell == "rnn"), "\(alone.sharedSettings)")
    }

    @Test("a run stopped early shows the steps it recorded of those it was to train, a column of numbers")
    func stoppedEarly() throws {
        var killed = ComparisonTestRuns.metrics()
        killed.config.steps = 9999
        let tables = ComparisonTables([ComparisonTestRuns.run("full", ComparisonTestRuns.metrics()), ComparisonTestRuns.run("killed", killed)])
        let differing = try #require(tables.differingSettings)
        #expect(differing.header == ["run", "steps"])
        #expect(differing.rows == [["full", "20"], ["killed", "20 of 9999"]])
        #expect(differing.numeric == [false, true])
        let alone = ComparisonTables([ComparisonTestRuns.run("killed", killed)])
        #expect(alone.sharedSettings.contains("steps 20 of 9999"), "\(alone.sharedSettings)")
        let differences = BaselineDifferences(run: ComparisonTestRuns.run("new", ComparisonTestRuns.metrics()), baseline: ComparisonTestRuns.run("old", killed))
        #expect(differences.settings == ["steps 20 (baseline 20 of 9999)"])
    }

    @Test("runs with the same settings have no table of differences")
    func sameSettings() {
        let runs = [ComparisonTestRuns.run("a", ComparisonTestRuns.metrics()), ComparisonTestRuns.run("b", ComparisonTestRuns.metrics())]
        #expect(ComparisonTables(runs).differingSettings == nil)
    }

    @Test("the results: final, best, last-50 mean, first step below 1e-3, reductions; the lowest mean is the best")
    func results() {
        let runs = [
            ComparisonTestRuns.run("high", ComparisonTestRuns.metrics(start: 0.5, source: nil)),
            ComparisonTestRuns.run("low", ComparisonTestRuns.metrics(start: 0.05, reduceAt: 12)),
        ]
        let tables = ComparisonTables(runs)
        #expect(tables.best == 1)
        // 0.05 / (k + 1)²: below 1e-3 from k = 7 (0.05 / 64 = 7.8e-4); the final loss is 0.05 / 400.
        #expect(tables.results.rows[1] == ["low", "rnnreport 0.1.0 float32", "0.000125", "0.000125 (19)", "0.00399", "7", "1", "no"])
        #expect(tables.results.rows[0][1] == "unknown")
        #expect(tables.results.rows[0][5] == "never")
        #expect(tables.results.rows[0][6] == "0")
    }
}
