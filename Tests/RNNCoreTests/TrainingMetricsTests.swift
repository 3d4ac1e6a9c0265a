import Foundation
import Testing
import TestSupport
@testable import RNNCore

@Suite("Training metrics")
struct TrainingMetricsTests {
    /// Three steps of a two-point window, every field set.
    static let sample = TrainingMetrics(
        config: TrainingConfiguration(hiddenSize: 4, numLayers: 2, timeStep: 2, steps: 3, seed: 9),
        source: "rnnreport test float32", initWeights: "/tmp/init.safetensors",
        loss: [0.5, 0.25, 0.125], learningRate: [0.005, 0.005, 0.0025], gradNorm: [1.5, 0.75, 0.1],
        real: [0, 1, 1, 0, 0, -1], prediction: [0.1, 0.9, 0.8, 0.2, -0.1, -0.7])

    /// The error reading `data` throws, or `nil` if it reads.
    static func readingError(_ data: Data) -> MetricsError? {
        do throws(MetricsError) {
            _ = try TrainingMetrics(jsonData: data)
            return nil
        } catch {
            return error
        }
    }

    static func validationError(_ metrics: TrainingMetrics) -> MetricsError? {
        do throws(MetricsError) {
            try metrics.validate()
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Round trip

    @Test("writing then reading gives back the same metrics")
    func roundTrip() throws {
        let data = try Self.sample.jsonData()
        #expect(try TrainingMetrics(jsonData: data) == Self.sample)
        var bare = Self.sample
        bare.source = nil
        bare.initWeights = nil
        bare.learningRate = nil
        bare.gradNorm = nil
        #expect(try TrainingMetrics(jsonData: bare.jsonData()) == bare)
        // A series that was not recorded is left out of the file, and reads back as not recorded.
        bare.real = nil
        bare.prediction = nil
        let lossOnly = try bare.jsonData()
        #expect(String(decoding: lossOnly, as: UTF8.self).hasPrefix(#"{"config":{"#))
        #expect(!String(decoding: lossOnly, as: UTF8.self).contains("real"))
        #expect(try TrainingMetrics(jsonData: lossOnly) == bare)
    }

    @Test("every finite float and double reads back exactly")
    func valuesReadBackExactly() throws {
        // Bit patterns drawn over the whole finite range, subnormals and extremes added: the JSON
        // text must name each value exactly.
        var generator = SplitMix64(seed: 77)
        let count = 4_000
        var floats: [Float] = (0 ..< count).map { _ in
            var x: Float
            repeat { x = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next())) } while !x.isFinite
            return x
        }
        floats += [.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -0.0, 0.1, 1.0 / 3]
        let doubles: [Double] = floats.map { _ in
            var x: Double
            repeat { x = Double(bitPattern: generator.next()) } while !x.isFinite
            return x
        }
        // The loss, the gradient norm and the learning rate are never negative: their magnitudes.
        let rates = doubles.prefix(floats.count / 2).map(\.magnitude)
        let metrics = TrainingMetrics(
            config: TrainingConfiguration(timeStep: 2, steps: floats.count / 2),
            loss: floats.prefix(floats.count / 2).map(\.magnitude), learningRate: rates,
            gradNorm: floats.suffix(floats.count / 2).map(\.magnitude), real: floats, prediction: floats.reversed())
        let read = try TrainingMetrics(jsonData: metrics.jsonData())
        #expect(read.real?.map { $0!.bitPattern } == floats.map(\.bitPattern))
        #expect(read.prediction?.map { $0!.bitPattern } == floats.reversed().map(\.bitPattern))
        #expect(read.loss.map { $0!.bitPattern } == floats.prefix(floats.count / 2).map(\.magnitude.bitPattern))
        #expect(read.learningRate?.map { $0!.bitPattern } == rates.map(\.bitPattern))
    }

    @Test("a trace from Python's json.dump of a diverged run reads: NaN, Infinity and -Infinity are missing")
    func pythonNonFiniteTokens() throws {
        let json = """
            {"config": {"time_step": 2, "steps": 3}, "source": "pytorch",
             "loss": [0.5, NaN, Infinity], "learning_rate": [0.005, 0.005, 0.0025],
             "grad_norm": [1.0, -Infinity, NaN],
             "real": [1, 0.5, 0, -0.5, -1, 1e-50], "prediction": [0.9, NaN, 0, null, -Infinity, 0.25]}
            """
        let metrics = try TrainingMetrics(jsonData: Data(json.utf8))
        #expect(metrics.loss == [0.5, nil, nil])
        #expect(metrics.gradNorm == [1.0, nil, nil])
        #expect(metrics.prediction == [0.9, nil, 0, nil, nil, 0.25])
        #expect(metrics.real?[5] == 0, "1e-50 underflows to zero, which is finite")
        #expect(metrics.learningRate == [0.005, 0.005, 0.0025])
    }

    @Test("non-finite values are written as null and read back as nil")
    func nonFiniteAsNull() throws {
        var metrics = Self.sample
        metrics.loss = [.nan, .infinity, 0.5]
        metrics.learningRate = [0.005, -.infinity, nil]
        metrics.gradNorm = [nil, -.infinity, .nan]
        metrics.real?[1] = .nan
        metrics.prediction?[5] = -.infinity
        let data = try metrics.jsonData()

        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let loss = try #require(object["loss"] as? [Any])
        #expect(loss[0] is NSNull && loss[1] is NSNull && (loss[2] as? Double) == 0.5)
        let rates = try #require(object["learning_rate"] as? [Any])
        #expect(rates[1] is NSNull && rates[2] is NSNull)
        #expect((object["grad_norm"] as? [Any])?.allSatisfy { $0 is NSNull } == true)

        let read = try TrainingMetrics(jsonData: data)
        #expect(read.loss == [nil, nil, 0.5])
        #expect(read.learningRate == [0.005, nil, nil])
        #expect(read.gradNorm == [nil, nil, nil])
        let real = try #require(read.real), prediction = try #require(read.prediction)
        #expect(real[1] == nil && real[0] == 0)
        #expect(prediction[5] == nil && prediction[4] == -0.1)
    }

    // MARK: - The PyTorch trace

    @Test("PyTorch's LSTM and GRU traces read with their cell", arguments: [("lstm-small", RecurrentCell.lstm), ("gru-small", .gru)])
    func readsCellTraces(name: String, cell: RecurrentCell) throws {
        let metrics = try TrainingMetrics(jsonData: Fixtures.data("\(name).trace.json"))
        #expect(metrics.config == TrainingConfiguration(
            hiddenSize: 8, numLayers: 2, timeStep: 10, steps: 40, learningRate: 0.005, clipNorm: 1,
            lrFactor: 0.5, lrPatience: 10, seed: 3, cell: cell))
        #expect(metrics.loss.count == 40 && metrics.prediction?.count == 400)
    }

    @Test("a PyTorch trace reads as metrics, its extra \"source\" key included")
    func readsPyTorchTrace() throws {
        let metrics = try TrainingMetrics(jsonData: Fixtures.data("small.trace.json"))
        #expect(metrics.config == TrainingConfiguration(
            hiddenSize: 8, numLayers: 1, timeStep: 10, steps: 40, learningRate: 0.005, clipNorm: 1,
            lrFactor: 0.5, lrPatience: 10, seed: 3))
        #expect(metrics.source == "pytorch 2.15.0+cu132 float32")
        #expect(metrics.initWeights == nil)
        #expect(metrics.completedSteps == 40)
        #expect(metrics.learningRate?.count == 40 && metrics.gradNorm?.count == 40)
        #expect(metrics.real?.count == 400 && metrics.prediction?.count == 400)
        // Python wrote each float32 as the double it equals, so it reads back as that float.
        #expect(metrics.loss[0] == Float(0.5777220129966736))
        #expect(metrics.loss[1] == Float(0.5525544285774231))
        #expect(metrics.learningRate?.allSatisfy { $0 == 0.005 } == true)
        #expect(metrics.loss.allSatisfy { $0 != nil } && metrics.real?.allSatisfy { $0 != nil } == true)
        // Window 0 starts at t = 0: real = cos(0) = 1.
        #expect(metrics.real?[0] == 1)
    }

    @Test("reads a metrics file from disk, and names the file when it cannot")
    func readsFile() throws {
        let folder = try Fixtures.folder
        let metrics = try TrainingMetrics(contentsOf: folder.appendingPathComponent("small.trace.json"))
        #expect(metrics.completedSteps == 40)

        let missing = folder.appendingPathComponent("no-such-metrics.json")
        do throws(MetricsError) {
            _ = try TrainingMetrics(contentsOf: missing)
            Issue.record("a missing file was read")
        } catch {
            guard case let .unreadable(path, _) = error else {
                Issue.record("expected .unreadable, got \(error)")
                return
            }
            #expect(path == missing.path)
            #expect(error.description.hasPrefix("cannot read metrics file \(missing.path): "))
        }
    }

    // MARK: - Rejected input

    @Test("series of inconsistent lengths are rejected with a message naming them")
    func inconsistentLengths() throws {
        var shortRates = Self.sample
        shortRates.learningRate = [0.005, 0.005]
        var longNorms = Self.sample
        longNorms.gradNorm = [1, 2, 3, 4]
        var unmatched = Self.sample
        unmatched.prediction?.removeLast()
        var shortReal = Self.sample
        shortReal.real?.removeLast(2)
        shortReal.prediction?.removeLast(2)
        let cases: [(TrainingMetrics, String)] = [
            (shortRates, "learning_rate has 2 values but loss has 3"),
            (longNorms, "grad_norm has 4 values but loss has 3"),
            (unmatched, "real has 6 values but prediction has 5"),
            (shortReal, "real has 4 values; expected steps × time_step = 3 × 2"),
        ]
        for (metrics, message) in cases {
            guard case let .inconsistent(detail) = Self.validationError(metrics) else {
                Issue.record("\(message): not rejected by validate()")
                continue
            }
            #expect(detail == message)
            // Reading the same values from JSON runs the same check.
            guard case let .inconsistent(readDetail) = Self.readingError(try metrics.jsonData()) else {
                Issue.record("\(message): not rejected when read")
                continue
            }
            #expect(readDetail == message)
            #expect(MetricsError.inconsistent(readDetail).description == "inconsistent metrics: \(message)")
        }
        var noRates = Self.sample
        noRates.learningRate = nil
        noRates.gradNorm = nil
        #expect(Self.validationError(noRates) == nil, "per-step series other than loss may be absent")
        var onlyReal = Self.sample
        onlyReal.prediction = nil
        #expect(Self.validationError(onlyReal)?.description == "inconsistent metrics: real is given without prediction; give both or neither")
        var onlyPrediction = Self.sample
        onlyPrediction.real = nil
        #expect(Self.validationError(onlyPrediction)?.description == "inconsistent metrics: prediction is given without real; give both or neither")
    }

    @Test("a negative loss, gradient norm, learning rate or mean squared error is refused at its position, by both ways of reading", arguments: [
        (#"{"loss": [0.5, 0.25, 0.1, -1.0, -1.0]}"#, "loss[3]: -1 is negative; the loss is a mean squared error"),
        (#"{"loss": [0.5, NaN, -1e-50]}"#, "loss[2]: -1e-50 is negative; the loss is a mean squared error"),
        (#"{"loss": [0.5, 0.25], "grad_norm": [1, -0.5]}"#, "grad_norm[1]: -0.5 is negative; the gradient norm is a norm"),
        (#"{"loss": [0.5, 0.25], "learning_rate": [0.005, -0.005]}"#, "learning_rate[1]: -0.005 is negative; a learning rate is 0 or more"),
        (#"{"loss": [0.5], "evaluation": {"holdout_start": 1, "real": [1, 2], "prediction": [1, 2], "train_mse": -1, "holdout_mse": 0}}"#,
         "evaluation.train_mse: -1 is negative; it is a mean squared error"),
        (#"{"loss": [0.5], "evaluation": {"holdout_start": 1, "real": [1, 2], "prediction": [1, 2], "train_mse": 0, "holdout_mse": -2.5e-7}}"#,
         "evaluation.holdout_mse: -2.5e-7 is negative; it is a mean squared error"),
    ])
    func negativeValues(_ json: String, _ message: String) throws {
        Self.expectRefusedAtPosition(json, message)
        #expect(MetricsError.malformed(message).description == "not a metrics file: \(message)")
    }

    /// Expects the metrics `json` to be left by the one-pass reader to Foundation's, which
    /// refuses it as malformed with `message`.
    static func expectRefusedAtPosition(_ json: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let data = Data(json.utf8)
        #expect(MetricsJSONReader.metrics(from: data) == nil, "the one-pass reader leaves it to Foundation, which names it",
                sourceLocation: sourceLocation)
        guard case let .malformed(detail) = readingError(data) else {
            Issue.record("\(json): not refused as malformed", sourceLocation: sourceLocation)
            return
        }
        #expect(detail == message, sourceLocation: sourceLocation)
    }

    @Test("a finite number beyond a float's range in a float series is refused at its position, not read as a diverged step", arguments: [
        (#"{"loss": [0.5, 0.4, 0.3, 0.2, 0.1, 1e40]}"#, "loss[5]: 1e40 is beyond the range of a float (at most 3.4028235e38)"),
        (#"{"loss": [1e308]}"#, "loss[0]: 1e308 is beyond the range of a float (at most 3.4028235e38)"),
        (#"{"loss": [0.5, 0.25], "grad_norm": [1, 3.5e38]}"#, "grad_norm[1]: 3.5e38 is beyond the range of a float (at most 3.4028235e38)"),
        (#"{"loss": [0.5], "real": [1, -3.5e38], "prediction": [0, 0]}"#,
         "real[1]: -3.5e38 is beyond the range of a float (at least -3.4028235e38)"),
        (#"{"loss": [0.5], "real": [1, 2], "prediction": [0, 1.7976931348623157e308]}"#,
         "prediction[1]: 1.7976931348623157e308 is beyond the range of a float (at most 3.4028235e38)"),
    ])
    func beyondFloat(_ json: String, _ message: String) throws {
        Self.expectRefusedAtPosition(json, message)
    }

    @Test("the edges of a float read: its greatest value, what rounds to it, and a number that underflows to zero; a learning rate is a double")
    func floatEdgesRead() throws {
        let json = #"{"loss": [3.4028235e38, 3.40282356e38, 1e-50], "learning_rate": [1e40, 1e308, 0.005]}"#
        let metrics = try TrainingMetrics(jsonData: Data(json.utf8))
        #expect(metrics.loss == [.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0])
        #expect(metrics.learningRate == [1e40, 1e308, 0.005])
        #expect(MetricsJSONReader.metrics(from: Data(json.utf8)) != nil, "the one-pass reader takes them")
    }

    @Test("zeros, a negative zero and missing values are no negative number: a learning rate of 0, a diverged run's NaN")
    func zerosAndMissingValuesRead() throws {
        let json = #"{"loss": [0, -0.0, NaN, -Infinity], "grad_norm": [0, -0, null, 1], "learning_rate": [0.005, 0, -Infinity, NaN]}"#
        let metrics = try TrainingMetrics(jsonData: Data(json.utf8))
        #expect(metrics.loss == [0, 0, nil, nil])
        #expect(metrics.gradNorm == [0, 0, nil, 1])
        #expect(metrics.learningRate == [0.005, 0, nil, nil])
        #expect(MetricsJSONReader.metrics(from: Data(json.utf8)) != nil, "the one-pass reader takes them")
    }

    @Test("text that is not metrics JSON is rejected as malformed, with the place of the problem")
    func malformed() throws {
        let cases: [(String, String)] = [
            ("not json", ""),
            (#"{"config": {}, "real": [], "prediction": []}"#, "missing key 'loss'"),
            (#"{"config": {}, "loss": [0.5, "x"], "real": [], "prediction": []}"#, "loss[1]: expected a number, found a string"),
            (#"{"config": {"hidden_size": 3.5}, "loss": [], "real": [], "prediction": []}"#, "config.hidden_size"),
            (#"{"config": {}, "loss": "0.5"}"#, "loss: expected an array, found a string"),
            (#"{"config": {}, "loss": {"0": 0.5}}"#, "loss: expected an array, found a dictionary"),
            (#"{"loss": null}"#, "loss: expected an array, found null"),
            (#"{"loss": [], "grad_norm": 3}"#, "grad_norm: expected an array, found number"),
            (#"{"loss": [], "config": {"time_step": "ten"}}"#, "config.time_step: expected a whole number, found a string"),
        ]
        for (json, fragment) in cases {
            guard case let .malformed(detail) = Self.readingError(Data(json.utf8)) else {
                Issue.record("\(json): not rejected as malformed")
                continue
            }
            #expect(fragment.isEmpty || detail.contains(fragment), "\(json): \(detail)")
        }
    }

    // MARK: - Bytes

    @Test("equal metrics give equal bytes: sorted keys, no white space, a final newline")
    func deterministicBytes() throws {
        var copy = TrainingMetrics(config: Self.sample.config)
        copy.prediction = Self.sample.prediction
        copy.real = Self.sample.real
        copy.gradNorm = Self.sample.gradNorm
        copy.learningRate = Self.sample.learningRate
        copy.loss = Self.sample.loss
        copy.initWeights = Self.sample.initWeights
        copy.source = Self.sample.source
        let first = try Self.sample.jsonData()
        #expect(try copy.jsonData() == first)
        #expect(try Self.sample.jsonData() == first)

        let text = try #require(String(data: first, encoding: .utf8))
        #expect(text.hasSuffix("}\n"))
        let body = text.replacingOccurrences(of: Self.sample.source!, with: "")
        #expect(!body.dropLast().contains(" ") && !body.dropLast().contains("\n"))
        #expect(text.contains(#""init_weights":"/tmp/init.safetensors""#), "slashes are not escaped")

        // The configuration comes first and holds no object, so it ends at the first "}".
        #expect(text.hasPrefix(#"{"config":{"#))
        let configEnd = try #require(text.firstIndex(of: "}"))
        func order(_ keys: [String], in part: Substring) -> [String.Index?] {
            keys.map { part.range(of: "\"\($0)\":")?.lowerBound }
        }
        let topLevel = ["grad_norm", "init_weights", "learning_rate", "loss", "prediction", "real", "source"]
        let topOrder = order(topLevel, in: text[configEnd...])
        #expect(!topOrder.contains(nil) && topOrder.map { $0! } == topOrder.map { $0! }.sorted(), "top-level keys sorted")
        let config = ["clip_norm", "hidden_size", "learning_rate", "lr_factor", "lr_patience", "num_layers",
                      "seed", "steps", "time_step"]
        let configOrder = order(config, in: text[..<configEnd])
        #expect(!configOrder.contains(nil) && configOrder.map { $0! } == configOrder.map { $0! }.sorted(),
                "config keys sorted")
    }
}
