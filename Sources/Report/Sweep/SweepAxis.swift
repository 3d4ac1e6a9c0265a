import RNNCore

/// One setting a sweep varies, and its values in the order given.
///
/// The values are the settings' own text (`0.005`, `32`), as ``TrainingConfiguration/text(of:)``
/// writes them, so that the same value always gives the same run name.
public struct SweepAxis: Equatable, Sendable {
    public var setting: TrainingSetting
    /// Two or more values; a setting given one value is part of the sweep's base configuration.
    public var values: [String]

    public init(setting: TrainingSetting, values: [String]) {
        self.setting = setting
        self.values = values
    }

    /// The short prefix of the setting in run names (`lr` for `learning_rate`); the key itself for
    /// a setting without one.
    public var abbreviation: String { Self.abbreviation(of: setting) }

    /// The short prefix of a setting in run names, kept short so that a name stays readable.
    public static func abbreviation(of setting: TrainingSetting) -> String {
        // Keyed by the JSON key, so that a setting added later gets its key without a change here.
        let known: [String: String] = [
            "hidden_size": "h", "num_layers": "layers", "time_step": "t", "steps": "steps",
            "learning_rate": "lr", "clip_norm": "clip", "lr_factor": "lrf", "lr_patience": "lrp",
            "seed": "seed", "cell": "", "normalize": "norm", "holdout": "holdout",
        ]
        return known[setting.key] ?? setting.key
    }

    /// The character between the values of the setting's list on the command line: `;` for a
    /// setting whose one value is itself a comma list of columns (`--input 'a,b;c'` sweeps the
    /// inputs `a,b` and `c`), `,` for every other.
    public static func separator(of setting: TrainingSetting) -> Character {
        ["input", "target"].contains(setting.key) ? ";" : ","
    }
}
