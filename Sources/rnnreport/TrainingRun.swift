import Foundation
import RNNCore

/// One training run as the commands use it: the metrics, and the bytes of both files.
struct TrainingRun {
    var metrics: TrainingMetrics
    var metricsJSON: Data
    var checkpoint: Data

    /// Trains, with a progress bar on a terminal, and serialises the results.
    static func train(
        config: TrainingConfiguration, initialParameters: [Float]?, initWeights: String?, showProgress: Bool
    ) throws -> TrainingRun {
        let trainer = try Trainer(config: config, initialParameters: initialParameters)
        var bar = ProgressBar(label: "training", total: config.steps, enabled: showProgress && isatty(STDERR_FILENO) == 1)
        var metrics = trainer.run(initWeights: initWeights) { done, record in
            bar.update(done, detail: String(format: "loss %.3e  lr %.2e", record.loss, record.learningRate))
        }
        bar.finish()
        metrics.source = "rnnreport \(RNNReportVersion.current) float32"
        let checkpoint = trainer.network.layout.safetensors(
            trainer.network.parameterValues, metadata: ["format": "pt", "producer": "rnnreport \(RNNReportVersion.current)"])
        return TrainingRun(metrics: metrics, metricsJSON: try metrics.jsonData(), checkpoint: checkpoint)
    }
}
