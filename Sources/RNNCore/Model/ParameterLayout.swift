/// Where each parameter of the network lives in one flat buffer of `Float`s.
///
/// Parameters, their gradients and Adam's two moments are each one allocation of ``count`` floats
/// laid out the same way, so that the optimizer is one loop over all four. The
/// order and names are those of PyTorch's `state_dict` for the reference model: per layer `l`,
/// `rnn.weight_ih_l{l}` [G·H, I], `rnn.weight_hh_l{l}` [G·H, H], `rnn.bias_ih_l{l}` [G·H],
/// `rnn.bias_hh_l{l}` [G·H] (I is the network's ``inputSize`` for layer 0 and H above it; G is the
/// cell's ``RecurrentCell/gateCount``: 1 for an RNN, 4 for an LSTM, 3 for a GRU, with the gates'
/// rows in PyTorch's order), then `out.weight` [1, H] and `out.bias` [1]. Matrices are row-major,
/// as in PyTorch.
public struct ParameterLayout: Equatable, Sendable {
    /// One named tensor: its name, its shape and its place in the flat buffer.
    public struct Tensor: Equatable, Sendable {
        public let name: String
        public let shape: [Int]
        public let offset: Int
        public var count: Int { shape.reduce(1, *) }
        public var range: Range<Int> { offset ..< offset + count }
    }

    /// Offsets of one recurrent layer's four tensors.
    struct Layer: Equatable, Sendable {
        let inputSize: Int
        let weightIH: Int  // (G·H, I)
        let weightHH: Int  // (G·H, H)
        let biasIH: Int    // (G·H)
        let biasHH: Int    // (G·H)
    }

    public let hiddenSize: Int
    public let numLayers: Int
    /// Width of the network's input (`I` of layer 0): 1 for sin→cos, the number of input columns
    /// of a CSV series.
    public let inputSize: Int
    /// The cell of every layer.
    public let cell: RecurrentCell
    /// Every tensor, in `state_dict` order.
    public let tensors: [Tensor]
    /// Total number of parameters.
    public let count: Int
    let layers: [Layer]
    /// Offset of `out.weight` (1, H).
    let outWeight: Int
    /// Offset of `out.bias` (1).
    let outBias: Int

    /// The layout of a network of `numLayers` layers of `cell` and width `hiddenSize` whose input
    /// has `inputSize` values per step.
    public init(hiddenSize: Int, numLayers: Int, inputSize: Int = 1, cell: RecurrentCell = .rnn) {
        precondition(inputSize >= 1, "ParameterLayout: inputSize must be positive")
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.inputSize = inputSize
        self.cell = cell
        let h = hiddenSize
        let rows = cell.gateCount * h
        var tensors: [Tensor] = []
        var offset = 0
        func add(_ name: String, _ shape: [Int]) -> Int {
            let tensor = Tensor(name: name, shape: shape, offset: offset)
            tensors.append(tensor)
            offset += tensor.count
            return tensor.offset
        }
        var layers: [Layer] = []
        for l in 0 ..< numLayers {
            let layerInputSize = l == 0 ? inputSize : h
            layers.append(Layer(
                inputSize: layerInputSize,
                weightIH: add("rnn.weight_ih_l\(l)", [rows, layerInputSize]),
                weightHH: add("rnn.weight_hh_l\(l)", [rows, h]),
                biasIH: add("rnn.bias_ih_l\(l)", [rows]),
                biasHH: add("rnn.bias_hh_l\(l)", [rows])))
        }
        outWeight = add("out.weight", [1, h])
        outBias = add("out.bias", [1])
        self.layers = layers
        self.tensors = tensors
        self.count = offset
    }

    /// The tensor with this `state_dict` name, if the network has one.
    public func tensor(named name: String) -> Tensor? {
        tensors.first { $0.name == name }
    }
}
