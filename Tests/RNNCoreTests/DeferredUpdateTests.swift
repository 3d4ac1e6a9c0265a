import Testing
@testable import RNNCore

/// A wide network's Adam update waits for the next forward pass, which applies it layer by layer
/// (``RNNNetwork/update(with:learningRate:gradientScale:)``): the same bits as an update applied at
/// once, whatever reads the network in between.
@Suite("Updates that wait for the forward pass")
struct DeferredUpdateTests {
    /// Several bands of a panel's width of rows (32 to 128) in every weight matrix, and a pool on
    /// 2 threads for every cell.
    static let (H, L, T) = (200, 3, 6)

    static func values(_ n: Int, seed: UInt64) -> [Float] { TransposeReuseTests.values(n, seed: seed) }

    static func network(_ cell: RecurrentCell, threads: Int, defers: Bool) -> (RNNNetwork, Adam) {
        let network = RNNNetwork(hiddenSize: H, numLayers: L, timeStep: T, cell: cell, threads: threads, defersUpdates: defers)
        network.initialize(seed: 8)
        return (network, Adam(parameterCount: network.layout.count))
    }

    static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

    /// The first index at which `a` and `b` differ in bits (or in length), `nil` if none: a
    /// failure names it, not a diff of 600,000 values.
    static func firstDifference(_ a: [Float], _ b: [Float]) -> Int? {
        if a.count != b.count { return min(a.count, b.count) }
        return a.indices.first { a[$0].bitPattern != b[$0].bitPattern }
    }

    @Test("an update applied layer by layer in the next forward pass gives the bits of one applied at once, on 1 and 2 threads",
          arguments: RecurrentCell.allCases, [1, 2])
    func sameBitsAsAtOnce(cell: RecurrentCell, threads: Int) {
        let (now, nowAdam) = Self.network(cell, threads: threads, defers: false)
        let (later, laterAdam) = Self.network(cell, threads: threads, defers: true)
        #expect(!now.defersUpdates && later.defersUpdates)
        for step in 0 ..< 4 {
            let input = Self.values(Self.T, seed: 10 + UInt64(step))
            let target = Self.values(Self.T, seed: 20 + UInt64(step))
            // From the second step on, `later`'s forward pass applies the last step's update.
            #expect(Self.bits(later.forward(input: input)) == Self.bits(now.forward(input: input)),
                    "\(cell), \(threads) threads, step \(step): predictions differ")
            #expect(later.backward(target: target).bitPattern == now.backward(target: target).bitPattern,
                    "\(cell), \(threads) threads, step \(step): losses differ")
            let gradient = Self.firstDifference(later.gradientValues, now.gradientValues)
            #expect(gradient == nil, "\(cell), \(threads) threads, step \(step): gradients differ at \(gradient ?? -1)")
            let scale: Float? = step % 2 == 0 ? nil : 0.5
            let (momentsBefore, gradientsBefore) = (laterAdam.moments.m, later.gradientValues)
            now.update(with: nowAdam, learningRate: 0.02, gradientScale: scale)
            later.update(with: laterAdam, learningRate: 0.02, gradientScale: scale)
            #expect(laterAdam.completedSteps == step + 1, "the step is counted when it is taken")
            // It waits: nothing is updated yet, nor written over the gradients.
            #expect(Self.firstDifference(laterAdam.moments.m, momentsBefore) == nil, "\(cell), step \(step): the update did not wait")
            #expect(Self.firstDifference(later.gradientValues, gradientsBefore) == nil, "\(cell), step \(step): the gradients were overwritten")
            now.carryHiddenState()
            later.carryHiddenState()
        }
        // Reading the parameters applies the last step's update, which no forward pass has.
        for (name, a, b) in [
            ("parameters", later.parameterValues, now.parameterValues),
            ("first moments", laterAdam.moments.m, nowAdam.moments.m),
            ("second moments", laterAdam.moments.v, nowAdam.moments.v),
        ] {
            let index = Self.firstDifference(a, b)
            #expect(index == nil, "\(cell), \(threads) threads: \(name) differ at \(index ?? -1)")
        }
        let input = Self.values(Self.T, seed: 30)
        #expect(Self.bits(later.forward(input: input)) == Self.bits(now.forward(input: input)),
                "\(cell), \(threads) threads: predictions after reading the parameters differ")
    }

    @Test("parameters set or initialised while an update waits replace the updated ones, and Adam's moments keep its step",
          arguments: RecurrentCell.allCases)
    func replacedWhileWaiting(cell: RecurrentCell) {
        let input = Self.values(Self.T, seed: 40), target = Self.values(Self.T, seed: 41)
        let (now, nowAdam) = Self.network(cell, threads: 2, defers: false)
        let (later, laterAdam) = Self.network(cell, threads: 2, defers: true)
        for network in [now, later] {
            _ = network.forward(input: input)
            _ = network.backward(target: target)
        }
        now.update(with: nowAdam, learningRate: 0.02, gradientScale: nil)
        later.update(with: laterAdam, learningRate: 0.02, gradientScale: nil)
        let other = Self.values(now.layout.count, seed: 42).map { $0 * 0.05 }
        now.setParameters(other)
        later.setParameters(other)
        let moment = Self.firstDifference(laterAdam.moments.m, nowAdam.moments.m)
        #expect(moment == nil, "\(cell): the waiting step's first moments were lost (at \(moment ?? -1))")
        let parameter = Self.firstDifference(later.parameterValues, other)
        #expect(parameter == nil, "\(cell): the waiting update was applied over the new parameters (at \(parameter ?? -1))")
        #expect(Self.bits(later.forward(input: input)) == Self.bits(now.forward(input: input)), "\(cell): predictions after setParameters")

        // The same with initialize(seed:).
        for network in [now, later] { _ = network.backward(target: target) }
        now.update(with: nowAdam, learningRate: 0.02, gradientScale: 0.25)
        later.update(with: laterAdam, learningRate: 0.02, gradientScale: 0.25)
        now.initialize(seed: 3)
        later.initialize(seed: 3)
        let second = Self.firstDifference(laterAdam.moments.v, nowAdam.moments.v)
        #expect(second == nil, "\(cell): the waiting step's second moments were lost (at \(second ?? -1))")
        #expect(Self.bits(later.forward(input: input)) == Self.bits(now.forward(input: input)), "\(cell): predictions after initialize")
    }

    @Test("a backward pass run while an update waits (no forward pass between) applies it first", arguments: RecurrentCell.allCases)
    func backwardWhileWaiting(cell: RecurrentCell) {
        let input = Self.values(Self.T, seed: 50), target = Self.values(Self.T, seed: 51)
        let (now, nowAdam) = Self.network(cell, threads: 2, defers: false)
        let (later, laterAdam) = Self.network(cell, threads: 2, defers: true)
        for (network, adam) in [(now, nowAdam), (later, laterAdam)] {
            _ = network.forward(input: input)
            _ = network.backward(target: target)
            network.update(with: adam, learningRate: 0.02, gradientScale: nil)
        }
        // The activations are the last forward pass's; the weights backward reads are the new ones.
        #expect(later.backward(target: target).bitPattern == now.backward(target: target).bitPattern, "\(cell): losses differ")
        let gradient = Self.firstDifference(later.gradientValues, now.gradientValues)
        #expect(gradient == nil, "\(cell): gradients differ at \(gradient ?? -1)")
        let moment = Self.firstDifference(laterAdam.moments.v, nowAdam.moments.v)
        #expect(moment == nil, "\(cell): second moments differ at \(moment ?? -1)")
    }

    @Test("the update waits from 2²¹ parameters: GRU and LSTM from 512, RNN from 1024 (3 layers)")
    func whichNetworksDefer() {
        #expect(!RNNNetwork.defersUpdates(parameterCount: RNNNetwork.deferredUpdateParameters - 1))
        #expect(RNNNetwork.defersUpdates(parameterCount: RNNNetwork.deferredUpdateParameters))
        for (cell, hidden, defers) in [
            (RecurrentCell.lstm, 256, false), (.lstm, 512, true), (.gru, 256, false), (.gru, 512, true),
            (.rnn, 512, false), (.rnn, 1024, true), (.rnn, 32, false),
        ] {
            let count = ParameterLayout(hiddenSize: hidden, numLayers: 3, cell: cell).count
            #expect(RNNNetwork.defersUpdates(parameterCount: count) == defers, "\(cell) \(hidden): \(count) parameters")
        }
        // A network takes the rule when it is not told.
        #expect(RNNNetwork(hiddenSize: 512, numLayers: 3, timeStep: 2, cell: .lstm).defersUpdates)
        #expect(!RNNNetwork(hiddenSize: 256, numLayers: 3, timeStep: 2, cell: .lstm).defersUpdates)
    }
}
