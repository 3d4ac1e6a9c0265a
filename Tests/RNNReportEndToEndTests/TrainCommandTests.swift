import ArgumentParser
import Foundation
import RNNCore
import Safetensors
@testable import rnnreport
import Testing
import TestSupport

/// `rnnreport train`, run in process as the command line would run it, and a few times as the
/// built binary.
@Suite("rnnreport train")
struct TrainCommandTests {
    private static let files = ["metrics.json", "model.safetensors"]

    // MARK: - Output

    @Test("writes metrics.json and model.safetensors that read back, the same bytes on every run")
    func writesMetricsAndModel() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("runs/small")
            try Train.execute(smallRun + ["--output", output.path, "--quiet"])
            let first = try FolderSnapshot(output)
            #expect(first.names == Self.files)

            let metrics = try TrainingMetrics(contentsOf: output.appendingPathComponent("metrics.json"))
            let config = TrainingConfiguration(hiddenSize: 8, numLayers: 1, timeStep: 10, steps: 40)
            #expect(metrics.config == config)
            #expect(metrics.loss.count == 40 && metrics.learningRate?.count == 40 && metrics.gradNorm?.count == 40)
            #expect(metrics.real?.count == 40 * 10 && metrics.prediction?.count == 40 * 10)
            #expect(metrics.loss.allSatisfy { $0?.isFinite == true })
            #expect(metrics.initWeights == nil)

            let layout = ParameterLayout(hiddenSize: 8, numLayers: 1)
            let parameters = try layout.parameters(fromSafetensorsAt: output.appendingPathComponent("model.safetensors"))
            #expect(parameters.count == layout.count)
            #expect(parameters.allSatisfy { $0.isFinite })

            // Again into the same folder, and into another: the same bytes, and no temporary file left.
            try Train.execute(smallRun + ["--output", output.path, "--quiet"])
            let second = try FolderSnapshot(output)
            #expect(second.names == Self.files)
            let elsewhere = folder.appendingPathComponent("other")
            try Train.execute(smallRun + ["--output", elsewhere.path, "--quiet"])
            let third = try FolderSnapshot(elsewhere)
            for name in Self.files {
                #expect(try second.contents(name) == first.contents(name), "\(name) changed on a second run")
                #expect(try third.contents(name) == first.contents(name), "\(name) depends on the output folder")
            }
        }
    }

    @Test("--init-weights with PyTorch's initial weights reproduces PyTorch's losses")
    func reproducesPyTorchTrace() throws {
        let trace = try TrainingMetrics(contentsOf: Fixtures.url("small.trace.json"))
        let initial = try Fixtures.url("small.init.safetensors")
        try withTemporaryDirectory { folder in
            // The trace's configuration, given as flags: the seed is that of the trace, and unused.
            try Train.execute(smallRun + [
                "--seed", "\(trace.config.seed)", "--init-weights", initial.path, "--output", folder.path, "--quiet",
            ])
            let metrics = try TrainingMetrics(contentsOf: folder.appendingPathComponent("metrics.json"))
            #expect(metrics.config == trace.config)
            #expect(metrics.initWeights == initial.path)
            try #require(metrics.loss.count == trace.loss.count)
            // Float32 runs of the same maths drift apart by a few ulps per step; over the 40 steps
            // of the small network they stay within 1e-4 relative (as RNNCoreTests' ParityTests).
            var worst = (relative: 0.0, step: 0)
            for (step, (ours, theirs)) in zip(metrics.loss, trace.loss).enumerated() {
                let ours = try #require(ours), theirs = try #require(theirs)
                let relative = abs(Double(ours) - Double(theirs)) / Double(theirs)
                if relative > worst.relative { worst = (relative, step) }
            }
            #expect(worst.relative < 1e-4, "worst relative loss difference \(worst.relative) at step \(worst.step)")
            #expect(metrics.learningRate == trace.learningRate)
        }
    }

    @Test("metrics.json records at learning_rate[k] the rate step k used, not the next step's")
    func recordsRateEachStepUsed() throws {
        try withTemporaryDirectory { folder in
            // Patience 0: each step whose loss does not improve halves the next step's rate.
            try Train.execute(smallRun + ["--lr-patience", "0", "--output", folder.path, "--quiet"])
            let metrics = try TrainingMetrics(contentsOf: folder.appendingPathComponent("metrics.json"))
            let reductions = PlateauSchedule.reductionSteps(try #require(metrics.learningRate))
            try #require(reductions.count >= 5, "the run must reduce its rate for this test to mean anything: \(reductions)")
            let expected = PlateauSchedule.ratesUsed(
                losses: metrics.loss, initialRate: metrics.config.learningRate, factor: metrics.config.lrFactor,
                patience: 0)
            #expect(metrics.learningRate == expected)
            #expect(metrics.learningRate?.prefix(2) == [0.005, 0.005], "steps 0 and 1 use the initial rate")
        }
    }

    // MARK: - --config

    @Test("--config sets the hyperparameters, and flags override it")
    func configFile() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config.json")
            try Data(#"{"hidden_size": 8, "num_layers": 1, "time_step": 10, "steps": 40, "learning_rate": 0.01, "lr_patience": 3, "seed": 5}"#.utf8)
                .write(to: file)
            let output = folder.appendingPathComponent("out")
            try Train.execute(["--config", file.path, "--steps", "12", "--seed", "7", "--output", output.path, "--quiet"])
            let metrics = try TrainingMetrics(contentsOf: output.appendingPathComponent("metrics.json"))
            #expect(metrics.config == TrainingConfiguration(
                hiddenSize: 8, numLayers: 1, timeStep: 10, steps: 12, learningRate: 0.01, lrPatience: 3, seed: 7))
            #expect(metrics.loss.count == 12 && metrics.real?.count == 120)
            #expect(metrics.learningRate?.first == 0.01)
            let layout = ParameterLayout(hiddenSize: 8, numLayers: 1)
            #expect(try layout.parameters(fromSafetensorsAt: output.appendingPathComponent("model.safetensors")).count == layout.count)
        }
    }

    /// A `--config` file that cannot be used, and the words its message must hold.
    struct BadConfig: Sendable, CustomTestStringConvertible {
        var json: String
        var words: [String]
        var testDescription: String { json }
    }

    @Test("a bad --config file is refused with a message naming the key", arguments: [
        BadConfig(json: #"{"hidden_size": 8, "hiden_size": 8}"#, words: ["unknown key", "hiden_size"]),
        BadConfig(json: #"{"hidden_size": "8"}"#, words: ["hidden_size"]),
        BadConfig(json: #"{"hidden_size": 32.5}"#, words: ["hidden_size", "32.5", "whole number"]),
        BadConfig(json: #"{"seed": -1}"#, words: ["seed", "whole number"]),
        BadConfig(json: #"{"learning_rate": "fast"}"#, words: ["learning_rate"]),
        BadConfig(json: #"{"steps": 0}"#, words: ["steps", "0"]),
        BadConfig(json: #"{"steps": 40"#, words: ["--config"]),
    ])
    func badConfig(_ bad: BadConfig) throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config.json")
            try Data(bad.json.utf8).write(to: file)
            Train.expectRefusal(["--config", file.path], in: folder, mentioning: bad.words, bad.json)
        }
    }

    @Test("a setting written as null in a --config file, or in the config of a metrics file given as --config, is refused (65) naming the key, before any work")
    func nullInConfig() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("c.json")
            try Data(#"{"steps": 5, "hidden_size": null}"#.utf8).write(to: file)
            let settings = Train.expectRefusal(["--config", file.path], in: folder, mentioning: [])
            #expect(settings?.message == "--config file \(file.path): \"hidden_size\" is null; give a number or leave the key out",
                    "\(String(describing: settings))")
            #expect(settings?.code == 65)
            // The flag does not make the null acceptable: the file is wrong whatever overrides it.
            let flagged = Generate.expectRefusal(["--config", file.path, "--hidden-size", "8"], in: folder, mentioning: [])
            #expect(flagged?.code == 65 && flagged?.message.contains(#""hidden_size" is null"#) == true, "\(String(describing: flagged))")

            let metrics = folder.appendingPathComponent("m.json")
            try Data(#"{"config": {"steps": 5, "cell": null}, "loss": [0.5]}"#.utf8).write(to: metrics)
            let embedded = Train.expectRefusal(["--config", metrics.path], in: folder, mentioning: [])
            #expect(embedded?.message == "--config file \(metrics.path) (a metrics file: its config): \"cell\" is null; "
                + "give a cell's name (rnn, lstm, gru) or leave the key out", "\(String(describing: embedded))")
            #expect(embedded?.code == 65)
        }
    }

    @Test("a whole number beyond its type's range is named with the digits written and the setting's range, not a rounded double", arguments: [
        (#"{"seed": 99999999999999999999999}"#, "seed: expected a whole number from 0 to 18446744073709551615, found 99999999999999999999999"),
        (#"{"seed": -1}"#, "seed: expected a whole number from 0 to 18446744073709551615, found -1"),
        // A setting with bounds of its own names them, not its type's.
        (#"{"steps": 1e30}"#, "steps: expected a positive integer with steps × time_step at most 50000000, found 1e30"),
        (#"{"hidden_size": 1e30}"#, "hidden_size: expected an integer from 1 to 4096, found 1e30"),
        (#"{"num_layers": -99999999999999999999}"#, "num_layers: expected an integer from 1 to 64, found -99999999999999999999"),
        (#"{"time_step": 1e19}"#, "time_step: expected an integer from 2 to 1000000, found 10000000000000000000"),
        (#"{"lr_patience": 1e19}"#, "lr_patience: expected a whole number of at most 9223372036854775807, found 10000000000000000000"),
        (#"{"lr_patience": -1e19}"#, "lr_patience: expected a whole number of at least -9223372036854775808, found -10000000000000000000"),
        (#"{"hidden_size": 32.5}"#, "hidden_size: expected a whole number, found 32.5"),
        (#"{"seed": 0.5}"#, "seed: expected a whole number of 0 or more, found 0.5"),
    ])
    func wholeNumberOutOfRange(json: String, problem: String) throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config.json")
            try Data(json.utf8).write(to: file)
            let failure = Train.expectRefusal(["--config", file.path], in: folder, mentioning: [], json)
            #expect(failure?.message == "--config file \(file.path): \(problem)")
            #expect(failure?.code == 65)
        }
    }

    @Test("an out-of-range value is named as it was given: the JSON key from a file, the flag from the command line")
    func valueNamedInItsOwnSpelling() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config.json")
            try Data(#"{"hidden_size": 0, "steps": 5}"#.utf8).write(to: file)
            let fromFile = Train.expectRefusal(
                ["--config", file.path], in: folder, mentioning: ["--config file", "invalid hidden_size 0"])
            #expect(fromFile?.message.contains("--hidden-size") == false)
            // The same value from a flag, over a file that is fine.
            try Data(#"{"steps": 5}"#.utf8).write(to: file)
            let fromFlag = Train.expectRefusal(
                ["--config", file.path, "--hidden-size", "0"], in: folder, mentioning: ["invalid --hidden-size 0"])
            #expect(fromFlag?.message.contains("hidden_size") == false)
        }
    }

    @Test("a --config file that cannot be read is a clear error")
    func missingConfig() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("no-such-config.json")
            Train.expectRefusal(["--config", file.path], in: folder, mentioning: ["cannot read --config file", file.path])
        }
    }

    // MARK: - Threads

    @Test("--threads 1, 2 and 0 write the same bytes for every cell, and the thread count is not recorded", arguments: ["rnn", "lstm", "gru"])
    func threadsGiveTheSameFiles(cell: String) throws {
        // Wide enough that the products and Adam's update are split among the threads.
        let wide = ["--cell", cell, "--hidden-size", "270", "--num-layers", "2", "--time-step", "12", "--steps", "5", "--quiet"]
        try withTemporaryDirectory { folder in
            var snapshots: [FolderSnapshot] = []
            for threads in ["1", "2", "0"] {
                let output = folder.appendingPathComponent("threads-\(threads)")
                try Train.execute(wide + ["--threads", threads, "--output", output.path])
                snapshots.append(try FolderSnapshot(output))
            }
            for (threads, snapshot) in zip(["2", "0"], snapshots.dropFirst()) {
                for name in Self.files {
                    // Compared outside #expect, which would diff the bytes one by one on a failure.
                    let same = try snapshot.contents(name) == snapshots[0].contents(name)
                    #expect(same, "\(cell): \(name) differs with --threads \(threads)")
                }
            }
            let metrics = try String(decoding: snapshots[0].contents("metrics.json"), as: UTF8.self)
            #expect(!metrics.contains("thread"), "metrics.json records the thread count")
        }
    }

    @Test("the binary writes the same bytes with --threads 2 and with every --kernels instruction set as with --threads 1")
    func binaryThreadsAndKernels() throws {
        let wide = ["train", "--hidden-size", "270", "--num-layers", "2", "--time-step", "12", "--steps", "5", "--quiet"]
        // Through the binary, so that choosing an instruction set does not change it for the tests
        // running beside this one in this process.
        let variants = [["--threads", "2"]] + InstructionSet.allCases.filter(\.isSupported).map { ["--kernels", $0.rawValue] }
        try withTemporaryDirectory { folder in
            let one = folder.appendingPathComponent("one")
            let result = try RNNReportBinary.run(wide + ["--threads", "1", "--output", one.path])
            #expect(result.status == 0, "--threads 1: \(result.standardError)")
            for (index, variant) in variants.enumerated() {
                let output = folder.appendingPathComponent("variant-\(index)")
                let result = try RNNReportBinary.run(wide + variant + ["--output", output.path])
                #expect(result.status == 0, "\(variant): \(result.standardError)")
                for name in Self.files {
                    let same = try Data(contentsOf: output.appendingPathComponent(name)) == Data(contentsOf: one.appendingPathComponent(name))
                    #expect(same, "\(name) differs between --threads 1 and \(variant.joined(separator: " "))")
                }
            }
        }
    }

    @Test("the processors of a CPU affinity list are counted from /proc/self/status's line; a line that does not read counts none")
    func affinityList() {
        let status = { (list: String) in "Name:\trnnreport\nCpus_allowed:\tff\nCpus_allowed_list:\t\(list)\nMems_allowed_list:\t0\n" }
        #expect(AvailableCores.allowedProcessors(inStatus: status("0-3,8")) == 5)
        #expect(AvailableCores.allowedProcessors(inStatus: status("0")) == 1)
        #expect(AvailableCores.allowedProcessors(inStatus: status("2-2,4-5,7")) == 4)
        for unreadable in ["", "x", "3-1", "0-", "1-2-3"] {
            #expect(AvailableCores.allowedProcessors(inStatus: status(unreadable)) == nil, "\(unreadable)")
        }
        #expect(AvailableCores.allowedProcessors(inStatus: "Name:\trnnreport\n") == nil)
        #expect(AvailableCores.count >= 1)
    }

    @Test("--threads above the cores of the process's CPU affinity trains with a warning, even with --quiet; 0 and fewer do not warn")
    func threadsAboveTheAffinity() throws {
        let binary = try RNNReportBinary.url()
        let run = ["train", "--hidden-size", "8", "--num-layers", "1", "--time-step", "5", "--steps", "2", "--quiet"]
        try withTemporaryDirectory { folder in
            // Held to one processor, as `taskset` or a Slurm allocation on a larger node holds it.
            for (threads, warns) in [("2", true), ("1", false), ("0", false)] {
                let output = folder.appendingPathComponent("t\(threads)")
                let result = try runProcess(
                    URL(fileURLWithPath: "/usr/bin/taskset"),
                    ["-c", "0", binary.path] + run + ["--threads", threads, "--output", output.path])
                #expect(result.status == 0, "--threads \(threads): \(result.standardError)")
                let warning = "warning: --threads 2 is more than the 1 core this process may use: the threads take turns and each step is slower"
                #expect(result.standardError.hasPrefix(warning) == warns, "--threads \(threads): \(result.standardError)")
                #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("model.safetensors").path))
            }
        }
    }

    // MARK: - Bad values

    /// A value out of range and the words its message must hold.
    struct BadValue: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var words: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test("a value out of range is refused before anything is written", arguments: [
        BadValue(arguments: ["--hidden-size", "0"], words: ["hidden-size", "0"]),
        BadValue(arguments: ["--num-layers", "0"], words: ["num-layers", "0"]),
        BadValue(arguments: ["--time-step", "1"], words: ["time-step", "1"]),
        BadValue(arguments: ["--steps", "0"], words: ["steps", "0"]),
        BadValue(arguments: ["--learning-rate=-1"], words: ["learning-rate", "-1"]),
        BadValue(arguments: ["--learning-rate", "nan"], words: ["learning-rate", "nan"]),
        BadValue(arguments: ["--learning-rate", "inf"], words: ["learning-rate", "inf"]),
        BadValue(arguments: ["--lr-factor", "1"], words: ["lr-factor", "1"]),
        BadValue(arguments: ["--clip-norm", "0"], words: ["clip-norm", "0"]),
        BadValue(arguments: ["--lr-patience=-1"], words: ["lr-patience", "-1"]),
        BadValue(arguments: ["--hidden-size", "many"], words: ["hidden-size", "many"]),
        BadValue(arguments: ["--threads=-1"], words: ["--threads", "-1", "0 (every core)"]),
        BadValue(arguments: ["--threads", "1025"], words: ["--threads", "1025", "1024"]),
        BadValue(arguments: ["--threads", "two"], words: ["threads", "two"]),
        BadValue(arguments: ["--kernels", "avx9"], words: ["kernels", "avx9", "sse2"]),
    ])
    func badValue(_ bad: BadValue) throws {
        try withTemporaryDirectory { folder in
            Train.expectRefusal(smallRun + bad.arguments, in: folder, mentioning: bad.words, bad.testDescription)
        }
    }

    @Test("an output path that is a file is refused, and the file left as it was")
    func outputIsFile() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("taken")
            let contents = Data("not a folder\n".utf8)
            try contents.write(to: file)
            expectFailure(Train.failure(smallRun + ["--output", file.path]), mentioning: [file.path, "is a file, not a directory"])
            #expect(try Data(contentsOf: file) == contents)
            #expect(try FolderSnapshot(folder).names == ["taken"])
        }
    }

    @Test("--init-weights naming a missing file is a clear error")
    func initWeightsMissing() throws {
        try withTemporaryDirectory { folder in
            let missing = folder.appendingPathComponent("nowhere.safetensors")
            Train.expectRefusal(smallRun + ["--init-weights", missing.path], in: folder,
                                mentioning: ["--init-weights", missing.path, "cannot read"])
        }
    }

    @Test("--init-weights of another shape names a tensor, the shape found and the shape expected")
    func initWeightsWrongShape() throws {
        let small = try Fixtures.url("small.init.safetensors")
        // What the file holds and what the default network expects, tensor by tensor.
        let found = try SafetensorsFile(contentsOf: small)
        let expected = ParameterLayout(hiddenSize: TrainingConfiguration().hiddenSize, numLayers: TrainingConfiguration().numLayers)
        let mismatch = try #require(expected.tensors.first { tensor in
            found.tensor(named: tensor.name).map { $0.shape != tensor.shape } ?? false
        })
        let foundShape = try #require(found.tensor(named: mismatch.name)).shape
        func text(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

        try withTemporaryDirectory { folder in
            Train.expectRefusal(["--init-weights", small.path], in: folder,
                                mentioning: ["--init-weights", small.path, mismatch.name, text(foundShape), text(mismatch.shape)])
        }
    }

    @Test("--init-weights with a weight that is NaN or infinite, or an F64 one beyond Float's range, is refused (65) before training")
    func initWeightsNotFinite() throws {
        try withTemporaryDirectory { folder in
            let run = try trainSmallRun(in: folder)
            let trained = try SafetensorsFile(contentsOf: run.appendingPathComponent("model.safetensors"))
            for (name, index, value, word) in [("out.bias", 0, Float.nan, "NaN"), ("rnn.weight_hh_l0", 9, .infinity, "inf"),
                                                ("out.weight", 3, -.infinity, "-inf")] {
                let tensors = trained.tensors.map { tensor in
                    guard tensor.name == name else { return tensor }
                    var changed = tensor
                    changed.values[index] = value
                    return changed
                }
                let file = folder.appendingPathComponent("\(word).safetensors")
                try SafetensorsFile(tensors: tensors).serialized().write(to: file)
                let failure = Train.expectRefusal(smallRun + ["--init-weights", file.path], in: folder, mentioning: [
                    "--init-weights \(file.path): tensor \(name) holds \(word) at index \(index); a checkpoint's weights must be finite"])
                #expect(failure?.code == 65)
            }

            // The same weights as F64, one of them 1e300: finite, but infinite as a Float.
            var header = "{", offset = 0
            for tensor in trained.tensors {
                header += (offset == 0 ? "" : ",")
                    + #""\#(tensor.name)":{"dtype":"F64","shape":\#(tensor.shape),"data_offsets":[\#(offset),\#(offset + tensor.values.count * 8)]}"#
                offset += tensor.values.count * 8
            }
            header += "}"
            var bytes = Data()
            withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
            bytes.append(Data(header.utf8))
            for tensor in trained.tensors {
                for (index, value) in tensor.values.enumerated() {
                    let wide = tensor.name == "rnn.bias_ih_l0" && index == 2 ? 1e300 : Double(value)
                    withUnsafeBytes(of: wide.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
                }
            }
            let f64 = folder.appendingPathComponent("f64.safetensors")
            try bytes.write(to: f64)
            let failure = Train.expectRefusal(smallRun + ["--init-weights", f64.path], in: folder, mentioning: [
                "--init-weights \(f64.path): tensor \"rnn.bias_ih_l0\" holds 1e+300 at index 2 (F64), beyond the range of the 32-bit floats"])
            #expect(failure?.code == 65)

            // The binary: 65 and the message, before any training (no progress, no folder).
            let nan = folder.appendingPathComponent("NaN.safetensors"), again = folder.appendingPathComponent("again")
            let binary = try RNNReportBinary.run(["train"] + smallRun + ["--init-weights", nan.path, "--output", again.path])
            #expect(binary.status == 65, "\(binary)")
            #expect(binary.standardError.contains("tensor out.bias holds NaN at index 0; a checkpoint's weights must be finite"), "\(binary)")
            #expect(!binary.standardError.contains("diverged") && !again.exists, "\(binary)")
        }
    }

    // MARK: - The built binary

    @Test("the binary exits 0 after training and prints where it wrote")
    func binarySucceeds() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("out")
            let result = try RNNReportBinary.run(["train"] + smallRun + ["--output", output.path])
            #expect(result.status == 0, "\(result)")
            #expect(result.standardOutput.contains("trained 40 steps"), "\(result)")
            #expect(result.standardOutput.contains(output.appendingPathComponent("metrics.json").path), "\(result)")
            #expect(try FolderSnapshot(output).names == Self.files)
            // One step is one step.
            let one = try RNNReportBinary.run(["train", "--steps", "1", "--hidden-size", "4", "--output", output.path])
            #expect(one.status == 0 && one.standardOutput.hasPrefix("trained 1 step in "), "\(one)")
        }
    }

    @Test("train into a report's folder removes the page and figures, which described another run, and says so; the user's files stay")
    func removesEarlierReport() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("out")
            try Generate.execute(["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "3", "--output", output.path, "--quiet"])
            #expect(try FolderSnapshot(output).names.contains("report.html"))
            try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
            let result = try RNNReportBinary.run(["train"] + smallRun + ["--output", output.path])
            #expect(result.status == 0, "\(result)")
            #expect(try FolderSnapshot(output).names == (Self.files + ["notes.txt"]).sorted())
            #expect(try TrainingMetrics(contentsOf: output.appendingPathComponent("metrics.json")).loss.count == 40)
            #expect(result.standardError.hasPrefix("removed the earlier report beside it (loss.dark.svg, loss.png and "), "\(result)")
            #expect(result.standardError.hasSuffix("which described another run; generate --metrics with its metrics.json makes this run's\n"))
            // A folder of train's own files alone: nothing to remove, nothing said.
            let again = try RNNReportBinary.run(["train"] + smallRun + ["--output", output.path])
            #expect(again.status == 0 && again.standardError.isEmpty, "\(again)")

            // The baseline's figures are the earlier report's too.
            let base = folder.appendingPathComponent("base"), report = folder.appendingPathComponent("report")
            try Train.execute(smallRun + ["--output", base.path, "--quiet"])
            try Generate.execute(smallRun + ["--baseline", base.path, "--output", report.path, "--quiet"])
            #expect(try FolderSnapshot(report).names.contains("baseline-tail-2.png"))
            try Train.execute(smallRun + ["--output", report.path, "--quiet"])
            #expect(try FolderSnapshot(report).names == Self.files)

            // A comparison's report is not a run's: train refuses its folder (64), which stays as it was.
            let comparison = folder.appendingPathComponent("comparison")
            try Compare.execute([base.path, report.path, "--output", comparison.path, "--quiet"])
            let before = try FolderSnapshot(comparison).names
            let into = try RNNReportBinary.run(["train"] + smallRun + ["--output", comparison.path])
            #expect(into.status == 64 && into.standardError.contains("holds a comparison"), "\(into)")
            #expect(try FolderSnapshot(comparison).names == before)
        }
    }

    @Test("an empty --output is refused, or the message names the files where they were written")
    func emptyOutputPath() throws {
        try withTemporaryDirectory { folder in
            let result = try RNNReportBinary.run(["train"] + smallRun + ["--output", ""], workingDirectory: folder)
            guard result.status == 0 else {
                #expect(result.standardError.contains("--output"), "\(result)")
                return
            }
            // It wrote into the current directory; the message must not name the root directory.
            #expect(try FolderSnapshot(folder).names == Self.files)
            for name in Self.files {
                #expect(!result.standardOutput.contains(" /\(name)"), "the message names /\(name): \(result.standardOutput)")
            }
        }
    }

    @Test("the binary exits non-zero with 'Error:' and the reason on standard error, and writes nothing")
    func binaryFails() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("out")
            let result = try RNNReportBinary.run(["train", "--hidden-size", "0", "--output", output.path])
            #expect(result.status != 0, "\(result)")
            #expect(result.standardError.hasPrefix("Error: "), "\(result)")
            #expect(result.standardError.contains("hidden-size 0"), "\(result)")
            #expect(result.standardOutput.isEmpty, "\(result)")
            #expect(!output.exists)

            // A malformed option is a usage error: exit 64 (EX_USAGE), with the usage line.
            let usage = try RNNReportBinary.run(["train", "--hidden-size", "8", "--bogus", "--output", output.path])
            #expect(usage.status == ExitCode.validationFailure.rawValue, "\(usage)")
            #expect(usage.standardError.contains("--bogus"), "\(usage)")
            #expect(!output.exists)
        }
    }
}
