import ArgumentParser
import Foundation
import RNNCore
import Safetensors
@testable import rnnreport
import Testing
import TestSupport

/// `--cell lstm|gru` on the command line: recorded in metrics.json, a checkpoint with PyTorch's
/// state_dict, PyTorch's checkpoints of each cell accepted, another network's refused by name.
@Suite("rnnreport --cell")
struct CellCommandTests {
    private static let lstmRun = ["--cell", "lstm", "--hidden-size", "8", "--num-layers", "2", "--time-step", "10", "--steps", "40"]

    /// The tensors of a safetensors file as its header lists them: name → (dtype, shape).
    static func header(of url: URL) throws -> [String: (dtype: String, shape: [Int])] {
        let data = try Data(contentsOf: url)
        try #require(data.count >= 8)
        let length = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let object = try #require(try JSONSerialization.jsonObject(with: data.subdata(in: 8 ..< 8 + length)) as? [String: Any])
        var tensors: [String: (dtype: String, shape: [Int])] = [:]
        for (name, value) in object where name != "__metadata__" {
            let entry = try #require(value as? [String: Any])
            tensors[name] = (try #require(entry["dtype"] as? String), try #require(entry["shape"] as? [Int]))
        }
        return tensors
    }

    @Test("a --cell lstm model.safetensors has exactly the names, shapes and dtype of PyTorch's state_dict")
    func lstmCheckpointIsPyTorchs() throws {
        struct Entry: Decodable { let name: String, shape: [Int], dtype: String }
        let expected = try JSONDecoder().decode([Entry].self, from: Fixtures.data("cells/lstm-statedict.json"))
        try withTemporaryDirectory { folder in
            // The default network (hidden 32, 3 layers), as the fixture's nn.LSTM(1, 32, 3).
            try Train.execute(["--cell", "lstm", "--steps", "2", "--output", folder.path, "--quiet"])
            let tensors = try Self.header(of: folder.appendingPathComponent("model.safetensors"))
            #expect(Set(tensors.keys) == Set(expected.map(\.name)))
            for entry in expected {
                let tensor = try #require(tensors[entry.name], "\(entry.name) is missing")
                #expect(tensor.shape == entry.shape, "\(entry.name)")
                #expect(entry.dtype == "float32" && tensor.dtype == "F32", "\(entry.name): \(tensor.dtype)")
            }
            let metrics = try TrainingMetrics(contentsOf: folder.appendingPathComponent("metrics.json"))
            #expect(metrics.config.cell == .lstm)
        }
    }

    @Test("metrics.json records the cell, an RNN's too", arguments: [("rnn", RecurrentCell.rnn), ("lstm", .lstm), ("gru", .gru)])
    func cellRecorded(name: String, cell: RecurrentCell) throws {
        try withTemporaryDirectory { folder in
            try Train.execute(["--cell", name, "--hidden-size", "4", "--num-layers", "1", "--time-step", "5", "--steps", "3",
                               "--output", folder.path, "--quiet"])
            let data = try Data(contentsOf: folder.appendingPathComponent("metrics.json"))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let config = try #require(object["config"] as? [String: Any])
            #expect(config["cell"] as? String == name)
            let metrics = try TrainingMetrics(contentsOf: folder.appendingPathComponent("metrics.json"))
            #expect(metrics.config.cell == cell)
            let layout = ParameterLayout(hiddenSize: 4, numLayers: 1, cell: cell)
            #expect(try layout.parameters(fromSafetensorsAt: folder.appendingPathComponent("model.safetensors")).count == layout.count)
        }
    }

    @Test("--cell in a --config file, and the flag over it")
    func cellInConfigFile() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config.json")
            try Data(#"{"cell": "gru", "hidden_size": 4, "num_layers": 1, "time_step": 5, "steps": 2}"#.utf8).write(to: file)
            try Train.execute(["--config", file.path, "--output", folder.appendingPathComponent("a").path, "--quiet"])
            #expect(try TrainingMetrics(contentsOf: folder.appendingPathComponent("a/metrics.json")).config.cell == .gru)
            try Train.execute(["--config", file.path, "--cell", "lstm", "--output", folder.appendingPathComponent("b").path, "--quiet"])
            #expect(try TrainingMetrics(contentsOf: folder.appendingPathComponent("b/metrics.json")).config.cell == .lstm)

            try Data(#"{"cell": "transformer"}"#.utf8).write(to: file)
            let failure = Train.expectRefusal(["--config", file.path], in: folder, mentioning: ["cell", "transformer", "rnn, lstm, gru"])
            #expect(failure?.code == 65, "a bad value in a file is bad data: \(failure.map { "\($0)" } ?? "")")
        }
    }

    @Test("a bad --cell is a usage error naming the choices, before any work")
    func badCellFlag() throws {
        try withTemporaryDirectory { folder in
            let failure = Train.expectRefusal(["--cell", "LSTM"], in: folder, mentioning: ["--cell", "LSTM", "rnn", "lstm", "gru"])
            #expect(failure?.code == ExitCode.validationFailure.rawValue, "\(failure.map { "\($0)" } ?? "")")
        }
    }

    @Test("--init-weights with PyTorch's initial LSTM and GRU weights reproduces PyTorch's losses", arguments: ["lstm-small", "gru-small"])
    func reproducesPyTorchTrace(name: String) throws {
        let trace = try TrainingMetrics(contentsOf: Fixtures.url("\(name).trace.json"))
        let initial = try Fixtures.url("\(name).init.safetensors")
        try withTemporaryDirectory { folder in
            try Train.execute([
                "--cell", trace.config.cell.rawValue, "--hidden-size", "8", "--num-layers", "2", "--time-step", "10",
                "--steps", "40", "--seed", "\(trace.config.seed)", "--init-weights", initial.path,
                "--output", folder.path, "--quiet",
            ])
            let metrics = try TrainingMetrics(contentsOf: folder.appendingPathComponent("metrics.json"))
            #expect(metrics.config == trace.config)
            try #require(metrics.loss.count == trace.loss.count)
            // As RNNCoreTests' ParityTests (measured 2.2e-6 at worst over these 40 steps).
            let worst = try zip(metrics.loss, trace.loss).map { ours, theirs in
                let (ours, theirs) = (try #require(ours), try #require(theirs))
                return abs(Double(ours) - Double(theirs)) / Double(theirs)
            }.max() ?? .infinity
            #expect(worst < 1e-4, "worst relative loss difference \(worst)")
        }
    }

    @Test("--init-weights of another cell names what the file holds and what --cell needs", arguments: [
        ("gru-small", "lstm", "rnn.weight_ih_l0 is [24, 1]: a GRU's 3·8 rows, but --cell lstm needs [32, 1]"),
        ("lstm-small", "gru", "rnn.weight_ih_l0 is [32, 1]: an LSTM's 4·8 rows, but --cell gru needs [24, 1]"),
        ("lstm-small", "rnn", "rnn.weight_ih_l0 is [32, 1]: an LSTM's 4·8 rows, but --cell rnn needs [8, 1]"),
        ("small", "gru", "rnn.weight_ih_l0 is [8, 1]: an RNN's 8 rows, but --cell gru needs [24, 1]"),
    ])
    func initWeightsOtherCell(file: String, cell: String, message: String) throws {
        let url = try Fixtures.url("\(file).init.safetensors")
        try withTemporaryDirectory { folder in
            // The file's own width, so that only the cell differs.
            let failure = Train.expectRefusal(
                ["--cell", cell, "--hidden-size", "8", "--num-layers", file == "small" ? "1" : "2", "--init-weights", url.path],
                in: folder, mentioning: ["--init-weights", url.path, message])
            #expect(failure?.code == 65, "\(failure.map { "\($0)" } ?? "")")
        }
    }

    @Test("--init-weights of another width, or another number of layers, says so")
    func initWeightsOtherWidthOrDepth() throws {
        let url = try Fixtures.url("lstm-small.init.safetensors")
        try withTemporaryDirectory { folder in
            Train.expectRefusal(["--cell", "lstm", "--hidden-size", "16", "--num-layers", "2", "--init-weights", url.path],
                                in: folder, mentioning: ["rnn.weight_ih_l0 is [32, 1]: an LSTM's 4·8 rows, but --hidden-size 16 needs [64, 1]"])
            Train.expectRefusal(["--cell", "gru", "--hidden-size", "16", "--init-weights", url.path],
                                in: folder, mentioning: ["an LSTM's 4·8 rows, but --cell gru with --hidden-size 16 needs [48, 1]"])
            Train.expectRefusal(["--cell", "lstm", "--hidden-size", "8", "--num-layers", "3", "--init-weights", url.path],
                                in: folder, mentioning: ["the file holds 2 recurrent layers", "--num-layers 3"])
        }
    }
}
