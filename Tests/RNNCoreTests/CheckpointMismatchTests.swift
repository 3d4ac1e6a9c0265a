import Foundation
import Safetensors
import Testing
import TestSupport
@testable import RNNCore

/// What ``ParameterLayout/checkpointMismatch(in:)`` makes of another network's checkpoint.
@Suite struct CheckpointMismatchTests {
    /// A checkpoint of a network of this layout, every value zero.
    static func checkpoint(_ layout: ParameterLayout) throws -> SafetensorsFile {
        try SafetensorsFile(data: layout.safetensors([Float](repeating: 0, count: layout.count)))
    }

    @Test("a checkpoint of the same network has no mismatch, whatever the cell", arguments: RecurrentCell.allCases)
    func sameNetwork(cell: RecurrentCell) throws {
        let layout = ParameterLayout(hiddenSize: 6, numLayers: 2, inputSize: 3, cell: cell)
        #expect(layout.checkpointMismatch(in: try Self.checkpoint(layout)) == nil)
        #expect(try layout.parameters(from: Self.checkpoint(layout)).count == layout.count)
    }

    @Test("another cell, width, input size or depth is named, in the setting's JSON key or its option")
    func mismatches() throws {
        let lstm = ParameterLayout(hiddenSize: 8, numLayers: 2, cell: .lstm)
        let gru = try Self.checkpoint(ParameterLayout(hiddenSize: 8, numLayers: 2, cell: .gru))
        let cell = try #require(lstm.checkpointMismatch(in: gru))
        #expect(cell.description == "rnn.weight_ih_l0 is [24, 1]: a GRU's 3·8 rows, but cell lstm needs [32, 1]")
        #expect(cell.message(naming: { "--" + $0.key.replacingOccurrences(of: "_", with: "-") })
            == "rnn.weight_ih_l0 is [24, 1]: a GRU's 3·8 rows, but --cell lstm needs [32, 1]")

        let wide = try Self.checkpoint(ParameterLayout(hiddenSize: 5, numLayers: 2, cell: .lstm))
        #expect(lstm.checkpointMismatch(in: wide)?.description
            == "rnn.weight_ih_l0 is [20, 1]: an LSTM's 4·5 rows, but hidden_size 8 needs [32, 1]")

        let threeInputs = try Self.checkpoint(ParameterLayout(hiddenSize: 8, numLayers: 2, inputSize: 3, cell: .lstm))
        #expect(lstm.checkpointMismatch(in: threeInputs)?.description
            == "rnn.weight_ih_l0 is [32, 3]: a network reading 3 input values per step, but this run's input has 1, which needs [32, 1]")

        let deeper = try Self.checkpoint(ParameterLayout(hiddenSize: 8, numLayers: 3, cell: .lstm))
        #expect(lstm.checkpointMismatch(in: deeper)?.description
            == "the file holds 3 recurrent layers (rnn.weight_ih_l0 to rnn.weight_ih_l2), but num_layers 2 needs 2")
    }

    @Test("shapes that are no recurrent network's are left to the full check, which lists them")
    func unrecognisable() throws {
        let layout = ParameterLayout(hiddenSize: 4, numLayers: 1)
        let odd = try SafetensorsFile(tensors: [
            SafetensorsTensor(name: "rnn.weight_hh_l0", shape: [10, 4], values: [Float](repeating: 0, count: 40)),
        ])
        #expect(layout.checkpointMismatch(in: odd) == nil)
        #expect(throws: SafetensorsError.self) { try layout.parameters(from: odd) }
        let empty = try SafetensorsFile(tensors: [])
        #expect(layout.checkpointMismatch(in: empty) == nil)
    }
}
