import ArgumentParser
import Foundation
import RNNCore
import Safetensors
@testable import rnnreport
import Testing
import TestSupport

/// `--data FILE.csv --input … --target … [--holdout F] [--normalize]`: a run on the example series
/// of `examples/`, its report, and every kind of bad data refused before training.
@Suite("rnnreport --data")
struct DataCommandTests {
    /// `examples/room-temperature.csv`, found from this file: the README's example.
    static let example = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/room-temperature.csv")

    /// A short run on the example: two input columns, a fifth held out, standardised.
    static let exampleRun = [
        "--data", example.path, "--input", "heater_kw,outdoor_c", "--target", "indoor_c", "--holdout", "0.2",
        "--normalize", "--num-layers", "1", "--hidden-size", "8", "--time-step", "30", "--steps", "40",
    ]

    // MARK: - A run

    @Test("generate on the example: metrics with the evaluation and the settings, a held-out figure, a page with the data")
    func exampleReport() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("report")
            try Generate.execute(Self.exampleRun + ["--output", output.path, "--quiet"])
            let snapshot = try FolderSnapshot(output)
            for name in ["holdout.svg", "holdout.dark.svg", "holdout.png", "prediction.svg", "loss.png", "report.html"] {
                #expect(snapshot.names.contains(name), "\(name) is missing")
            }
            let metrics = try TrainingMetrics(contentsOf: output.appendingPathComponent("metrics.json"))
            #expect(metrics.config.data == "room-temperature.csv")
            #expect(metrics.config.input == ["heater_kw", "outdoor_c"] && metrics.config.target == "indoor_c")
            #expect(metrics.config.holdout == 0.2 && metrics.config.normalize)
            let evaluation = try #require(metrics.evaluation)
            #expect(evaluation.rowCount == 600 && evaluation.holdoutStart == 480)
            #expect(evaluation.trainMSE != nil && evaluation.holdoutMSE != nil)
            // The real values are the file's own, in °C.
            #expect(evaluation.real.first == 12 && metrics.real?.first == 12)
            // The model's first layer reads two inputs: [H, 2].
            let layout = ParameterLayout(hiddenSize: 8, numLayers: 1, inputSize: 2)
            let model = try SafetensorsFile(data: snapshot.contents("model.safetensors"))
            #expect(try layout.parameters(from: model).count == layout.count)

            let page = String(decoding: try snapshot.contents("report.html"), as: UTF8.self)
            #expect(page.contains("<title>indoor_c from heater_kw, outdoor_c: a recurrent network learns room-temperature.csv</title>"))
            #expect(page.contains("<code>room-temperature.csv</code>: 600 rows × 4 columns"))
            #expect(page.contains("rows 480 to 599 (120 rows, holdout 0.2) held out"))
            #expect(page.contains("<th>minute</th><th>heater_kw</th><th>outdoor_c</th><th>indoor_c</th>"))
            #expect(page.contains("<td class=\"num\">12.000</td>"), "the first rows as written")
            #expect(page.contains("Held-out MSE") && page.contains("Train MSE"))
            // No sin→cos verdict: the errors, stated in the loss's units, without "converged" or red.
            #expect(page.contains(#"<p class="verdict neutral">After training, the mean squared error is "#))
            #expect(page.contains("on the 480 training rows and ") && page.contains(" on the 120 held-out rows, in standardised units"))
            #expect(!page.contains("onverge") && !page.contains("First loss below"))
            #expect(page.contains("id=\"figure-holdout\""))
            #expect(page.contains("<code class=\"flag\">--data</code>") && page.contains("<code class=\"flag\">--holdout</code>"))
            // The settings as they work on a series: rows per window, the state reset each epoch,
            // the patience in epochs; not sin→cos's windows of π and steps.
            for words in ["rows per training window", "reset to zeros at the start of each epoch", "epochs without improvement"] {
                #expect(page.contains(words), "'\(words)' not on the page")
            }
            #expect(!page.contains("window of π") && !page.contains("steps without improvement"))
            let svg = String(decoding: try snapshot.contents("holdout.svg"), as: UTF8.self)
            #expect(svg.contains("indoor_c") && svg.contains("Rows 480 to 599 (120 rows), shaded, were held out of training"))
            let prediction = String(decoding: try snapshot.contents("prediction.svg"), as: UTF8.self)
            #expect(prediction.contains("indoor_c") && !prediction.contains("cos(t)"))
            let png = try DecodedPNG(snapshot.contents("holdout.png"))
            #expect(png.width == 1000 && png.height == 440)

            // The same options give the same bytes.
            let again = folder.appendingPathComponent("again")
            try Generate.execute(Self.exampleRun + ["--output", again.path, "--quiet"])
            let second = try FolderSnapshot(again)
            for name in snapshot.names {
                #expect(try second.contents(name) == snapshot.contents(name), "\(name) differs between two runs")
            }
        }
    }

    @Test("a sin→cos page has no data section and no held-out figure")
    func sineCosineUnchanged() throws {
        try withTemporaryDirectory { folder in
            try Generate.execute(smallRun + ["--output", folder.path, "--quiet"])
            let snapshot = try FolderSnapshot(folder)
            #expect(!snapshot.names.contains("holdout.svg"))
            let page = String(decoding: try snapshot.contents("report.html"), as: UTF8.self)
            #expect(!page.contains("id=\"data\"") && !page.contains("--holdout"))
            #expect(page.contains("trained to read sin(t) and predict cos(t)"))
            #expect(page.contains(#"<p class="verdict good">Converged: "#) || page.contains(#"<p class="verdict bad">Did not converge: "#))
        }
    }

    @Test("the built binary trains on the example and prints the held-out error")
    func binary() throws {
        try withTemporaryDirectory { folder in
            let result = try RNNReportBinary.run(["train"] + Self.exampleRun + ["--output", folder.path])
            #expect(result.status == 0, "\(result)")
            #expect(result.standardOutput.contains("train MSE") && result.standardOutput.contains("held-out MSE"), "\(result)")
        }
    }

    // MARK: - Bad data

    /// Writes `text` as `name` in `folder` and returns the arguments of a run on it.
    static func run(on text: String, in folder: URL, name: String = "series.csv", extra: [String] = []) throws -> [String] {
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return ["--data", file.path, "--input", "x", "--target", "y", "--time-step", "3", "--steps", "2",
                "--hidden-size", "4", "--num-layers", "1"] + extra
    }

    static let good = "x,y\n1,2\n2,3\n3,5\n4,7\n5,11\n6,13\n"

    @Test("bad data is refused with exit 65 before training, naming the file, line and column", arguments: [
        ("", [], ["series.csv", "the file is empty"]),
        ("x,y\n", [], ["series.csv", "line 1", "a header but no rows"]),
        ("x,z\n1,2\n2,3\n3,4\n", [], ["series.csv", "line 1", "column \"y\"", "no such column", "\"x\", \"z\""]),
        ("x,y\n1,2\n2,abc\n3,4\n", [], ["series.csv", "line 3", "column \"y\"", "\"abc\" is not a number"]),
        ("x,y\n1,2\n2\n3,4\n", [], ["series.csv", "line 3", "1 field", "the header has 2"]),
        ("x,y\n1,2\n2,3,4\n3,4\n", [], ["series.csv", "line 3", "3 fields"]),
        ("x,y\n1,2\nnan,3\n3,4\n", [], ["series.csv", "line 3", "column \"x\"", "not a finite number"]),
        ("x,y\n1,2\n2,inf\n3,4\n", [], ["series.csv", "line 3", "column \"y\"", "not a finite number"]),
        ("x,y\n1,2\n2,\n3,4\n", [], ["series.csv", "line 3", "column \"y\"", "the value is empty"]),
        ("x,y\n1,2\n\"2,3\n", [], ["series.csv", "line 3", "not closed"]),
        ("x,y\n1,2\n2,3\n", [], ["series.csv", "2 training rows", "fewer than one window of time_step 3"]),
        (good, ["--holdout", "0.6"], ["series.csv", "2 training rows (6 rows, 4 of them held out)", "--holdout"]),
        ("x,y\n1,2\n", [], ["series.csv", "1 training row is fewer than one window of time_step 3 rows"]),
        ("x,y\n1,2\n1,3\n1,5\n1,7\n", ["--normalize"], ["series.csv", "column \"x\"", "constant (1.0) over the 4 training rows", "--normalize"]),
    ] as [(String, [String], [String])])
    func badData(text: String, extra: [String], words: [String]) throws {
        try withTemporaryDirectory { folder in
            for command in [Generate.self, Train.self] as [any ParsableCommand.Type] {
                let failure = command.expectRefusal(try Self.run(on: text, in: folder, extra: extra), in: folder, mentioning: words + ["--data file"], "\(command)")
                #expect(failure?.code == 65, "\(command): \(String(describing: failure))")
            }
        }
    }

    @Test("a bad option value is a usage error (64), named, before the file is read", arguments: [
        (["--holdout", "1"], ["invalid --holdout 1: expected a fraction from 0 up to, but not including, 1"]),
        (["--holdout", "-0.1"], ["--holdout", "-0.1"]),
        (["--holdout", "nan"], ["--holdout"]),
        (["--input", "x,"], ["--input", "one or more column names"]),
        (["--input", "x,y,x"], ["invalid --input x,y,x: expected each column once, not x twice"]),
    ] as [([String], [String])])
    func badOption(extra: [String], words: [String]) throws {
        try withTemporaryDirectory { folder in
            var arguments = try Self.run(on: Self.good, in: folder)
            if extra.first == "--input", let index = arguments.firstIndex(of: "--input") {
                arguments.removeSubrange(index ... index + 1)
            }
            let failure = Train.expectRefusal(arguments + extra, in: folder, mentioning: words)
            #expect(failure?.code == 64, "\(String(describing: failure))")
        }
    }

    @Test("the series options go together: --input or --holdout without --data, --data without its columns", arguments: [
        (["--input", "x"], ["--input applies to a CSV series", "--data"]),
        (["--target", "y"], ["--target applies to a CSV series"]),
        (["--holdout", "0.1"], ["--holdout applies to a CSV series"]),
        (["--normalize"], ["--normalize applies to a CSV series"]),
        (["--data", "a.csv", "--target", "y"], ["--data needs --input"]),
        (["--data", "a.csv", "--input", "x"], ["--data needs --target"]),
    ] as [([String], [String])])
    func optionsTogether(arguments: [String], words: [String]) throws {
        try withTemporaryDirectory { folder in
            let failure = Train.expectRefusal(arguments + ["--steps", "2"], in: folder, mentioning: words)
            #expect(failure?.code == 64, "\(String(describing: failure))")
        }
    }

    @Test("a --data file that does not exist is 66 (no input), named")
    func missingFile() throws {
        try withTemporaryDirectory { folder in
            let missing = folder.appendingPathComponent("nowhere.csv").path
            let failure = Train.expectRefusal(
                ["--data", missing, "--input", "x", "--target", "y"], in: folder,
                mentioning: ["--data file", "nowhere.csv", "does not exist"])
            #expect(failure?.code == 66)
        }
    }

    @Test("a --config that names its data file by name alone says so when the name is not found, and --data gives its path")
    func configWithoutTheDataFolder() throws {
        try withTemporaryDirectory { folder in
            // A name no working directory of the tests holds.
            let name = "series-\(UUID().uuidString).csv"
            let first = folder.appendingPathComponent("first")
            try Train.execute(Self.run(on: Self.good, in: folder, name: name) + ["--output", first.path, "--quiet"])
            let config = first.appendingPathComponent("metrics.json").path
            let words = ["cannot read the data file that --config \(config) names, \(name): it does not exist; the file's name is recorded, not its folder: give its path with --data"]
            let failure = Train.expectRefusal(["--config", config], in: folder, mentioning: words)
            #expect(failure?.code == 66)
            // A sweep's --config is the configuration alone.
            let metrics = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: config))) as? [String: Any])
            let settings = folder.appendingPathComponent("settings.json")
            try JSONSerialization.data(withJSONObject: try #require(metrics["config"])).write(to: settings)
            let sweepWords = ["cannot read the data file that --config \(settings.path) names, \(name): it does not exist; the file's name is recorded, not its folder: give its path with --data"]
            let sweep = Sweep.expectRefusal(["--config", settings.path, "--seeds", "0,1"], in: folder, mentioning: sweepWords)
            #expect(sweep?.code == 66)
            // With the file's path, the run is the same, byte for byte.
            let again = folder.appendingPathComponent("again")
            try Train.execute(["--config", config, "--data", folder.appendingPathComponent(name).path, "--output", again.path, "--quiet"])
            #expect(try FolderSnapshot(again).contents("metrics.json") == FolderSnapshot(first).contents("metrics.json"))
        }
    }

    @Test("a --target that is also an --input column trains, with a warning even under --quiet; another target has none")
    func targetAmongInputs() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("series.csv")
            try Data(Self.good.utf8).write(to: file)
            let common = ["train", "--data", file.path, "--time-step", "3", "--steps", "2", "--hidden-size", "4", "--num-layers", "1", "--quiet"]
            let same = try RNNReportBinary.run(common + ["--input", "x,y", "--target", "y", "--output", folder.appendingPathComponent("same").path])
            #expect(same.status == 0, "\(same)")
            #expect(same.standardError == "warning: --target y is also an --input column, so the network reads the value it is to predict "
                + "at each step; to forecast a column, give its earlier values as a column of their own\n", "\(same)")
            let other = try RNNReportBinary.run(common + ["--input", "x", "--target", "y", "--output", folder.appendingPathComponent("other").path])
            #expect(other.status == 0, "\(other)")
            #expect(other.standardError.isEmpty, "\(other)")
        }
    }

    @Test("the built binary refuses bad data with exit 65 and our own words on stderr")
    func binaryBadData() throws {
        try withTemporaryDirectory { folder in
            let arguments = try Self.run(on: "x,y\n1,2\n2,oops\n3,4\n", in: folder)
            let output = folder.appendingPathComponent("out")
            let result = try RNNReportBinary.run(["generate"] + arguments + ["--output", output.path])
            #expect(result.status == 65, "\(result)")
            #expect(result.standardError.contains("line 3, column \"y\": \"oops\" is not a number"), "\(result)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    @Test("a field's control characters reach the terminal as escapes, not as the sequences they would start")
    func controlCharactersEscaped() throws {
        try withTemporaryDirectory { folder in
            let arguments = try Self.run(on: "x,y\n1,2\n2,\u{1B}[31mRED\u{7}\r\n3,4\n", in: folder)
            let result = try RNNReportBinary.run(["train"] + arguments + ["--output", folder.appendingPathComponent("out").path])
            #expect(result.status == 65, "\(result)")
            #expect(result.standardError.contains(#""\x1b[31mRED\x07" is not a number"#), "\(result)")
            #expect(!result.standardError.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(result)")
        }
        #expect(terminalSafe("a\tb\nc\u{0}\u{9B}é") == "a\tb\nc\\x00\\u{9B}é")
    }
}
