/// A named tensor of `Float` values, as stored in a safetensors file.
///
/// Values are in row-major (C) order: the last dimension varies fastest, as in PyTorch. A tensor with
/// shape `[]` is a scalar and holds one value; a dimension of 0 gives a tensor with no values.
public struct SafetensorsTensor: Equatable, Sendable {
    /// The key of the tensor in the file (`rnn.weight_hh_l0`).
    public var name: String
    /// The size of each dimension, outermost first (`[32, 32]`).
    public var shape: [Int]
    /// The elements, in row-major order; as many as the product of ``shape``.
    public var values: [Float]

    /// Creates a tensor; ``SafetensorsFile/init(tensors:metadata:)`` checks that it is consistent.
    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}
