import Foundation

/// Ticks for a log-10 axis.
///
/// With two or more powers of ten in range, major ticks sit on powers of ten (every k-th one if there
/// are too many) with minor ticks at 2…9 times each; across a narrower range they sit at 1, 2 and 5
/// times a power of ten (1 and 5, or 1 and 3, where those are too many for the axis: the fewest
/// if all are), and across a very narrow range, with fewer than two of any, linear nice ticks.
enum LogTicks {
    static func ticks(in domain: ClosedRange<Double>, maxIntervals: Int) -> TickSet {
        let lower = log10(domain.lowerBound)
        let upper = log10(domain.upperBound)
        guard lower.isFinite, upper.isFinite, lower < upper else { return TickSet(major: []) }
        let maxTicks = max(maxIntervals, 1) + 1
        let firstDecade = Int((lower - 1e-9).rounded(.up))
        let lastDecade = Int((upper + 1e-9).rounded(.down))
        if lastDecade - firstDecade >= 1 {
            return decades(firstDecade ... lastDecade, in: domain, maxTicks: maxTicks)
        }
        // 1, 2 and 5 times a power of ten; where they are too many for the axis, fewer of them.
        // (Linear ticks across most of a decade crowd at its top: 0.005, 0.010 and 0.015 on a
        // small panel of a learning rate that never changed.)
        let (from, through) = (Int(lower.rounded(.down)), Int(upper.rounded(.up)))
        let choices = [[1, 2, 5], [1, 5], [1, 3]].map { ($0, multiples($0, from: from, through: through, in: domain)) }
            .filter { $0.1.count >= 2 }
        if let (multipliers, major) = choices.first(where: { $0.1.count <= maxTicks })
            ?? choices.min(by: { $0.1.count < $1.1.count }) {
            let labels = TickLabelFormat.labels(for: major, uniformDecimals: false)
            let minor = multiples(Array(2 ... 9).filter { !multipliers.contains($0) }, from: from, through: through, in: domain)
            return TickSet(major: zip(major, labels).map { Tick(value: $0.doubleValue, label: $1) },
                           minor: minor.map(\.doubleValue))
        }
        // Across a narrow range, fewer than two of them: linear ticks.
        let linear = LinearTicks.ticks(in: domain, maxIntervals: maxIntervals, integer: false)
        return TickSet(major: linear.filter { $0.value > 0 })
    }

    /// Powers of ten, every `stride`-th one so that at most `maxTicks` remain, with minor ticks
    /// between them.
    private static func decades(_ decades: ClosedRange<Int>, in domain: ClosedRange<Double>, maxTicks: Int) -> TickSet {
        let stride = (decades.count + maxTicks - 1) / maxTicks
        // Powers whose exponent is a multiple of the stride, so that 10⁰ is kept when in range.
        var chosen = decades.filter { $0 % stride == 0 }
        if chosen.count < 2 { chosen = Array(Swift.stride(from: decades.lowerBound, through: decades.upperBound, by: stride)) }
        let major = chosen.map { Tick(value: DecimalNumber.power($0), label: TickLabelFormat.power($0)) }
        let minor: [Double]
        if stride == 1 {
            let below = decades.lowerBound - 1
            minor = multiples(Array(2 ... 9), from: below, through: decades.upperBound, in: domain).map(\.doubleValue)
        } else {
            let kept = Set(chosen)
            minor = decades.filter { !kept.contains($0) }.map { DecimalNumber.power($0) }
        }
        return TickSet(major: major, minor: minor)
    }

    /// `m × 10^k` for each multiplier and each k in range, that fall inside `domain`, ascending.
    private static func multiples(_ multipliers: [Int], from lowest: Int, through highest: Int, in domain: ClosedRange<Double>) -> [DecimalNumber] {
        guard lowest <= highest else { return [] }
        var result: [DecimalNumber] = []
        for exponent in lowest ... highest {
            for multiplier in multipliers {
                let number = DecimalNumber(significand: multiplier, exponent: exponent)
                let value = number.doubleValue
                if value >= domain.lowerBound * (1 - 1e-12), value <= domain.upperBound * (1 + 1e-12) {
                    result.append(number)
                }
            }
        }
        return result
    }
}
