// Microseconds per training step (forward, backward through time, clipping, Adam, scheduler) for
// the default configuration and wider networks, an LSTM and a GRU of the default size, and the
// cost of a whole default run. `Benchmarks/pytorch_cells.py` times PyTorch's nn.RNN, nn.LSTM and
// nn.GRU in the same loop.
//
//     swift package --package-path Benchmarks benchmark --target TrainingBenchmarks
import Benchmark
import RNNCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds,
        warmupIterations: 50,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    for hiddenSize in [32, 64, 128, 256] {
        // `step()` keeps going past `config.steps`; only `run()` stops there.
        let config = TrainingConfiguration(hiddenSize: hiddenSize)
        Benchmark("step, hidden \(hiddenSize), 3 layers, 30 steps of BPTT") { benchmark in
            let trainer = try Trainer(config: config)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(trainer.step())
            }
        }
    }

    for cell in [RecurrentCell.lstm, .gru] {
        let config = TrainingConfiguration(cell: cell)
        Benchmark("step, \(cell.displayName), hidden 32, 3 layers, 30 steps of BPTT") { benchmark in
            let trainer = try Trainer(config: config)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(trainer.step())
            }
        }
    }

    Benchmark(
        "run, default configuration (500 steps, recording metrics)",
        configuration: .init(timeUnits: .milliseconds, warmupIterations: 2, maxDuration: .seconds(5))
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let trainer = try Trainer(config: TrainingConfiguration())
            blackHole(trainer.run())
        }
    }
}
