import Foundation
import RNNCore

/// The runs of a sweep: every combination of the swept settings' values, each with every seed.
///
/// The order is fixed: the settings in ``TrainingSetting``'s order (the first varies slowest),
/// and the seeds innermost, in the order given. A run's index in ``runs`` decides its shard, and
/// its name its folder, so that every machine that expands the same grid agrees on both.
public struct SweepGrid: Equatable, Sendable {
    /// The settings every run shares (a setting given one value is one of them); its seed is unused.
    public var base: TrainingConfiguration
    /// The swept settings, each with two or more values, in ``TrainingSetting``'s order.
    public var axes: [SweepAxis]
    /// The seeds of every configuration, in order; never empty.
    public var seeds: [UInt64]
    /// Every run, configuration by configuration, seed by seed.
    public let runs: [SweepRun]
    /// The configurations' labels (`lr0.005-h32`), in grid order.
    public let configurations: [String]

    /// The most runs a sweep may have: each run's results are kept for the report.
    public static let maximumRuns = 100_000

    /// Expands the grid.
    ///
    /// - Throws: ``SweepGridError`` naming the option whose value is not accepted (a value of the
    ///   wrong kind or out of range, a repeated value, two values that give the same run name), or
    ///   a grid of more than ``maximumRuns`` runs.
    public init(base: TrainingConfiguration, axes: [SweepAxis], seeds: [UInt64]) throws(SweepGridError) {
        self.base = base
        self.axes = axes
        self.seeds = seeds
        guard !seeds.isEmpty else { throw SweepGridError(option: TrainingSetting.seed.sweepOptionName, problem: "no seeds") }
        // Saturating: a product that overflows is more than the limit, not what it wraps to.
        let count = axes.reduce(seeds.count) { total, axis in
            let (product, overflow) = total.multipliedReportingOverflow(by: axis.values.count)
            return overflow ? .max : product
        }
        guard count <= Self.maximumRuns, axes.allSatisfy({ !$0.values.isEmpty }) else {
            throw SweepGridError(
                option: "the grid",
                problem: (axes.map { "\($0.values.count)" } + ["\(seeds.count) seed\(seeds.count == 1 ? "" : "s")"]).joined(separator: " × ")
                    + " is more than \(Self.maximumRuns) runs; split it into several sweeps")
        }
        // Each axis's values in name form, checked to be different.
        var parts: [[String]] = []
        for axis in axes {
            let names = axis.values.map { axis.abbreviation + Self.nameSafe($0) }
            if let clash = Self.firstRepeat(names) {
                throw SweepGridError(
                    option: axis.setting.sweepOptionName,
                    problem: "two values give the same run name '\(clash)'; give each value once")
            }
            parts.append(names)
        }
        if let repeated = Self.firstRepeat(seeds.map { "\($0)" }) {
            throw SweepGridError(option: TrainingSetting.seed.sweepOptionName, problem: "seed \(repeated) is given twice; give each seed once")
        }
        // Every combination, the last axis varying fastest.
        var combinations: [[Int]] = [[]]
        for axis in axes {
            combinations = combinations.flatMap { prefix in axis.values.indices.map { prefix + [$0] } }
        }
        var runs: [SweepRun] = []
        var labels: [String] = []
        runs.reserveCapacity(count)
        for (configurationIndex, combination) in combinations.enumerated() {
            var settings: [(TrainingSetting, String)] = []
            var label: [String] = []
            for (axisIndex, valueIndex) in combination.enumerated() {
                settings.append((axes[axisIndex].setting, axes[axisIndex].values[valueIndex]))
                label.append(parts[axisIndex][valueIndex])
            }
            var config = try Self.configuration(base, setting: settings)
            let configuration = label.isEmpty ? "all" : label.joined(separator: "-")
            labels.append(configuration)
            for seed in seeds {
                config.seed = seed
                do { try config.validate() } catch {
                    throw SweepGridError(option: error.setting.sweepOptionName, problem: error.message(naming: { _ in "value" })
                        + " (in the run \((label + ["seed\(seed)"]).joined(separator: "-")))")
                }
                runs.append(SweepRun(
                    name: (label + ["seed\(seed)"]).joined(separator: "-"), configuration: configuration,
                    configurationIndex: configurationIndex, config: config))
            }
        }
        self.runs = runs
        self.configurations = labels
    }

    /// The runs of the `index`-th (1-based) of `count` shards: every `count`-th run from the
    /// `index`-th on, so that each shard gets a share of every configuration.
    public func runs(ofShard index: Int, of count: Int) -> [SweepRun] {
        precondition(count >= 1 && (1 ... count).contains(index), "shard \(index)/\(count)")
        return runs.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }

    // MARK: - Values

    /// `configuration` with each setting given the value `text`, read as a `--config` file reads it.
    ///
    /// The value goes through the configuration's JSON form, so that every setting (including one
    /// added to ``TrainingSetting`` later) takes a list without code of its own here: a number is
    /// a JSON number, anything else a JSON string.
    ///
    /// - Throws: ``SweepGridError`` naming the setting's option when the value is of the wrong kind.
    public static func configuration(
        _ configuration: TrainingConfiguration, setting values: [(TrainingSetting, String)]
    ) throws(SweepGridError) -> TrainingConfiguration {
        guard !values.isEmpty else { return configuration }
        let current: [String: Any]
        do {
            let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(configuration))
            current = object as? [String: Any] ?? [:]
        } catch {
            throw SweepGridError(option: "the grid", problem: "the base configuration cannot be written as JSON")
        }
        var object = current
        for (setting, text) in values {
            // A list setting (the input columns) takes its one value as a comma list.
            if setting == .input {
                object[setting.key] = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            } else {
                object[setting.key] = jsonValue(text)
            }
        }
        do {
            let data = try JSONSerialization.data(withJSONObject: object)
            return try JSONDecoder().decode(TrainingConfiguration.self, from: data)
        } catch let error as DecodingError {
            let setting = values.first { error.codingKey == $0.0.key } ?? values[0]
            throw SweepGridError(option: setting.0.sweepOptionName, problem: "'\(setting.1)' \(error.problem)")
        } catch {
            throw SweepGridError(option: values[0].0.sweepOptionName, problem: "'\(values[0].1)' is not accepted")
        }
    }

    /// The JSON value of a command-line value: `true` or `false`, a number when it reads as a
    /// finite one in decimal (``decimal(_:)``), with all its digits when it is whole, text
    /// otherwise.
    static func jsonValue(_ text: String) -> Any {
        if text == "true" || text == "false" { return NSNumber(value: text == "true") }
        if let whole = Int64(text) { return NSNumber(value: whole) }
        if let whole = UInt64(text) { return NSNumber(value: whole) }
        // A whole number beyond both keeps its digits, so that a refusal quotes it as written
        // rather than as the nearest double (99999999999999999999 is not 1e20).
        if text.wholeMatch(of: /-?[0-9]+/) != nil { return NSDecimalNumber(string: text) }
        if let number = decimal(text), number.isFinite { return NSNumber(value: number) }
        return text
    }

    /// `text` as a number written in decimal, with or without a fraction and an exponent (`12`,
    /// `-0.5`, `.5`, `2.5e3`), or `nil`: `Double(_:)` alone also reads hexadecimal (`0x1e` is
    /// 30), `inf` and `nan`, which a JSON file cannot hold.
    public static func decimal(_ text: String) -> Double? {
        guard text.wholeMatch(of: /-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?/) != nil else { return nil }
        return Double(text)
    }

    /// `text` with every character other than letters, digits, `.`, `+`, `-` and `_` made `_`,
    /// so that it can be part of a folder name.
    static func nameSafe(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            let safe = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".+-_".unicodeScalars.contains(scalar))
            return safe ? Character(scalar) : "_"
        }).prefix(64).description
    }

    private static func firstRepeat(_ values: [String]) -> String? {
        var seen = Set<String>()
        return values.first { !seen.insert($0).inserted }
    }
}

extension DecodingError {
    /// The key of the value that could not be decoded.
    fileprivate var codingKey: String? {
        let context: Context? = switch self {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context): context
        case let .keyNotFound(_, context): context
        @unknown default: nil
        }
        return context?.codingPath.last?.stringValue
    }

    /// What is wrong with the value, in words.
    fileprivate var problem: String {
        switch self {
        case let .typeMismatch(type, _) where type == String.self: "is not text"
        case .typeMismatch(let type, _) where type == Double.self || type == Float.self: "is not a number"
        case .typeMismatch(let type, _) where type == Bool.self: "is not true or false; it takes true, false, or both as the list true,false"
        case .typeMismatch: "is not a whole number"
        case let .dataCorrupted(context) where !context.debugDescription.isEmpty: "is not accepted: \(context.debugDescription)"
        default: "is not accepted"
        }
    }
}
