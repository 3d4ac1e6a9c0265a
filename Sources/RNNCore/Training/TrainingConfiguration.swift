/// The hyperparameters of one training run.
///
/// The defaults are those of the PyTorch tutorial that rnnreport reproduces. The JSON form uses the
/// snake_case keys of the reference traces (`hidden_size`, `learning_rate`, …), and the command line
/// uses the same words in kebab case (`--hidden-size`, `--learning-rate`, …).
public struct TrainingConfiguration: Equatable, Sendable {
    /// Width of every recurrent layer (`H`).
    public var hiddenSize: Int = 32
    /// Number of stacked recurrent layers (`L`).
    public var numLayers: Int = 3
    /// Points per training window; also the length of backpropagation through time.
    public var timeStep: Int = 30
    /// Number of training steps, one window each.
    public var steps: Int = 500
    /// Adam's initial learning rate.
    public var learningRate: Double = 0.005
    /// Maximum total L2 norm of the gradients (`clip_grad_norm_`'s `max_norm`).
    public var clipNorm: Double = 1.0
    /// Factor by which ReduceLROnPlateau multiplies the learning rate.
    public var lrFactor: Double = 0.5
    /// Steps without improvement that ReduceLROnPlateau tolerates before reducing the rate.
    public var lrPatience: Int = 10
    /// Seed of the weight initialisation.
    public var seed: UInt64 = 0

    /// The tutorial's configuration.
    public init() {}

    public init(
        hiddenSize: Int = 32, numLayers: Int = 3, timeStep: Int = 30, steps: Int = 500,
        learningRate: Double = 0.005, clipNorm: Double = 1.0, lrFactor: Double = 0.5,
        lrPatience: Int = 10, seed: UInt64 = 0
    ) {
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.timeStep = timeStep
        self.steps = steps
        self.learningRate = learningRate
        self.clipNorm = clipNorm
        self.lrFactor = lrFactor
        self.lrPatience = lrPatience
        self.seed = seed
    }
}

// MARK: - Limits

extension TrainingConfiguration {
    /// Upper bounds that keep a run within the memory of an ordinary machine.
    public enum Limits {
        public static let hiddenSize = 4096
        public static let numLayers = 64
        public static let timeStep = 1_000_000
        /// Bound on `steps × timeStep`, the number of recorded real and predicted values
        /// (each takes about 20 bytes in memory and in metrics.json).
        public static let recordedPoints = 10_000_000
        /// Bound on the number of parameters; each takes 16 bytes (value, gradient, Adam's moments).
        public static let parameters = 50_000_000
        /// Bound on `numLayers × (timeStep + 1) × hiddenSize`, the activations kept for one window.
        public static let activations = 100_000_000
    }

    /// Checks every value, before any work starts.
    ///
    /// - Throws: ``ConfigurationError`` naming the first value out of range, in the command line's words.
    public func validate() throws(ConfigurationError) {
        func check(_ ok: Bool, _ key: String, _ value: String, _ expected: String) throws(ConfigurationError) {
            if !ok { throw ConfigurationError(key: key, value: value, expected: expected) }
        }
        try check(hiddenSize >= 1 && hiddenSize <= Limits.hiddenSize,
                  "hidden-size", "\(hiddenSize)", "an integer from 1 to \(Limits.hiddenSize)")
        try check(numLayers >= 1 && numLayers <= Limits.numLayers,
                  "num-layers", "\(numLayers)", "an integer from 1 to \(Limits.numLayers)")
        try check(timeStep >= 2 && timeStep <= Limits.timeStep,
                  "time-step", "\(timeStep)", "an integer from 2 to \(Limits.timeStep)")
        let parameters = ParameterLayout(hiddenSize: hiddenSize, numLayers: numLayers).count
        try check(parameters <= Limits.parameters,
                  "hidden-size", "\(hiddenSize)",
                  "at most \(Limits.parameters) parameters in all; with \(numLayers) layers the network would have \(parameters)")
        let activations = numLayers * (timeStep + 1) * hiddenSize
        try check(activations <= Limits.activations,
                  "time-step", "\(timeStep)",
                  "at most \(Limits.activations) activations per window (num-layers × (time-step + 1) × hidden-size), not \(activations)")
        try check(steps >= 1, "steps", "\(steps)", "a positive integer")
        let (points, overflow) = steps.multipliedReportingOverflow(by: timeStep)
        try check(!overflow && points <= Limits.recordedPoints,
                  "steps", "\(steps)",
                  "at most \(Limits.recordedPoints) recorded points (steps × time-step)")
        try check(learningRate.isFinite && learningRate > 0,
                  "learning-rate", "\(learningRate)", "a finite number greater than 0")
        try check(clipNorm.isFinite && clipNorm > 0,
                  "clip-norm", "\(clipNorm)", "a finite number greater than 0")
        try check(lrFactor.isFinite && lrFactor > 0 && lrFactor < 1,
                  "lr-factor", "\(lrFactor)", "a number greater than 0 and less than 1")
        try check(lrPatience >= 0, "lr-patience", "\(lrPatience)", "an integer of 0 or more")
    }
}

/// A hyperparameter outside the range the trainer accepts.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The option's name, as on the command line (`hidden-size`).
    public var key: String
    /// The offending value, as text.
    public var value: String
    /// What would have been accepted.
    public var expected: String

    public var description: String { "invalid \(key) \(value): expected \(expected)" }
}

// MARK: - Codable

extension TrainingConfiguration: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case hiddenSize = "hidden_size"
        case numLayers = "num_layers"
        case timeStep = "time_step"
        case steps
        case learningRate = "learning_rate"
        case clipNorm = "clip_norm"
        case lrFactor = "lr_factor"
        case lrPatience = "lr_patience"
        case seed
    }

    /// Decodes a configuration strictly, as for a `--config` file: a key that is absent (or `null`)
    /// keeps its default, and an unknown key is an error, so that a misspelt key is not silently
    /// ignored.
    ///
    /// The `config` of a metrics file is read with ``init(from:ignoringUnknownKeys:)`` instead,
    /// which ignores unknown keys.
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, ignoringUnknownKeys: false)
    }

    /// Decodes a configuration: a key that is absent, or whose value is `null`, keeps its default,
    /// and a known key with a value of the wrong kind is an error.
    ///
    /// - Parameter ignoringUnknownKeys: Whether a key that is not a hyperparameter is ignored (as in
    ///   the `config` of metrics, which another writer may extend) or an error naming it (as in a
    ///   `--config` file).
    init(from decoder: any Decoder, ignoringUnknownKeys: Bool) throws {
        let unknown = ignoringUnknownKeys ? [] : try decoder.container(keyedBy: AnyKey.self).allKeys
            .map(\.stringValue)
            .filter { CodingKeys(rawValue: $0) == nil }
            .sorted()
        if let first = unknown.first {
            let known = CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath + [AnyKey(stringValue: first)],
                debugDescription: "unknown key '\(first)' (known keys: \(known))"))
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var config = TrainingConfiguration()
        config.hiddenSize = try c.wholeNumber(Int.self, forKey: .hiddenSize) ?? config.hiddenSize
        config.numLayers = try c.wholeNumber(Int.self, forKey: .numLayers) ?? config.numLayers
        config.timeStep = try c.wholeNumber(Int.self, forKey: .timeStep) ?? config.timeStep
        config.steps = try c.wholeNumber(Int.self, forKey: .steps) ?? config.steps
        config.learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? config.learningRate
        config.clipNorm = try c.decodeIfPresent(Double.self, forKey: .clipNorm) ?? config.clipNorm
        config.lrFactor = try c.decodeIfPresent(Double.self, forKey: .lrFactor) ?? config.lrFactor
        config.lrPatience = try c.wholeNumber(Int.self, forKey: .lrPatience) ?? config.lrPatience
        config.seed = try c.wholeNumber(UInt64.self, forKey: .seed) ?? config.seed
        self = config
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(hiddenSize, forKey: .hiddenSize)
        try c.encode(numLayers, forKey: .numLayers)
        try c.encode(timeStep, forKey: .timeStep)
        try c.encode(steps, forKey: .steps)
        try c.encode(learningRate, forKey: .learningRate)
        try c.encode(clipNorm, forKey: .clipNorm)
        try c.encode(lrFactor, forKey: .lrFactor)
        try c.encode(lrPatience, forKey: .lrPatience)
        try c.encode(seed, forKey: .seed)
    }
}

extension KeyedDecodingContainer {
    /// A whole number, or `nil` when the key is absent. A number that is not a whole number of
    /// the type (`32.5`, `-1` for an unsigned value, `1e30`) is an error that names the key, where
    /// Foundation's own message does not.
    func wholeNumber<T: FixedWidthInteger & Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        do {
            return try decodeIfPresent(T.self, forKey: key)
        } catch {
            if let number = try? decodeIfPresent(Double.self, forKey: key) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: codingPath + [key],
                    debugDescription: T.isSigned ? "expected a whole number, found \(number)" : "expected a whole number of 0 or more, found \(number)"))
            }
            throw error
        }
    }
}

/// A coding key for any string, used to list the keys a JSON object actually holds.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
