import CKernels
import Testing
@testable import RNNCore

/// CKernels' element-by-element work of a time step: the vector tanh, σ and exp give the same bits
/// on every instruction set, and an LSTM or GRU step's units are the cell's equations over them,
/// the same bits in any split of the units.
@Suite("Cell kernels")
struct CellKernelTests {
    /// Every 4 099th float's bit pattern (about a million, over every binade, both signs, the
    /// subnormals, ±∞ and NaNs), then the points where the methods switch.
    static let inputs: [Float] = stride(from: UInt64(0), to: 1 << 32, by: 4_099).map { Float(bitPattern: UInt32($0)) }
        + [0, -0.0, 0.625, -0.625, Float(0.625).nextUp, Float(0.625).nextDown, 9, 10, -10, 87, -87, 88, -88, .infinity, -.infinity, .nan]

    @Test("tanh, σ and exp give the same bits on every instruction set, including their last, partial vector",
          arguments: [rnnk_function_tanh, rnnk_function_sigmoid, rnnk_function_exp])
    func sameBitsOnEveryInstructionSet(function: rnnk_function) {
        // exp is defined on [−87, 88]; an odd count leaves every set a partial last vector.
        let inputs = function == rnnk_function_exp ? Self.inputs.filter { $0 >= -87 && $0 <= 88 } : Self.inputs
        let reference = withInstructionSet(.sse2) { VectorMathTests.apply(function, to: inputs) }
        #expect(inputs.count % 16 != 0)
        for set in InstructionSet.allCases.filter(\.isSupported) where set != .sse2 {
            let outputs = withInstructionSet(set) { VectorMathTests.apply(function, to: inputs) }
            let first = inputs.indices.first { outputs[$0].bitPattern != reference[$0].bitPattern }
            #expect(first == nil, "\(set.rawValue) differs from SSE2 first at x = \(first.map { inputs[$0] } ?? 0)")
        }
        // In place gives what a separate output gives.
        var inPlace = inputs
        rnnk_map(&inPlace, inPlace, Int64(inPlace.count), function)
        #expect(inPlace.map(\.bitPattern) == VectorMathTests.apply(function, to: inputs).map(\.bitPattern))
    }

    /// Pre-activations spread over the region where the gates are neither saturated nor linear.
    static func values(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SplitMix64(seed: seed)
        return (0 ..< count).map { _ in Float.random(in: -6 ... 6, using: &generator) }
    }

    /// The unit ranges each kernel is run over: all at once, split unevenly, and one unit at a time.
    static func splits(of H: Int) -> [[Range<Int>]] {
        [[0 ..< H], [0 ..< 13, 13 ..< 40, 40 ..< H], (0 ..< H).map { $0 ..< $0 + 1 }]
    }

    /// Runs `body(units)` over every split of `H` on every instruction set, with `label` naming
    /// the pair, for kernels whose outputs must not depend on either.
    static func everySetAndSplit(_ H: Int, _ body: (_ units: [Range<Int>], _ label: String) -> Void) {
        for set in InstructionSet.allCases.filter(\.isSupported) {
            for split in splits(of: H) {
                withInstructionSet(set) { body(split, "\(set.rawValue), \(split.count) ranges") }
            }
        }
    }

    @Test("an LSTM step's units are σ, σ, tanh, σ of the gates, c = f·c₀ + i·g, h = o·tanh c, in any split and on every set")
    func lstmCell() {
        let H = 45  // not a multiple of any vector width
        let gates = Self.values(4 * H, seed: 1), cPrev = Self.values(H, seed: 2)
        // The equations, with the vector functions applied to whole arrays.
        let i = VectorMathTests.apply(rnnk_function_sigmoid, to: Array(gates[0 ..< H]))
        let f = VectorMathTests.apply(rnnk_function_sigmoid, to: Array(gates[H ..< 2 * H]))
        let g = VectorMathTests.apply(rnnk_function_tanh, to: Array(gates[2 * H ..< 3 * H]))
        let o = VectorMathTests.apply(rnnk_function_sigmoid, to: Array(gates[3 * H ..< 4 * H]))
        let c = (0 ..< H).map { f[$0] * cPrev[$0] + i[$0] * g[$0] }
        let tanhC = VectorMathTests.apply(rnnk_function_tanh, to: c)
        let h = (0 ..< H).map { o[$0] * tanhC[$0] }
        Self.everySetAndSplit(H) { split, label in
            var activated = gates
            var cOut = [Float](repeating: .nan, count: H), cellTanh = cOut, hOut = cOut
            for units in split {
                rnnk_lstm_cell(&activated, cPrev, &cOut, &cellTanh, &hOut, Int64(H), Int64(units.lowerBound), Int64(units.upperBound))
            }
            #expect(activated.map(\.bitPattern) == (i + f + g + o).map(\.bitPattern), "gates, \(label)")
            #expect(cOut.map(\.bitPattern) == c.map(\.bitPattern), "c, \(label)")
            #expect(cellTanh.map(\.bitPattern) == tanhC.map(\.bitPattern), "tanh c, \(label)")
            #expect(hOut.map(\.bitPattern) == h.map(\.bitPattern), "h, \(label)")
        }
    }

    @Test("a GRU step's units are r, z = σ(x + h), n = tanh(x + r·h), h' = n + z·(h₀ − n), in any split and on every set")
    func gruCell() {
        let H = 45
        let gates = Self.values(3 * H, seed: 3), hiddenGates = Self.values(3 * H, seed: 4), hPrev = Self.values(H, seed: 5)
        let sum = { (g: Int) in (0 ..< H).map { gates[g * H + $0] + hiddenGates[g * H + $0] } }
        let r = VectorMathTests.apply(rnnk_function_sigmoid, to: sum(0))
        let z = VectorMathTests.apply(rnnk_function_sigmoid, to: sum(1))
        let hiddenN = Array(hiddenGates[2 * H ..< 3 * H])
        let n = VectorMathTests.apply(rnnk_function_tanh, to: (0 ..< H).map { gates[2 * H + $0] + r[$0] * hiddenN[$0] })
        let h = (0 ..< H).map { n[$0] + z[$0] * (hPrev[$0] - n[$0]) }
        Self.everySetAndSplit(H) { split, label in
            var activated = gates
            var hOut = [Float](repeating: .nan, count: H), hiddenNew = hOut
            for units in split {
                rnnk_gru_cell(&activated, hiddenGates, hPrev, &hOut, &hiddenNew, Int64(H), Int64(units.lowerBound), Int64(units.upperBound))
            }
            #expect(activated.map(\.bitPattern) == (r + z + n).map(\.bitPattern), "gates, \(label)")
            #expect(hiddenNew.map(\.bitPattern) == hiddenN.map(\.bitPattern), "W_hn·h + b_hn, \(label)")
            #expect(hOut.map(\.bitPattern) == h.map(\.bitPattern), "h, \(label)")
        }
    }

    @Test("an LSTM step backward is the chain rule through c and the four gates, in any split and on every set")
    func lstmCellBackward() {
        let H = 45
        let gates = Self.values(4 * H, seed: 6).map { 1 / (1 + $0 * $0) }  // activations in (0, 1]
        let cellTanh = Self.values(H, seed: 7).map { $0 / 6 }, cPrev = Self.values(H, seed: 8)
        let dh = Self.values(H, seed: 9), dhNext = Self.values(H, seed: 10), dcNext = Self.values(H, seed: 11)
        // The equations, one unit at a time, in the kernel's documented order.
        var dcOut = [Float](), dGates = [Float](repeating: 0, count: 4 * H)
        for j in 0 ..< H {
            let (i, f, g, o, tc) = (gates[j], gates[H + j], gates[2 * H + j], gates[3 * H + j], cellTanh[j])
            let dhTotal = dh[j] + dhNext[j]
            let dc = dcNext[j] + dhTotal * o * (1 - tc * tc)
            dcOut.append(dc * f)
            dGates[j] = dc * g * (i * (1 - i))
            dGates[H + j] = dc * cPrev[j] * (f * (1 - f))
            dGates[2 * H + j] = dc * i * (1 - g * g)
            dGates[3 * H + j] = dhTotal * tc * (o * (1 - o))
        }
        Self.everySetAndSplit(H) { split, label in
            var dc = dcNext, out = [Float](repeating: .nan, count: 4 * H)
            for units in split {
                rnnk_lstm_cell_backward(&out, &dc, dh, dhNext, gates, cellTanh, cPrev, Int64(H), Int64(units.lowerBound), Int64(units.upperBound))
            }
            #expect(out.map(\.bitPattern) == dGates.map(\.bitPattern), "∂gates, \(label)")
            #expect(dc.map(\.bitPattern) == dcOut.map(\.bitPattern), "∂c₋₁, \(label)")
        }
    }

    @Test("a GRU step backward is the chain rule through r, z and n, in any split and on every set")
    func gruCellBackward() {
        let H = 45
        let gates = Self.values(3 * H, seed: 12).map { 1 / (1 + $0 * $0) }
        let hPrev = Self.values(H, seed: 13), hiddenNew = Self.values(H, seed: 14)
        let dh = Self.values(H, seed: 15), dhNext = Self.values(H, seed: 16)
        var dInput = [Float](repeating: 0, count: 3 * H), dHidden = dInput, direct = [Float]()
        for j in 0 ..< H {
            let (r, z, n) = (gates[j], gates[H + j], gates[2 * H + j])
            let dhTotal = dh[j] + dhNext[j]
            let dN = dhTotal * (1 - z) * (1 - n * n)
            let dR = dN * hiddenNew[j] * (r * (1 - r))
            let dZ = dhTotal * (hPrev[j] - n) * (z * (1 - z))
            (dInput[j], dInput[H + j], dInput[2 * H + j]) = (dR, dZ, dN)
            (dHidden[j], dHidden[H + j], dHidden[2 * H + j]) = (dR, dZ, dN * r)
            direct.append(dhTotal * z)
        }
        Self.everySetAndSplit(H) { split, label in
            var next = dhNext, outInput = [Float](repeating: .nan, count: 3 * H), outHidden = outInput
            for units in split {
                rnnk_gru_cell_backward(&outInput, &outHidden, &next, dh, gates, hPrev, hiddenNew, Int64(H), Int64(units.lowerBound), Int64(units.upperBound))
            }
            #expect(outInput.map(\.bitPattern) == dInput.map(\.bitPattern), "∂ input gates, \(label)")
            #expect(outHidden.map(\.bitPattern) == dHidden.map(\.bitPattern), "∂ hidden gates, \(label)")
            #expect(next.map(\.bitPattern) == direct.map(\.bitPattern), "∂h₋₁'s direct path, \(label)")
        }
    }

    @Test("a tanh RNN step backward is (∂h + ∂h through the recurrence)·(1 − h²), in any split and on every set")
    func rnnCellBackward() {
        let H = 45
        let h = Self.values(H, seed: 17).map { $0 / 6 }, dh = Self.values(H, seed: 18), dhNext = Self.values(H, seed: 19)
        let expected = (0 ..< H).map { (j: Int) -> Float in (dh[j] + dhNext[j]) * (1 - h[j] * h[j]) }
        Self.everySetAndSplit(H) { split, label in
            var dPre = dh
            for units in split { rnnk_rnn_cell_backward(&dPre, dhNext, h, Int64(units.lowerBound), Int64(units.upperBound)) }
            #expect(dPre.map(\.bitPattern) == expected.map(\.bitPattern), "∂ pre-activation, \(label)")
        }
    }
}
