/// The training loop of the reference script, one window per step.
///
/// Each ``step()``: builds window k, runs it from the carried hidden state, computes the MSE and
/// its gradients by backpropagation through the window, clips the gradients, takes an Adam step,
/// steps ReduceLROnPlateau with the loss, and carries the final hidden state (detached) into the
/// next window. Everything is allocated when the trainer is made; a step allocates nothing.
public final class Trainer {
    /// What one step recorded.
    public struct StepRecord: Equatable, Sendable {
        /// Index of the step, from 0.
        public var step: Int
        /// The window's mean squared error, before the update.
        public var loss: Float
        /// The learning rate this step used.
        public var learningRate: Double
        /// Total L2 norm of the gradients before clipping.
        public var gradNorm: Float
    }

    public let config: TrainingConfiguration
    public let network: RNNNetwork
    /// The learning rate the next step will use.
    public private(set) var learningRate: Double
    /// Steps taken so far.
    public private(set) var completedSteps = 0

    private let optimizer: Adam
    private var scheduler: ReduceLROnPlateau
    let target: FloatBuffer  // (T)

    /// A trainer at step 0.
    ///
    /// - Parameters:
    ///   - config: the hyperparameters; they must pass ``TrainingConfiguration/validate()``.
    ///   - initialParameters: weights in ``ParameterLayout`` order, or `nil` for the seeded
    ///     initialisation.
    /// - Throws: ``ConfigurationError`` for an invalid configuration.
    /// - Precondition: `initialParameters`, when given, has one value per parameter of the
    ///   configuration's network (``ParameterLayout/count``); read a checkpoint with
    ///   ``ParameterLayout/parameters(from:)``, which checks every name and shape.
    public init(config: TrainingConfiguration, initialParameters: [Float]? = nil) throws(ConfigurationError) {
        try config.validate()
        self.config = config
        network = RNNNetwork(
            hiddenSize: config.hiddenSize, numLayers: config.numLayers, timeStep: config.timeStep, cell: config.cell)
        if let initialParameters {
            precondition(
                initialParameters.count == network.layout.count,
                "Trainer: \(initialParameters.count) initial values for \(network.layout.count) parameters")
            network.setParameters(initialParameters)
        } else {
            network.initialize(seed: config.seed)
        }
        learningRate = config.learningRate
        optimizer = Adam(parameterCount: network.layout.count)
        scheduler = ReduceLROnPlateau(factor: config.lrFactor, patience: config.lrPatience)
        target = FloatBuffer(count: config.timeStep)
    }

    /// Takes one training step: window number ``completedSteps``. It may go on past `config.steps`;
    /// ``run(progress:)`` stops there.
    @discardableResult
    public func step() -> StepRecord {
        let T = config.timeStep
        SineCosineWindow.fill(time: nil, input: network.input.base, target: target.base, step: completedSteps, timeStep: T)
        network.forward()
        let loss = network.backward(target: target.base)
        let norm = clipGradientNorm(network.gradients.base, layout: network.layout, maxNorm: config.clipNorm)
        let used = learningRate
        optimizer.step(
            parameters: network.parameters.base, gradients: network.gradients.base,
            count: network.layout.count, learningRate: used)
        learningRate = scheduler.step(metric: Double(loss), learningRate: used)
        network.carryHiddenState()
        defer { completedSteps += 1 }
        return StepRecord(step: completedSteps, loss: loss, learningRate: used, gradNorm: norm)
    }

    /// The last step's window: its targets (cos t) and the network's predictions, (T) each.
    public func withLastWindow<R>(_ body: (_ real: UnsafeBufferPointer<Float>, _ prediction: UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        let T = config.timeStep
        return try body(UnsafeBufferPointer(start: target.base, count: T),
                        UnsafeBufferPointer(start: network.output.base, count: T))
    }

    /// Runs the remaining steps and returns everything they recorded.
    ///
    /// The metrics say nothing of where they came from (``TrainingMetrics/source``,
    /// ``TrainingMetrics/initWeights``): whoever writes them down records that.
    ///
    /// - Parameter progress: called after each step with the number of steps done and that step's record.
    public func run(progress: (_ done: Int, _ record: StepRecord) -> Void = { _, _ in }) -> TrainingMetrics {
        let remaining = config.steps - completedSteps
        var loss: [Float?] = [], learningRate: [Double?] = [], gradNorm: [Float?] = []
        var real: [Float?] = [], prediction: [Float?] = []
        loss.reserveCapacity(remaining)
        learningRate.reserveCapacity(remaining)
        gradNorm.reserveCapacity(remaining)
        real.reserveCapacity(remaining * config.timeStep)
        prediction.reserveCapacity(remaining * config.timeStep)
        while completedSteps < config.steps {
            let record = step()
            loss.append(record.loss)
            learningRate.append(record.learningRate)
            gradNorm.append(record.gradNorm)
            withLastWindow { windowReal, windowPrediction in
                for value in windowReal { real.append(value) }
                for value in windowPrediction { prediction.append(value) }
            }
            progress(completedSteps, record)
        }
        let metrics = TrainingMetrics(
            config: config, loss: loss, learningRate: learningRate, gradNorm: gradNorm, real: real, prediction: prediction)
        return metrics
    }
}
