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

    @Test("a checkpoint with a weight that is NaN or infinite is refused, naming the tensor and the first such index")
    func nonFinite() throws {
        let layout = ParameterLayout(hiddenSize: 4, numLayers: 2, cell: .gru)
        for (name, index, value, word) in [("out.bias", 0, Float.nan, "NaN"), ("rnn.weight_hh_l1", 5, .infinity, "inf"),
                                            ("rnn.weight_ih_l0", 10, -.infinity, "-inf")] {
            let tensors = try Self.checkpoint(layout).tensors.map { tensor in
                guard tensor.name == name else { return tensor }
                var changed = tensor
                changed.values[index] = value
                // A later NaN in the same tensor: the first bad index is the one named.
                changed.values[changed.values.count - 1] = .nan
                return changed
            }
            let error = #expect(throws: SafetensorsError.self) { try layout.parameters(from: SafetensorsFile(tensors: tensors)) }
            #expect(error?.description == "tensor \(name) holds \(word) at index \(index); a checkpoint's weights must be finite")
        }
    }

    @Test("a checkpoint file with a finite F64 weight beyond Float's range is refused, not read as infinite")
    func f64Overflow() throws {
        try withTemporaryDirectory { folder in
            // One layer of width 1: rnn.weight_ih_l0 [1, 1], …, out.bias [1]; every value 0.5 but one.
            let layout = ParameterLayout(hiddenSize: 1, numLayers: 1)
            var header = "{", offset = 0
            for tensor in layout.tensors {
                header += (offset == 0 ? "" : ",") + #""\#(tensor.name)":{"dtype":"F64","shape":\#(tensor.shape),"data_offsets":[\#(offset),\#(offset + 8)]}"#
                offset += 8
            }
            var bytes = Data()
            withUnsafeBytes(of: UInt64(header.utf8.count + 1).littleEndian) { bytes.append(contentsOf: $0) }
            bytes.append(Data((header + "}").utf8))
            for tensor in layout.tensors {
                let value = tensor.name == "rnn.bias_hh_l0" ? -1e300 : 0.5
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
            let url = folder.appendingPathComponent("f64.safetensors")
            try bytes.write(to: url)
            #expect(throws: SafetensorsError.valueOutOfRange(tensor: "rnn.bias_hh_l0", index: 0, value: -1e300)) {
                try layout.parameters(fromSafetensorsAt: url)
            }
        }
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
