/// The training loop of the reference script, one window per step.
///
/// Each ``step()``: builds window k, runs it from the carried hidden state, computes the MSE and
/// its gradients by backpropagation through the window, clips the gradients, takes an Adam step,
/// steps ReduceLROnPlateau with the loss, and carries the final hidden state (detached) into the
/// next window. Everything is allocated when the trainer is made; a step allocates nothing.
///
/// On a CSV series (``series``) step k trains on training window k mod W, the state is reset to
/// zero at window 0 (each epoch starts from zeros), and the schedule sees each epoch's mean loss
/// once, after the step on window W − 1, instead of every step's loss. After the last step,
/// ``evaluate()`` runs the network over the whole series.
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

    /// The CSV series trained on, or `nil` for sin→cos.
    public let series: SeriesWindows?

    private let optimizer: Adam
    private var scheduler: ReduceLROnPlateau
    let target: FloatBuffer  // (T)
    /// The losses of the epoch so far, summed in double as Python's `sum` sums them, and their count.
    private var epochLoss = 0.0, epochSteps = 0

    /// A trainer at step 0.
    ///
    /// - Parameters:
    ///   - config: the hyperparameters; they must pass ``TrainingConfiguration/validate()``.
    ///   - series: the CSV series to train on, windowed with `config`'s time step, or `nil` for
    ///     sin→cos.
    ///   - initialParameters: weights in ``ParameterLayout`` order, or `nil` for the seeded
    ///     initialisation.
    ///   - threads: threads to run the network's products on, the caller's included (at least 1).
    ///     It changes the speed, never a result, and is no part of the configuration.
    /// - Throws: ``ConfigurationError`` for an invalid configuration.
    /// - Precondition: `initialParameters`, when given, has one value per parameter of the
    ///   configuration's network (``ParameterLayout/count``); read a checkpoint with
    ///   ``ParameterLayout/parameters(from:)``, which checks every name and shape.
    /// - Precondition: `series`, when given, has `config.timeStep` rows per window and
    ///   `config.inputSize` input columns.
    public init(
        config: TrainingConfiguration, series: SeriesWindows? = nil, initialParameters: [Float]? = nil, threads: Int = 1
    ) throws(ConfigurationError) {
        try config.validate()
        if let series {
            precondition(
                series.timeStep == config.timeStep && series.inputSize == config.inputSize,
                "Trainer: the series' windows do not match the configuration")
        }
        self.config = config
        self.series = series
        network = RNNNetwork(
            hiddenSize: config.hiddenSize, numLayers: config.numLayers, timeStep: config.timeStep,
            inputSize: config.inputSize, cell: config.cell, threads: threads)
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
        let window = series.map { completedSteps % $0.windowCount }
        if let series, let window {
            if window == 0 { network.resetHiddenState() }
            series.fill(rows: window * T, count: T, input: network.input.base, target: target.base)
        } else {
            SineCosineWindow.fill(time: nil, input: network.input.base, target: target.base, step: completedSteps, timeStep: T)
        }
        network.forward()
        let loss = network.backward(target: target.base)
        // Clipping's scale happens inside Adam's one pass over the gradients: the same arithmetic
        // as scaling them first.
        let norm = totalNorm(network.gradientNorms.base, count: network.layout.tensors.count)
        let coefficient = clippingCoefficient(norm: norm, maxNorm: config.clipNorm)
        let used = learningRate
        network.update(with: optimizer, learningRate: used, gradientScale: coefficient == 1 ? nil : coefficient)
        if let series, let window {
            epochLoss += Double(loss)
            epochSteps += 1
            if window == series.windowCount - 1 {
                learningRate = scheduler.step(metric: epochLoss / Double(epochSteps), learningRate: used)
                epochLoss = 0
                epochSteps = 0
            }
        } else {
            learningRate = scheduler.step(metric: Double(loss), learningRate: used)
        }
        network.carryHiddenState()
        defer { completedSteps += 1 }
        return StepRecord(step: completedSteps, loss: loss, learningRate: used, gradNorm: norm)
    }

    /// The last step's window: its targets (cos t, or the series' target in the units it is
    /// trained in) and the network's predictions, (T) each.
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
            if let series {
                // In the target's own units: the values as read, the predictions de-standardised.
                let start = (record.step % series.windowCount) * config.timeStep
                for row in start ..< start + config.timeStep { real.append(Float(series.series.target[row])) }
                withLastWindow { _, windowPrediction in
                    for value in windowPrediction { prediction.append(Float(series.destandardized(value))) }
                }
            } else {
                withLastWindow { windowReal, windowPrediction in
                    for value in windowReal { real.append(value) }
                    for value in windowPrediction { prediction.append(value) }
                }
            }
            progress(completedSteps, record)
        }
        let metrics = TrainingMetrics(
            config: config, loss: loss, learningRate: learningRate, gradNorm: gradNorm, real: real, prediction: prediction,
            evaluation: completedSteps == config.steps ? evaluate() : nil)
        return metrics
    }

    /// Runs the trained network over the whole series, without updates: from a zero state, in
    /// windows of `time_step` rows (the last one may be shorter), carrying the state; `nil` for
    /// sin→cos.
    ///
    /// A shorter last window runs as a whole one whose missing rows are zeros: a recurrent network
    /// is causal, so the rows that exist get exactly the outputs they would alone. It leaves the
    /// network's state as the pass left it; training does not continue after it.
    public func evaluate() -> Evaluation? {
        guard let series else { return nil }
        let (T, I, N) = (config.timeStep, series.inputSize, series.rowCount)
        var normalized = [Double](repeating: 0, count: N)  // (N) predictions in the loss's units
        network.resetHiddenState()
        for start in stride(from: 0, to: N, by: T) {
            let count = min(T, N - start)
            if count < T { network.input.base.update(repeating: 0, count: T * I) }
            series.fill(rows: start, count: count, input: network.input.base, target: nil)
            network.forward()
            for t in 0 ..< count { normalized[start + t] = Double(network.output.base[t]) }
            network.carryHiddenState()
        }
        func mse(_ rows: Range<Int>) -> Double {
            PairwiseSum.mean(rows.count) { i in
                let d = normalized[rows.lowerBound + i] - Double(series.target[rows.lowerBound + i])
                return d * d
            }
        }
        let split = series.trainingRows
        return Evaluation(
            holdoutStart: split,
            real: series.series.target,
            prediction: normalized.map { $0 * series.targetScale + series.targetMean },
            trainMSE: mse(0 ..< split),
            holdoutMSE: split < N ? mse(split ..< N) : nil)
    }
}
