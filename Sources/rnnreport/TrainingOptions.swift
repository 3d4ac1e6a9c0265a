import ArgumentParser
import Foundation
import RNNCore
import Report

/// The hyperparameter options shared by `train` and `generate`.
///
/// Each option is optional so that `--config FILE` can supply it and a flag can still override
/// the file; what neither gives takes the tutorial's default. Names and meanings come from
/// ``TrainingSetting``.
struct TrainingOptions: ParsableArguments {
    @Option(help: help(.hiddenSize)) var hiddenSize: Int?
    @Option(help: help(.numLayers)) var numLayers: Int?
    @Option(help: help(.timeStep)) var timeStep: Int?
    @Option(help: help(.steps)) var steps: Int?
    @Option(help: help(.learningRate, valueName: "rate")) var learningRate: Double?
    @Option(help: help(.clipNorm, valueName: "norm")) var clipNorm: Double?
    @Option(help: help(.lrFactor, valueName: "factor")) var lrFactor: Double?
    @Option(help: help(.lrPatience)) var lrPatience: Int?
    @Option(help: help(.seed)) var seed: UInt64?

    @Option(help: ArgumentHelp(
        "Initial weights from a safetensors file (PyTorch state_dict names), instead of the seeded initialisation.",
        valueName: "file"))
    var initWeights: String?

    @Option(help: ArgumentHelp(
        "Hyperparameters from a JSON file with the keys of metrics.json's \"config\" (\(TrainingSetting.allCases.map(\.key).joined(separator: ", "))). Flags override it.",
        valueName: "file"))
    var config: String?

    /// The help of a setting's option: its meaning and default.
    private static func help(_ setting: TrainingSetting, valueName: String = "n") -> ArgumentHelp {
        let meaning = setting.meaning.prefix(1).uppercased() + setting.meaning.dropFirst()
        return ArgumentHelp("\(meaning). (default: \(TrainingConfiguration().text(of: setting)))", valueName: valueName)
    }

    /// The settings given as flags, with their values applied to `config`.
    private func applyFlags(to config: inout TrainingConfiguration) -> Set<TrainingSetting> {
        var given = Set<TrainingSetting>()
        func apply<T>(_ value: T?, _ setting: TrainingSetting, _ path: WritableKeyPath<TrainingConfiguration, T>) {
            guard let value else { return }
            config[keyPath: path] = value
            given.insert(setting)
        }
        apply(hiddenSize, .hiddenSize, \.hiddenSize)
        apply(numLayers, .numLayers, \.numLayers)
        apply(timeStep, .timeStep, \.timeStep)
        apply(steps, .steps, \.steps)
        apply(learningRate, .learningRate, \.learningRate)
        apply(clipNorm, .clipNorm, \.clipNorm)
        apply(lrFactor, .lrFactor, \.lrFactor)
        apply(lrPatience, .lrPatience, \.lrPatience)
        apply(seed, .seed, \.seed)
        return given
    }

    /// Rejects out-of-range values while the command line is parsed, as a usage error (exit 64).
    func validate() throws {
        do { _ = try configuration() } catch let error as CommandError {
            throw ValidationError(error.description)
        }
    }

    /// The configuration these options describe: defaults, then the `--config` file, then flags.
    ///
    /// A value out of range is named as it was given: `--hidden-size` for a flag, `hidden_size` in
    /// the `--config` file for a value from the file.
    ///
    /// - Throws: `CommandError` for an unreadable or malformed file or a value out of range.
    func configuration() throws -> TrainingConfiguration {
        var result = TrainingConfiguration()
        if let config {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: config)) } catch {
                throw CommandError("cannot read --config file \(config): \(error.localizedDescription)")
            }
            do {
                result = try JSONDecoder().decode(TrainingConfiguration.self, from: data)
            } catch let error as DecodingError {
                throw CommandError("--config file \(config): \(error.readableDescription)")
            } catch {
                throw CommandError("--config file \(config): \(error)")
            }
        }
        let flags = applyFlags(to: &result)
        do { try result.validate() } catch {
            if flags.contains(error.setting) || config == nil {
                throw CommandError(error.message(naming: \.optionName))
            }
            throw CommandError("--config file \(config ?? ""): \(error.message(naming: \.key))")
        }
        return result
    }

    /// The initial weights named by `--init-weights`, checked against the configuration's shapes.
    func initialParameters(for configuration: TrainingConfiguration) throws -> [Float]? {
        guard let initWeights else { return nil }
        let layout = ParameterLayout(hiddenSize: configuration.hiddenSize, numLayers: configuration.numLayers)
        do {
            return try layout.parameters(fromSafetensorsAt: URL(fileURLWithPath: initWeights))
        } catch {
            throw CommandError("--init-weights \(initWeights): \(error)")
        }
    }
}
