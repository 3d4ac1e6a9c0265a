/// The ticks of one axis: labelled major ticks (with grid lines) and unlabelled minor ticks.
struct TickSet: Hashable, Sendable {
    var major: [Tick]
    /// Data values of minor ticks (between the decades of a log axis).
    var minor: [Double] = []

    /// The ticks for `domain` on a `scale` axis.
    ///
    /// - Parameters:
    ///   - maxIntervals: Upper bound on the number of intervals between major ticks, so at most
    ///     `maxIntervals + 1` major ticks.
    ///   - integer: Whether major ticks must be whole numbers.
    static func make(domain: ClosedRange<Double>, scale: AxisScale, maxIntervals: Int, integer: Bool) -> TickSet {
        switch scale {
        case .linear:
            TickSet(major: LinearTicks.ticks(in: domain, maxIntervals: maxIntervals, integer: integer))
        case .log10:
            LogTicks.ticks(in: domain, maxIntervals: maxIntervals)
        }
    }
}
