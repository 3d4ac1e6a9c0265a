import Foundation
import Testing
import TestSupport
@testable import RNNCore

/// Metrics files of runs made elsewhere: only `loss` required, the `config` kept as written, keys
/// metrics do not use listed, `time_step` worked out from the series.
@Suite("Metrics files of runs made elsewhere")
struct MetricsDocumentTests {
    static func document(_ json: String) throws -> MetricsDocument {
        try MetricsDocument(jsonData: Data(json.utf8))
    }

    static func error(_ json: String) -> String? {
        do {
            _ = try document(json)
            return nil
        } catch let error as MetricsError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test("a file of the loss alone reads: no config, no other series, nothing ignored")
    func lossOnly() throws {
        let document = try Self.document(#"{"loss": [0.5, NaN, 0.25]}"#)
        #expect(document.metrics.loss == [0.5, nil, 0.25])
        #expect(document.metrics.learningRate == nil && document.metrics.gradNorm == nil)
        #expect(document.metrics.real == nil && document.metrics.prediction == nil)
        #expect(document.config == nil)
        #expect(document.ignoredKeys.isEmpty)
        #expect(!document.records(.clipNorm) && !document.records(.timeStep))
        #expect(document.metrics.config == TrainingConfiguration(), "settings the file does not give keep their defaults")
    }

    @Test("config keys are kept as written, in the file's order, those rnnreport does not know included")
    func configAsWritten() throws {
        let json = #"""
            {"loss": [1, 2], "config": {"time_step": 3, "cell": "gru", "input": ["force", "t"],
             "learning_rate": 1e-3, "nested": {"a": [1, {"b": "}"}]}, "\u0068idden_size": 4, "normalize": true}}
            """#
        let document = try Self.document(json)
        let config = try #require(document.config)
        #expect(config.map(\.key) == ["time_step", "cell", "input", "learning_rate", "nested", "hidden_size", "normalize"])
        #expect(config.map(\.value) == [
            "3", #""gru""#, #"["force", "t"]"#, "1e-3", #"{"a": [1, {"b": "}"}]}"#, "4", "true",
        ])
        #expect(document.metrics.config.learningRate == 0.001 && document.metrics.config.hiddenSize == 4)
        #expect(document.records(.hiddenSize) && document.records(.learningRate) && !document.records(.clipNorm))
        #expect(document.ignoredKeys.isEmpty, "unknown config keys are shown, not ignored")
    }

    @Test("unknown top-level keys are ignored and listed in the file's order")
    func ignoredKeys() throws {
        let json = #"{"wall_time": 3.5, "loss": [1], "notes": {"loss": "x"}, "Loss": [2]}"#
        let document = try Self.document(json)
        #expect(document.ignoredKeys == ["wall_time", "notes", "Loss"])
        #expect(document.metrics.loss == [1])
        // The Foundation path (a key spelt with an escape) lists the same keys.
        let escaped = try Self.document(#"{"wall_time": 3.5, "l\u006fss": [1], "notes": {"loss": "x"}, "Loss": [2]}"#)
        #expect(escaped.ignoredKeys == ["wall_time", "notes", "Loss"])
        #expect(escaped == document)
    }

    @Test("evaluation is a key metrics use: read, not listed as ignored, by the one-pass reader and by Foundation alike")
    func evaluationKnown() throws {
        let json = #"""
            {"loss": [1], "evaluation": {"holdout_start": 2, "real": [1, 2, 3], "prediction": [1.5, 2, NaN],
             "train_mse": 0.125, "holdout_mse": null}, "notes": 1}
            """#
        let document = try Self.document(json)
        #expect(document.ignoredKeys == ["notes"])
        #expect(document.metrics.evaluation == Evaluation(
            holdoutStart: 2, real: [1, 2, 3], prediction: [1.5, 2, nil], trainMSE: 0.125, holdoutMSE: nil))
        // A key spelt with an escape sends the file through Foundation: the same document.
        let escaped = try Self.document(json.replacingOccurrences(of: #""loss""#, with: #""l\u006fss""#))
        #expect(escaped == document)
        // A held-out start beyond the rows is refused, naming it.
        let beyond = Self.error(json.replacingOccurrences(of: #""holdout_start": 2"#, with: #""holdout_start": 4"#))
        #expect(beyond?.contains("evaluation.holdout_start is 4") == true)
    }

    @Test("time_step is the points per step when config does not give it, and must then be whole")
    func inferredTimeStep() throws {
        let document = try Self.document(#"{"loss": [1, 2], "real": [1, 2, 3, 4, 5, 6], "prediction": [0, 0, 0, 0, 0, 0]}"#)
        #expect(document.metrics.config.timeStep == 3)
        #expect(!document.records(.timeStep))
        #expect(Self.error(#"{"loss": [1, 2], "real": [1, 2, 3], "prediction": [0, 0, 0]}"#)
            == "inconsistent metrics: real has 3 values for the 2 steps of loss, not a whole number per step, and config gives no time_step")
        #expect(Self.error(#"{"loss": [1, 2], "real": [1], "prediction": [0]}"#)?.contains("not a whole number per step") == true)
        // Inferred, it is held to the range a recorded one is: one point a step is no window, and
        // the file written from such metrics would be refused when read back (a fuzzer's find).
        #expect(Self.error(#"{"loss": [1, 2], "real": [1, 2], "prediction": [0, 0]}"#)
            == "inconsistent metrics: real has 1 value for each of the 2 steps of loss, and config gives no time_step: "
                + "a window of each step's values, and time_step is an integer from 2 to 1000000")
        // Given, it is checked as before.
        #expect(Self.error(#"{"config": {"time_step": 2}, "loss": [1, 2], "real": [1, 2, 3, 4, 5, 6], "prediction": [0, 0, 0, 0, 0, 0]}"#)
            == "inconsistent metrics: real has 6 values; expected steps × time_step = 2 × 2")
    }

    @Test("config.steps against the losses: fewer is a run stopped early, more is refused naming both numbers")
    func stepsAgainstLosses() throws {
        let early = try Self.document(#"{"config": {"steps": 9999}, "loss": [0.5, 0.25, 0.125]}"#)
        #expect(early.stoppedEarly && early.metrics.completedSteps == 3 && early.metrics.config.steps == 9999)
        #expect(try !Self.document(#"{"config": {"steps": 3}, "loss": [0.5, 0.25, 0.125]}"#).stoppedEarly)
        #expect(try !Self.document(#"{"config": {"hidden_size": 8}, "loss": [0.5, 0.25, 0.125]}"#).stoppedEarly, "no steps recorded")
        #expect(Self.error(#"{"config": {"steps": 2}, "loss": [0.5, 0.25, 0.125]}"#)
            == "inconsistent metrics: loss has 3 values but config.steps is 2; a run records one loss a step")
        // A file without config.steps has as many steps as losses, the default's 500 or more.
        let many = "[" + Array(repeating: "0.5", count: 600).joined(separator: ",") + "]"
        #expect(try Self.document(#"{"config": {"hidden_size": 8}, "loss": \#(many)}"#).metrics.completedSteps == 600)
    }

    @Test("a config setting written as null is not recorded: shown as written, and neither checked against the losses nor taken for the windows")
    func nullSettingsNotRecorded() throws {
        let many = "[" + Array(repeating: "0.5", count: 600).joined(separator: ",") + "]"
        let points = "[" + Array(repeating: "0.25", count: 1200).joined(separator: ",") + "]"
        let document = try Self.document(
            #"{"config": {"steps": null, "time_step": null, "clip_norm": null, "hidden_size": 8}, "loss": \#(many), "real": \#(points), "prediction": \#(points)}"#)
        #expect(!document.records(.steps) && !document.records(.timeStep) && !document.records(.clipNorm))
        #expect(document.records(.hiddenSize))
        #expect(document.nullSettings == [.timeStep, .steps, .clipNorm])
        #expect(try Self.document(#"{"config": {"hidden_size": 8}, "loss": [0.5]}"#).nullSettings.isEmpty)
        #expect(document.config?.map(\.value) == ["null", "null", "null", "8"])
        // More losses than the default's 500 steps, which a recorded steps would refuse.
        #expect(document.metrics.completedSteps == 600 && !document.stoppedEarly)
        // The windows from the series, as when config gives no time_step.
        #expect(document.metrics.config.timeStep == 2)
    }

    @Test("a setting the report computes with (time_step, steps, clip_norm) is refused out of its option's range, naming it and the range", arguments: [
        (#"{"config": {"time_step": 1}, "loss": [1, 2], "real": [1, 2], "prediction": [0, 0]}"#,
         "invalid config.time_step 1: expected an integer from 2 to 1000000"),
        (#"{"config": {"time_step": 4294967296}, "loss": [1, 2]}"#,
         "invalid config.time_step 4294967296: expected an integer from 2 to 1000000"),
        (#"{"config": {"time_step": 1000001}, "loss": [1]}"#,
         "invalid config.time_step 1000001: expected an integer from 2 to 1000000"),
        (#"{"config": {"time_step": -5}, "loss": [1]}"#,
         "invalid config.time_step -5: expected an integer from 2 to 1000000"),
        (#"{"config": {"steps": 0}, "loss": [1]}"#, "invalid config.steps 0: expected a positive integer"),
        (#"{"config": {"steps": -3}, "loss": [1]}"#, "invalid config.steps -3: expected a positive integer"),
        (#"{"config": {"steps": 1e18}, "loss": [1]}"#,
         "invalid config.steps 1000000000000000000: expected at most 50000000 recorded points (steps × time_step), which keeps a run "
            + "within about 2 GB of memory and metrics.json within about 1.2 GB"),
        (#"{"config": {"steps": 4294967296, "time_step": 10}, "loss": [1]}"#,
         "invalid config.steps 4294967296: expected at most 50000000 recorded points (steps × time_step), which keeps a run "
            + "within about 2 GB of memory and metrics.json within about 1.2 GB"),
        (#"{"config": {"clip_norm": -1}, "loss": [1], "grad_norm": [2]}"#, "invalid config.clip_norm -1.0: expected a finite number greater than 0"),
        (#"{"config": {"clip_norm": 0}, "loss": [1]}"#, "invalid config.clip_norm 0.0: expected a finite number greater than 0"),
    ])
    func settingsInUseOutOfRange(json: String, message: String) {
        #expect(Self.error(json) == message)
    }

    @Test("settings at the ends of their ranges read, and those only shown are shown as written, whatever their value")
    func settingsInRangeAndShownOnly() throws {
        let ends = try Self.document(#"{"config": {"time_step": 1000000, "steps": 50, "clip_norm": 1e300}, "loss": [1]}"#)
        #expect(ends.metrics.config.timeStep == 1_000_000 && ends.metrics.config.steps == 50 && ends.stoppedEarly)
        #expect(try Self.document(#"{"config": {"time_step": 2}, "loss": [1, 2], "real": [1, 2, 3, 4], "prediction": [0, 0, 0, 0]}"#)
            .metrics.config.timeStep == 2)
        let shown = #"{"hidden_size": 99999, "num_layers": 0, "learning_rate": -1, "lr_factor": 7, "lr_patience": -1, "holdout": 5}"#
        let document = try Self.document(#"{"config": \#(shown), "loss": [1]}"#)
        #expect(document.config?.map(\.value) == ["99999", "0", "-1", "7", "-1", "5"])
        #expect(document.metrics.config.hiddenSize == 99999 && document.metrics.config.lrPatience == -1)
    }

    @Test("a file without loss, or with a loss of the wrong kind, is refused naming loss", arguments: [
        (#"{"config": {"time_step": 2}, "real": [1, 2], "prediction": [1, 2]}"#, "not a metrics file: missing key 'loss'"),
        (#"{"loss": "0.5"}"#, "not a metrics file: loss: expected an array, found a string"),
        (#"{"loss": 0.5}"#, "not a metrics file: loss: expected an array, found number"),
        (#"{"loss": null}"#, "not a metrics file: loss: expected an array, found null"),
        (#"{"loss": [0.5, "x"]}"#, "not a metrics file: loss[1]: expected a number, found a string"),
        (#"{"loss": [0.5, [1]]}"#, "not a metrics file: loss[1]: expected a number, found an array"),
    ])
    func refusedLoss(_ json: String, _ message: String) {
        #expect(Self.error(json) == message)
    }

    @Test("real and prediction come together")
    func pointsTogether() {
        #expect(Self.error(#"{"loss": [1], "real": [1, 2]}"#)
            == "inconsistent metrics: real is given without prediction; give both or neither")
        #expect(Self.error(#"{"loss": [1], "real": null, "prediction": [1, 2]}"#)
            == "inconsistent metrics: prediction is given without real; give both or neither")
    }

    @Test("a PyTorch trace of another cell reads, its config as written")
    func pytorchTrace() throws {
        let document = try MetricsDocument(jsonData: Fixtures.data("gru-small.trace.json"))
        #expect(document.metrics.source == "pytorch 2.15.0+cu132 float32")
        #expect(document.metrics.completedSteps == 40 && document.metrics.real?.count == 400)
        let config = try #require(document.config)
        #expect(config.map(\.key) == [
            "hidden_size", "num_layers", "time_step", "steps", "learning_rate", "clip_norm", "lr_factor",
            "lr_patience", "seed", "cell",
        ])
        #expect(config.last?.value == #""gru""#)
        #expect(document.ignoredKeys.isEmpty)
    }

    @Test("the config of a metrics file, as JSON for --config; nil for a file of settings alone")
    func configJSON() throws {
        let metrics = #"{"config": {"hidden_size": 8, "cell": "gru", "seed": 3}, "loss": [NaN], "notes": 1}"#
        let json = try #require(try MetricsDocument.configJSON(in: Data(metrics.utf8)))
        #expect(String(decoding: json, as: UTF8.self) == #"{"hidden_size":8,"cell":"gru","seed":3}"#)
        #expect(try MetricsDocument.configJSON(in: Data(("\u{FEFF}" + metrics).utf8)) == json, "after a byte-order mark")
        #expect(try MetricsDocument.configJSON(in: Data(#"{"hidden_size": 8}"#.utf8)) == nil)
        #expect(try MetricsDocument.configJSON(in: Data(#"{"config": {"hidden_size": 8}"#.utf8)) == nil, "cut short: not one object")
        #expect(try MetricsDocument.configJSON(in: Data("not json".utf8)) == nil)
    }

    @Test("a config that is not an object is named for what it is, not taken for a file of settings with a key 'config'", arguments: [
        (#"{"config": [1], "loss": [1]}"#, "an array"),
        (#"{"config": null, "loss": []}"#, "null"),
        (#"{"loss": [1], "config": "gru"}"#, "a string"),
        (#"{"config": 3}"#, "a number"),
        (#"{"config": false}"#, "true or false"),
    ])
    func configNotAnObject(_ json: String, _ kind: String) {
        #expect(throws: MetricsError.self) { try MetricsDocument.configJSON(in: Data(json.utf8)) }
        do { _ = try MetricsDocument.configJSON(in: Data(json.utf8)) } catch {
            #expect(error.description == "not a metrics file: config: expected an object, found \(kind)")
        }
    }

    @Test("the outline scan never traps and agrees with itself on every prefix of a trace")
    func outlinePrefixes() throws {
        let data = try Fixtures.data("gru-small.trace.json").prefix(3000)
        for end in stride(from: 0, through: data.count, by: 7) {
            _ = MetricsOutline.of(data.prefix(end))
        }
        let whole = #"{"config": {"a": "x\"}", "b": [1, {"c": 2}]}, "loss": [1]}"#
        let outline = try #require(MetricsOutline.of(Data(whole.utf8)))
        #expect(outline.keys == ["config", "loss"])
        #expect(outline.config == [ConfigEntry(key: "a", value: #""x\"}""#), ConfigEntry(key: "b", value: #"[1, {"c": 2}]"#)])
    }
}
