import ArgumentParser
import Foundation
import RNNCore
import Report
import Safetensors

/// The hyperparameter options shared by `train` and `generate`.
///
/// Each option is optional so that `--config FILE` can supply it and a flag can still override
/// the file; what neither gives takes the tutorial's default.
struct TrainingOptions: ParsableArguments {
    private static let defaults = TrainingConfiguration()

    @Option(help: ArgumentHelp("Width of each recurrent layer. (default: \(defaults.hiddenSize))", valueName: "n"))
    var hiddenSize: Int?

    @Option(help: ArgumentHelp("Number of stacked recurrent layers. (default: \(defaults.numLayers))", valueName: "n"))
    var numLayers: Int?

    @Option(help: ArgumentHelp(
        "Points per training window, and the length of backpropagation through time. (default: \(defaults.timeStep))",
        valueName: "n"))
    var timeStep: Int?

    @Option(help: ArgumentHelp("Training steps, one window of π each. (default: \(defaults.steps))", valueName: "n"))
    var steps: Int?

    @Option(help: ArgumentHelp("Adam's initial learning rate. (default: \(defaults.learningRate))", valueName: "rate"))
    var learningRate: Double?

    @Option(help: ArgumentHelp("Largest total gradient norm; larger gradients are scaled down. (default: \(defaults.clipNorm))", valueName: "norm"))
    var clipNorm: Double?

    @Option(help: ArgumentHelp("Factor applied to the learning rate on a plateau. (default: \(defaults.lrFactor))", valueName: "factor"))
    var lrFactor: Double?

    @Option(help: ArgumentHelp("Steps without improvement before the learning rate is reduced. (default: \(defaults.lrPatience))", valueName: "n"))
    var lrPatience: Int?

    @Option(help: ArgumentHelp("Seed of the weight initialisation. (default: \(defaults.seed))", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp(
        "Initial weights from a safetensors file (PyTorch state_dict names), instead of the seeded initialisation.",
        valueName: "file"))
    var initWeights: String?

    @Option(help: ArgumentHelp(
        "Hyperparameters from a JSON file with the keys of metrics.json's \"config\" (hidden_size, num_layers, time_step, steps, learning_rate, clip_norm, lr_factor, lr_patience, seed). Flags override it.",
        valueName: "file"))
    var config: String?

    /// Rejects out-of-range values while the command line is parsed, as a usage error (exit 64).
    func validate() throws {
        do { _ = try configuration() } catch let error as CommandError {
            throw ValidationError(error.description)
        }
    }

    /// The configuration these options describe: defaults, then the `--config` file, then flags.
    ///
    /// - Throws: `CommandError` for an unreadable or malformed file or a value out of range.
    func configuration() throws -> TrainingConfiguration {
        var result = TrainingConfiguration()
        if let config {
            let data: Data
            do { data = try InputFile.contents(of: config) } catch {
                throw CommandError("cannot read --config file \(config): \(error.reason)")
            }
            do {
                result = try JSONDecoder().decode(TrainingConfiguration.self, from: data)
            } catch let error as DecodingError {
                throw CommandError("--config file \(config): \(error.readableDescription)")
            } catch {
                throw CommandError("--config file \(config): \(error)")
            }
        }
        if let hiddenSize { result.hiddenSize = hiddenSize }
        if let numLayers { result.numLayers = numLayers }
        if let timeStep { result.timeStep = timeStep }
        if let steps { result.steps = steps }
        if let learningRate { result.learningRate = learningRate }
        if let clipNorm { result.clipNorm = clipNorm }
        if let lrFactor { result.lrFactor = lrFactor }
        if let lrPatience { result.lrPatience = lrPatience }
        if let seed { result.seed = seed }
        do { try result.validate() } catch { throw CommandError("\(error)") }
        return result
    }

    /// The initial weights named by `--init-weights`, checked against the configuration's shapes.
    func initialParameters(for configuration: TrainingConfiguration) throws -> [Float]? {
        guard let initWeights else { return nil }
        let layout = ParameterLayout(hiddenSize: configuration.hiddenSize, numLayers: configuration.numLayers)
        let data: Data
        do { data = try InputFile.contents(of: initWeights) } catch {
            throw CommandError("cannot read --init-weights file \(initWeights): \(error.reason)")
        }
        do {
            return try layout.parameters(from: SafetensorsFile(data: data))
        } catch {
            throw CommandError("--init-weights \(initWeights): \(error)")
        }
    }
}

/// A failure of a command, with the message the user sees after "Error: ".
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
