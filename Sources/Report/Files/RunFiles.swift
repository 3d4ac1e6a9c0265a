import Foundation
import RNNCore

/// A finished training run as the two files every run writes: `metrics.json` and
/// `model.safetensors`, with where the run came from recorded in both.
public struct RunFiles: Sendable {
    public static let metricsName = "metrics.json"
    public static let modelName = "model.safetensors"

    /// The run's metrics, with ``TrainingMetrics/source`` and ``TrainingMetrics/initWeights`` set.
    public let metrics: TrainingMetrics
    /// `metrics.json`, then `model.safetensors`.
    public let files: [ReportFile]
    /// The CSV series the run trained on, for the report's data section; `nil` for sin→cos.
    public let series: DataSeries?

    /// Records the run's provenance and serialises it.
    ///
    /// - Parameters:
    ///   - metrics: what the trainer recorded.
    ///   - parameters: the trained weights, in `layout` order.
    ///   - initWeights: the file the initial weights came from, or `nil` for the seeded initialisation.
    /// `metrics.json` is written in pieces when the folder is written, never whole in memory.
    ///   - series: the CSV series trained on, or `nil` for sin→cos.
    public init(
        metrics: TrainingMetrics, parameters: [Float], layout: ParameterLayout, initWeights: String?,
        series: DataSeries? = nil
    ) {
        self.series = series
        var metrics = metrics
        metrics.source = RNNReportVersion.source
        metrics.initWeights = initWeights
        let checkpoint = layout.safetensors(
            parameters, metadata: ["format": "pt", "producer": "rnnreport \(RNNReportVersion.current)"])
        self.metrics = metrics
        files = [
            ReportFile(name: Self.metricsName) { [metrics] sink in try metrics.writeJSON(to: sink) },
            ReportFile(name: Self.modelName, data: checkpoint),
        ]
    }

    /// The files of a trainer's finished run.
    public init(trainer: Trainer, metrics: TrainingMetrics, initWeights: String?) {
        self.init(
            metrics: metrics, parameters: trainer.network.parameterValues, layout: trainer.network.layout,
            initWeights: initWeights, series: trainer.series?.series)
    }
}
