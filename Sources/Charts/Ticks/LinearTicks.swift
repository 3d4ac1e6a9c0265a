import Foundation

/// Evenly spaced "nice" ticks: steps of 1, 2, 2.5, 5 or 10 times a power of ten, as matplotlib's
/// `MaxNLocator` chooses them.
enum LinearTicks {
    /// The step multipliers, as exact decimals, smallest first.
    private static let multipliers = [
        DecimalNumber(significand: 1, exponent: 0), DecimalNumber(significand: 2, exponent: 0),
        DecimalNumber(significand: 25, exponent: -1), DecimalNumber(significand: 5, exponent: 0),
        DecimalNumber(significand: 1, exponent: 1),
    ]

    /// The smallest nice step that splits `domain` into at most `maxIntervals` intervals.
    ///
    /// - Parameter integer: Whether the step must be a whole number (then 1 at least, and never 2.5).
    /// - Returns: `nil` when the domain is empty or not finite.
    static func step(for domain: ClosedRange<Double>, maxIntervals: Int, integer: Bool) -> DecimalNumber? {
        // Halved before subtracting, so that a domain spanning most of Double's range does not overflow.
        let raw = (domain.upperBound / 2 - domain.lowerBound / 2) / Double(max(maxIntervals, 1)) * 2
        guard raw > 0, raw.isFinite else { return nil }
        let magnitude = Int(log10(raw).rounded(.down))
        for multiplier in multipliers {
            let step = DecimalNumber(significand: multiplier.significand, exponent: multiplier.exponent + magnitude)
            if integer, step.exponent < 0 { continue }
            // A relative tolerance, so that a raw step of exactly 0.2 computed as 0.2000000001 still takes 0.2.
            if step.doubleValue >= raw * (1 - 1e-9) { return step }
        }
        return DecimalNumber(significand: 1, exponent: integer ? max(0, magnitude + 1) : magnitude + 1)
    }

    /// The ticks inside `domain` (ends included, within rounding), at multiples of a nice step.
    ///
    /// The step is ``step(for:maxIntervals:integer:)``; when that leaves fewer than two ticks in
    /// the domain (possible with three intervals or fewer), the next finer steps are tried, so that
    /// an axis has at least two ticks whenever its domain holds two multiples of some nice step.
    static func ticks(in domain: ClosedRange<Double>, maxIntervals: Int, integer: Bool) -> [Tick] {
        let intervals = max(maxIntervals, 1)
        var ticks: [Tick] = []
        for finer in intervals ... max(intervals, 4) {
            ticks = multiples(in: domain, maxIntervals: finer, integer: integer)
            if ticks.count >= 2 { break }
        }
        return ticks
    }

    private static func multiples(in domain: ClosedRange<Double>, maxIntervals: Int, integer: Bool) -> [Tick] {
        guard let step = step(for: domain, maxIntervals: maxIntervals, integer: integer) else { return [] }
        let stepValue = step.doubleValue
        let first = (domain.lowerBound / stepValue - 1e-9).rounded(.up)
        let last = (domain.upperBound / stepValue + 1e-9).rounded(.down)
        // Beyond 2⁵³ multiples are no longer distinct doubles.
        guard first.isFinite, last.isFinite, abs(first) < 0x1p53, abs(last) < 0x1p53, first <= last else { return [] }
        let firstIndex = Int(first)
        let count = min(Int(last) - firstIndex + 1, maxIntervals + 2)
        var numbers: [DecimalNumber] = []
        for index in firstIndex ..< firstIndex + count {
            guard let number = step.multiplied(by: index) else { return [] }
            numbers.append(number)
        }
        let labels = TickLabelFormat.labels(for: numbers)
        return zip(numbers, labels).map { Tick(value: $0.doubleValue, label: $1) }
    }
}
