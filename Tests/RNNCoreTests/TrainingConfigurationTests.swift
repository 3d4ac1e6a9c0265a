import Foundation
import Testing
import TestSupport
@testable import RNNCore

@Suite("Training configuration")
struct TrainingConfigurationTests {
    // MARK: - Validation

    @Test("the tutorial's defaults are valid")
    func defaultsAreValid() throws {
        let configuration = TrainingConfiguration()
        #expect(configuration == TrainingConfiguration(
            hiddenSize: 32, numLayers: 3, timeStep: 30, steps: 500, learningRate: 0.005, clipNorm: 1,
            lrFactor: 0.5, lrPatience: 10, seed: 0))
        try configuration.validate()
    }

    @Test("values at the limits are accepted")
    func limitsAccepted() throws {
        for configuration in [
            TrainingConfiguration(hiddenSize: 1, numLayers: 1, timeStep: 2, steps: 1, lrPatience: 0),
            TrainingConfiguration(hiddenSize: TrainingConfiguration.Limits.hiddenSize, numLayers: 1, steps: 100),
            TrainingConfiguration(hiddenSize: 8, numLayers: TrainingConfiguration.Limits.numLayers, steps: 100),
            TrainingConfiguration(hiddenSize: 1, numLayers: 1, timeStep: TrainingConfiguration.Limits.timeStep, steps: 10),
            TrainingConfiguration(timeStep: 10, steps: 1_000_000),  // exactly the recorded-points limit
            TrainingConfiguration(learningRate: .leastNonzeroMagnitude, clipNorm: 1e300,
                                  lrFactor: Double(1).nextDown, lrPatience: .max, seed: .max),
        ] {
            #expect(throws: Never.self, "\(configuration)") { try configuration.validate() }
        }
    }

    /// One bad value each, with the option name the message must carry.
    static let badValues: [(TrainingSetting, TrainingConfiguration)] = {
        func with(_ change: (inout TrainingConfiguration) -> Void) -> TrainingConfiguration {
            var configuration = TrainingConfiguration()
            change(&configuration)
            return configuration
        }
        return [
            (.hiddenSize, with { $0.hiddenSize = 0 }),
            (.hiddenSize, with { $0.hiddenSize = -3 }),
            (.hiddenSize, with { $0.hiddenSize = TrainingConfiguration.Limits.hiddenSize + 1 }),
            (.numLayers, with { $0.numLayers = 0 }),
            (.numLayers, with { $0.numLayers = -1 }),
            (.numLayers, with { $0.numLayers = TrainingConfiguration.Limits.numLayers + 1 }),
            (.timeStep, with { $0.timeStep = 1 }),
            (.timeStep, with { $0.timeStep = 0 }),
            (.timeStep, with { $0.timeStep = -30 }),
            (.steps, with { $0.steps = 0 }),
            (.steps, with { $0.steps = -500 }),
            (.steps, with { $0.timeStep = 10; $0.steps = 5_000_001 }),  // one window over the limit
            (.hiddenSize, with { $0.hiddenSize = 4096; $0.numLayers = 3 }),  // 83,918,849 parameters
            (.timeStep, with { $0.hiddenSize = 1000; $0.timeStep = 100_000 }),  // 300,003,000 activations
            (.steps, with { $0.timeStep = 1_000_000; $0.steps = .max / 2 }),  // steps × time_step overflows
            (.learningRate, with { $0.learningRate = 0 }),
            (.learningRate, with { $0.learningRate = -0.005 }),
            (.learningRate, with { $0.learningRate = .nan }),
            (.learningRate, with { $0.learningRate = .infinity }),
            (.clipNorm, with { $0.clipNorm = 0 }),
            (.clipNorm, with { $0.clipNorm = -1 }),
            (.clipNorm, with { $0.clipNorm = .nan }),
            (.clipNorm, with { $0.clipNorm = .infinity }),
            (.lrFactor, with { $0.lrFactor = 1 }),
            (.lrFactor, with { $0.lrFactor = 1.5 }),
            (.lrFactor, with { $0.lrFactor = 0 }),
            (.lrFactor, with { $0.lrFactor = -0.5 }),
            (.lrFactor, with { $0.lrFactor = .nan }),
            (.lrPatience, with { $0.lrPatience = -1 }),
        ]
    }()

    @Test("each bad value is rejected, naming its setting and value")
    func badValuesRejected() {
        for (setting, configuration) in Self.badValues {
            do throws(ConfigurationError) {
                try configuration.validate()
                Issue.record("\(setting): \(configuration) was accepted")
            } catch {
                #expect(error.setting == setting)
                #expect(error.description.hasPrefix("invalid \(setting.key) "), "\(error.description)")
                #expect(!error.expected.isEmpty)
            }
        }
    }

    @Test("the message carries the value and what was expected")
    func messageWording() {
        var configuration = TrainingConfiguration()
        configuration.timeStep = 1
        let error = ConfigurationError(setting: .timeStep, value: "1", expected: "an integer from 2 to 1000000")
        #expect(throws: error) { try configuration.validate() }
        // The core names the setting; each reader spells it its own way.
        #expect(error.description == "invalid time_step 1: expected an integer from 2 to 1000000")
        #expect(error.message(naming: { "--" + $0.key.replacingOccurrences(of: "_", with: "-") })
            == "invalid --time-step 1: expected an integer from 2 to 1000000")
    }

    // MARK: - JSON

    static func decode(_ json: String) throws -> TrainingConfiguration {
        try JSONDecoder().decode(TrainingConfiguration.self, from: Data(json.utf8))
    }

    @Test("a setting written as null is refused by a file of settings, naming its key and what to give; the config of metrics reads it as not given",
          arguments: TrainingSetting.allCases)
    func nullSetting(_ setting: TrainingSetting) throws {
        // Another setting beside it, which the null one does not hide.
        let (other, expected) = setting == .seed
            ? (#""steps": 7"#, TrainingConfiguration(steps: 7)) : (#""seed": 3"#, TrainingConfiguration(seed: 3))
        #expect {
            try Self.decode(#"{\#(other), "\#(setting.key)": null}"#)
        } throws: { error in
            (error as? NullSettingError) == NullSettingError(setting: setting, path: setting.key)
        }
        // Nested, as in a sweep's grid, the message gives the whole way to the value.
        let nested = NullSettingError(setting: setting, path: "runs[2].config.\(setting.key)")
        #expect(nested.description.hasPrefix("\"runs[2].config.\(setting.key)\" is null; give "))
        #expect(nested.description.hasSuffix(" or leave the key out"))
        let metrics = try TrainingMetrics(jsonData: Data(#"{"config": {\#(other), "\#(setting.key)": null}, "loss": [1]}"#.utf8))
        #expect(metrics.config == expected)
    }

    @Test("the message of a null setting says what kind of value to give")
    func nullSettingMessage() {
        #expect(NullSettingError(setting: .hiddenSize, path: "hidden_size").description
            == #""hidden_size" is null; give a number or leave the key out"#)
        #expect(NullSettingError(setting: .cell, path: "cell").description
            == #""cell" is null; give a cell's name (rnn, lstm, gru) or leave the key out"#)
        #expect(NullSettingError(setting: .normalize, path: "normalize").description
            == #""normalize" is null; give true or false or leave the key out"#)
    }

    @Test("absent keys keep their defaults")
    func absentKeysKeepDefaults() throws {
        #expect(try Self.decode("{}") == TrainingConfiguration())
        var expected = TrainingConfiguration()
        expected.hiddenSize = 8
        expected.learningRate = 0.01
        expected.seed = 3
        #expect(try Self.decode(#"{"hidden_size": 8, "learning_rate": 0.01, "seed": 3}"#) == expected)
    }

    @Test("every key is read, in snake case")
    func allKeysRead() throws {
        let json = #"""
            {"hidden_size": 8, "num_layers": 1, "time_step": 10, "steps": 40, "learning_rate": 0.002,
             "clip_norm": 0.5, "lr_factor": 0.25, "lr_patience": 3, "seed": 18446744073709551615}
            """#
        #expect(try Self.decode(json) == TrainingConfiguration(
            hiddenSize: 8, numLayers: 1, timeStep: 10, steps: 40, learningRate: 0.002, clipNorm: 0.5,
            lrFactor: 0.25, lrPatience: 3, seed: .max))
    }

    @Test("an unknown key is rejected, by name")
    func unknownKeyRejected() {
        do {
            _ = try Self.decode(#"{"hidden_size": 8, "hiden_size": 16, "zz": 1}"#)
            Issue.record("a misspelt key was accepted")
        } catch let error as DecodingError {
            let message = error.readableDescription
            #expect(message.contains("unknown key 'hiden_size'"), "\(message)")
            #expect(message.contains("hidden_size, num_layers"), "the known keys are listed: \(message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("a value of the wrong JSON type is rejected, naming its key",
          arguments: [#"{"hidden_size": "32"}"#, #"{"learning_rate": "fast"}"#, #"{"lr_patience": true}"#,
                      #"{"steps": [500]}"#, #"{"seed": {"value": 1}}"#])
    func wrongTypeRejected(json: String) {
        let key = json.split(separator: "\"")[1]
        do {
            let configuration = try Self.decode(json)
            Issue.record("\(json) was read as \(configuration)")
        } catch let error as DecodingError {
            #expect(error.readableDescription.hasPrefix("\(key):"), "\(error.readableDescription)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// A number that does not fit the integer type is rejected too; Foundation's JSONDecoder then
    /// reports "The given data was not valid JSON." at the top level, without the key
    /// (swiftlang/swift-foundation#274), so only the rejection is checked here.
    @Test("a fractional, negative or too large number for an integer is rejected",
          arguments: [#"{"hidden_size": 32.5}"#, #"{"seed": -1}"#, #"{"steps": 1e30}"#,
                      #"{"seed": 18446744073709551616}"#])
    func integerOutOfRangeRejected(json: String) {
        #expect(throws: DecodingError.self, "\(json)") { try Self.decode(json) }
    }

    @Test("a JSON value that is not an object is rejected")
    func notAnObject() {
        #expect(throws: DecodingError.self) { try Self.decode("[1, 2]") }
        #expect(throws: DecodingError.self) { try Self.decode("32") }
    }

    @Test("encoding and decoding give back the same configuration")
    func roundTrip() throws {
        for configuration in [
            TrainingConfiguration(),
            TrainingConfiguration(hiddenSize: 7, numLayers: 2, timeStep: 13, steps: 99, learningRate: 0.1 + 0.2,
                                  clipNorm: 1e-7, lrFactor: 1.0 / 3, lrPatience: 0, seed: .max),
            TrainingConfiguration(cell: .lstm),
            TrainingConfiguration(hiddenSize: 5, cell: .gru),
        ] {
            let data = try JSONEncoder().encode(configuration)
            #expect(try JSONDecoder().decode(TrainingConfiguration.self, from: data) == configuration)
        }
    }

    @Test("series settings without a data file (found by ConfigJSONFuzzer: {\"holdout\":16}) survive a round trip, validation refuses them, and a sin→cos run writes none")
    func seriesSettingsWithoutDataRoundTrip() throws {
        for text in [#"{"holdout":16}"#, #"{"normalize":true}"#, #"{"input":["x"]}"#, #"{"target":"y"}"#] {
            let configuration = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(text.utf8))
            #expect(throws: ConfigurationError.self, "\(text) is refused without data") { try configuration.validate() }
            let again = try JSONDecoder().decode(TrainingConfiguration.self, from: JSONEncoder().encode(configuration))
            #expect(again == configuration, "\(text) came back as \(again)")
        }
        let plain = String(decoding: try JSONEncoder().encode(TrainingConfiguration()), as: UTF8.self)
        for key in ["data", "input", "target", "holdout", "normalize"] {
            #expect(!plain.contains("\"\(key)\""), "a sin→cos configuration writes \(key): \(plain)")
        }
    }

    @Test("a column named twice in input is refused, named by its key, whichever of the names it repeats")
    func inputColumnTwice() throws {
        for (input, twice) in [(["a", "a"], "a"), (["a", "b", "c", "b"], "b"), (["b", "a", "b", "a"], "b")] {
            var configuration = TrainingConfiguration()
            configuration.data = "series.csv"
            configuration.input = input
            configuration.target = "y"
            #expect(throws: ConfigurationError(setting: .input, value: input.joined(separator: ","),
                                               expected: "each column once, not \(twice) twice")) {
                try configuration.validate()
            }
        }
        var distinct = TrainingConfiguration()
        distinct.data = "series.csv"
        distinct.input = ["a", "b", "A"]
        distinct.target = "a"
        try distinct.validate()
    }

    @Test("the JSON keys are the snake_case names of the reference traces")
    func snakeCaseKeys() throws {
        let data = try JSONEncoder().encode(TrainingConfiguration())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "cell", "hidden_size", "num_layers", "time_step", "steps", "learning_rate", "clip_norm", "lr_factor",
            "lr_patience", "seed",
        ])
        #expect(object["cell"] as? String == "rnn", "the cell is always recorded, an RNN's too")
        #expect(object["hidden_size"] as? Int == 32)
        #expect(object["learning_rate"] as? Double == 0.005)
    }

    // MARK: - Cell

    @Test("the cell: absent or \"rnn\" reads as an RNN (null too, in the config of metrics); \"lstm\" and \"gru\" as those cells")
    func cellRead() throws {
        #expect(try Self.decode("{}").cell == .rnn)
        #expect(try TrainingMetrics(jsonData: Data(#"{"config": {"cell": null}, "loss": [1]}"#.utf8)).config.cell == .rnn)
        #expect(try Self.decode(#"{"cell": "rnn"}"#).cell == .rnn)
        #expect(try Self.decode(#"{"cell": "lstm", "hidden_size": 8}"#) == TrainingConfiguration(hiddenSize: 8, cell: .lstm))
        #expect(try Self.decode(#"{"cell": "gru"}"#).cell == .gru)
    }

    @Test("a cell that names no cell is rejected, naming the key and the choices",
          arguments: [#"{"cell": "LSTM"}"#, #"{"cell": "transformer"}"#, #"{"cell": ""}"#])
    func badCellRejected(json: String) {
        do {
            let configuration = try Self.decode(json)
            Issue.record("\(json) was read as \(configuration)")
        } catch let error as DecodingError {
            let message = error.readableDescription
            #expect(message.hasPrefix("cell:"), "\(message)")
            #expect(message.contains("rnn, lstm, gru"), "the choices are listed: \(message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: DecodingError.self) { try Self.decode(#"{"cell": 4}"#) }
    }

    @Test("a gated cell's larger activations count against the activation limit")
    func gatedCellActivations() throws {
        // 3 × 4001 × 1024 × 7 ≈ 86 million activations for an LSTM: within the limit; 4 layers
        // (115 million) are not, though an RNN's 16 million are.
        var configuration = TrainingConfiguration(hiddenSize: 1024, numLayers: 3, timeStep: 4000, steps: 1, cell: .lstm)
        #expect(throws: Never.self) { try configuration.validate() }
        configuration.numLayers = 4
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        configuration.cell = .rnn
        #expect(throws: Never.self) { try configuration.validate() }
    }
}
