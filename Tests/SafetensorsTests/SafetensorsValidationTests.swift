import Foundation
import Testing
@testable import Safetensors
import TestSupport

/// Checking a file against the tensors a model expects.
@Suite("Safetensors validation against a model")
struct SafetensorsValidationTests {
    /// The names and shapes of PyTorch's `state_dict` for `nn.RNN(1, hidden, layers)` + `nn.Linear(hidden, 1)`.
    static func expectedTensors(hiddenSize h: Int, numLayers: Int) -> [(name: String, shape: [Int])] {
        (0..<numLayers).flatMap { l in
            [
                ("rnn.weight_ih_l\(l)", [h, l == 0 ? 1 : h]),
                ("rnn.weight_hh_l\(l)", [h, h]),
                ("rnn.bias_ih_l\(l)", [h]),
                ("rnn.bias_hh_l\(l)", [h]),
            ]
        } + [("out.weight", [1, h]), ("out.bias", [1])]
    }

    @Test("accepts the PyTorch checkpoints of their own models", arguments: [
        ("seed0.init.safetensors", 32, 3), ("seed0.final.safetensors", 32, 3),
        ("small.init.safetensors", 8, 1), ("small.final.safetensors", 8, 1),
    ])
    func acceptsMatchingFile(fixture: String, hiddenSize: Int, numLayers: Int) throws {
        let file = try SafetensorsFile(data: Fixtures.data(fixture))
        try file.validate(against: Self.expectedTensors(hiddenSize: hiddenSize, numLayers: numLayers))
    }

    @Test("names the tensor, the shape in the file and the shape expected")
    func reportsWrongShape() throws {
        var expected = Self.expectedTensors(hiddenSize: 32, numLayers: 3)
        let index = try #require(expected.firstIndex { $0.name == "rnn.weight_hh_l0" })
        expected[index].shape = [16, 16]
        let file = try SafetensorsFile(data: Fixtures.data("seed0.init.safetensors"))

        let error = #expect(throws: SafetensorsError.shapesDoNotMatch([
            .wrongShape(name: "rnn.weight_hh_l0", found: [32, 32], expected: [16, 16]),
        ])) {
            try file.validate(against: expected)
        }
        #expect(error?.description == "file does not match the model: rnn.weight_hh_l0: shape [32, 32] in file, expected [16, 16]")
    }

    @Test("reports every missing, unexpected and misshapen tensor, in order")
    func reportsAllProblems() throws {
        let file = try SafetensorsFile(tensors: [
            SafetensorsTensor(name: "out.bias", shape: [1], values: [0]),
            SafetensorsTensor(name: "out.weight", shape: [1, 16], values: Array(repeating: 0, count: 16)),
            SafetensorsTensor(name: "extra.b", shape: [], values: [0]),
            SafetensorsTensor(name: "extra.a", shape: [2], values: [0, 0]),
        ])
        let expected: [(name: String, shape: [Int])] = [
            ("rnn.weight_ih_l0", [32, 1]), ("out.weight", [1, 32]), ("out.bias", [1]),
        ]

        let error = #expect(throws: SafetensorsError.shapesDoNotMatch([
            .missing(name: "rnn.weight_ih_l0", expected: [32, 1]),
            .wrongShape(name: "out.weight", found: [1, 16], expected: [1, 32]),
            .unexpected(name: "extra.a", found: [2]),
            .unexpected(name: "extra.b", found: []),
        ])) {
            try file.validate(against: expected)
        }
        #expect(error?.description == """
            file does not match the model (4 problems):
              rnn.weight_ih_l0: missing from file, expected shape [32, 1]
              out.weight: shape [1, 16] in file, expected [1, 32]
              extra.a: shape [2] in file, not expected
              extra.b: shape [] in file, not expected
            """)
    }

    @Test("rejects a checkpoint of another model size")
    func rejectsOtherModel() throws {
        let file = try SafetensorsFile(data: Fixtures.data("small.init.safetensors"))
        let error = #expect(throws: SafetensorsError.self) {
            try file.validate(against: Self.expectedTensors(hiddenSize: 32, numLayers: 3))
        }
        guard case .shapesDoNotMatch(let problems) = error else {
            Issue.record("expected .shapesDoNotMatch, got \(String(describing: error))")
            return
        }
        // The 4 tensors of layer 0 and out.weight have the wrong shape (hidden size 8, not 32), the 8 of
        // layers 1 and 2 are missing, and out.bias ([1] in both) is right.
        #expect(problems.count == 13)
        #expect(problems.first == .wrongShape(name: "rnn.weight_ih_l0", found: [8, 1], expected: [32, 1]))
        #expect(problems.contains(.missing(name: "rnn.bias_hh_l2", expected: [32])))
    }

    @Test("accepts an empty file against an empty model")
    func acceptsEmpty() throws {
        try SafetensorsFile(tensors: []).validate(against: [])
    }
}
