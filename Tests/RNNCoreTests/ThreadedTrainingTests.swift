import CKernels
import Testing
@testable import RNNCore

/// A wide network of each cell trained on 1, 2 and 3 threads gives the same bits, and the layer arranged as
/// cuDNN arranges it (the input projection of the whole window first) gives the bits of the plain
/// step-by-step loop.
@Suite("Threaded training")
struct ThreadedTrainingTests {
    /// Wide enough that the recurrent matrix-vector products (270 × 270) and Adam's update (220 321
    /// parameters) are split among threads, and not a multiple of 16, so that the last range of
    /// columns has a tail.
    static let config = TrainingConfiguration(hiddenSize: 270, numLayers: 2, timeStep: 12, steps: 6)

    /// Everything a run leaves: each step's record and the final weights, as bits.
    static func run(cell: RecurrentCell, threads: Int) throws -> (records: [Trainer.StepRecord], parameters: [UInt32], state: [UInt32]) {
        var config = Self.config
        config.cell = cell
        let trainer = try Trainer(config: config, threads: threads)
        #expect(trainer.network.threads == threads)
        let records = (0 ..< config.steps).map { _ in trainer.step() }
        return (records, trainer.network.parameterValues.map(\.bitPattern), trainer.network.hiddenState.map(\.bitPattern))
    }

    @Test("losses, gradient norms, weights and hidden state are the same bits on 1, 2 and 3 threads", arguments: RecurrentCell.allCases)
    func sameBitsOnEveryThreadCount(cell: RecurrentCell) throws {
        #expect(Product.isSplit(M: 1, N: Self.config.hiddenSize, K: Self.config.hiddenSize))
        #expect(ParameterLayout(hiddenSize: 270, numLayers: 2).count >= Adam.parallelThreshold)
        let one = try Self.run(cell: cell, threads: 1)
        #expect(one.records.allSatisfy { $0.loss.isFinite && $0.gradNorm > 0 })
        for threads in [2, 3] {
            let other = try Self.run(cell: cell, threads: threads)
            for (a, b) in zip(one.records, other.records) {
                #expect(a.loss.bitPattern == b.loss.bitPattern && a.gradNorm.bitPattern == b.gradNorm.bitPattern,
                        "step \(a.step) on \(threads) threads: \(b) instead of \(a)")
            }
            // Compared outside #expect, which would diff 220 321 values element by element on a failure.
            let weightDifference = other.parameters.indices.first { other.parameters[$0] != one.parameters[$0] }
            #expect(weightDifference == nil, "final weights differ on \(threads) threads, first at index \(weightDifference ?? -1)")
            let stateDifference = other.state.indices.first { other.state[$0] != one.state[$0] }
            #expect(stateDifference == nil, "hidden state differs on \(threads) threads, first at index \(stateDifference ?? -1)")
        }
    }

    @Test("losses, gradient norms, weights and hidden state are the same bits with every instruction set",
          arguments: RecurrentCell.allCases)
    func sameBitsOnEveryInstructionSet(cell: RecurrentCell) throws {
        let sets = InstructionSet.allCases.filter(\.isSupported)
        let widest = try withInstructionSet(InstructionSet.supported) { try Self.run(cell: cell, threads: 2) }
        for set in sets where set != InstructionSet.supported {
            let other = try withInstructionSet(set) { try Self.run(cell: cell, threads: 2) }
            for (a, b) in zip(widest.records, other.records) {
                #expect(a.loss.bitPattern == b.loss.bitPattern && a.gradNorm.bitPattern == b.gradNorm.bitPattern,
                        "step \(a.step) with \(set.rawValue): \(b) instead of \(a)")
            }
            let weightDifference = other.parameters.indices.first { other.parameters[$0] != widest.parameters[$0] }
            #expect(weightDifference == nil, "final weights differ with \(set.rawValue), first at index \(weightDifference ?? -1)")
            let stateDifference = other.state.indices.first { other.state[$0] != widest.state[$0] }
            #expect(stateDifference == nil, "hidden state differs with \(set.rawValue), first at index \(stateDifference ?? -1)")
        }
    }

    @Test("the forward pass gives the bits of the step-by-step loop: biases, then input terms, then recurrent terms")
    func forwardMatchesStepByStepLoop() {
        let (H, L, T) = (37, 2, 9)
        let network = RNNNetwork(hiddenSize: H, numLayers: L, timeStep: T)
        network.initialize(seed: 5)
        _ = network.forward(input: (0 ..< T).map { Float($0) * 0.3 - 1 })  // a state to start from
        network.carryHiddenState()
        let start = network.hiddenState
        let input = (0 ..< T).map { Float($0) * 0.7 - 2 }
        let outputs = network.forward(input: input)

        // The plain loop, in float, in the order of the contract.
        let p = network.parameterValues
        var sequence = input.map { [$0] }  // (T, I)
        for (l, layer) in network.layout.layers.enumerated() {
            let I = layer.inputSize
            var h = Array(start[l * H ..< (l + 1) * H])
            var next: [[Float]] = []
            for t in 0 ..< T {
                var out = [Float](repeating: 0, count: H)
                for i in 0 ..< H {
                    var sum = p[layer.biasIH + i] + p[layer.biasHH + i]
                    for k in 0 ..< I { sum = sum + sequence[t][k] * p[layer.weightIH + i * I + k] }
                    for k in 0 ..< H { sum = sum + h[k] * p[layer.weightHH + i * H + k] }
                    out[i] = sum
                }
                // The network's own tanh, whose accuracy VectorMathTests measures.
                rnnk_map(&out, out, Int64(H), rnnk_function_tanh)
                h = out
                next.append(out)
            }
            sequence = next
        }
        // The head as the network computes it (its own dot product, untouched by this change).
        let w = Array(p[network.layout.outWeight ..< network.layout.outWeight + H])
        let expected = sequence.map { h in
            let sum = h.withUnsafeBufferPointer { hp in w.withUnsafeBufferPointer { wp in dot(wp.baseAddress!, hp.baseAddress!, H) } }
            return sum + p[network.layout.outBias]
        }
        let same = outputs.map(\.bitPattern) == expected.map(\.bitPattern)
        #expect(same, "\(outputs) instead of \(expected)")
    }
}
