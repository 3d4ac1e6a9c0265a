/// The debiased exponential moving average with which TensorBoard smooths a scalar curve.
///
/// `last = weight × last + (1 − weight) × value`, started at 0 and divided by `1 − weight^n` after
/// `n` values, so that the first smoothed values are not pulled towards zero. A missing or
/// non-finite value is passed through as a gap and leaves the average unchanged, as in TensorBoard.
public struct ExponentialMovingAverage: Hashable, Sendable {
    /// How much of the previous average each step keeps, from 0 (no smoothing) to just under 1.
    public var weight: Double

    /// - Parameter weight: Clamped to 0…0.9999; a weight that is not finite means no smoothing.
    public init(weight: Double) {
        self.weight = weight.isFinite ? min(max(weight, 0), 0.9999) : 0
    }

    /// The smoothed values, one for each input value.
    public func smooth(_ values: [Double?]) -> [Double?] {
        var last = 0.0
        var decay = 1.0  // weight^n, the bias to divide out
        return values.map { value in
            guard let value, value.isFinite else { return nil }
            last = last * weight + (1 - weight) * value
            decay *= weight
            let smoothed = last / (1 - decay)
            return smoothed.isFinite ? smoothed : nil
        }
    }
}
