// swift-tools-version: 6.1
// libFuzzer targets, one per parser, in their own package so that users of rnnreport do not build
// them. Run from the repository root:  scripts/fuzz [SECONDS] [TARGET…]  (see Fuzz/README.md).
// Each target defines LLVMFuzzerTestOneInput and no main: it links only when built with
// `--sanitize=fuzzer`, which gives it libFuzzer's main.
import Foundation
import PackageDescription

// SwiftPM names a package found by path after its directory, so the root's name is whatever the
// clone's directory is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "rnnreport-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        // Whole safetensors files, as `--init-weights` reads them.
        .executableTarget(
            name: "SafetensorsFileFuzzer",
            dependencies: [.product(name: "Safetensors", package: root)]
        ),
        // The JSON header alone: the target adds the length before it and the data after it.
        .executableTarget(
            name: "SafetensorsHeaderFuzzer",
            dependencies: [.product(name: "Safetensors", package: root)]
        ),
        // metrics.json, as `plot --metrics` reads it.
        .executableTarget(
            name: "MetricsJSONFuzzer",
            dependencies: [.product(name: "RNNCore", package: root)]
        ),
        // A `--config` file.
        .executableTarget(
            name: "ConfigJSONFuzzer",
            dependencies: [.product(name: "RNNCore", package: root)]
        ),
        // A `--template` file, parsed and rendered.
        .executableTarget(
            name: "TemplateFuzzer",
            dependencies: [.product(name: "Report", package: root)]
        ),
        // A `--data` CSV file: records, the chosen columns as numbers, standardised and windowed.
        .executableTarget(
            name: "CSVFuzzer",
            dependencies: [.product(name: "RNNCore", package: root)]
        ),
    ]
)
