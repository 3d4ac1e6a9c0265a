/// A setting written as `null` in a file of settings (a `--config` file, a sweep's grid), which
/// would otherwise read as its default: whoever wrote `null` meant something, and the run would
/// not be the one they meant.
public struct NullSettingError: Error, Equatable, CustomStringConvertible {
    /// The setting whose value is `null`.
    public var setting: TrainingSetting
    /// Where the value is, as ``DecodingError/readableDescription`` names a place
    /// (`runs[2].config.hidden_size`); the key alone at the top level.
    public var path: String

    public init(setting: TrainingSetting, path: String) {
        self.setting = setting
        self.path = path
    }

    /// `"hidden_size" is null; give a number or leave the key out`.
    public var description: String {
        "\"\(path)\" is null; give \(setting.kindOfValue) or leave the key out"
    }
}

extension TrainingSetting {
    /// The kind of value the setting takes in JSON, for a message: `a number`, `a string`.
    var kindOfValue: String {
        switch self {
        case .cell: "a cell's name (\(RecurrentCell.choices))"
        case .hiddenSize, .numLayers, .timeStep, .steps, .learningRate, .clipNorm, .lrFactor, .lrPatience, .seed, .holdout:
            "a number"
        case .data: "a file name"
        case .input: "a list of column names"
        case .target: "a column name"
        case .normalize: "true or false"
        }
    }
}
