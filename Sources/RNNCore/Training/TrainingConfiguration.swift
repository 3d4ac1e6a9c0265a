/// The hyperparameters of one training run.
///
/// The defaults are those of the PyTorch tutorial that rnnreport reproduces. The JSON form uses the
/// snake_case keys of the reference traces (`hidden_size`, `learning_rate`, …), and the command line
/// uses the same words in kebab case (`--hidden-size`, `--learning-rate`, …): ``TrainingSetting``
/// names each one.
public struct TrainingConfiguration: Equatable, Sendable {
    /// The recurrent cell of every layer.
    public var cell: RecurrentCell = .rnn
    /// Width of every recurrent layer (`H`).
    public var hiddenSize: Int = 32
    /// Number of stacked recurrent layers (`L`).
    public var numLayers: Int = 3
    /// Points per training window; also the length of backpropagation through time.
    public var timeStep: Int = 30
    /// Number of training steps, one window each.
    public var steps: Int = 500
    /// Adam's initial learning rate.
    public var learningRate: Double = 0.005
    /// Maximum total L2 norm of the gradients (`clip_grad_norm_`'s `max_norm`).
    public var clipNorm: Double = 1.0
    /// Factor by which ReduceLROnPlateau multiplies the learning rate.
    public var lrFactor: Double = 0.5
    /// Steps without improvement that ReduceLROnPlateau tolerates before reducing the rate.
    public var lrPatience: Int = 10
    /// Seed of the weight initialisation.
    public var seed: UInt64 = 0
    /// The CSV file trained on (its name, as `metrics.json` records it), or `nil` for sin→cos.
    public var data: String?
    /// The series' input columns; their number is the network's input size.
    public var input: [String] = []
    /// The series' target column.
    public var target: String?
    /// Fraction of the series' rows held out of training (the last ones), in [0, 1).
    public var holdout: Double = 0
    /// Whether the series is standardised with its training rows' mean and standard deviation.
    public var normalize = false

    /// Values per step of the network's input: the number of input columns, or 1 for sin→cos.
    public var inputSize: Int { data == nil ? 1 : max(input.count, 1) }

    /// The tutorial's configuration.
    public init() {}

    public init(
        hiddenSize: Int = 32, numLayers: Int = 3, timeStep: Int = 30, steps: Int = 500,
        learningRate: Double = 0.005, clipNorm: Double = 1.0, lrFactor: Double = 0.5,
        lrPatience: Int = 10, seed: UInt64 = 0, cell: RecurrentCell = .rnn
    ) {
        self.cell = cell
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.timeStep = timeStep
        self.steps = steps
        self.learningRate = learningRate
        self.clipNorm = clipNorm
        self.lrFactor = lrFactor
        self.lrPatience = lrPatience
        self.seed = seed
    }
}
