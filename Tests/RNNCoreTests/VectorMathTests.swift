import Foundation
import Testing
import CKernels
import TestSupport
@testable import RNNCore

/// The vectorised `tanh` and `exp` of CKernels (`rnnk_map`) against the C library's double
/// `tanh`/`exp` rounded to float (correctly rounded except, rarely, by the double rounding: well
/// under a tenth of an ulp of float), measured in ulp of the float result.
@Suite("Vector tanh and exp")
struct VectorMathTests {
    /// The documented accuracy of both functions (Cephes' `tanhf`/`expf` methods): 2 ulp.
    static let tolerance: UInt32 = 2

    // MARK: - tanh

    @Test("tanh is within 2 ulp of the correctly rounded tanh, over [−12, 12] and densely around its branch points")
    func tanhAccuracy() {
        var inputs: [Float] = (-12 * 4096 ... 12 * 4096).map { Float($0) / 4096 }
        inputs += Self.allFloats(from: 0.5, to: 1)     // the 0.625 switch between the two methods
        inputs += Self.allFloats(from: 8.5, to: 9.5)   // the clamp at 9
        inputs += Self.randomFloats(count: 1 << 20, from: 1e-9, to: 30)
        inputs += Self.tanhSpecialPoints.filter(\.isFinite)
        inputs += inputs.map { -$0 }
        let worst = Self.worstError(of: rnnk_function_tanh, reference: { Foundation.tanh($0) }, on: inputs)
        #expect(worst.ulp <= Self.tolerance,
                "tanh(\(worst.input)) = \(worst.actual), correctly rounded \(worst.expected): \(worst.ulp) ulp")
        let unsaturated = inputs.filter { abs($0) < 9 }
        let worstBelow9 = Self.worstError(of: rnnk_function_tanh, reference: { Foundation.tanh($0) }, on: unsaturated)
        print("vector tanh: worst error \(worst.ulp) ulp at x = \(worst.input) over \(inputs.count) inputs; "
            + "\(worstBelow9.ulp) ulp at x = \(worstBelow9.input) for |x| < 9")
    }

    @Test("tanh at special points: ±0, tiny, the 0.625 and 9 branch points, huge, ±∞")
    func tanhSpecialPoints() {
        let inputs = Self.tanhSpecialPoints + Self.tanhSpecialPoints.map { -$0 }
        let outputs = Self.apply(rnnk_function_tanh, to: inputs)
        for (x, y) in zip(inputs, outputs) {
            let expected = Float(Foundation.tanh(Double(x)))
            let distance = ulpDistance(y, expected)
            #expect(distance != nil && distance! <= Self.tolerance, "tanh(\(x)) = \(y), correctly rounded \(expected)")
        }
    }

    @Test("tanh of ±∞ and of large inputs is exactly ±1, as the correctly rounded tanh")
    func tanhSaturates() {
        // In float, tanh(x) rounds to 1 once 2e^{−2x} < 2⁻²⁵, that is for x above about 9.011.
        let inputs: [Float] = [.infinity, -.infinity, .greatestFiniteMagnitude, 1e30, -1e30, 20, -20, 9.1, -9.1]
        let outputs = Self.apply(rnnk_function_tanh, to: inputs)
        #expect(outputs == inputs.map { $0 > 0 ? 1 : -1 }, "tanh of \(inputs)")
    }

    @Test("tanh is exactly odd and |tanh| ≤ 1")
    func tanhOddSymmetry() {
        var inputs: [Float] = (1 ... 12 * 4096).map { Float($0) / 4096 }
        inputs += Self.randomFloats(count: 1 << 16, from: .leastNonzeroMagnitude, to: .greatestFiniteMagnitude)
        inputs += [.leastNonzeroMagnitude, .leastNormalMagnitude, .infinity]
        let positive = Self.apply(rnnk_function_tanh, to: inputs)
        let negative = Self.apply(rnnk_function_tanh, to: inputs.map { -$0 })
        let asymmetric = zip(inputs, zip(positive, negative)).filter { $0.1.1.bitPattern != (-$0.1.0).bitPattern }
        #expect(asymmetric.isEmpty, "tanh(−x) ≠ −tanh(x) for \(asymmetric.count) inputs, first \(asymmetric.first.map { "\($0.0)" } ?? "")")
        #expect(positive.allSatisfy { $0 > 0 && $0 <= 1 } && negative.allSatisfy { $0 < 0 && $0 >= -1 },
                "0 < |tanh x| ≤ 1 with the sign of x")
    }

    @Test("tanh keeps the sign of zero: tanh(−0) = −0, as C's tanh and PyTorch's")
    func tanhSignedZero() {
        let zeros = Self.apply(rnnk_function_tanh, to: [0, -0.0])
        #expect(zeros[0].bitPattern == Float(0).bitPattern, "tanh(+0) = \(zeros[0])")
        #expect(zeros[1].bitPattern == Float(-0.0).bitPattern, "tanh(−0) = \(zeros[1])")
    }

    @Test("tanh of NaN is NaN, in every lane and next to ordinary values")
    func tanhNaN() {
        let inputs: [Float] = [.nan, 0.5, -.nan, 3, .signalingNaN, -1, Float(bitPattern: 0x7FFF_FFFF), 0.1]
        let outputs = Self.apply(rnnk_function_tanh, to: inputs)
        for (x, y) in zip(inputs, outputs) {
            #expect(x.isNaN == y.isNaN, "tanh(\(x)) = \(y)")
        }
    }

    // MARK: - exp

    @Test("exp is within 2 ulp of the correctly rounded exp over [−87, 88]")
    func expAccuracy() {
        var inputs: [Float] = (-87 * 1024 ... 88 * 1024).map { Float($0) / 1024 }
        inputs += Self.randomFloats(count: 1 << 18, from: 1e-9, to: 87)
        inputs += inputs.map { -$0 }.filter { $0 >= -87 }
        inputs += [0, -0.0, .leastNonzeroMagnitude, 1, -1, Float(M_LN2), -Float(M_LN2), 0.5 * Float(M_LN2), 88, -87]
        let worst = Self.worstError(of: rnnk_function_exp, reference: { Foundation.exp($0) }, on: inputs)
        #expect(worst.ulp <= Self.tolerance,
                "exp(\(worst.input)) = \(worst.actual), correctly rounded \(worst.expected): \(worst.ulp) ulp")
        #expect(Self.apply(rnnk_function_exp, to: [0, -0.0]) == [1, 1], "exp(0) = 1 exactly")
        print("vector exp: worst error \(worst.ulp) ulp at x = \(worst.input) over \(inputs.count) inputs")
    }

    // MARK: - Helpers

    static let tanhSpecialPoints: [Float] = [
        0, .leastNonzeroMagnitude, .leastNormalMagnitude, 1e-30, 1e-10, 1e-4, 0.1,
        Float(0.625).nextDown, 0.625, Float(0.625).nextUp, 1, 2,
        Float(9).nextDown, 9, Float(9).nextUp, 9.01, 9.1, 10, 20, 44, 88, 89, 1e10,
        .greatestFiniteMagnitude, .infinity,
    ]

    /// `function` applied to `inputs` by CKernels' `rnnk_map`, at the instruction set in use.
    static func apply(_ function: rnnk_function, to inputs: [Float]) -> [Float] {
        var outputs = [Float](repeating: 0, count: inputs.count)
        rnnk_map(&outputs, inputs, Int64(inputs.count), function)
        return outputs
    }

    /// The largest error in ulp of `f` against `reference` in double rounded to float.
    static func worstError(
        of f: rnnk_function, reference: (Double) -> Double, on inputs: [Float]
    ) -> (ulp: UInt32, input: Float, actual: Float, expected: Float) {
        let outputs = apply(f, to: inputs)
        var worst: (ulp: UInt32, input: Float, actual: Float, expected: Float) = (0, 0, 0, 0)
        for (x, y) in zip(inputs, outputs) {
            let expected = Float(reference(Double(x)))
            let distance = ulpDistance(y, expected) ?? .max
            if distance > worst.ulp { worst = (distance, x, y, expected) }
        }
        return worst
    }

    /// Every float in [low, high).
    static func allFloats(from low: Float, to high: Float) -> [Float] {
        (low.bitPattern ..< high.bitPattern).map(Float.init(bitPattern:))
    }

    /// `count` positive floats drawn uniformly among the floats of [low, high) (so, about evenly
    /// over their binades), from a fixed seed.
    static func randomFloats(count: Int, from low: Float, to high: Float) -> [Float] {
        var generator = SplitMix64(seed: 20_240_601)
        return (0 ..< count).map { _ in
            Float(bitPattern: UInt32.random(in: low.bitPattern ..< high.bitPattern, using: &generator))
        }
    }
}
