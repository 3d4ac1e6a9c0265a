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
    /// that a value beyond `Float`'s range is named as such; a value that is not finite (NaN,
    /// infinity) is missing, in every series, `learning_rate` included. A number no run records
    /// (a negative loss, a loss beyond `Float`'s range: ``CodingKeys/refusal(of:)``) is an error
    /// at its position.
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
        /// `values`, the series `key`, each checked (``CodingKeys/refusal(of:)``).
        func checked(_ values: [Double?]?, _ key: CodingKeys) throws -> [Double?]? {
            for (position, value) in (values ?? []).enumerated() {
                guard let value, value.isFinite, let refusal = key.refusal(of: value) else { continue }
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [key as any CodingKey, AnyKey(intValue: position)], debugDescription: refusal))
            }
            return values
        }
        func doubles(_ key: CodingKeys) throws -> [Double?]? {
            try checked(c.decodeIfPresent([Double?].self, forKey: key), key)
        }
        func floats(_ values: [Double?]?) -> [Float?]? {
            values?.map { $0.flatMap { Float($0).isFinite ? Float($0) : nil } }
        }
        loss = floats(try checked(c.decode([Double?].self, forKey: .loss), .loss)) ?? []
        learningRate = try doubles(.learningRate)?.map { finite($0) }
        gradNorm = floats(try doubles(.gradNorm))
        real = floats(try doubles(.real))
        prediction = floats(try doubles(.prediction))
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
