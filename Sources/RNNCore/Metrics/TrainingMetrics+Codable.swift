import Foundation

extension TrainingMetrics: Codable {
    enum CodingKeys: String, CodingKey {
        case config, source
        case initWeights = "init_weights"
        case loss
        case learningRate = "learning_rate"
        case gradNorm = "grad_norm"
        case real, prediction, evaluation
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
        evaluation = try c.decodeIfPresent(Evaluation.self, forKey: .evaluation)
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
        try c.encodeIfPresent(evaluation, forKey: .evaluation)
    }
}

/// `nil` for a value that JSON cannot hold.
private func finite<T: BinaryFloatingPoint>(_ value: T?) -> T? {
    guard let value, value.isFinite else { return nil }
    return value
}
