/// PyTorch's `ReduceLROnPlateau` in mode `min` with a relative threshold.
///
/// A step is better when its metric is below `best·(1 − threshold)`. After more than `patience`
/// steps without a better one, the rate is multiplied by `factor` (not below `minimumRate`), and
/// the change is applied only if it exceeds `epsilon`. A cooldown suspends counting after a
/// reduction. All comparisons are in double, as in Python.
public struct ReduceLROnPlateau: Equatable, Sendable {
    public let factor: Double
    public let patience: Int
    public let threshold: Double
    public let cooldown: Int
    public let minimumRate: Double
    public let epsilon: Double

    public private(set) var best = Double.infinity
    public private(set) var badSteps = 0
    private var cooldownCounter = 0

    public init(
        factor: Double = 0.1, patience: Int = 10, threshold: Double = 1e-4, cooldown: Int = 0,
        minimumRate: Double = 0, epsilon: Double = 1e-8
    ) {
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.cooldown = cooldown
        self.minimumRate = minimumRate
        self.epsilon = epsilon
    }

    /// Takes one step's metric and returns the learning rate for the next step.
    public mutating func step(metric: Double, learningRate: Double) -> Double {
        if metric < best * (1 - threshold) {
            best = metric
            badSteps = 0
        } else {
            badSteps += 1
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            badSteps = 0
        }
        guard badSteps > patience else { return learningRate }
        cooldownCounter = cooldown
        badSteps = 0
        let reduced = max(learningRate * factor, minimumRate)
        return learningRate - reduced > epsilon ? reduced : learningRate
    }
}
