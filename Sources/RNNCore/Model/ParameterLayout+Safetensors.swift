import Foundation
import Safetensors

extension ParameterLayout {
    /// The names and shapes a checkpoint of this network must hold.
    public var expectedTensors: [(name: String, shape: [Int])] {
        tensors.map { ($0.name, $0.shape) }
    }

    /// The flat parameter values held by a checkpoint.
    ///
    /// - Throws: `SafetensorsError` if a tensor is missing, unexpected or of another shape.
    public func parameters(from file: SafetensorsFile) throws(SafetensorsError) -> [Float] {
        try file.validate(against: expectedTensors)
        var values = [Float](repeating: 0, count: count)
        for tensor in tensors {
            // `validate` guarantees the tensor exists with this shape.
            guard let stored = file.tensor(named: tensor.name) else { continue }
            values.replaceSubrange(tensor.range, with: stored.values)
        }
        return values
    }

    /// Reads and checks a checkpoint file.
    public func parameters(fromSafetensorsAt url: URL) throws(SafetensorsError) -> [Float] {
        try parameters(from: SafetensorsFile(contentsOf: url))
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
