import Foundation

/// Chooses the range an axis shows from the range of its data.
enum DomainFitting {
    /// The domain for data spanning `extent`.
    ///
    /// - Parameters:
    ///   - extent: Smallest and largest value that the scale can show, or `nil` when there is none.
    ///   - scale: The axis scale; padding and the width given to a single value are measured in
    ///     its transformed space (decades on a log scale).
    ///   - padding: Space added at each end, as a fraction of the span.
    ///   - minimum: On a linear scale, a value below which the quantity never is (0 for steps):
    ///     when the data is not below it, padding stops there. A single value keeps the width of
    ///     its range, moved up so that it reaches at most a quarter of that width below the
    ///     minimum: the value stays inside the plot, where a dot on the domain's edge would be
    ///     hidden under the axis, and no whole number below the minimum is in the domain (0 alone
    ///     shows as −0.5…1.5, with ticks at 0 and 1).
    /// - Returns: A finite domain with `lower < upper` (both positive on a log scale). With no data
    ///   it is 0…1 (1…10 on a log scale); a single value is centred in a small range.
    static func domain(
        extent: ClosedRange<Double>?, scale: AxisScale, padding: Double, minimum: Double? = nil
    ) -> ClosedRange<Double> {
        guard let extent else { return scale == .log10 ? 1...10 : 0...1 }
        let t0 = Scale.transform(extent.lowerBound, scale)
        let t1 = Scale.transform(extent.upperBound, scale)
        guard t0.isFinite, t1.isFinite else { return scale == .log10 ? 1...10 : 0...1 }
        var lower: Double
        var upper: Double
        if t0 < t1 {
            let pad = (t1 / 2 - t0 / 2) * 2 * max(padding, 0)
            (lower, upper) = (t0 - pad, t1 + pad)
        } else {
            let half = scale == .log10 ? 0.5 : singleValueHalfWidth(t0)
            (lower, upper) = (t0 - half, t1 + half)
        }
        if scale == .linear, let minimum, t0 >= minimum {
            if t0 < t1 {
                // Padding is cut off: the first value may sit on the axis, as a line's start.
                lower = max(lower, minimum)
            } else {
                // A lone value is drawn as a dot, which must not sit on the axis.
                let width = upper - lower
                lower = max(lower, minimum - width / 4)
                upper = lower + width
            }
        }
        return ordered(untransform(lower, scale), untransform(upper, scale), scale)
    }

    /// Half the width of the range shown around a lone value: a tenth of it, at most 1, but always
    /// enough to be distinguishable in floating point.
    static func singleValueHalfWidth(_ value: Double) -> Double {
        value == 0 ? 1 : max(min(abs(value) * 0.1, 1), abs(value) * 1e-9)
    }

    private static func untransform(_ t: Double, _ scale: AxisScale) -> Double {
        let clamped = min(max(t, -Double.greatestFiniteMagnitude), .greatestFiniteMagnitude)
        switch scale {
        case .linear: return clamped
        case .log10: return pow(10, min(max(clamped, -300), 300))
        }
    }

    private static func ordered(_ lower: Double, _ upper: Double, _ scale: AxisScale) -> ClosedRange<Double> {
        guard lower < upper else { return scale == .log10 ? 1...10 : 0...1 }
        return lower...upper
    }
}
