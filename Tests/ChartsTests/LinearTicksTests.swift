@testable import Charts
import Testing

@Suite("Linear ticks")
struct LinearTicksTests {
    private func values(_ domain: ClosedRange<Double>, _ intervals: Int, integer: Bool = false) -> [Double] {
        LinearTicks.ticks(in: domain, maxIntervals: intervals, integer: integer).map(\.value)
    }

    private func labels(_ domain: ClosedRange<Double>, _ intervals: Int, integer: Bool = false) -> [String] {
        LinearTicks.ticks(in: domain, maxIntervals: intervals, integer: integer).map(\.label)
    }

    @Test("steps are the smallest of 1, 2, 2.5, 5, 10 × 10ⁿ at least span / intervals")
    func steps() {
        // 14999 / 7 = 2142.7: 2000 is too small, 2500 is the next nice step.
        #expect(values(0...14999, 7) == [0, 2500, 5000, 7500, 10000, 12500])
        // 14999 / 14 = 1071.4: 2000.
        #expect(values(0...14999, 14) == [0, 2000, 4000, 6000, 8000, 10000, 12000, 14000])
        // 2.2 / 6 = 0.367: 0.5.
        #expect(values(-1.1...1.1, 6) == [-1, -0.5, 0, 0.5, 1])
        // 10 / 4 = 2.5 exactly: 2.5, not 5.
        #expect(values(0...10, 4) == [0, 2.5, 5, 7.5, 10])
        // 1 / 5 = 0.2 exactly, computed with rounding error: still 0.2.
        #expect(values(0...1, 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test("integer ticks skip fractional steps and 2.5")
    func integerTicks() {
        #expect(values(0...10, 4, integer: true) == [0, 5, 10])
        #expect(values(0...4, 10, integer: true) == [0, 1, 2, 3, 4])
        #expect(values(0...100, 4, integer: true) == [0, 25, 50, 75, 100])
        #expect(values(14998...15000, 10, integer: true) == [14998, 14999, 15000])
    }

    @Test("labels are exact decimals with a common number of digits and a real minus sign")
    func labelsAreExact() {
        #expect(labels(0...0.3, 3) == ["0.0", "0.1", "0.2", "0.3"])
        #expect(values(0...0.3, 3).last == 0.3)
        #expect(labels(-1.1...1.1, 6) == ["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5", "1.0"])
        #expect(labels(0...1, 4) == ["0.00", "0.25", "0.50", "0.75", "1.00"])
        #expect(labels(0...14999, 14).last == "14,000")
        #expect(labels(0...1_500_000, 7) == ["0", "250,000", "500,000", "750,000", "1,000,000", "1,250,000", "1,500,000"])
        #expect(labels(0...5e-5, 5) == ["0", "10⁻⁵", "2×10⁻⁵", "3×10⁻⁵", "4×10⁻⁵", "5×10⁻⁵"])
        #expect(labels(0...3e9, 3) == ["0", "10⁹", "2×10⁹", "3×10⁹"])
    }

    @Test("no ticks for an empty or non-finite domain")
    func degenerateDomains() {
        #expect(values(1...1, 5).isEmpty)
        #expect(values(0...Double.infinity, 5).isEmpty)
        #expect(values(-Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, 5).count >= 2)
    }

    @Test("with few intervals, a finer step rather than a single tick")
    func atLeastTwoTicks() {
        // One interval: 1.1 / 1 → step 2, no multiple in 0.5…1.6. Two: 0.55 → step 1, only 1.
        // Three: 0.367 → step 0.5, three ticks.
        #expect(values(0.5...1.6, 1) == [0.5, 1, 1.5])
    }

    @Test("over many domains: inside, evenly spaced, at least two, at most intervals + 1, nice step", arguments: 1...8)
    func properties(intervals: Int) {
        // 17 magnitudes × 6 starting points × 5 widths: 510 domains, from tiny to huge.
        let starts = [-0.97, -0.5, -0.013, 0, 0.3, 0.77]
        let widths = [0.011, 0.3, 1, 2.7, 9.9]
        let domains = (-8 ... 8).flatMap { exponent in
            starts.flatMap { start in widths.map { width in (start, width, pow10(Double(exponent))) } }
        }
        for (start, width, scale) in domains {
            let a = start * scale
            let b = a + width * scale
            let ticks = values(a...b, intervals)
            // At least two; at most intervals + 1, except when a finer step was needed to get two.
            #expect(ticks.count >= 2, "\(a)...\(b)")
            #expect(ticks.count <= intervals + 1 || intervals <= 3, "\(a)...\(b)")
            // Ends may sit on the domain's bounds within the rounding the tick search allows.
            #expect(ticks.allSatisfy { $0 >= a - abs(a) * 1e-9 - 1e-300 && $0 <= b + abs(b) * 1e-9 + 1e-300 })
            guard ticks.count >= 2 else { continue }
            let step = ticks[1] - ticks[0]
            let mantissa = step / pow10((log10Of(step)).rounded(.down))
            #expect([1, 2, 2.5, 5, 10].contains { abs($0 - mantissa) < 1e-6 }, "step \(step)")
            // Evenly spaced to within the rounding of decimal values.
            for (left, right) in zip(ticks, ticks.dropFirst()) {
                #expect(abs((right - left) - step) <= step * 1e-9)
            }
        }
    }
}
