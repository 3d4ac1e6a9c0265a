import Testing
@testable import RNNCore

/// Adam's pass leaves the new weights transposed in the gradients' buffer for the next forward
/// pass (``RNNNetwork/update(with:learningRate:gradientScale:)``): they must be exactly the
/// transposes the forward pass would make, and anything that changes the parameters otherwise must
/// make the forward pass transpose again.
@Suite("Transposes made by Adam's pass")
struct TransposeReuseTests {
    /// Wide enough for several bands of a panel's width of rows (32 to 128) in every weight
    /// matrix, and for threads.
    static let (H, L, T) = (150, 2, 7)

    static func values(_ n: Int, seed: UInt64) -> [Float] {
        var generator = SplitMix64(seed: seed)
        return (0 ..< n).map { _ in generator.nextFloat(in: -1, 1) }
    }

    /// A network of `cell` after one forward and backward pass and one Adam update.
    static func updated(_ cell: RecurrentCell, threads: Int) -> RNNNetwork {
        let network = RNNNetwork(hiddenSize: H, numLayers: L, timeStep: T, cell: cell, threads: threads)
        network.initialize(seed: 21)
        _ = network.forward(input: values(T, seed: 1))
        _ = network.backward(target: values(T, seed: 2))
        network.update(with: Adam(parameterCount: network.layout.count), learningRate: 0.01, gradientScale: 0.5)
        return network
    }

    /// The predictions of a network built from scratch with `parameters`, from a zero state.
    static func predictions(_ cell: RecurrentCell, parameters: [Float], input: [Float]) -> [Float] {
        let network = RNNNetwork(hiddenSize: H, numLayers: L, timeStep: T, cell: cell)
        network.setParameters(parameters)
        return network.forward(input: input)
    }

    @Test("after Adam's pass the gradients' buffer holds each weight matrix's transpose in panels, as the forward pass makes it, on 1 and 2 threads",
          arguments: RecurrentCell.allCases, [1, 2])
    func transposesAreTheForwardPasses(cell: RecurrentCell, threads: Int) {
        let network = Self.updated(cell, threads: threads)
        let p = network.parameterValues
        let G = cell.gateCount * Self.H
        for (l, layer) in network.layout.layers.enumerated() {
            for (name, offset, columns) in [("W_ih", layer.weightIH, layer.inputSize), ("W_hh", layer.weightHH, Self.H)] {
                var expected = [Float](repeating: .nan, count: G * columns)
                p.withUnsafeBufferPointer { pp in
                    expected.withUnsafeMutableBufferPointer { transposeIntoPanels($0.baseAddress!, pp.baseAddress! + offset, G, columns) }
                }
                let actual = Array(UnsafeBufferPointer(start: network.gradients.base + offset, count: G * columns))
                let wrong = actual.indices.first { actual[$0].bitPattern != expected[$0].bitPattern }
                #expect(wrong == nil, "\(cell) on \(threads) threads: layer \(l)'s \(name)ᵀ differs at \(wrong ?? -1)")
            }
        }
        // The forward pass that reads them predicts what a network given the same parameters does.
        let input = Self.values(Self.T, seed: 3)
        let expected = Self.predictions(cell, parameters: p, input: input)
        #expect(network.forward(input: input).map(\.bitPattern) == expected.map(\.bitPattern), "\(cell) on \(threads) threads")
    }

    @Test("new parameters (set, or initialised) after Adam's pass are transposed again by the forward pass",
          arguments: RecurrentCell.allCases)
    func newParametersAreTransposedAgain(cell: RecurrentCell) {
        let input = Self.values(Self.T, seed: 4)
        let network = Self.updated(cell, threads: 1)
        let other = network.parameterValues.map { $0 * 0.5 + 0.01 }
        network.setParameters(other)
        #expect(network.forward(input: input).map(\.bitPattern) == Self.predictions(cell, parameters: other, input: input).map(\.bitPattern),
                "\(cell): the forward pass after setParameters read the old transposes")
        let again = Self.updated(cell, threads: 1)
        again.initialize(seed: 99)
        #expect(again.forward(input: input).map(\.bitPattern) == Self.predictions(cell, parameters: again.parameterValues, input: input).map(\.bitPattern),
                "\(cell): the forward pass after initialize read the old transposes")
    }

    @Test("Adam's runs of pieces are consecutive, cover every piece once, and number at most the threads")
    func adamRuns() {
        var generator = SplitMix64(seed: 5)
        for threads in 1 ... 4 {
            for count in [1, 2, 3, 7, 40] {
                var pieces: [Range<Int>] = []
                var start = 0
                for _ in 0 ..< count {
                    let size = 1 + Int(generator.nextFloat(in: 0, 1) * 1000)
                    pieces.append(start ..< start + size)
                    start += size
                }
                let runs = Adam.runs(of: pieces, among: threads)
                #expect(runs.count <= threads && runs.count >= 1, "\(count) pieces among \(threads): \(runs.count) runs")
                #expect(runs.first?.lowerBound == 0 && runs.last?.upperBound == count, "\(runs)")
                #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && !$1.isEmpty }, "\(runs)")
                if count >= 40 {
                    // Balanced: no run holds more than its share and one piece.
                    let total = pieces.reduce(0) { $0 + $1.count }
                    for run in runs {
                        let size = pieces[run].reduce(0) { $0 + $1.count }
                        #expect(size <= total / threads + 1000, "run \(run) holds \(size) of \(total) among \(threads)")
                    }
                }
            }
        }
    }
}
