import Foundation
import Testing
import TestSupport
@testable import RNNCore

/// The forward pass and backpropagation through time against a plain double-precision
/// implementation of the same network (``ReferenceModel``) and its finite differences.
///
/// The sizes exercise every path of the vector kernels: widths below, at and above one 8-lane
/// vector and one 32-wide register block, and a single layer as well as a stack.
@Suite struct GradientTests {
    static let shapes: [(hiddenSize: Int, numLayers: Int, timeStep: Int)] = [
        (8, 1, 10), (12, 2, 7), (32, 3, 30), (40, 2, 5), (3, 3, 4),
    ]

    /// A network with seeded weights whose state has been carried from one window, so that the
    /// window under test starts from a non-zero state, as every window but the first does.
    func preparedNetwork(hiddenSize: Int, numLayers: Int, timeStep: Int) -> (RNNNetwork, input: [Float], target: [Float]) {
        let network = RNNNetwork(hiddenSize: hiddenSize, numLayers: numLayers, timeStep: timeStep)
        network.initialize(seed: UInt64(hiddenSize * 100 + numLayers))
        let first = SineCosineWindow.values(step: 0, timeStep: timeStep)
        _ = network.forward(input: first.input)
        network.carryHiddenState()
        let second = SineCosineWindow.values(step: 1, timeStep: timeStep)
        return (network, second.input, second.target)
    }

    @Test("the forward pass agrees with a double-precision implementation", arguments: shapes)
    func forward(hiddenSize: Int, numLayers: Int, timeStep: Int) {
        let (network, input, target) = preparedNetwork(hiddenSize: hiddenSize, numLayers: numLayers, timeStep: timeStep)
        let reference = ReferenceModel(layout: network.layout, parameters: network.parameterValues)
        let h0 = network.hiddenState.map(Double.init)
        let outputs = network.forward(input: input)
        let expected = reference.run(input: input, target: target, h0: h0)
        // Float32 rounding over a few dozen multiply-adds per value: 1e-5 is ~100 ulp at 1.
        let worst = zip(outputs, expected.outputs).map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(worst < 1e-5, "worst prediction difference \(worst)")
        let loss = network.backward(target: target)
        #expect(abs(Double(loss) - expected.loss) <= 1e-5 * max(expected.loss, 1e-3))
    }

    @Test("backpropagation through time agrees with finite differences", arguments: shapes)
    func gradients(hiddenSize: Int, numLayers: Int, timeStep: Int) {
        let (network, input, target) = preparedNetwork(hiddenSize: hiddenSize, numLayers: numLayers, timeStep: timeStep)
        let reference = ReferenceModel(layout: network.layout, parameters: network.parameterValues)
        let h0 = network.hiddenState.map(Double.init)
        _ = network.forward(input: input)
        network.backward(target: target)
        let analytic = network.gradientValues
        let numerical = reference.numericalGradient(input: input, target: target, h0: h0)
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
        print("H \(hiddenSize) L \(numLayers) T \(timeStep): worst gradient difference \(worst.difference) of the largest, in \(worst.name)")
        #expect(worst.difference < 1e-5, "worst gradient difference \(worst.difference) in \(worst.name)")
        #expect(scale > 1e-4, "the test needs gradients that are not all vanishing")
    }

    @Test("an input of several values per step: forward values and gradients, W_ih of layer 0 is [H, I]", arguments: [1, 3, 9])
    func widerInput(inputSize: Int) {
        let (H, L, T) = (10, 2, 6)
        let network = RNNNetwork(hiddenSize: H, numLayers: L, timeStep: T, inputSize: inputSize)
        network.initialize(seed: 11)
        #expect(network.layout.tensor(named: "rnn.weight_ih_l0")?.shape == [H, inputSize])
        #expect(network.layout.tensor(named: "rnn.weight_ih_l1")?.shape == [H, H])
        var generator = SplitMix64(seed: 3)
        let input = (0 ..< T * inputSize).map { _ in generator.nextFloat(in: -1, 1) }  // (T, I)
        let target = (0 ..< T).map { _ in generator.nextFloat(in: -1, 1) }
        let reference = ReferenceModel(layout: network.layout, parameters: network.parameterValues)
        let h0 = [Double](repeating: 0, count: L * H)
        let outputs = network.forward(input: input)
        let expected = reference.run(input: input, target: target, h0: h0)
        // Float32 rounding over a few dozen multiply-adds per value: 1e-5 is ~100 ulp at 1.
        let worstOutput = zip(outputs, expected.outputs).map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(worstOutput < 1e-5, "worst prediction difference \(worstOutput)")
        network.backward(target: target)
        let analytic = network.gradientValues
        let numerical = reference.numericalGradient(input: input, target: target, h0: h0)
        // As in `gradients`: float32 rounding relative to the largest gradient.
        let scale = numerical.map(abs).max() ?? 1
        let worst = zip(analytic, numerical).map { abs(Double($0) - $1) / scale }.max() ?? .infinity
        #expect(worst < 1e-5, "worst gradient difference \(worst) of the largest")
        let inputWeights = network.layout.tensor(named: "rnn.weight_ih_l0")!.range
        #expect(analytic[inputWeights].contains { $0 != 0 }, "every input column gets a gradient")
    }

    @Test("the state carried to the next window is the last state of each layer, and resets to zero")
    func carriedState() {
        let (network, input, _) = preparedNetwork(hiddenSize: 12, numLayers: 2, timeStep: 7)
        let reference = ReferenceModel(layout: network.layout, parameters: network.parameterValues)
        let h0 = network.hiddenState.map(Double.init)
        #expect(h0.contains { $0 != 0 })
        _ = network.forward(input: input)
        network.carryHiddenState()
        let expected = reference.run(input: input, target: input, h0: h0).hT
        let worst = zip(network.hiddenState, expected).map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(worst < 1e-5)
        network.resetHiddenState()
        #expect(network.hiddenState.allSatisfy { $0 == 0 })
    }

    @Test("training is deterministic: a configuration gives the same bits every run, another seed other losses")
    func determinism() throws {
        let config = TrainingConfiguration(hiddenSize: 12, numLayers: 2, timeStep: 9, steps: 60, seed: 4)
        let a = try Trainer(config: config).run()
        let b = try Trainer(config: config).run()
        #expect(a == b)
        var other = config
        other.seed = 5
        #expect(try Trainer(config: other).run().loss != a.loss)
    }
}
