import Foundation
import RNNCore
@testable import Report

/// Small runs for the comparison tests: 20 steps of 5 points whose loss falls from `start`.
enum ComparisonTestRuns {
    static func metrics(
        learningRate: Double = 0.005, seed: UInt64 = 0, start: Float = 0.5, steps: Int = 20, source: String? = "rnnreport 0.1.0 float32",
        reduceAt: Int? = nil
    ) -> TrainingMetrics {
        var config = TrainingConfiguration()
        config.timeStep = 5
        config.steps = steps
        config.learningRate = learningRate
        config.seed = seed
        let real: [Float?] = (0 ..< steps * 5).map { cos(Float($0) / 3) }
        return TrainingMetrics(
            config: config, source: source,
            loss: (0 ..< steps).map { start / Float($0 + 1) / Float($0 + 1) },
            learningRate: (0 ..< steps).map { step in reduceAt.map { step >= $0 ? learningRate / 2 : learningRate } ?? learningRate },
            gradNorm: Array(repeating: 0.5, count: steps),
            real: real, prediction: real.map { $0.map { $0 + 0.01 } })
    }

    static func run(_ label: String, _ metrics: TrainingMetrics) -> ComparedRun {
        ComparedRun(label: label, origin: "runs/\(label)", metrics: metrics)
    }
}
