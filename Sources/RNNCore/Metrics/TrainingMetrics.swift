import Foundation

/// What a training run records, step by step: the content of `metrics.json`.
///
/// The shape is that of the PyTorch reference traces, so a trace written by the reference script
/// reads as metrics too. Per step: `loss`, `learning_rate` (the rate that step used) and `grad_norm`
/// (the total L2 norm before clipping). Per point, flattened over all windows (`steps × time_step`
/// values): `real` and `prediction`. A value that is not finite (a diverged run) is `nil`, written
/// as JSON `null`.
public struct TrainingMetrics: Equatable, Sendable {
    public var config: TrainingConfiguration
    /// What produced the values, for example `rnnreport 0.1.0 float32` or `pytorch 2.15 float32`.
    public var source: String?
    /// Where the initial weights came from: a safetensors file's path, or `nil` for the seeded
    /// initialisation.
    public var initWeights: String?
    public var loss: [Float?]
    public var learningRate: [Double?]
    public var gradNorm: [Float?]
    public var real: [Float?]
    public var prediction: [Float?]

    public init(
        config: TrainingConfiguration, source: String? = nil, initWeights: String? = nil,
        loss: [Float?] = [], learningRate: [Double?] = [], gradNorm: [Float?] = [],
        real: [Float?] = [], prediction: [Float?] = []
    ) {
        self.config = config
        self.source = source
        self.initWeights = initWeights
        self.loss = loss
        self.learningRate = learningRate
        self.gradNorm = gradNorm
        self.real = real
        self.prediction = prediction
    }

    /// Number of steps recorded.
    public var stepCount: Int { loss.count }
}

// MARK: - Reading and writing

extension TrainingMetrics {
    /// Reads metrics from JSON and checks that the series agree in length.
    ///
    /// The text must be standard JSON (RFC 8259), except that the bare words `NaN`, `Infinity` and
    /// `-Infinity`, which Python's `json.dump` writes for a diverged run, are read as `null`: a
    /// missing value. Nothing else beyond JSON is accepted (no comments, single quotes, trailing
    /// commas, unquoted keys or hexadecimal numbers), and malformed input of any kind is an error,
    /// never a trap. Keys that metrics do not use are ignored, in `config` too, so that a file from
    /// a newer writer (a PyTorch trace that records its `cell`) still reads.
    ///
    /// - Throws: `MetricsError` when the data is not metrics JSON or its series disagree.
    public init(jsonData data: Data) throws(MetricsError) {
        let standard = try PythonJSONScanner.standardJSON(from: data)
        do {
            self = try JSONDecoder().decode(TrainingMetrics.self, from: standard)
        } catch let error as DecodingError {
            throw MetricsError.malformed(error.readableDescription)
        } catch {
            throw MetricsError.malformed("\(error)")
        }
        try validate()
    }

    /// Reads and checks a metrics file.
    public init(contentsOf url: URL) throws(MetricsError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MetricsError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        do { try self.init(jsonData: data) } catch {
            throw MetricsError.inFile(path: url.path, error)
        }
    }

    /// The JSON bytes: keys sorted, no white space, so that equal metrics give equal bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Checks that the per-step series have one value a step and the per-point series
    /// `time_step` values a step.
    public func validate() throws(MetricsError) {
        let steps = loss.count
        for (name, count) in [("learning_rate", learningRate.count), ("grad_norm", gradNorm.count)]
        where count != steps && count != 0 {
            throw MetricsError.inconsistent("\(name) has \(count) values but loss has \(steps)")
        }
        if real.count != prediction.count {
            throw MetricsError.inconsistent(
                "real has \(real.count) values but prediction has \(prediction.count)")
        }
        if config.timeStep < 1 {
            throw MetricsError.inconsistent("config.time_step is \(config.timeStep); expected at least 1")
        }
        let (expected, overflow) = steps.multipliedReportingOverflow(by: config.timeStep)
        if overflow || real.count != expected {
            throw MetricsError.inconsistent(
                "real has \(real.count) values; expected steps × time_step = \(steps) × \(config.timeStep)")
        }
    }
}

/// Metrics that cannot be read.
public enum MetricsError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(String)
    case inconsistent(String)
    indirect case inFile(path: String, MetricsError)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read metrics file \(path): \(reason)"
        case let .malformed(detail): "not a metrics file: \(detail)"
        case let .inconsistent(detail): "inconsistent metrics: \(detail)"
        case let .inFile(path, error): "\(path): \(error)"
        }
    }
}

extension DecodingError {
    /// The error in words, with the path of the offending value (`config.hidden_size`), for
    /// messages about JSON files a user wrote.
    public var readableDescription: String { describe(self) }
}

private func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
        let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            .joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
        return p.isEmpty ? "top level" : p
    }
    switch error {
    case let .typeMismatch(type, context):
        return "\(path(context)): expected \(type): \(context.debugDescription)"
    case let .valueNotFound(type, context):
        return "\(path(context)): missing \(type) value"
    case let .keyNotFound(key, context):
        let at = context.codingPath.isEmpty ? "" : " in \(path(context))"
        return "missing key '\(key.stringValue)'\(at)"
    case let .dataCorrupted(context):
        let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey]
        return "\(path(context)): \(context.debugDescription)" + (underlying.map { " (\($0))" } ?? "")
    @unknown default:
        return "\(error)"
    }
}

// MARK: - Codable

extension TrainingMetrics: Codable {
    enum CodingKeys: String, CodingKey {
        case config, source
        case initWeights = "init_weights"
        case loss
        case learningRate = "learning_rate"
        case gradNorm = "grad_norm"
        case real, prediction
    }

    /// Decodes metrics; keys other than those of ``CodingKeys`` are ignored, at the top level and
    /// in `config` (whose own `Decodable` conformance, used for `--config`, refuses them).
    ///
    /// Each series is read as doubles, so that a value beyond `Float`'s range is a missing value
    /// rather than an error; a value that is not finite (NaN, infinity) is missing too, in every
    /// series, `learning_rate` included.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.contains(.config) else {
            throw DecodingError.keyNotFound(CodingKeys.config, .init(
                codingPath: c.codingPath, debugDescription: "No value associated with key config."))
        }
        config = try TrainingConfiguration(from: c.superDecoder(forKey: .config), ignoringUnknownKeys: true)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        initWeights = try c.decodeIfPresent(String.self, forKey: .initWeights)
        func floats(_ values: [Double?]) -> [Float?] {
            values.map { $0.flatMap { Float($0).isFinite ? Float($0) : nil } }
        }
        loss = floats(try c.decode([Double?].self, forKey: .loss))
        learningRate = (try c.decodeIfPresent([Double?].self, forKey: .learningRate) ?? []).map { finite($0) }
        gradNorm = floats(try c.decodeIfPresent([Double?].self, forKey: .gradNorm) ?? [])
        real = floats(try c.decode([Double?].self, forKey: .real))
        prediction = floats(try c.decode([Double?].self, forKey: .prediction))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(config, forKey: .config)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(initWeights, forKey: .initWeights)
        try c.encode(loss.map(finite), forKey: .loss)
        try c.encode(learningRate.map(finite), forKey: .learningRate)
        try c.encode(gradNorm.map(finite), forKey: .gradNorm)
        try c.encode(real.map(finite), forKey: .real)
        try c.encode(prediction.map(finite), forKey: .prediction)
    }
}

/// `nil` for a value that JSON cannot hold.
private func finite<T: BinaryFloatingPoint>(_ value: T?) -> T? {
    guard let value, value.isFinite else { return nil }
    return value
}
