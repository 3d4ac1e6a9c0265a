import Foundation

extension TrainingConfiguration: Codable {
    /// The keys are the settings' own (``TrainingSetting/key``).
    typealias CodingKeys = TrainingSetting

    /// Decodes a configuration strictly, as for a `--config` file: a key that is absent keeps its
    /// default, and an unknown key is an error, so that a misspelt key is not silently ignored;
    /// so is a setting written as `null` (``NullSettingError``), which a user wrote for a reason
    /// and would otherwise read as the default.
    ///
    /// The `config` of a metrics file is read with ``init(from:ignoringUnknownKeys:)`` instead,
    /// which ignores unknown keys.
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, ignoringUnknownKeys: false)
    }

    /// Decodes a configuration: a key that is absent keeps its default (a `cell` that is absent is
    /// an RNN's, as in traces written before there were other cells), and a known key with a value
    /// of the wrong kind, or a `cell` that names no cell, is an error.
    ///
    /// - Parameter ignoringUnknownKeys: Whether the configuration is the `config` of metrics, which
    ///   another writer may extend and which records a run rather than asks for one: a key that is
    ///   not a hyperparameter is then ignored, and a `null` value keeps the default (the setting
    ///   is not recorded: ``MetricsDocument/records(_:)``). Otherwise (a `--config` file) either is
    ///   an error naming the key.
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
        if !ignoringUnknownKeys, let null = try CodingKeys.allCases.first(where: { try c.contains($0) && c.decodeNil(forKey: $0) }) {
            let path = (decoder.codingPath + [null]).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
            throw NullSettingError(setting: null, path: path)
        }
        var config = TrainingConfiguration()
        if let name = try c.decodeIfPresent(String.self, forKey: .cell) {
            guard let cell = RecurrentCell(name: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .cell, in: c,
                    debugDescription: "unknown cell '\(name)' (expected one of \(RecurrentCell.choices))")
            }
            config.cell = cell
        }
        config.hiddenSize = try c.wholeNumber(Int.self, forKey: .hiddenSize, bounds: Limits.expected(for: .hiddenSize)) ?? config.hiddenSize
        config.numLayers = try c.wholeNumber(Int.self, forKey: .numLayers, bounds: Limits.expected(for: .numLayers)) ?? config.numLayers
        config.timeStep = try c.wholeNumber(Int.self, forKey: .timeStep, bounds: Limits.expected(for: .timeStep)) ?? config.timeStep
        config.steps = try c.wholeNumber(Int.self, forKey: .steps, bounds: Limits.expected(for: .steps)) ?? config.steps
        config.learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? config.learningRate
        config.clipNorm = try c.decodeIfPresent(Double.self, forKey: .clipNorm) ?? config.clipNorm
        config.lrFactor = try c.decodeIfPresent(Double.self, forKey: .lrFactor) ?? config.lrFactor
        config.lrPatience = try c.wholeNumber(Int.self, forKey: .lrPatience) ?? config.lrPatience
        config.seed = try c.wholeNumber(UInt64.self, forKey: .seed) ?? config.seed
        config.data = try c.decodeIfPresent(String.self, forKey: .data)
        config.input = try c.decodeIfPresent([String].self, forKey: .input) ?? config.input
        config.target = try c.decodeIfPresent(String.self, forKey: .target)
        config.holdout = try c.decodeIfPresent(Double.self, forKey: .holdout) ?? config.holdout
        config.normalize = try c.decodeIfPresent(Bool.self, forKey: .normalize) ?? config.normalize
        self = config
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cell.rawValue, forKey: .cell)
        try c.encode(hiddenSize, forKey: .hiddenSize)
        try c.encode(numLayers, forKey: .numLayers)
        try c.encode(timeStep, forKey: .timeStep)
        try c.encode(steps, forKey: .steps)
        try c.encode(learningRate, forKey: .learningRate)
        try c.encode(clipNorm, forKey: .clipNorm)
        try c.encode(lrFactor, forKey: .lrFactor)
        try c.encode(lrPatience, forKey: .lrPatience)
        try c.encode(seed, forKey: .seed)
        // A sin→cos run writes no series settings, so its files are as they were before CSV series.
        // Settings given without a file (which validation refuses) are still written, so that
        // encoding loses nothing that decoding read.
        let defaults = TrainingConfiguration()
        if data != nil || input != defaults.input || target != nil || holdout != defaults.holdout
            || normalize != defaults.normalize {
            try c.encodeIfPresent(data, forKey: .data)
            try c.encode(input, forKey: .input)
            try c.encodeIfPresent(target, forKey: .target)
            try c.encode(holdout, forKey: .holdout)
            try c.encode(normalize, forKey: .normalize)
        }
    }
}
