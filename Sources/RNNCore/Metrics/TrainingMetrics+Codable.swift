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
    /// Only `loss` is required. A `config` that is absent or `null` gives the defaults; a series
    /// other than `loss` that is absent or `null` is `nil`. Each series is read as doubles, so
    /// that a value beyond `Float`'s range is a missing value rather than an error; a value that
    /// is not finite (NaN, infinity) is missing too, in every series, `learning_rate` included.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.contains(.loss) else {
            throw DecodingError.keyNotFound(CodingKeys.loss, .init(
                codingPath: c.codingPath, debugDescription: "No value associated with key loss."))
        }
        if c.contains(.config), try !c.decodeNil(forKey: .config) {
            config = try TrainingConfiguration(from: c.superDecoder(forKey: .config), ignoringUnknownKeys: true)
        } else {
            config = TrainingConfiguration()
        }
        source = try c.decodeIfPresent(String.self, forKey: .source)
        initWeights = try c.decodeIfPresent(String.self, forKey: .initWeights)
        func floats(_ values: [Double?]?) -> [Float?]? {
            values?.map { $0.flatMap { Float($0).isFinite ? Float($0) : nil } }
        }
        loss = floats(try c.decode([Double?].self, forKey: .loss)) ?? []
        learningRate = try c.decodeIfPresent([Double?].self, forKey: .learningRate)?.map { finite($0) }
        gradNorm = floats(try c.decodeIfPresent([Double?].self, forKey: .gradNorm))
        real = floats(try c.decodeIfPresent([Double?].self, forKey: .real))
        prediction = floats(try c.decodeIfPresent([Double?].self, forKey: .prediction))
        evaluation = try c.decodeIfPresent(Evaluation.self, forKey: .evaluation)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(config, forKey: .config)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(initWeights, forKey: .initWeights)
        try c.encode(loss.map(finite), forKey: .loss)
        try c.encodeIfPresent(learningRate?.map(finite), forKey: .learningRate)
        try c.encodeIfPresent(gradNorm?.map(finite), forKey: .gradNorm)
        try c.encodeIfPresent(real?.map(finite), forKey: .real)
        try c.encodeIfPresent(prediction?.map(finite), forKey: .prediction)
        try c.encodeIfPresent(evaluation, forKey: .evaluation)
    }
}

/// `nil` for a value that JSON cannot hold.
private func finite<T: BinaryFloatingPoint>(_ value: T?) -> T? {
    guard let value, value.isFinite else { return nil }
    return value
}
