// swift-tools-version: 6.1
import PackageDescription

// RNNREPORT_TARGET_CPU=native (or an LLVM CPU name such as haswell) compiles RNNCore's Swift code
// (the cells' element-by-element work) for that CPU's full vector width, AVX2 or AVX-512 instead of
// x86-64's baseline SSE2, and gives the same bits. The products, transposes and Adam's update are
// CKernels', which choose their instruction set at run time either way. Unset, the package uses no
// unsafe flags.
let trainingSettings: [SwiftSetting] = Context.environment["RNNREPORT_TARGET_CPU"].map {
    [.unsafeFlags(["-target-cpu", $0])]
} ?? []

let package = Package(
    name: "rnnreport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rnnreport", targets: ["rnnreport"]),
        .library(name: "RNNCore", targets: ["RNNCore"]),
        .library(name: "Safetensors", targets: ["Safetensors"]),
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
                "RNNCore", "Safetensors", "CairoCharts", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Modules
        // The maths; it knows the safetensors format only to map parameters to their names, and runs
        // its hottest loops (the matrix product, the transpose, Adam, the cells' activations)
        // through CKernels.
        .target(name: "RNNCore", dependencies: ["Safetensors", "CKernels"], swiftSettings: trainingSettings),
        .target(name: "Safetensors"),
        .target(name: "Charts"),
        .target(name: "CairoCharts", dependencies: ["Charts", "CCairo", "CPNG"]),
        .target(
            name: "Report",
            dependencies: [
                "RNNCore", "Charts", "CairoCharts", "CReportDisk",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),

        // MARK: - C
        // The system calls Swift cannot make itself (renameat2, statx's mount id) and the signal
        // handler, for Report's Disk folder.
        .target(name: "CReportDisk"),
        // The matrix product and Adam's update, compiled for SSE2, AVX2 and AVX-512 and chosen at
        // run time, with the same bits from each, for RNNCore.
        .target(name: "CKernels"),
        // The PNG encoder, on libpng (whose errors longjmp, which Swift cannot catch), for
        // CairoCharts; libcairo2-dev depends on libpng-dev.
        .target(name: "CPNG", linkerSettings: [.linkedLibrary("png16")]),

        // MARK: - System libraries
        // Cairo with its FreeType font backend (cairo-ft brings freetype2's flags and library);
        // libcairo2-dev depends on libfreetype-dev.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo-ft",
            providers: [.apt(["libcairo2-dev"])]
        ),

        // MARK: - Tests
        // What the tests share (fixtures, temporary folders, ulp distances, reading PNGs back);
        // no product depends on it, so a release build of rnnreport compiles none of it.
        .target(
            name: "TestSupport",
            dependencies: ["CCairo"],
            path: "Tests/TestSupport",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "RNNCoreTests", dependencies: ["RNNCore", "Safetensors", "TestSupport"]),
        .testTarget(name: "SafetensorsTests", dependencies: ["Safetensors", "TestSupport"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "CairoChartsTests", dependencies: ["CairoCharts", "Charts", "CPNG", "TestSupport"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "Charts", "TestSupport", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(
            name: "RNNReportEndToEndTests",
            dependencies: ["rnnreport", "RNNCore", "Safetensors", "Report", "Charts", "CairoCharts", "TestSupport"]
        ),
    ]
)
