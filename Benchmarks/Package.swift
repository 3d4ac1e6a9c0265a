// swift-tools-version: 6.1
// Benchmarks live in their own package so that users of rnnreport do not build the benchmark harness.
// Run from the repository root:  swift package --package-path Benchmarks benchmark
import Foundation
import PackageDescription

// SwiftPM names a package found by path after its directory, so the root's name is whatever the
// clone's directory is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

/// A target of the benchmark harness at Benchmarks/NAME, with the root's `products`.
func benchmark(_ name: String, using products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")] + products.map { .product(name: $0, package: root) },
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "rnnreport-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        benchmark("TrainingBenchmarks", using: ["RNNCore"]),
        benchmark("FigureBenchmarks", using: ["Report", "RNNCore"]),
        benchmark("SeriesBenchmarks", using: ["RNNCore"]),
    ]
)
