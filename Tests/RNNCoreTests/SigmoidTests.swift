import Foundation
import Testing
import CKernels
import TestSupport
@testable import RNNCore

/// The vectorised sigmoid of CKernels (`rnnk_map`) against 1/(1 + e^{−x}) in double rounded to float,
/// measured in ulp of the float result, as VectorMathTests measures tanh and exp.
@Suite("Vector sigmoid")
struct SigmoidTests {
    /// exp's 2 ulp, half an ulp for 1 + e^{−x} and half for the division, rounded up.
    static let tolerance: UInt32 = 3

    static func reference(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    @Test("sigmoid is within 3 ulp of the correctly rounded σ over [−87, 87], densely around 0 and in the tails")
    func accuracy() {
        var inputs: [Float] = (-87 * 1024 ... 87 * 1024).map { Float($0) / 1024 }
        inputs += VectorMathTests.allFloats(from: 0.5, to: 1)
        inputs += VectorMathTests.randomFloats(count: 1 << 19, from: 1e-9, to: 87)
        inputs += inputs.map { -$0 }
        inputs += [0, -0.0, .leastNonzeroMagnitude, 1e-30, 17, -17, 87, -87]
        let worst = VectorMathTests.worstError(of: rnnk_function_sigmoid, reference: Self.reference, on: inputs)
        print("vector sigmoid: worst error \(worst.ulp) ulp at x = \(worst.input) over \(inputs.count) inputs")
        #expect(worst.ulp <= Self.tolerance,
                "σ(\(worst.input)) = \(worst.actual), correctly rounded \(worst.expected): \(worst.ulp) ulp")
        let outputs = VectorMathTests.apply(rnnk_function_sigmoid, to: inputs)
        #expect(outputs.allSatisfy { $0 >= 0 && $0 <= 1 }, "0 ≤ σ ≤ 1")
    }

    @Test("sigmoid saturates to exactly 1 above, to below the smallest normal float under −88, and σ(0) = ½")
    func saturation() {
        let inputs: [Float] = [0, 20, 88, 1e10, .infinity, -88, -100, -1e10, -.infinity]
        let outputs = VectorMathTests.apply(rnnk_function_sigmoid, to: inputs)
        #expect(outputs[0] == 0.5)
        #expect(outputs[1 ... 4].allSatisfy { $0 == 1 }, "σ of large inputs: \(outputs[1 ... 4])")
        // The correctly rounded σ is below 7e−39 there; the clamp of −x at 88 gives 1/(1 + e⁸⁸).
        #expect(outputs[5 ... 8].allSatisfy { $0 >= 0 && $0 < Float.leastNormalMagnitude * 1.0001 }, "σ of very negative inputs: \(outputs[5 ... 8])")
    }

    @Test("sigmoid of NaN is NaN, in every lane and next to ordinary values")
    func nan() {
        let inputs: [Float] = [.nan, 0.5, -.nan, 3, .signalingNaN, -1, Float(bitPattern: 0x7FFF_FFFF), 0.1]
        let outputs = VectorMathTests.apply(rnnk_function_sigmoid, to: inputs)
        for (x, y) in zip(inputs, outputs) {
            #expect(x.isNaN == y.isNaN, "σ(\(x)) = \(y)")
        }
    }
}
