// Microseconds per training step (forward, backward through time, clipping, Adam, scheduler) for
// the RNN, the LSTM and the GRU at hidden sizes 32 to 1024 (3 layers, windows of 30), on one and
// two threads, and the cost of a whole default run. `Benchmarks/pytorch_cells.py` times PyTorch's
// nn.RNN, nn.LSTM and nn.GRU in the same loop; `Benchmarks/train_speed.py` makes the README's table
// of whole `rnnreport train` runs against PyTorch.
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

    // Every cell at every width on one thread, and on two threads where the products are wide
    // enough to split. A run's files are the same bytes for every thread count; only the time differs.
    for cell in RecurrentCell.allCases {
        let widths = cell == .rnn ? [32, 64, 128, 256, 512, 1024] : [32, 128, 256, 512, 1024]
        let rows = widths.map { ($0, 1) } + widths.filter { $0 >= 128 }.map { ($0, 2) }
        for (hiddenSize, threads) in rows {
            // `step()` keeps going past `config.steps`; only `run()` stops there.
            let config = TrainingConfiguration(hiddenSize: hiddenSize, cell: cell)
            let name = cell == .rnn ? "" : "\(cell.displayName), "
            let suffix = threads == 1 ? "" : ", \(threads) threads"
            // A wide step takes tens of milliseconds: fewer warm-up steps there.
            let warmup = hiddenSize >= 512 ? 5 : 50
            let shared = SharedTrainer()
            Benchmark(
                "step, \(name)hidden \(hiddenSize), 3 layers, 30 steps of BPTT\(suffix)",
                configuration: .init(warmupIterations: warmup),
                closure: { benchmark in
                    guard let trainer = shared.trainer else { return }
                    benchmark.startMeasurement()
                    for _ in benchmark.scaledIterations {
                        blackHole(trainer.step())
                    }
                },
                setup: {
                    let trainer = try Trainer(config: config, threads: threads)
                    // The first steps touch the network's fresh memory (page faults, the kernel
                    // zeroing pages): the cost of starting, not of a step.
                    for _ in 0 ..< 3 { blackHole(trainer.step()) }
                    shared.trainer = trainer
                },
                teardown: { shared.trainer = nil }
            )
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

/// The trainer of one step benchmark: made (and taken through its first steps) by the benchmark's
/// setup, shared by its samples, released by its teardown. The harness calls the measured closure
/// once per sample; a trainer made there measured a fresh network's first step every time (page
/// faults and zeroed pages included: an LSTM 256 step on 2 threads took 13–18 ms there, 2.7 in a
/// `train` run), and a new thread pool each time.
final class SharedTrainer: @unchecked Sendable {
    var trainer: Trainer?
}
