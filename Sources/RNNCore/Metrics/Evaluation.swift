/// The trained network run over a whole CSV series after training: `metrics.json`'s `evaluation`.
///
/// The pass starts from a zero state and runs windows of `time_step` rows (the last one may be
/// shorter), carrying the state, without updates. `real` and `prediction` are in the target's own
/// units (predictions de-standardised in double); the two mean squared errors are in the loss's
/// units, over the training rows and over the held-out rows.
public struct Evaluation: Equatable, Sendable {
    /// The first held-out row (the number of training rows).
    public var holdoutStart: Int
    /// The target, every row. // (N)
    public var real: [Double?]
    /// The network's prediction, every row. // (N)
    public var prediction: [Double?]
    /// Mean squared error over the training rows, in the loss's units.
    public var trainMSE: Double?
    /// Mean squared error over the held-out rows, or `nil` when none is held out.
    public var holdoutMSE: Double?

    public init(holdoutStart: Int, real: [Double?], prediction: [Double?], trainMSE: Double?, holdoutMSE: Double?) {
        self.holdoutStart = holdoutStart
        self.real = real
        self.prediction = prediction
        self.trainMSE = trainMSE
        self.holdoutMSE = holdoutMSE
    }

    /// Number of rows evaluated, N.
    public var rowCount: Int { real.count }
}
