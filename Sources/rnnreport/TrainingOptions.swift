import ArgumentParser
import Foundation
import RNNCore
import Report
import Safetensors

/// The hyperparameter options shared by `train` and `generate`.
///
/// Each option is optional so that `--config FILE` can supply it and a flag can still override
/// the file; what neither gives takes the tutorial's default. Names and meanings come from
/// ``TrainingSetting``.
struct TrainingOptions: ParsableArguments {
    // Numbers are parsed `.unconditional`ly, so that `--hidden-size -3` reaches the range check
    // (ArgumentParser would otherwise read `-3` as an option and report a missing value). Whole
    // numbers and decimal ones are read as a --config file reads them: in decimal only.
    @Option(help: help(.cell, valueName: "cell")) var cell: RecurrentCell?
    @Option(parsing: .unconditional, help: help(.hiddenSize), transform: WholeNumber.parse) var hiddenSize: WholeNumber?
    @Option(parsing: .unconditional, help: help(.numLayers), transform: WholeNumber.parse) var numLayers: WholeNumber?
    @Option(parsing: .unconditional, help: help(.timeStep), transform: WholeNumber.parse) var timeStep: WholeNumber?
    @Option(parsing: .unconditional, help: help(.steps), transform: WholeNumber.parse) var steps: WholeNumber?
    @Option(parsing: .unconditional, help: help(.learningRate, valueName: "rate"), transform: DecimalNumber.parse) var learningRate: DecimalNumber?
    @Option(parsing: .unconditional, help: help(.clipNorm, valueName: "norm"), transform: DecimalNumber.parse) var clipNorm: DecimalNumber?
    @Option(parsing: .unconditional, help: help(.lrFactor, valueName: "factor"), transform: DecimalNumber.parse) var lrFactor: DecimalNumber?
    @Option(parsing: .unconditional, help: help(.lrPatience), transform: WholeNumber.parse) var lrPatience: WholeNumber?
    @Option(parsing: .unconditional, help: help(.seed), transform: seedValue) var seed: UInt64?

    @Option(help: ArgumentHelp(
        "Train on a CSV series instead of sin(t) → cos(t): a header row naming the columns, then one row per time step, in time order. Needs --input and --target.",
        valueName: "file"), completion: .file(extensions: ["csv"]))
    var data: String?

    @Option(help: ArgumentHelp(
        "With --data: the input columns, separated by commas; their number is the network's input size.",
        valueName: "col[,col…]"), transform: { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) })
    var input: [String]?

    @Option(help: ArgumentHelp("With --data: the column the network learns to predict.", valueName: "col"))
    var target: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --data: the fraction of the last rows held out of training and evaluated after it, from 0 up to (not including) 1. (default: 0)",
        valueName: "fraction"), transform: DecimalNumber.parse)
    var holdout: DecimalNumber?

    @Flag(inversion: .prefixedNo, help: ArgumentHelp(
        "With --data: standardise each input column and the target with the training rows' mean and standard deviation (ddof 0); predictions are reported in the target's own units. (default: off)"))
    var normalize: Bool?

    @Option(help: ArgumentHelp(
        "Initial weights from a safetensors file (PyTorch state_dict names), instead of the seeded initialisation.",
        valueName: "file"), completion: .file(extensions: ["safetensors"]))
    var initWeights: String?

    @Option(help: ArgumentHelp(
        "Hyperparameters from a JSON file with the keys of metrics.json's \"config\" (\(TrainingSetting.allCases.map(\.key).joined(separator: ", "))), or from a metrics.json itself, whose \"config\" is used (to train again as a run was trained). Flags override it.",
        valueName: "file"), completion: .file(extensions: ["json"]))
    var config: String?

    /// A seed: a whole number from 0 to 2⁶⁴ − 1.
    private static func seedValue(_ text: String) throws -> UInt64 {
        if let seed = UInt64(text) { return seed }
        // In decimal exponent notation when whole and within range (`1e3`), as for the other
        // whole numbers (``WholeNumber``) and as a --config file takes it; 2⁶⁴ is beyond.
        if let value = SweepGrid.decimal(text), value.rounded() == value, value >= 0, value < 0x1p64 {
            return UInt64(value)
        }
        throw ValidationError("expected a whole number from 0 to \(UInt64.max)")
    }

    /// The help of a setting's option: its meaning and default.
    private static func help(_ setting: TrainingSetting, valueName: String = "n") -> ArgumentHelp {
        let meaning = setting.meaning.prefix(1).uppercased() + setting.meaning.dropFirst()
        // With a series the schedule judges each epoch's mean loss, so its patience counts epochs.
        let note = setting == .lrPatience ? "; with --data, epochs" : ""
        return ArgumentHelp("\(meaning)\(note). (default: \(TrainingConfiguration().text(of: setting)))", valueName: valueName)
    }

    /// The settings given as flags, with their values applied to `config`.
    private func applyFlags(to config: inout TrainingConfiguration) -> Set<TrainingSetting> {
        var given = Set<TrainingSetting>()
        func apply<T>(_ value: T?, _ setting: TrainingSetting, _ path: WritableKeyPath<TrainingConfiguration, T>) {
            guard let value else { return }
            config[keyPath: path] = value
            given.insert(setting)
        }
        apply(cell, .cell, \.cell)
        apply(hiddenSize?.value, .hiddenSize, \.hiddenSize)
        apply(numLayers?.value, .numLayers, \.numLayers)
        apply(timeStep?.value, .timeStep, \.timeStep)
        apply(steps?.value, .steps, \.steps)
        apply(learningRate?.value, .learningRate, \.learningRate)
        apply(clipNorm?.value, .clipNorm, \.clipNorm)
        apply(lrFactor?.value, .lrFactor, \.lrFactor)
        apply(lrPatience?.value, .lrPatience, \.lrPatience)
        apply(seed, .seed, \.seed)
        // Settings whose value is optional are set only when given (`apply` would take a missing
        // one as a given nil). The series' file is recorded by its name; ``seriesPath(for:)``
        // keeps the path.
        if let data {
            config.data = URL(fileURLWithPath: data).lastPathComponent
            given.insert(.data)
        }
        apply(input, .input, \.input)
        if let target {
            config.target = target
            given.insert(.target)
        }
        apply(holdout?.value, .holdout, \.holdout)
        apply(normalize, .normalize, \.normalize)
        return given
    }

    /// `error` with its value as the flag gave it, when its setting is a number given as one
    /// (`invalid --learning-rate 1e400`, not `inf`; `--clip-norm 0`, not `0.0`; `--hidden-size
    /// 1e5`, not `100000`).
    private func asTyped(_ error: ConfigurationError) -> ConfigurationError {
        let typed: String? = switch error.setting {
        case .learningRate: learningRate?.text
        case .clipNorm: clipNorm?.text
        case .lrFactor: lrFactor?.text
        case .holdout: holdout?.text
        case .hiddenSize: hiddenSize?.text
        case .numLayers: numLayers?.text
        case .timeStep: timeStep?.text
        case .steps: steps?.text
        case .lrPatience: lrPatience?.text
        default: nil
        }
        var error = error
        if let typed { error.value = typed }
        return error
    }

    /// The files these options read (`--config`, `--data`, `--init-weights`), each with its
    /// option, for the files `--summary` must not replace.
    var inputFiles: [(role: String, path: String)] {
        [("the --config file", config), ("the --data file", data), ("the --init-weights file", initWeights)]
            .compactMap { role, path in path.map { (role, $0) } }
    }

    /// The options given on the command line (`--hidden-size`, `--config`, …), in the order of
    /// `--help`; for a command that takes none of them in some mode.
    var given: [String] {
        var config = TrainingConfiguration()
        let flags = applyFlags(to: &config)
        return TrainingSetting.allCases.filter(flags.contains).map(\.optionName)
            + (initWeights == nil ? [] : ["--init-weights"]) + (self.config == nil ? [] : ["--config"])
    }

    /// The refusal of a CSV series' option (`--input`, …, or a sweep's list of one) where no
    /// series is given.
    static func seriesWithoutData(_ option: String) -> ValidationError {
        ValidationError("\(option) applies to a CSV series: give the file with --data FILE.csv")
    }

    /// Rejects out-of-range flags while the command line is parsed, as a usage error (exit 64).
    /// With `--config` the file is read in ``configuration()``, when the command runs.
    ///
    /// Called by the command's own `validate()` (not ArgumentParser's `validate()` of the group,
    /// which runs before the command's): `generate --metrics` first refuses every training
    /// option as such, where `--normalize` alone was told to come with a `--data` file.
    func validateFlags() throws {
        if data == nil, config == nil {
            for (given, name) in [(input != nil, "--input"), (target != nil, "--target"), (holdout != nil, "--holdout"), (normalize != nil, "--normalize")] where given {
                throw Self.seriesWithoutData(name)
            }
        }
        if data != nil, config == nil {
            if input == nil { throw ValidationError("--data needs --input: the input columns, separated by commas") }
            if target == nil { throw ValidationError("--data needs --target: the column to predict") }
        }
        guard config == nil else { return }
        var result = TrainingConfiguration()
        _ = applyFlags(to: &result)
        do { try result.validate() } catch {
            throw ValidationError(asTyped(error).message(naming: \.optionName))
        }
    }

    /// The configuration these options describe: defaults, then the `--config` file, then flags.
    ///
    /// A value out of range is named as it was given: `--hidden-size` for a flag (a usage error),
    /// `hidden_size` in the `--config` file for a value from the file (bad data).
    ///
    /// - Throws: `CommandError` for an unreadable or malformed file or a value out of range.
    func configuration() throws -> TrainingConfiguration {
        var result = try config.map(ConfigFile.read) ?? TrainingConfiguration()
        let flags = applyFlags(to: &result)
        // A series' flag over a --config file that gives no series either (validate() refuses it
        // without --config): --no-normalize would otherwise pass unnoticed, being the default.
        if result.data == nil, let setting = TrainingSetting.seriesSettings.first(where: flags.contains) {
            throw Self.seriesWithoutData(setting.optionName)
        }
        do { try result.validate() } catch {
            if flags.contains(error.setting) || config == nil {
                throw ValidationError(asTyped(error).message(naming: \.optionName))
            }
            throw CommandError("--config file \(config ?? ""): \(error.message(naming: \.key))", status: .badData)
        }
        return result
    }

    /// The CSV series of `--data` (or of the `--config` file's `data`), read, checked and windowed
    /// for `configuration`; `nil` for sin→cos.
    ///
    /// - Throws: `CommandError`: the file cannot be read (66), or its content is wrong (65, naming
    ///   the file, line and column).
    func series(for configuration: TrainingConfiguration) throws -> SeriesWindows? {
        guard let name = configuration.data else { return nil }
        if let data { return try SeriesFile.windows(at: data, for: configuration) }
        return try SeriesFile.windows(at: name, namedBy: config, for: configuration)
    }

    /// The initial weights named by `--init-weights`, checked against the configuration's shapes.
    func initialParameters(for configuration: TrainingConfiguration) throws -> [Float]? {
        guard let initWeights else { return nil }
        let data = try readInput(initWeights, role: "--init-weights file")
        let layout = ParameterLayout(
            hiddenSize: configuration.hiddenSize, numLayers: configuration.numLayers, inputSize: configuration.inputSize,
            cell: configuration.cell)
        let file: SafetensorsFile
        do {
            // A finite weight that reading as Float would make infinite is refused, as an infinite one is.
            file = try SafetensorsFile(data: data, f64Overflow: .refuse)
        } catch {
            throw CommandError("--init-weights \(initWeights): \(error)", status: .badData)
        }
        if let mismatch = layout.checkpointMismatch(in: file) {
            throw CommandError("--init-weights \(initWeights): \(mismatch.message(naming: \.optionName))", status: .badData)
        }
        do {
            return try layout.parameters(from: file)
        } catch {
            throw CommandError("--init-weights \(initWeights): \(error)", status: .badData)
        }
    }
}
