// swift-tools-version: 6.1
import PackageDescription

// RNNREPORT_TARGET_CPU=native (or an LLVM CPU name such as haswell) compiles the training code for
// that CPU's full vector width, AVX2 or AVX-512 instead of x86-64's baseline SSE2: a training step
// takes about a third less time, and gives the same bits. Unset, the package uses no unsafe flags.
let trainingSettings: [SwiftSetting] = Context.environment["RNNREPORT_TARGET_CPU"].map {
    [.unsafeFlags(["-target-cpu", $0])]
} ?? []

let package = Package(
    name: "rnnreport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rnnreport", targets: ["rnnreport"]),
        .library(name: "RNNCore", targets: ["RNNCore"]),
        .library(name: "Charts", targets: ["Charts"]),
        .library(name: "CairoCharts", targets: ["CairoCharts"]),
        .library(name: "Report", targets: ["Report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // MARK: - Command line
        .executableTarget(
            name: "rnnreport",
            dependencies: [
                "RNNCore", "CairoCharts", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Modules
        .target(name: "RNNCore", swiftSettings: trainingSettings),
        .target(name: "Charts"),
        .target(name: "CairoCharts", dependencies: ["Charts", "CCairo"]),
        .target(
            name: "Report",
            dependencies: ["Charts", .product(name: "Mustache", package: "swift-mustache")]
        ),

        // MARK: - System libraries
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),

        // MARK: - Tests
        .testTarget(name: "RNNCoreTests", dependencies: ["RNNCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "CairoChartsTests", dependencies: ["CairoCharts", "Charts"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "Charts", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(
            name: "RNNReportEndToEndTests",
            dependencies: ["rnnreport", "RNNCore", "Report", "Charts", "CairoCharts"]
        ),
    ]
)
