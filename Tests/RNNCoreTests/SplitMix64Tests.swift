import Foundation
import Testing
import TestSupport
@testable import RNNCore

@Suite("SplitMix64")
struct SplitMix64Tests {
    @Test("the reference implementation's outputs (Vigna's splitmix64.c)")
    func referenceOutputs() {
        // Seed 1477776061723855037: the first values of the test vector that rand_xoshiro (and
        // vks/xoshiro, src/splitmix64.rs) took from http://xoshiro.di.unimi.it/splitmix64.c.
        var generator = SplitMix64(seed: 1_477_776_061_723_855_037)
        let published: [UInt64] = [
            1_985_237_415_132_408_290, 2_979_275_885_539_914_483, 13_511_426_838_097_143_398,
            8_488_337_342_461_049_707, 15_141_737_807_933_549_159, 17_093_170_987_380_407_015,
            16_389_528_042_912_955_399, 13_177_319_091_862_933_652, 10_841_969_400_225_389_492,
            17_094_824_097_954_834_098,
        ]
        #expect(published.map { _ in generator.next() } == published)

        // Seed 0, from a separate ten-line Python transcription of splitmix64.c.
        var zero = SplitMix64(seed: 0)
        #expect((0 ..< 5).map { _ in zero.next() } == [
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
            0xF88B_B8A8_724C_81EC, 0x1B39_896A_51A8_749B,
        ])
    }

    @Test("equal seeds give equal sequences; neighbouring seeds differ at every draw")
    func determinism() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        let first = (0 ..< 100).map { _ in a.next() }
        #expect(first == (0 ..< 100).map { _ in b.next() })
        // The states of seeds 42 and 43 stay one apart, and the output function is a bijection:
        // the two sequences never agree. A seed that was ignored or truncated would make them equal.
        var other = SplitMix64(seed: 43)
        let second = (0 ..< 100).map { _ in other.next() }
        #expect(zip(first, second).allSatisfy { $0 != $1 })
    }

    /// Seeds whose first output is a chosen value, found by inverting the output function of
    /// splitmix64.c (a bijection) in Python: seed = unmix(output) − 0x9E3779B97F4A7C15.
    enum Seeds {
        /// First output 0xFFFFFF00_00000000: the largest 24-bit fraction, u = 1 − 2⁻²⁴.
        static let largestFraction: UInt64 = 0x1161_223A_2713_2434
        /// First output 0x000000FF_FFFFFFFF: u = 0.
        static let zeroFraction: UInt64 = 0x7F46_B66B_1338_99A5
    }

    @Test("nextFloat takes the top 24 bits: u = 0 gives low exactly, u = 1 − 2⁻²⁴ stays below high")
    func nextFloatExtremes() {
        var check = SplitMix64(seed: Seeds.largestFraction)
        #expect(check.next() == 0xFFFF_FF00_0000_0000)
        check = SplitMix64(seed: Seeds.zeroFraction)
        #expect(check.next() == 0x0000_00FF_FFFF_FFFF)

        var generator = SplitMix64(seed: Seeds.zeroFraction)
        #expect(generator.nextFloat(in: -0.25, 0.25) == -0.25)
        generator = SplitMix64(seed: Seeds.largestFraction)
        #expect(generator.nextFloat(in: 0, 1) == 1 - 0x1p-24)

        // The initialisation's ranges, U(−1/√H, 1/√H) for every allowed hidden size: the largest
        // fraction stays strictly below the upper bound, and the smallest gives the lower bound.
        for h in 1 ... TrainingConfiguration.Limits.hiddenSize {
            let bound = 1 / Float(h).squareRoot()
            var largest = SplitMix64(seed: Seeds.largestFraction)
            let top = largest.nextFloat(in: -bound, bound)
            #expect(top < bound, "H = \(h): \(top) is not below \(bound)")
            var smallest = SplitMix64(seed: Seeds.zeroFraction)
            #expect(smallest.nextFloat(in: -bound, bound) == -bound, "H = \(h)")
        }
    }

    @Test("nextFloat values lie in [low, high] and spread over the range")
    func nextFloatBounds() {
        var generator = SplitMix64(seed: 7)
        for (low, high) in [(Float(-1), Float(1)), (-0.17677669, 0.17677669), (2, 3), (-5, -4.5)] {
            let values = (0 ..< 100_000).map { _ in generator.nextFloat(in: low, high) }
            #expect(values.allSatisfy { $0 >= low && $0 <= high }, "[\(low), \(high)]")
            // 100 000 uniform draws: the extremes come within 1e-3 of the ends, and the mean within
            // 0.01 of the middle (its standard deviation is about 0.0009 × the width).
            #expect(values.min()! - low < 1e-3 * (high - low))
            #expect(high - values.max()! < 1e-3 * (high - low))
            let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
            #expect(abs(mean - Double(low + high) / 2) < 0.01 * Double(high - low))
        }
    }
}
