// Time and memory to read a `--data` CSV series: a file of 500,000 rows of two columns with six
// decimals (sin and cos, as a sensor would write them, 9.5 MB), read by `DataSeries(csv:)` (the
// chosen columns as numbers, in place) and by `CSVRecords.forEach` (every field as a String). A
// row's time is the row's microseconds: the benchmark's milliseconds ÷ 500.
//
//     swift package --package-path Benchmarks benchmark --target SeriesBenchmarks
//
// `scripts/csv-speed` times whole `rnnreport generate` runs on larger files, up to the value limit.
import Benchmark
import Foundation
import RNNCore

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 50
    )

    let rows = 500_000
    let file = sineCosineFile(rows: rows)

    Benchmark("DataSeries(csv:), \(rows) rows of 2 columns") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try DataSeries(csv: file, input: ["sin"], target: "cos"))
        }
    }

    Benchmark("CSVRecords.forEach, \(rows) rows of 2 columns") { benchmark in
        for _ in benchmark.scaledIterations {
            var fields = 0
            try CSVRecords.forEach(in: file) { record, _ in fields += record.count }
            blackHole(fields)
        }
    }
}

/// A header `sin,cos`, then `rows` rows of sin(t) and cos(t) for t = 0, 0.01, … with six decimals.
private func sineCosineFile(rows: Int) -> Data {
    var text = "sin,cos\n"
    text.reserveCapacity(rows * 20)
    for row in 0 ..< rows {
        let t = Double(row) * 0.01
        text += String(format: "%.6f,%.6f\n", sin(t), cos(t))
    }
    return Data(text.utf8)
}
