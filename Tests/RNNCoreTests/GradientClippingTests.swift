import Foundation
import Testing
import TestSupport
@testable import RNNCore

/// `clipGradientNorm` against `torch.nn.utils.clip_grad_norm_`, on gradients laid out like a
/// 2-layer network of hidden size 4 (73 values in 10 tensors, some longer than one 8-lane block).
@Suite("Gradient clipping")
struct GradientClippingTests {
    /// Tolerance of the norm and of the clipped gradients, in ulp. PyTorch reduces each tensor's
    /// squares in its own vectorised order (and the norms of the norms again), we in eight
    /// interleaved partial sums: the same sum in another order, which can differ in the last bits.
    /// A norm an ulp away changes the coefficient max/(norm + 1e-6) by about an ulp, and the
    /// clipped gradients by one more rounding: 3 ulp bounds both.
    static let tolerance: UInt32 = 3

    @Test("returns PyTorch's total norm and clips gradients as PyTorch does")
    func matchesPyTorch() throws {
        let reference = try UnitReferences.load().clipping
        let layout = ParameterLayout(hiddenSize: reference.hiddenSize, numLayers: reference.numLayers)
        var worstNorm: UInt32 = 0, worstGradient: UInt32 = 0
        for testCase in reference.cases {
            var gradients = testCase.gradients.values
            try #require(gradients.count == layout.count)
            let norm = clipGradientNorm(&gradients, layout: layout, maxNorm: testCase.maxNorm)

            let normDistance = ulpDistance(norm, testCase.norm.value)
            #expect(normDistance != nil && normDistance! <= Self.tolerance,
                    "\(testCase.name): norm \(norm) vs PyTorch \(testCase.norm.value)")
            let (distance, at) = worstUlpDistance(gradients, testCase.clipped.values)
            #expect(distance != nil && distance! <= Self.tolerance,
                    "\(testCase.name): gradient[\(at)] \(gradients[at]) vs PyTorch \(testCase.clipped.values[at])")
            worstNorm = max(worstNorm, normDistance ?? .max)
            worstGradient = max(worstGradient, distance ?? .max)
        }
        print("clipGradientNorm vs clip_grad_norm_: worst norm \(worstNorm) ulp, worst gradient \(worstGradient) ulp")
    }

    @Test("a norm below the maximum leaves every gradient unchanged, bit for bit")
    func belowMaximumUnchanged() {
        let layout = ParameterLayout(hiddenSize: 4, numLayers: 2)
        // Values of both signs and of two scales, −0 included; total norm well below 1.
        var original = [Float](repeating: 0, count: layout.count)
        for i in original.indices {
            let scale: Float = i % 2 == 0 ? 0.01 : 0.01 / 3
            original[i] = Float(i % 7 - 3) * scale
        }
        original[3] = -0.0
        var gradients = original
        let norm = clipGradientNorm(&gradients, layout: layout, maxNorm: 1)
        #expect(norm > 0 && norm < 1)
        #expect(gradients.map(\.bitPattern) == original.map(\.bitPattern))
    }

    @Test("the norm is the L2 norm over all tensors, and clipping scales it to the maximum")
    func normOverAllTensors() {
        // Hidden size 1, one layer: six tensors of one value each. 3-4-12 makes 13 exactly.
        let layout = ParameterLayout(hiddenSize: 1, numLayers: 1)
        var gradients: [Float] = [3, 0, 4, 0, 12, 0]
        let norm = clipGradientNorm(&gradients, layout: layout, maxNorm: 2)
        #expect(norm == 13)  // squares and square roots of small integers are exact
        let coefficient = Float(2) / (13 + 1e-6)
        #expect(gradients == [3 * coefficient, 0, 4 * coefficient, 0, 12 * coefficient, 0])
        // Tolerance 1e-6: the clipped norm is 2·13/(13 + 1e-6) and each value carries one rounding.
        let clippedNorm = gradients.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(clippedNorm - 2) <= 1e-6)
    }

    @Test("NaN gradients make every gradient NaN, and infinite ones NaN where infinite, zero elsewhere, as in PyTorch")
    func nonFiniteGradients() {
        let layout = ParameterLayout(hiddenSize: 2, numLayers: 1)
        var withNaN = [Float](repeating: 0.5, count: layout.count)
        withNaN[4] = .nan
        #expect(clipGradientNorm(&withNaN, layout: layout, maxNorm: 1).isNaN)
        #expect(withNaN.allSatisfy { $0.isNaN })

        var withInfinity = [Float](repeating: 0.5, count: layout.count)
        withInfinity[2] = -.infinity
        #expect(clipGradientNorm(&withInfinity, layout: layout, maxNorm: 1) == .infinity)
        // The coefficient is 1/∞ = 0: ∞·0 is NaN, every finite gradient becomes 0.
        #expect(withInfinity[2].isNaN)
        #expect(withInfinity.enumerated().allSatisfy { $0.offset == 2 || $0.element == 0 })
    }
}
