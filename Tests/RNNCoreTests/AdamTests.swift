import Foundation
import Testing
import TestSupport
@testable import RNNCore

/// Adam against `torch.optim.Adam` (betas 0.9/0.999, eps 1e-8, float32), state after every step.
///
/// The reference (Fixtures/unit, `adam_reference`) runs 8 steps on 11 parameters (one 8-lane
/// block and a 3-value tail, so both loops of `Adam.step` run), with the learning rate changed
/// between steps and with zero, large (up to 1e18) and tiny (down to the smallest subnormal)
/// gradients.
@Suite("Adam")
struct AdamTests {
    /// Tolerance of parameters and moments, in ulp. Our step uses PyTorch's formulas in PyTorch's
    /// order, but PyTorch's vectorised `lerp_` (the update of m) computes `fmadd(w, g − m, m)`, one
    /// rounding where we round twice, so m can be an ulp away, and that difference reaches the
    /// parameters through m / denom. Four ulp is about 2.4e-7 relative, well below any drift that
    /// would show in training.
    static let stateTolerance: UInt32 = 4

    @Test("parameters and moments follow torch.optim.Adam step by step")
    func matchesPyTorch() throws {
        let reference = try UnitReferences.load().adam
        var parameters = reference.initial.values
        let adam = Adam(parameterCount: parameters.count)
        var worst: UInt32 = 0
        for (index, step) in reference.steps.enumerated() {
            adam.step(parameters: &parameters, gradients: step.gradient.values, learningRate: step.learningRate)
            let (m, v) = adam.moments
            for (name, actual, expected) in [
                ("parameters", parameters, step.parameters.values), ("m", m, step.m.values), ("v", v, step.v.values),
            ] {
                let (distance, at) = worstUlpDistance(actual, expected)
                #expect(distance != nil && distance! <= Self.stateTolerance,
                        "step \(index + 1) \(name)[\(at)]: \(actual[at]) vs PyTorch \(expected[at])")
                worst = max(worst, distance ?? .max)
            }
        }
        #expect(adam.completedSteps == reference.steps.count)
        print("Adam vs torch.optim.Adam: worst difference \(worst) ulp over \(reference.steps.count) steps")
    }

    @Test("the first step moves each parameter by the learning rate against its gradient's sign")
    func firstStepIsLearningRateTimesSign() {
        // After one step m̂ = g and v̂ = g², so the update is lr·g / (|g| + ε) = ±lr (1 − ε/|g|).
        var parameters: [Float] = [1, -2, 0.5, 0, 3, -1, 0.25, 4, 10]
        let before = parameters
        let gradients: [Float] = [0.5, -0.5, 2, -3, 1e-2, 100, -1e3, 0.75, -0.125]
        let adam = Adam(parameterCount: parameters.count)
        adam.step(parameters: &parameters, gradients: gradients, learningRate: 0.01)
        for i in parameters.indices {
            let expected = before[i] - 0.01 * (gradients[i] > 0 ? 1 : -1)
            // Tolerance 1e-6 absolute: ε/|g| ≤ 1e-6 here, and the float subtraction from values up
            // to 10 rounds at about 1e-6.
            #expect(abs(parameters[i] - expected) <= 1e-6, "parameter \(i): \(parameters[i]) vs \(expected)")
        }
    }

    @Test("ε is 1e-8, added after the square root: a gradient of 1e-8 moves a parameter half as far as a large one")
    func epsilonAtGradientScale() {
        // After one step the update is lr·g / (|g| + ε): for |g| = ε that is lr/2, for |g| = 3ε it
        // is 3lr/4; ε inside the root, √(v̂ + ε), would move these by about 1e-4 lr. In the PyTorch
        // reference the gradients near ε come after huge ones, whose second moment swamps ε: an ε
        // of 1e-7 passes matchesPyTorch (tried), so this test is what pins ε down.
        let gradients: [Float] = [1e-8, -1e-8, 3e-8, 1e-8, 1e-8, -3e-8, 1e-8, 1e-8, 1e-8, -1e-8]
        var parameters = [Float](repeating: 0, count: gradients.count)  // one 8-lane block and a tail
        let adam = Adam(parameterCount: parameters.count)
        adam.step(parameters: &parameters, gradients: gradients, learningRate: 1)
        for (i, g) in gradients.enumerated() {
            let expected = -Double(g) / (abs(Double(g)) + 1e-8)
            // Tolerance 1e-6: the float ε and the float square roots carry a few ulp each.
            #expect(abs(Double(parameters[i]) - expected) < 1e-6, "parameter \(i): \(parameters[i]) vs \(expected)")
        }
    }

    @Test("zero gradients from the start leave parameters and moments at their values")
    func zeroGradientsChangeNothing() {
        var parameters: [Float] = [1, -2, 3, 0.5, -0.25, 8, 9, 10, -11]
        let before = parameters
        let adam = Adam(parameterCount: parameters.count)
        #expect(adam.moments.m == Array(repeating: 0, count: 9))
        for _ in 0 ..< 3 {
            adam.step(parameters: &parameters, gradients: Array(repeating: 0, count: 9), learningRate: 0.1)
        }
        #expect(parameters == before)  // m = 0, so the update is exactly 0 / (0 + ε) = 0
        #expect(adam.moments.m == Array(repeating: 0, count: 9))
        #expect(adam.moments.v == Array(repeating: 0, count: 9))
        #expect(adam.completedSteps == 3)
    }

    @Test("clipping's scale inside Adam's pass gives the bits of scaling first, and leaves the gradients as they were, with every instruction set, on 1 and 2 threads",
          arguments: InstructionSet.allCases.filter(\.isSupported))
    func fusedScaleAndZeroing(set: InstructionSet) {
        // Long enough to be split among threads, with a tail after the last full vector.
        let count = Adam.parallelThreshold + 21
        var generator = SplitMix64(seed: 7)
        let start = (0 ..< count).map { _ in generator.nextFloat(in: -1, 1) }
        let gradientRounds = (0 ..< 3).map { _ in (0 ..< count).map { _ in generator.nextFloat(in: -3, 3) } }
        let scales: [Float?] = [0.37, nil, 0.0123]
        withInstructionSet(set) {
            for pool in [nil, WorkerPool(threadCount: 2)] as [WorkerPool?] {
                let separate = Adam(parameterCount: count), fused = Adam(parameterCount: count)
                var expected = start, actual = start
                for (gradients, scale) in zip(gradientRounds, scales) {
                    // Scaled first, then Adam, as clip_grad_norm_ and optimizer.step do it.
                    var scaled = gradients
                    if let scale { for i in scaled.indices { scaled[i] = scaled[i] * scale } }
                    separate.step(parameters: &expected, gradients: scaled, learningRate: 0.01)
                    var buffer = gradients
                    actual.withUnsafeMutableBufferPointer { p in
                        buffer.withUnsafeMutableBufferPointer { g in
                            fused.step(parameters: p.baseAddress!, gradients: g.baseAddress!, count: count, learningRate: 0.01,
                                       pool: pool, gradientScale: scale)
                        }
                    }
                    let written = buffer.indices.first { buffer[$0].bitPattern != gradients[$0].bitPattern }
                    #expect(written == nil, "\(set.rawValue): the fused pass wrote gradient \(written ?? -1)")
                }
                let threads = pool?.threadCount ?? 1
                let parameterDifference = actual.indices.first { actual[$0].bitPattern != expected[$0].bitPattern }
                #expect(parameterDifference == nil, "\(set.rawValue), \(threads) threads: parameter \(parameterDifference ?? -1) differs")
                // Compared outside #expect, which would diff 65 557 values one by one on a failure.
                let (fusedMoments, separateMoments) = (fused.moments, separate.moments)
                let sameM = fusedMoments.m.map(\.bitPattern) == separateMoments.m.map(\.bitPattern)
                let sameV = fusedMoments.v.map(\.bitPattern) == separateMoments.v.map(\.bitPattern)
                #expect(sameM, "\(set.rawValue), \(threads) threads: first moments differ")
                #expect(sameV, "\(set.rawValue), \(threads) threads: second moments differ")
            }
        }
    }
}
