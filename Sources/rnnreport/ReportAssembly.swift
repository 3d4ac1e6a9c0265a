import Foundation
import RNNCore
import Report

/// The report page of a run: what the command line knows (hyperparameters, file names, the
/// version) joined with what the Report module says about the run.
enum ReportAssembly {
    static func page(title: String, metrics: TrainingMetrics, drawn: DrawnFigures, generated: String?) -> ReportPage {
        let config = metrics.config
        return .training(
            title: title, architecture: architecture(config), settings: settings(config, initWeights: metrics.initWeights),
            input: drawn.input, figures: drawn.figures, inlineSVG: drawn.inlineSVG,
            svgFiles: drawn.formats.contains(.svg), pngFiles: drawn.formats.contains(.png),
            files: [
                .init(name: "metrics.json", description: "loss, learning rate and gradient norm of every step; real and predicted values of every time step"),
                .init(name: "model.safetensors", description: "the trained weights under PyTorch's state_dict names"),
            ],
            version: RNNReportVersion.current, generated: generated)
    }

    static func architecture(_ config: TrainingConfiguration) -> String {
        "\(config.numLayers)-layer tanh RNN of width \(config.hiddenSize) with a linear head"
    }

    /// Every hyperparameter, named as in metrics.json and on the command line.
    static func settings(_ config: TrainingConfiguration, initWeights: String?) -> [ReportPage.Setting] {
        func row(_ key: String, _ value: String, _ meaning: String) -> ReportPage.Setting {
            .init(key: key, flag: "--" + key.replacingOccurrences(of: "_", with: "-"), value: value, meaning: meaning)
        }
        return [
            row("hidden_size", "\(config.hiddenSize)", "width of each recurrent layer"),
            row("num_layers", "\(config.numLayers)", "stacked tanh RNN layers, then a linear head on every step"),
            row("time_step", "\(config.timeStep)", "points per window of π, and the length of backpropagation through time"),
            row("steps", "\(config.steps)", "training steps, one window each; the hidden state is carried from one to the next"),
            row("learning_rate", "\(config.learningRate)", "Adam's initial learning rate (β₁ 0.9, β₂ 0.999, ε 1e-8)"),
            row("clip_norm", "\(config.clipNorm)", "largest total gradient norm; larger gradients are scaled down"),
            row("lr_factor", "\(config.lrFactor)", "ReduceLROnPlateau's factor (mode min, relative threshold 1e-4)"),
            row("lr_patience", "\(config.lrPatience)", "steps without improvement before the learning rate is reduced"),
            row("seed", "\(config.seed)", initWeights == nil ? "seed of the weight initialisation" : "unused: the weights come from a file"),
            row("init_weights", initWeights ?? "seeded U(−1/√H, 1/√H)", "where the initial weights came from"),
        ]
    }
}

extension TrainingMetrics {
    /// The run in one line, for the commands' closing message.
    var summaryLine: String {
        TrainingSummary(loss: loss, learningRate: learningRate).line
    }
}
