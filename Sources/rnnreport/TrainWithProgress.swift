import Foundation
import RNNCore
import Report

/// Trains on `threads` threads, showing its progress on standard error (see ``ProgressBar``) when
/// `showProgress`, and returns the run's files.
func trainWithProgress(
    config: TrainingConfiguration, series: SeriesWindows? = nil, initialParameters: [Float]?, initWeights: String?,
    threads: Int = 1, showProgress: Bool
) throws -> RunFiles {
    let trainer = try Trainer(config: config, series: series, initialParameters: initialParameters, threads: threads)
    var bar = ProgressBar(label: "training", total: config.steps, enabled: showProgress)
    let metrics = trainer.run { done, record in
        bar.update(done, detail: String(format: "loss %.3e  lr %.2e", record.loss, record.learningRate))
    }
    bar.finish()
    return RunFiles(trainer: trainer, metrics: metrics, initWeights: initWeights)
}
