import Foundation
import Safetensors
import Testing
import TestSupport
@testable import RNNCore

/// The LSTM and GRU cells (and the RNN beside them): one window's predictions, loss, final state and
/// gradients against PyTorch's own (`Fixtures/cells/`, written by `generate_cell_references.py`
/// from the same weights, input and initial state), and against finite differences of a plain
/// double-precision implementation (``ReferenceModel``).
@Suite struct CellTests {
    /// One fixture of `generate_cell_references.py`: float32 values as bit patterns.
    struct PyTorchWindow: Decodable {
        let cell: String
        let input_size: Int, hidden_size: Int, num_layers: Int, time_step: Int
        let input: [UInt32], target: [UInt32], h0: [UInt32], c0: [UInt32]?
        let prediction: [UInt32], loss: [UInt32], hn: [UInt32], cn: [UInt32]?
        let gradients: [String: [UInt32]]

        static func floats(_ bits: [UInt32]) -> [Float] { bits.map(Float.init(bitPattern:)) }
    }

    static let fixtures = ["rnn-small", "rnn-wide", "lstm-small", "lstm-wide", "gru-small", "gru-wide"]

    /// The network of a fixture, with PyTorch's weights and initial state, after one window.
    func run(_ name: String) throws -> (RNNNetwork, PyTorchWindow, loss: Float) {
        let window = try JSONDecoder().decode(PyTorchWindow.self, from: Fixtures.data("cells/\(name).json"))
        let cell = try #require(RecurrentCell(name: window.cell))
        let network = RNNNetwork(
            hiddenSize: window.hidden_size, numLayers: window.num_layers, timeStep: window.time_step,
            inputSize: window.input_size, cell: cell)
        network.setParameters(try network.layout.parameters(fromSafetensorsAt: Fixtures.url("cells/\(name).safetensors")))
        network.setState(hidden: PyTorchWindow.floats(window.h0), cell: window.c0.map(PyTorchWindow.floats))
        _ = network.forward(input: PyTorchWindow.floats(window.input))
        let loss = network.backward(target: PyTorchWindow.floats(window.target))
        return (network, window, loss)
    }

    @Test("one window's predictions, loss and final state match PyTorch's", arguments: fixtures)
    func forwardMatchesPyTorch(name: String) throws {
        let (network, window, loss) = try run(name)
        let prediction = network.outputValues
        let expected = PyTorchWindow.floats(window.prediction)
        let worstPrediction = zip(prediction, expected).map { abs($0 - $1) }.max() ?? .infinity
        network.carryHiddenState()
        let worstState = zip(network.hiddenState, PyTorchWindow.floats(window.hn)).map { abs($0 - $1) }.max() ?? .infinity
        let worstCell = zip(network.cellState, PyTorchWindow.floats(window.cn ?? [])).map { abs($0 - $1) }.max() ?? 0
        let expectedLoss = Float(bitPattern: try #require(window.loss.first))
        print("\(name): worst prediction difference \(worstPrediction), state \(worstState), cell state \(worstCell), "
            + "loss \(loss) against \(expectedLoss)")
        // Float32 with another summation order and other tanh/σ roundings (ours within 2–3 ulp):
        // values of order 1 after a few dozen multiply-adds differ by a few ulp. Measured at most
        // 1.2e-7 (the states) and 4.5e-8 (predictions); a gate in the wrong place is off by 1e-2.
        #expect(worstPrediction < 1e-6)
        #expect(worstState < 1e-6)
        #expect(worstCell < 1e-6)
        #expect(network.cellState.count == (network.cell == .lstm ? window.num_layers * window.hidden_size : 0))
        #expect(abs(loss - expectedLoss) <= 1e-5 * expectedLoss)
    }

    @Test("backward writes every gradient, whatever the buffer held: a second pass over poisoned gradients gives the same bits", arguments: fixtures)
    func gradientsAreWrittenWhole(name: String) throws {
        let (network, window, _) = try run(name)
        let first = network.gradientValues
        // Not zeroed between steps any more: an element added into instead of written would keep
        // the NaN, or double.
        network.gradients.base.update(repeating: .nan, count: network.gradients.count)
        _ = network.backward(target: PyTorchWindow.floats(window.target))
        let differing = zip(network.gradientValues, first).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing == 0, "\(differing) of \(first.count) gradients differ from the first pass's")
    }

    @Test("the norms backward leaves for clipping are those of the gradients it wrote, bit for bit", arguments: fixtures)
    func gradientNormsOfBackward(name: String) throws {
        let (network, _, _) = try run(name)
        let norms = network.gradientNorms.array
        #expect(norms.count == network.layout.tensors.count)
        for (norm, tensor) in zip(norms, network.layout.tensors) {
            let g = Array(network.gradientValues[tensor.range])
            #expect(norm.bitPattern == dot(g, g, g.count).squareRoot().bitPattern, "\(tensor.name)")
        }
        let total = totalNorm(network.gradientNorms.base, count: norms.count)
        #expect(total.bitPattern == gradientNorm(network.gradients.base, layout: network.layout).bitPattern)
    }

    @Test("one window's gradients match PyTorch's, tensor by tensor", arguments: fixtures)
    func gradientsMatchPyTorch(name: String) throws {
        let (network, window, _) = try run(name)
        let gradients = network.gradientValues
        #expect(Set(window.gradients.keys) == Set(network.layout.tensors.map(\.name)))
        let scale = window.gradients.values.flatMap(PyTorchWindow.floats).map(abs).max() ?? 1
        var worst = (difference: Float(0), name: "")
        for tensor in network.layout.tensors {
            let expected = PyTorchWindow.floats(try #require(window.gradients[tensor.name]))
            try #require(expected.count == tensor.count, "\(tensor.name): \(expected.count) values for \(tensor.shape)")
            for (ours, theirs) in zip(gradients[tensor.range], expected) {
                let difference = abs(ours - theirs) / scale
                if difference > worst.difference { worst = (difference, tensor.name) }
            }
        }
        print("\(name): worst gradient difference \(worst.difference) of the largest (\(scale)), in \(worst.name)")
        // Float32 sums of a few dozen terms in another order: a few ulp of the largest gradient.
        // Measured at most 4e-7 (lstm-small's out.bias).
        #expect(worst.difference < 4e-6, "worst gradient difference \(worst.difference) in \(worst.name)")
    }

    static let shapes: [(cell: RecurrentCell, hiddenSize: Int, numLayers: Int, timeStep: Int, inputSize: Int)] = [
        (.lstm, 8, 1, 10, 1), (.lstm, 12, 2, 7, 3), (.lstm, 3, 3, 4, 2), (.lstm, 33, 2, 5, 1),
        (.gru, 8, 1, 10, 1), (.gru, 12, 2, 7, 3), (.gru, 3, 3, 4, 2), (.gru, 33, 2, 5, 1),
    ]

    /// A seeded network whose state (h, and an LSTM's c) has been carried from one window.
    func prepared(_ cell: RecurrentCell, _ H: Int, _ L: Int, _ T: Int, _ I: Int) -> (RNNNetwork, input: [Float], target: [Float]) {
        let network = RNNNetwork(hiddenSize: H, numLayers: L, timeStep: T, inputSize: I, cell: cell)
        network.initialize(seed: UInt64(H * 100 + L * 10 + I))
        var generator = SplitMix64(seed: UInt64(T))
        func values(_ n: Int) -> [Float] { (0 ..< n).map { _ in generator.nextFloat(in: -1, 1) } }
        _ = network.forward(input: values(T * I))
        network.carryHiddenState()
        return (network, values(T * I), values(T))
    }

    @Test("the forward pass agrees with a double-precision implementation", arguments: shapes)
    func forwardAgreesWithDouble(cell: RecurrentCell, hiddenSize: Int, numLayers: Int, timeStep: Int, inputSize: Int) {
        let (network, input, target) = prepared(cell, hiddenSize, numLayers, timeStep, inputSize)
        let reference = ReferenceModel(layout: network.layout, parameters: network.parameterValues)
        let h0 = network.hiddenState.map(Double.init)
        let c0 = cell == .lstm ? network.cellState.map(Double.init) : nil
        #expect(h0.contains { $0 != 0 } && (c0?.contains { $0 != 0 } ?? true), "the window starts from a carried state")
        let outputs = network.forward(input: input)
        let expected = reference.run(input: input, target: target, h0: h0, c0: c0)
        // Float32 rounding over a few dozen multiply-adds per value: 1e-5 is ~100 ulp at 1.
        let worst = zip(outputs, expected.outputs).map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(worst < 1e-5, "worst prediction difference \(worst)")
        network.carryHiddenState()
        let worstState = zip(network.hiddenState + network.cellState, expected.hT + (c0 == nil ? [] : expected.cT))
            .map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(worstState < 1e-5, "worst carried-state difference \(worstState)")
    }

    @Test("backpropagation through time agrees with finite differences", arguments: shapes)
    func gradientsAgreeWithFiniteDifferences(cell: RecurrentCell, hiddenSize: Int, numLayers: Int, timeStep: Int, inputSize: Int) {
        let (network, input, target) = prepared(cell, hiddenSize, numLayers, timeStep, inputSize)
        let reference = ReferenceModel(layout: network.layout, parameters: network.parameterValues)
        let h0 = network.hiddenState.map(Double.init)
        let c0 = cell == .lstm ? network.cellState.map(Double.init) : nil
        _ = network.forward(input: input)
        network.backward(target: target)
        let analytic = network.gradientValues
        let numerical = reference.numericalGradient(input: input, target: target, h0: h0, c0: c0)
        // Central differences in double are good to ~1e-9; the float gradients carry float32
        // rounding relative to the largest gradient, so compare on that scale.
        let scale = numerical.map(abs).max() ?? 1
        var worst = (difference: 0.0, name: "")
        for tensor in network.layout.tensors {
            for k in tensor.range {
                let difference = abs(Double(analytic[k]) - numerical[k]) / scale
                if difference > worst.difference { worst = (difference, tensor.name) }
            }
        }
        print("\(cell) H \(hiddenSize) L \(numLayers) T \(timeStep) I \(inputSize): worst gradient difference \(worst.difference) of the largest, in \(worst.name)")
        #expect(worst.difference < 1e-5, "worst gradient difference \(worst.difference) in \(worst.name)")
        #expect(scale > 1e-4, "the test needs gradients that are not all vanishing")
        // Every gate's rows get a gradient: a gate left out of the backward pass would leave a
        // block of zeros.
        for tensor in network.layout.tensors where tensor.name.hasPrefix("rnn.") {
            let rows = tensor.shape[0] / cell.gateCount
            let width = tensor.count / tensor.shape[0]
            for gate in 0 ..< cell.gateCount {
                let block = analytic[tensor.offset + gate * rows * width ..< tensor.offset + (gate + 1) * rows * width]
                #expect(block.contains { $0 != 0 }, "\(tensor.name), gate \(gate): no gradient")
            }
        }
    }

    @Test("an LSTM carries c with h to the next window, and resets both", arguments: [RecurrentCell.lstm, .gru])
    func carriedState(cell: RecurrentCell) {
        let (network, input, _) = prepared(cell, 12, 2, 7, 1)
        let reference = ReferenceModel(layout: network.layout, parameters: network.parameterValues)
        let h0 = network.hiddenState.map(Double.init)
        let c0 = cell == .lstm ? network.cellState.map(Double.init) : nil
        _ = network.forward(input: input)
        network.carryHiddenState()
        let expected = reference.run(input: input, target: input, h0: h0, c0: c0)
        let worstH = zip(network.hiddenState, expected.hT).map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(worstH < 1e-5)
        if cell == .lstm {
            #expect(network.cellState.count == 24)
            let worstC = zip(network.cellState, expected.cT).map { abs(Double($0) - $1) }.max() ?? .infinity
            #expect(worstC < 1e-5)
            // The next window depends on c: starting it from the carried h with c zeroed changes it.
            let carried = network.forward(input: input)
            network.setState(hidden: expected.hT.map(Float.init), cell: [Float](repeating: 0, count: 24))
            #expect(network.forward(input: input) != carried)
        } else {
            #expect(network.cellState.isEmpty)
        }
        network.resetHiddenState()
        #expect(network.hiddenState.allSatisfy { $0 == 0 })
        #expect(network.cellState.allSatisfy { $0 == 0 })
    }

    @Test("the layout has PyTorch's shapes: [4H, ·] for an LSTM, [3H, ·] for a GRU, [H, ·] for an RNN")
    func layoutShapes() {
        for (cell, gates) in [(RecurrentCell.rnn, 1), (.lstm, 4), (.gru, 3)] {
            let layout = ParameterLayout(hiddenSize: 8, numLayers: 2, inputSize: 3, cell: cell)
            #expect(layout.expectedTensors.map(\.name) == [
                "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1",
                "out.weight", "out.bias",
            ])
            #expect(layout.expectedTensors.map(\.shape) == [
                [gates * 8, 3], [gates * 8, 8], [gates * 8], [gates * 8],
                [gates * 8, 8], [gates * 8, 8], [gates * 8], [gates * 8],
                [1, 8], [1],
            ])
        }
    }

    @Test("every weight and bias starts from U(−1/√H, 1/√H), whatever the cell")
    func initialisation() {
        for cell in RecurrentCell.allCases {
            let network = RNNNetwork(hiddenSize: 16, numLayers: 2, timeStep: 4, cell: cell)
            network.initialize(seed: 7)
            let values = network.parameterValues
            #expect(values.allSatisfy { abs($0) <= 0.25 })
            // Spread over the whole interval, not a corner of it.
            #expect(values.max()! > 0.24 && values.min()! < -0.24)
        }
    }

    @Test("a network wider than one panel of weights (hidden 150): the forward pass against double precision, the gradients against finite differences",
          arguments: RecurrentCell.allCases)
    func widerThanOnePanel(cell: RecurrentCell) {
        let (H, L, T, I) = (150, 2, 5, 1)
        #expect(H > Product.panelColumns && cell.gateCount * H > Product.panelColumns)
        let (network, input, target) = prepared(cell, H, L, T, I)
        let reference = ReferenceModel(layout: network.layout, parameters: network.parameterValues)
        let h0 = network.hiddenState.map(Double.init)
        let c0 = cell == .lstm ? network.cellState.map(Double.init) : nil
        let outputs = network.forward(input: input)
        let expected = reference.run(input: input, target: target, h0: h0, c0: c0)
        let worst = zip(outputs, expected.outputs).map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(worst < 1e-5, "worst prediction difference \(worst)")
        network.backward(target: target)
        let analytic = network.gradientValues
        // In every tensor: its first and last element, and elements past the first panel of its
        // rows and of its columns (past 128, the widest panel), where a misplaced panel would show.
        var generator = SplitMix64(seed: 15)
        var indices: [Int] = []
        for tensor in network.layout.tensors {
            let (rows, cols) = (tensor.shape[0], tensor.shape.count > 1 ? tensor.shape[1] : 1)
            var picks = [(0, 0), (rows - 1, cols - 1)]
            for _ in 0 ..< 6 {
                let r = Int(generator.nextFloat(in: 0, 1) * Float(rows)) % rows
                let c = Int(generator.nextFloat(in: 0, 1) * Float(cols)) % cols
                picks.append((r, c))
                picks.append((rows > 128 ? 128 + r % (rows - 128) : r, cols > 128 ? 128 + c % (cols - 128) : c))
            }
            indices += picks.map { tensor.offset + $0.0 * cols + $0.1 }
        }
        let numerical = reference.numericalGradient(of: indices, input: input, target: target, h0: h0, c0: c0)
        let scale = numerical.map(abs).max() ?? 1
        let differences = zip(indices, numerical).map { abs(Double(analytic[$0]) - $1) / scale }
        let worstGradient = differences.max() ?? .infinity
        print("\(cell) H \(H): worst sampled gradient difference \(worstGradient) of the largest")
        #expect(worstGradient < 1e-5, "worst sampled gradient difference \(worstGradient)")
        #expect(scale > 1e-4, "the test needs gradients that are not all vanishing")
    }
}
