// Time to draw the three figures of a run in both formats — six files — from the values in
// metrics.json to bytes on disk, for a default run (500 steps × 30 points = 15,000 points per
// series) and for a run of 1.5 million points (50,000 steps × 30).
//
//     swift package --package-path Benchmarks benchmark --target FigureBenchmarks
//
// matplotlib draws the same three figures in both formats in about 2.3 s for a default run on the
// 2-core development machine (see Benchmarks/matplotlib_figures.py).
import Benchmark
import Foundation
import Report
import RNNCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 50
    )

    for (name, steps) in [("default run, 15,000 points", 500), ("1.5 million points", 50_000)] {
        let input = SyntheticRun.input(steps: steps)
        Benchmark("six files, \(name)") { benchmark in
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("rnnreport-figure-benchmark-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                try writeSixFiles(input, into: directory)
            }
        }
    }
}

/// What `rnnreport plot` does after reading metrics.json, through the report's own code: the
/// figures in light and dark colours, drawn as SVG, dark SVG and PNG (concurrently), and
/// metrics.csv, written to disk.
private func writeSixFiles(_ input: TrainingFigureInput, into directory: URL) throws {
    let metrics = TrainingMetrics(
        config: TrainingConfiguration(timeStep: input.timeStep, steps: input.loss.count), loss: input.loss,
        learningRate: input.learningRate, gradNorm: input.gradNorm, real: input.real, prediction: input.prediction)
    for file in try TrainingReport.figureFiles(of: metrics, options: FigureOptions(formats: [.svg, .png])) {
        try file.data().write(to: directory.appendingPathComponent(file.name))
    }
}

/// A run shaped like a real one, without training: windows of cos(t) over [kπ, (k+1)π], a
/// prediction whose error shrinks as training goes on, a noisy decaying loss, and a learning
/// rate halved every 11 steps once the loss stops improving.
private enum SyntheticRun {
    static func input(steps: Int, timeStep: Int = 30) -> TrainingFigureInput {
        var real: [Float?] = []
        var prediction: [Float?] = []
        real.reserveCapacity(steps * timeStep)
        prediction.reserveCapacity(steps * timeStep)
        var noise = Noise(seed: 7)
        for step in 0 ..< steps {
            let error = 0.5 * exp(-Double(step) / Double(steps) * 8)
            for point in 0 ..< timeStep {
                // Like numpy's linspace(kπ, (k+1)π, timeStep): both ends included.
                let t = (Double(step) + Double(point) / Double(timeStep - 1)) * .pi
                real.append(Float(cos(t)))
                prediction.append(Float(cos(t) * (1 - error) + error * (noise.next() - 0.5)))
            }
        }
        let loss: [Float?] = (0 ..< steps).map { step in
            Float((0.5 * exp(-Double(step) / Double(steps) * 10) + 1e-4) * (0.5 + noise.next()))
        }
        let plateau = steps * 2 / 5
        let learningRate: [Double?] = (0 ..< steps).map { step in
            step < plateau ? 0.005 : 0.005 * pow(0.5, Double(min((step - plateau) / 11 + 1, 18)))
        }
        return TrainingFigureInput(
            timeStep: timeStep, real: real, prediction: prediction, loss: loss, learningRate: learningRate)
    }

    /// Knuth's MMIX linear congruential generator: doubles in 0..<1, the same on every run.
    struct Noise {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }
}
