import ArgumentParser
import Foundation
import RNNCore
@testable import rnnreport
import Testing
import TestSupport

/// `rnnreport plot`, run in process as the command line would run it.
@Suite("rnnreport plot")
struct PlotCommandTests {
    private static let stems = ["prediction", "prediction-tail", "loss"]

    /// Runs `body` with a fresh directory holding a small run's `metrics.json`, then removes it.
    private func withRun(_ body: (_ directory: URL, _ metrics: URL) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            try body(directory, try writeMetrics(in: directory))
        }
    }

    /// A small run: 8 steps of 5 points, one missing prediction, one learning-rate reduction.
    private func writeMetrics(in directory: URL) throws -> URL {
        var config = TrainingConfiguration()
        config.timeStep = 5
        config.steps = 8
        var prediction: [Float?] = (0 ..< 40).map { cos(Float($0) / 3) + 0.01 }
        prediction[17] = nil
        let metrics = TrainingMetrics(
            config: config, loss: (0 ..< 8).map { 0.5 / Float($0 + 1) },
            learningRate: [0.005, 0.005, 0.005, 0.0025, 0.0025, 0.0025, 0.0025, 0.0025],
            gradNorm: Array(repeating: 1, count: 8),
            real: (0 ..< 40).map { cos(Float($0) / 3) }, prediction: prediction)
        let url = directory.appendingPathComponent("metrics.json")
        try metrics.jsonData().write(to: url)
        return url
    }

    /// Parses, validates and runs `plot` with `arguments`, as `rnnreport plot` would.
    private func plot(_ arguments: [String]) throws {
        let command = try Plot.parse(arguments)
        try command.run()
    }

    /// What the command line would print for the error `arguments` cause, and its exit code.
    private func failure(_ arguments: [String]) -> (message: String, code: Int32)? {
        do {
            try plot(arguments)
            return nil
        } catch {
            return (Plot.message(for: error), Plot.exitCode(for: error).rawValue)
        }
    }

    private func files(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test("writes the six files, the same bytes on every run")
    func writesFigures() throws {
        try withRun { directory, metrics in
            let output = directory.appendingPathComponent("figures/nested")
            try plot(["--metrics", metrics.path, "--output", output.path, "--quiet"])
            let expected = (["metrics.csv"] + PlotCommandTests.stems.flatMap { ["\($0).png", "\($0).svg", "\($0).dark.svg"] }).sorted()
            #expect(try files(in: output) == expected)
            let first = try expected.map { try Data(contentsOf: output.appendingPathComponent($0)) }
            try plot(["--metrics", metrics.path, "--output", output.path, "--quiet"])
            let second = try expected.map { try Data(contentsOf: output.appendingPathComponent($0)) }
            #expect(first == second)
            #expect(try files(in: output) == expected)  // no temporary files left behind
        }
    }

    @Test("the PyTorch reference trace plots too, and --formats and --png-scale are honoured")
    func referenceTrace() throws {
        let trace = try Fixtures.url("seed0.trace.json")
        try withTemporaryDirectory { directory in
            try plot(["--metrics", trace.path, "--output", directory.path, "--formats", "png", "--png-scale", "2", "--quiet"])
            #expect(try files(in: directory) == ["loss.png", "metrics.csv", "prediction-tail.png", "prediction.png"])
            // PNG header: width and height are big-endian at bytes 16…23.
            let png = try Data(contentsOf: directory.appendingPathComponent("loss.png"))
            let width = png[16 ..< 20].reduce(0) { $0 << 8 | Int($1) }
            let height = png[20 ..< 24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 2000 && height == 1120)  // the loss figure with its two panels under it
            try plot(["--metrics", trace.path, "--output", directory.path, "--formats", "svg", "--tail-steps", "3", "--quiet"])
            let svg = try String(contentsOf: directory.appendingPathComponent("prediction-tail.svg"), encoding: .utf8)
            #expect(svg.contains("<title id=\"prediction-tail-title\">Real and predicted cos(t), last 3 windows</title>"))
            #expect(svg.utf8.count < 100_000)
        }
    }

    @Test("into a run's report, plot draws that run's figures anew and keeps the page's other files; another run's report is refused untouched")
    func intoAReport() throws {
        try withRun { directory, metrics in
            let report = directory.appendingPathComponent("report")
            try Generate.execute(["--metrics", metrics.path, "--output", report.path, "--quiet"])
            // Its own metrics.json: SVG alone, the PNGs the page links stay.
            let pngs = try files(in: report).filter { $0.hasSuffix(".png") }
            #expect(!pngs.isEmpty)
            try plot(["--metrics", report.appendingPathComponent("metrics.json").path, "--output", report.path, "--formats", "svg", "--quiet"])
            #expect(try files(in: report).filter { $0.hasSuffix(".png") } == pngs)
            // Another run's: refused with 64, nothing changed.
            let before = try FolderSnapshot(report)
            let trace = try Fixtures.url("seed0.trace.json")
            let refused = Plot.failure(["--metrics", trace.path, "--output", report.path])
            #expect(refused?.code == 64)
            #expect(refused?.message == "--output \(report.path) holds the report of another run (\(report.path)/metrics.json is not --metrics "
                + "\(trace.path)): its page, metrics.json and model would stay beside figures of this one; write the figures into another "
                + "directory, or make this run's whole report there with generate --metrics \(trace.path) --output \(report.path)",
                "\(String(describing: refused))")
            #expect(try FolderSnapshot(report) == before)
        }
    }

    @Test("bad options are rejected before anything is written")
    func badOptions() throws {
        try withRun { directory, metrics in
            let output = directory.appendingPathComponent("out")
            let cases: [([String], String)] = [
                (["--formats", "svg,gif"], "invalid --formats entry 'gif'"),
                (["--formats", ""], "invalid --formats entry ''"),
                (["--tail-steps", "0"], "invalid --tail-steps 0"),
                (["--png-scale", "5"], "invalid --png-scale 5"),
            ]
            for (extra, message) in cases {
                let result = failure(["--metrics", metrics.path, "--output", output.path] + extra)
                #expect(result?.message.contains(message) == true, "\(extra): \(result?.message ?? "no error")")
                #expect(result?.code == ExitCode.validationFailure.rawValue)
            }
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    @Test("an output path that is a file, or metrics that cannot be read, are clear errors")
    func badPaths() throws {
        try withRun { directory, metrics in
            let file = directory.appendingPathComponent("a-file")
            try Data("x".utf8).write(to: file)
            let notDirectory = failure(["--metrics", metrics.path, "--output", file.path])
            #expect(notDirectory?.message.contains("is a file, not a directory") == true)
            #expect(notDirectory.map { $0.code != 0 } == true)

            let output = directory.appendingPathComponent("out")
            let missing = failure(["--metrics", directory.appendingPathComponent("nope.json").path, "--output", output.path])
            #expect(missing?.message.contains("cannot read --metrics file") == true)
            #expect(missing.map { $0.code != 0 } == true)

            let broken = directory.appendingPathComponent("broken.json")
            try Data(#"{"config": {}, "loss": [1, 2], "real": [1], "prediction": [1]}"#.utf8).write(to: broken)
            let inconsistent = failure(["--metrics", broken.path, "--output", output.path])
            #expect(inconsistent?.message.contains("inconsistent metrics") == true)
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    @Test("metrics that are not UTF-8 are a clear error from the binary, not a crash")
    func malformedUTF8() throws {
        // Run as a subprocess: Foundation's JSON5 scanner trapped on these 15 bytes.
        try withTemporaryDirectory { directory in
            let metrics = directory.appendingPathComponent("c.json")
            try (Data(#"{"a":0,"#.utf8) + [0xFF] + Data(#""grad[0"#.utf8)).write(to: metrics)
            let output = directory.appendingPathComponent("out")
            let result = try RNNReportBinary.run(["plot", "--metrics", metrics.path, "--output", output.path])
            #expect(result.status == 65, "\(result)")  // bad data
            #expect(result.standardError.contains(
                "\(metrics.path): not a metrics file: line 1, column 8: unexpected byte 0xFF"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }
}
