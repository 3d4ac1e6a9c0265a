import RNNCore

extension TrainingSummary {
    /// The summary of a run's metrics.
    public init(_ metrics: TrainingMetrics) {
        self.init(loss: metrics.loss, learningRate: metrics.learningRate)
    }
}
