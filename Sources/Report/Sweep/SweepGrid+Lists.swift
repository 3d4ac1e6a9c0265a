import RNNCore

extension SweepGrid {
    /// The grid of lists as the command line gives them: `--learning-rate 0.002,0.005`,
    /// `--seeds 0..9` (or `0,3,7`, or `0..4,10`).
    ///
    /// A setting's list is split at ``SweepAxis/separator(of:)``; a setting given one value is
    /// part of the base configuration, and one given several is an axis. Each value is read as a
    /// `--config` file reads it and checked against the setting's range.
    ///
    /// - Parameters:
    ///   - base: the configuration of the settings no list names (the defaults, or a `--config` file).
    ///   - lists: each setting with its list, as given; a setting at most once.
    /// - Throws: ``SweepGridError`` naming the option: an empty value, a value of the wrong kind
    ///   or out of range, a repeated value, a bad seed range.
    public init(base: TrainingConfiguration, lists: [(TrainingSetting, String)]) throws(SweepGridError) {
        var base = base
        var axes: [SweepAxis] = []
        var seeds = [base.seed]
        for setting in TrainingSetting.allCases {
            guard let list = lists.first(where: { $0.0 == setting })?.1 else { continue }
            if setting == .seed {
                seeds = try Self.seeds(list)
                continue
            }
            let items = try Self.items(list, option: setting.sweepOptionName, separator: SweepAxis.separator(of: setting))
            // Each value as the setting's own text, so that 0.0050 and 0.005 are the same value.
            var values: [String] = []
            for item in items {
                var config = try Self.configuration(base, setting: [(setting, item)])
                config.seed = base.seed
                do { try config.validate() } catch where error.setting == setting {
                    // The value as it was typed (1e400), not as it was read (inf).
                    var error = error
                    error.value = item
                    throw SweepGridError(option: setting.sweepOptionName, problem: error.message(naming: { _ in "value" }))
                } catch {}
                let text = config.text(of: setting)
                guard !values.contains(text) else {
                    throw SweepGridError(option: setting.sweepOptionName, problem: "the value \(text) is given twice; give each value once")
                }
                values.append(text)
            }
            if values.count == 1 {
                base = try Self.configuration(base, setting: [(setting, values[0])])
            } else {
                axes.append(SweepAxis(setting: setting, values: values))
            }
        }
        try self.init(base: base, axes: axes, seeds: seeds)
    }

    /// Checks that every value of every list is of its setting's kind (a number, a whole number,
    /// `true` or `false`, a seed or a range of seeds), before anything else about them: their
    /// ranges, and whether they fit together, are the grid's to check.
    ///
    /// - Throws: ``SweepGridError`` naming the option and the value, as ``init(base:lists:)`` does.
    public static func checkKinds(_ lists: [(TrainingSetting, String)]) throws(SweepGridError) {
        for (setting, list) in lists {
            if setting == .seed {
                _ = try seeds(list)
                continue
            }
            for item in try items(list, option: setting.sweepOptionName, separator: SweepAxis.separator(of: setting)) {
                _ = try configuration(TrainingConfiguration(), setting: [(setting, item)])
            }
        }
    }

    /// The values of a list, split at `separator`, each trimmed of spaces; none may be empty.
    static func items(_ list: String, option: String, separator: Character) throws(SweepGridError) -> [String] {
        let items = list.split(separator: separator, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if items.contains(where: \.isEmpty) {
            throw SweepGridError(option: option, problem: "'\(list)' has an empty value; separate values with '\(separator)'")
        }
        return items
    }

    /// The seeds of `--seeds`: whole numbers and inclusive ranges `A..B`, separated by commas.
    static func seeds(_ list: String) throws(SweepGridError) -> [UInt64] {
        let option = TrainingSetting.seed.sweepOptionName
        func seed(_ text: String) throws(SweepGridError) -> UInt64 {
            guard let value = UInt64(text) else {
                throw SweepGridError(option: option, problem: "'\(text)' is not a seed: expected a whole number from 0 to \(UInt64.max)")
            }
            return value
        }
        var seeds: [UInt64] = []
        for item in try items(list, option: option, separator: ",") {
            guard let range = item.range(of: "..") else {
                seeds.append(try seed(item))
                continue
            }
            let low = try seed(String(item[..<range.lowerBound])), high = try seed(String(item[range.upperBound...]))
            guard low <= high else {
                throw SweepGridError(option: option, problem: "the range \(item) is empty: its first seed must not be above its last")
            }
            guard high - low < UInt64(maximumRuns) else {
                throw SweepGridError(option: option, problem: "the range \(item) has more than \(maximumRuns) seeds")
            }
            seeds.append(contentsOf: low ... high)
        }
        return seeds
    }
}
