/// A hyperparameter of a training run: the one definition of its name and meaning.
///
/// The name is the key of `metrics.json`'s `config` and of a `--config` file (`hidden_size`); the
/// command line spells the same word in kebab case (`--hidden-size`), and the report's table of
/// hyperparameters lists every case in this order.
public enum TrainingSetting: String, CaseIterable, Sendable {
    case cell
    case hiddenSize = "hidden_size"
    case numLayers = "num_layers"
    case timeStep = "time_step"
    case steps
    case learningRate = "learning_rate"
    case clipNorm = "clip_norm"
    case lrFactor = "lr_factor"
    case lrPatience = "lr_patience"
    case seed
    // A run on a CSV series (`--data`); a sin→cos run has none of these.
    case data
    case input
    case target
    case holdout
    case normalize

    /// The key in JSON: `hidden_size`.
    public var key: String { rawValue }

    /// What the setting means, in a phrase, for a run on sin→cos (``meaning(for:)`` says it for
    /// any run).
    public var meaning: String {
        switch self {
        case .cell: "recurrent cell of every layer, as PyTorch's nn.RNN (tanh), nn.LSTM or nn.GRU"
        case .hiddenSize: "width of each recurrent layer"
        case .numLayers: "stacked recurrent layers, then a linear head on every step"
        case .timeStep: "points per training window of π, and the length of backpropagation through time"
        case .steps: "training steps, one window each; the hidden state is carried from one to the next"
        case .learningRate: "Adam's initial learning rate (β₁ 0.9, β₂ 0.999, ε 1e-8)"
        case .clipNorm: "largest total gradient norm; larger gradients are scaled down"
        case .lrFactor: "factor ReduceLROnPlateau applies to the learning rate (mode min, relative threshold 1e-4)"
        case .lrPatience: "steps without improvement before the learning rate is reduced"
        case .seed: "seed of the weight initialisation"
        case .data: "CSV file of the series trained on, instead of sin(t) → cos(t)"
        case .input: "the series' input columns, the network's input at each row"
        case .target: "the series' column the network learns to predict"
        case .holdout: "fraction of the series' last rows held out of training, for evaluation"
        case .normalize: "whether inputs and target are standardised with the training rows' mean and standard deviation"
        }
    }

    /// What the setting means for a run of `config`: on a CSV series (`data`), a window is
    /// `time_step` rows, the hidden state starts from zeros each epoch, and ReduceLROnPlateau sees
    /// each epoch's mean loss, so its patience counts epochs; otherwise ``meaning``.
    public func meaning(for config: TrainingConfiguration) -> String {
        config.data == nil ? meaning : seriesMeaning
    }

    /// What the setting means on a CSV series.
    public var seriesMeaning: String {
        switch self {
        case .timeStep: "rows per training window, and the length of backpropagation through time"
        case .steps: "training steps, one window of the training rows each, in order; the hidden state is carried from one to the next and reset to zeros at the start of each epoch"
        case .lrPatience: "epochs without improvement of the epoch's mean loss before the learning rate is reduced"
        default: meaning
        }
    }
}

extension TrainingConfiguration {
    /// The value of a setting, as text (`32`, `0.005`).
    public func text(of setting: TrainingSetting) -> String {
        switch setting {
        case .cell: cell.rawValue
        case .hiddenSize: "\(hiddenSize)"
        case .numLayers: "\(numLayers)"
        case .timeStep: "\(timeStep)"
        case .steps: "\(steps)"
        case .learningRate: "\(learningRate)"
        case .clipNorm: "\(clipNorm)"
        case .lrFactor: "\(lrFactor)"
        case .lrPatience: "\(lrPatience)"
        case .seed: "\(seed)"
        case .data: data ?? ""
        case .input: input.joined(separator: ",")
        case .target: target ?? ""
        case .holdout: "\(holdout)"
        case .normalize: "\(normalize)"
        }
    }
}
extension TrainingSetting: CodingKey {}

extension TrainingSetting {
    /// The settings of a run on a CSV series, which a sin→cos run leaves out.
    public static let seriesSettings: [TrainingSetting] = [.data, .input, .target, .holdout, .normalize]

    /// The settings `config` uses: all but the series' when it trains on sin→cos.
    public static func settings(of config: TrainingConfiguration) -> [TrainingSetting] {
        config.data == nil ? allCases.filter { !seriesSettings.contains($0) } : allCases
    }
}
