import Foundation
import RNNCore
@testable import rnnreport
import Testing
import TestSupport

/// The `--config` files of train, generate and sweep, and a sweep's `sweep.json`, are read as
/// strict JSON: what `JSONDecoder` would read loosely (a key given twice, a comma before `}` or
/// `]`) or refuse without a place (a number beyond a double) is bad data (65), named with the file,
/// the line and column, and the problem, before anything is written. Files rnnreport writes, and
/// metrics files with Python's NaN, still read.
@Suite("Strict JSON input")
struct StrictJSONInputTests {
    /// A file that is not strict JSON, and what the message says of it after the file's name.
    struct Loose: Sendable, CustomTestStringConvertible {
        var json: String
        var problem: String
        var testDescription: String { json }
    }

    static let looseFiles = [
        Loose(json: #"{"hidden_size": 8, "hidden_size": 16, "steps": 3}"#,
              problem: #"line 1, column 20: the key "hidden_size" is given twice (first at line 1, column 2)"#),
        // The first problem is the one named.
        Loose(json: #"{"hidden_size": 8, "hidden_size": 16, "steps": 3,}"#,
              problem: #"line 1, column 20: the key "hidden_size" is given twice (first at line 1, column 2)"#),
        Loose(json: #"{"steps": 3,}"#,
              problem: "line 1, column 13: unexpected '}', expected a key in double quotes (a comma before '}' is not JSON)"),
        Loose(json: #"{"steps": 3, "input": ["x",], "target": "y", "data": "d.csv"}"#,
              problem: "line 1, column 28: unexpected ']', expected a value (a comma before ']' is not JSON)"),
        Loose(json: "{\"steps\": 3,\n \"learning_rate\": 1e999}",
              problem: "line 2, column 19: learning_rate: the number 1e999 is beyond the range of a double"),
        Loose(json: #"{"learning_rate": NaN}"#,
              problem: "line 1, column 19: unexpected 'N', expected a value (JSON has no NaN or Infinity)"),
    ]

    @Test("train, generate and sweep refuse a --config file that is not strict JSON (65), naming the file, the place and the problem",
          arguments: looseFiles)
    func looseConfig(_ loose: Loose) throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config.json")
            try Data(loose.json.utf8).write(to: file)
            let message = "--config file \(file.path): \(loose.problem)"
            for failure in [
                Train.expectRefusal(["--config", file.path], in: folder, mentioning: [message]),
                Generate.expectRefusal(["--config", file.path], in: folder, mentioning: [message]),
                Sweep.expectRefusal(["--config", file.path, "--seeds", "0,1"], in: folder, mentioning: [message]),
            ] {
                #expect(failure?.message == message)
                #expect(failure?.code == 65, "\(failure.map(String.init(describing:)) ?? "no failure")")
            }
        }
    }

    @Test("the binary exits with 65 and the message for each command")
    func exitStatus() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("dup.json")
            try Data(#"{"hidden_size": 8, "hidden_size": 16, "steps": 3,}"#.utf8).write(to: file)
            let output = folder.appendingPathComponent("out")
            for command in [["train"], ["generate"], ["sweep", "--seeds", "0,1"]] {
                let result = try RNNReportBinary.run(command + ["--config", file.path, "--output", output.path, "--quiet"])
                #expect(result.status == 65, "\(command): \(result)")
                #expect(result.standardError == "Error: --config file \(file.path): line 1, column 20: the key \"hidden_size\" "
                    + "is given twice (first at line 1, column 2)\n", "\(command): \(result)")
                #expect(!FileManager.default.fileExists(atPath: output.path), "\(command) created the output")
            }
        }
    }

    // MARK: - Metrics files as --config

    @Test("a metrics file as --config is checked whole: a key given twice, at the top or in its config, is refused")
    func looseMetricsFile() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("m.json")
            let origin = "--config file \(file.path) (a metrics file: its config)"
            for (json, problem) in [
                (#"{"config": {"steps": 3}, "loss": [1, 2], "config": {"steps": 4}}"#,
                 #"line 1, column 42: the key "config" is given twice (first at line 1, column 2)"#),
                (#"{"config": {"steps": 3, "hidden_size": 8, "steps": 4}, "loss": [NaN]}"#,
                 #"line 1, column 43: the key "steps" is given twice in config (first at line 1, column 13)"#),
                (#"{"config": {"steps": 3}, "loss": [1, 2,]}"#,
                 "line 1, column 40: unexpected ']', expected a value (a comma before ']' is not JSON)"),
            ] {
                try Data(json.utf8).write(to: file)
                let failure = Train.expectRefusal(["--config", file.path], in: folder, mentioning: [origin], json)
                #expect(failure?.message == "\(origin): \(problem)", "\(json)")
                #expect(failure?.code == 65, "\(json)")
            }
            // A file whose "config" cannot be found (it is not JSON) is named by its first
            // problem, not by a NaN in its series before it.
            try Data(#"{"loss":[1,NaN],"config":{"steps":20,}}"#.utf8).write(to: file)
            let broken = Train.expectRefusal(["--config", file.path], in: folder, mentioning: [])
            #expect(broken?.message == "--config file \(file.path): line 1, column 38: unexpected '}', expected a key in double quotes "
                + "(a comma before '}' is not JSON)")
            #expect(broken?.code == 65)
            // No setting is NaN, in a metrics file's config either.
            try Data(#"{"config": {"steps": NaN}, "loss": [1]}"#.utf8).write(to: file)
            let nan = Train.expectRefusal(["--config", file.path], in: folder, mentioning: [])
            #expect(nan?.message == "\(origin): its \"config\": unexpected 'N', expected a value (JSON has no NaN or Infinity)")
            #expect(nan?.code == 65)
        }
    }

    @Test("a file whose config is not an object is refused naming that, not as a file of settings with an unknown key 'config'")
    func configNotAnObject() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("co.json")
            for (json, kind) in [(#"{"config": [1], "loss": [1]}"#, "an array"), (#"{"config": null, "loss": [NaN]}"#, "null")] {
                try Data(json.utf8).write(to: file)
                for failure in [Train.expectRefusal(["--config", file.path], in: folder, mentioning: [], json),
                                Sweep.expectRefusal(["--config", file.path, "--seeds", "0,1"], in: folder, mentioning: [], json)] {
                    #expect(failure?.message == "--config file \(file.path): config: expected an object, found \(kind)", "\(json)")
                    #expect(failure?.code == 65, "\(json)")
                }
            }
            // A file that is not JSON is still named by its first problem.
            try Data(#"{"config": [1,], "loss": [1]}"#.utf8).write(to: file)
            let broken = Train.expectRefusal(["--config", file.path], in: folder, mentioning: [])
            #expect(broken?.message == "--config file \(file.path): line 1, column 15: unexpected ']', expected a value (a comma before ']' is not JSON)")
        }
    }

    // MARK: - A byte-order mark

    @Test("a UTF-8 byte-order mark is ignored in every JSON file: --config (settings or metrics), metrics read as metrics, sweep.json")
    func byteOrderMark() throws {
        let mark = Data([0xEF, 0xBB, 0xBF])
        try withTemporaryDirectory { folder in
            // A file of settings: read as without the mark, by train, generate and sweep; a
            // problem's column counts from the text after it.
            let settings = folder.appendingPathComponent("bom.json")
            try (mark + Data(#"{"steps": 20, "hidden_size": 4}"#.utf8)).write(to: settings)
            #expect(try Generate.parse(["--config", settings.path]).training.configuration() == TrainingConfiguration(hiddenSize: 4, steps: 20))
            let result = try RNNReportBinary.run(["train", "--config", settings.path, "--output", folder.appendingPathComponent("t").path, "--quiet"])
            #expect(result.status == 0, "\(result)")
            let metrics = folder.appendingPathComponent("t/metrics.json")
            #expect(try TrainingMetrics(contentsOf: metrics).config == TrainingConfiguration(hiddenSize: 4, steps: 20))
            try (mark + Data(#"{"steps": 3,}"#.utf8)).write(to: settings)
            let loose = Train.expectRefusal(["--config", settings.path], in: folder, mentioning: [])
            #expect(loose?.message == "--config file \(settings.path): line 1, column 13: unexpected '}', expected a key in double quotes "
                + "(a comma before '}' is not JSON)")

            // A metrics file with a mark: as --config, and to plot and compare.
            let marked = folder.appendingPathComponent("marked.json")
            try (mark + Data(contentsOf: metrics)).write(to: marked)
            #expect(try Generate.parse(["--config", marked.path]).training.configuration() == TrainingConfiguration(hiddenSize: 4, steps: 20))
            try Plot.execute(["--metrics", marked.path, "--output", folder.appendingPathComponent("plot").path, "--quiet"])
            try Compare.execute([marked.path, folder.appendingPathComponent("t").path, "--output", folder.appendingPathComponent("c").path, "--quiet"])

            // sweep.json with a mark merges.
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute(["--hidden-size", "4", "--num-layers", "1", "--time-step", "10", "--steps", "3", "--seeds", "0",
                               "--output", sweep.path, "--quiet", "--shard", "1/1"])
            let grid = sweep.appendingPathComponent("sweep.json")
            try (mark + Data(contentsOf: grid)).write(to: grid)
            try Sweep.execute(["--merge", sweep.path, "--quiet"])
            #expect(sweep.appendingPathComponent("report.html").exists)
        }
    }

    @Test("a metrics file whose series hold Python's NaN and Infinity still gives its config")
    func metricsFileWithPythonWords() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("m.json")
            try Data(#"{"config": {"hidden_size": 8, "num_layers": 1, "steps": 3}, "loss": [NaN, Infinity, -Infinity]}"#.utf8)
                .write(to: file)
            let configuration = try Generate.parse(["--config", file.path]).training.configuration()
            #expect(configuration == TrainingConfiguration(hiddenSize: 8, numLayers: 1, steps: 3))
        }
    }

    @Test("the metrics.json that train writes trains again as --config, to the same config")
    func writtenMetricsFile() throws {
        try withTemporaryDirectory { folder in
            let first = folder.appendingPathComponent("first")
            try Train.execute(["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "3", "--cell", "gru",
                               "--output", first.path, "--quiet"])
            let again = folder.appendingPathComponent("again")
            try Train.execute(["--config", first.appendingPathComponent("metrics.json").path, "--output", again.path, "--quiet"])
            let written = try TrainingMetrics(contentsOf: first.appendingPathComponent("metrics.json")).config
            #expect(written == TrainingConfiguration(hiddenSize: 8, numLayers: 1, timeStep: 10, steps: 3, cell: .gru))
            #expect(try TrainingMetrics(contentsOf: again.appendingPathComponent("metrics.json")).config == written)
        }
    }

    @Test("the committed report's metrics.json and every trace fixture read as --config")
    func filesOfTheRepository() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = root.appendingPathComponent("output/metrics.json")
        let recorded = try TrainingMetrics(contentsOf: committed).config
        #expect(try Generate.parse(["--config", committed.path]).training.configuration() == recorded)
        for name in ["small", "seed0", "lstm-small", "gru-small", "series/oscillator", "series/oscillator-rnn", "series/room-lstm"] {
            let trace = try Fixtures.url("\(name).trace.json")
            #expect(throws: Never.self, "\(name)") { try Generate.parse(["--config", trace.path]).training.configuration() }
        }
    }

    @Test("a plain --config file that is strict JSON still trains")
    func strictConfigTrains() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config.json")
            try Data("{\n  \"hidden_size\": 8, \"num_layers\": 1,\n  \"time_step\": 10, \"steps\": 3, \"learning_rate\": 1e-2\n}\n".utf8)
                .write(to: file)
            let output = folder.appendingPathComponent("out")
            try Train.execute(["--config", file.path, "--output", output.path, "--quiet"])
            #expect(try TrainingMetrics(contentsOf: output.appendingPathComponent("metrics.json")).config
                    == TrainingConfiguration(hiddenSize: 8, numLayers: 1, timeStep: 10, steps: 3, learningRate: 0.01))
        }
    }

    // MARK: - sweep.json

    @Test("sweep --merge refuses a sweep.json with a key given twice, or a trailing comma (65), naming the file and the place")
    func looseGrid() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute(["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "3", "--seeds", "0,1",
                               "--output", sweep.path, "--quiet", "--shard", "1/2"])
            let path = sweep.appendingPathComponent("sweep.json")
            let written = try String(contentsOf: path, encoding: .utf8)
            // JSONEncoder's pretty printing: the base's keys, sorted, each on a line of its own at 4 spaces.
            let lines = written.split(separator: "\n", omittingEmptySubsequences: false)
            let base = try #require(lines.firstIndex { $0.hasPrefix("  \"base\" : {") })
            let steps = try #require(lines.firstIndex { $0 == "    \"steps\" : 3," })
            for (text, problem) in [
                (written.replacingOccurrences(of: "  \"base\" : {\n", with: "  \"base\" : {\n    \"steps\" : 4,\n"),
                 "line \(steps + 2), column 5: the key \"steps\" is given twice in base (first at line \(base + 2), column 5)"),
                (written.replacingOccurrences(of: "\n  ]\n}", with: ",\n  ]\n}"),
                 "line \(lines.count - 2), column 3: unexpected ']', expected a value (a comma before ']' is not JSON)"),
            ] {
                try Data(text.utf8).write(to: path)
                let failure = Sweep.failure(["--merge", sweep.path])
                #expect(failure?.message == "\(path.path): not a sweep's grid: \(problem)")
                #expect(failure?.code == 65)
            }
        }
    }

    // MARK: - Metrics files read as metrics

    @Test("plot, generate --metrics and compare refuse a metrics file that gives a key twice (65), naming it and both places")
    func metricsWithKeyTwice() throws {
        try withTemporaryDirectory { folder in
            let run = folder.appendingPathComponent("run")
            try Train.execute(["--hidden-size", "4", "--num-layers", "1", "--time-step", "5", "--steps", "3",
                               "--output", run.path, "--quiet"])
            let written = try String(contentsOf: run.appendingPathComponent("metrics.json"), encoding: .utf8)
            // A second loss before the first: JSONDecoder would keep one of them and say nothing.
            let first = try #require(written.range(of: "\"loss\""))
            let column = written.distance(from: written.startIndex, to: first.lowerBound) + 1
            let added = #""loss": [9, 9, 9], "#
            let file = folder.appendingPathComponent("twice.json")
            try Data(written.replacingCharacters(in: first.lowerBound ..< first.lowerBound, with: added).utf8).write(to: file)
            #expect(!written.prefix(upTo: first.lowerBound).contains("\n"), "the metrics are on one line")
            let problem = "not a metrics file: line 1, column \(column + added.utf8.count): the key \"loss\" is given twice "
                + "(first at line 1, column \(column))"
            let output = folder.appendingPathComponent("out").path
            for (failure, message) in [
                (Plot.failure(["--metrics", file.path, "--output", output]), "--metrics file \(file.path): \(problem)"),
                (Generate.failure(["--metrics", file.path, "--output", output]), "--metrics file \(file.path): \(problem)"),
                (Compare.failure([file.path, run.path, "--output", output]),
                 "cannot compare \(file.path): not the metrics of a run: \(problem)"),
            ] {
                #expect(failure?.message == message)
                #expect(failure?.code == 65)
                #expect(!FileManager.default.fileExists(atPath: output))
            }
        }
    }

    @Test("plot and generate --metrics refuse a metrics file of no step (65): there is nothing to report")
    func metricsOfNoStep() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("empty.json")
            try Data(#"{"config": {"hidden_size": 8}, "loss": []}"#.utf8).write(to: file)
            let output = folder.appendingPathComponent("out").path
            let message = "--metrics file \(file.path): it records no training step (its loss is empty): there is nothing to report"
            for failure in [Plot.failure(["--metrics", file.path, "--output", output]),
                            Generate.failure(["--metrics", file.path, "--output", output])] {
                #expect(failure?.message == message)
                #expect(failure?.code == 65)
            }
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }
}
