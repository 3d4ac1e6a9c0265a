import Foundation
import Safetensors

extension ParameterLayout {
    /// The names and shapes a checkpoint of this network must hold.
    public var expectedTensors: [(name: String, shape: [Int])] {
        tensors.map { ($0.name, $0.shape) }
    }

    /// The flat parameter values held by a checkpoint.
    ///
    /// - Throws: `SafetensorsError` if a tensor is missing, unexpected or of another shape, or
    ///   ``SafetensorsError/nonFiniteValue(tensor:index:value:)`` for the first value, in layout
    ///   order, that is NaN or infinite: from such a weight every loss and gradient is NaN.
    public func parameters(from file: SafetensorsFile) throws(SafetensorsError) -> [Float] {
        try file.validate(against: expectedTensors)
        var values = [Float](repeating: 0, count: count)
        for tensor in tensors {
            // `validate` guarantees the tensor exists with this shape.
            guard let stored = file.tensor(named: tensor.name) else { continue }
            if let index = stored.values.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteValue(tensor: tensor.name, index: index, value: stored.values[index])
            }
            values.replaceSubrange(tensor.range, with: stored.values)
        }
        return values
    }

    /// Reads and checks a checkpoint file; a finite F64 value beyond the largest `Float` is refused.
    public func parameters(fromSafetensorsAt url: URL) throws(SafetensorsError) -> [Float] {
        try parameters(from: SafetensorsFile(contentsOf: url, f64Overflow: .refuse))
    }

    /// The bytes of a checkpoint of `values` (in layout order) under PyTorch's `state_dict` names.
    public func safetensors(_ values: [Float], metadata: [String: String] = [:]) -> Data {
        precondition(values.count == count, "safetensors: \(values.count) values for \(count) parameters")
        let named = tensors.map { SafetensorsTensor(name: $0.name, shape: $0.shape, values: Array(values[$0.range])) }
        do {
            return try SafetensorsFile(tensors: named, metadata: metadata).serialized()
        } catch {
            // The tensors are built from the layout itself, so their shapes and sizes always agree.
            preconditionFailure("layout produced an inconsistent checkpoint: \(error)")
        }
    }
}

extension ParameterLayout {
    // MARK: - Diagnosing another network's checkpoint

    /// What makes `file` another network's than this one, if its shapes tell: another cell or
    /// width (from `rnn.weight_hh_l0`), another input size (`rnn.weight_ih_l0`'s columns), another
    /// number of layers. `nil` when none of these differ, or the file's shapes are no recurrent
    /// network's; ``parameters(from:)`` then checks every name and shape.
    public func checkpointMismatch(in file: SafetensorsFile) -> CheckpointMismatch? {
        let h = hiddenSize
        guard let recurrent = file.tensor(named: "rnn.weight_hh_l0"), recurrent.shape.count == 2 else { return nil }
        let (rows, fileWidth) = (recurrent.shape[0], recurrent.shape[1])
        guard fileWidth > 0, rows % fileWidth == 0,
              let fileCell = RecurrentCell.allCases.first(where: { $0.gateCount == rows / fileWidth })
        else { return nil }
        let cellDiffers = fileCell != cell
        let widthDiffers = fileWidth != h
        let input = file.tensor(named: "rnn.weight_ih_l0")
        if cellDiffers || widthDiffers {
            // weight_ih_l0 shows the rows as plainly as weight_hh_l0 and is the first tensor.
            let (name, found, expected) = input.map { ("rnn.weight_ih_l0", $0.shape, [cell.gateCount * h, inputSize]) }
                ?? ("rnn.weight_hh_l0", recurrent.shape, [cell.gateCount * h, h])
            return CheckpointMismatch(kind: .shape(
                tensor: name, found: found, fileCell: fileCell, fileWidth: fileWidth, expected: expected,
                cell: cell, width: h, cellDiffers: cellDiffers, widthDiffers: widthDiffers))
        }
        if let input, input.shape.count == 2, input.shape[0] == rows, input.shape[1] != inputSize {
            return CheckpointMismatch(kind: .inputSize(
                tensor: "rnn.weight_ih_l0", shape: input.shape, found: input.shape[1], expected: inputSize,
                expectedShape: [rows, inputSize]))
        }
        var fileLayers = 0
        while file.tensor(named: "rnn.weight_ih_l\(fileLayers)") != nil { fileLayers += 1 }
        if fileLayers > 0, fileLayers != numLayers {
            return CheckpointMismatch(kind: .layers(found: fileLayers, expected: numLayers))
        }
        return nil
    }
}
