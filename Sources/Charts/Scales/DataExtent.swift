/// The range the data of a chart covers along each axis.
enum DataExtent {
    /// From the first to the last x position of any series (gaps included: the axis shows the
    /// whole run), or `nil` when no series has a value.
    static func x(of series: [LineSeries]) -> ClosedRange<Double>? {
        var lower = Double.infinity
        var upper = -Double.infinity
        for line in series where line.count > 0 {
            let first = line.x(at: 0)
            let last = line.x(at: line.count - 1)
            lower = min(lower, first)
            upper = max(upper, last)
        }
        return lower.isFinite && upper.isFinite && lower <= upper ? lower...upper : nil
    }

    /// From the smallest to the largest value that `scale` can show, or `nil` when there is none.
    static func y(of series: [LineSeries], scale: AxisScale) -> ClosedRange<Double>? {
        var lower = Double.infinity
        var upper = -Double.infinity
        for line in series {
            line.forEachValue { _, value in
                guard value.isFinite, scale == .linear || value > 0 else { return }
                if value < lower { lower = value }
                if value > upper { upper = value }
            }
        }
        return lower.isFinite && upper.isFinite ? lower...upper : nil
    }

    /// The y range of a panel: its series and the levels its axis can show, except those far
    /// from the data (``placement(of:in:)``).
    static func y(of panel: Panel, scale: AxisScale) -> ClosedRange<Double>? {
        let levels = panel.levels.filter { placement(of: $0, in: panel) == .inPanel }.map(\.value)
            .filter { $0.isFinite && (scale == .linear || $0 > 0) }
        guard let lowest = levels.min(), let highest = levels.max() else { return y(of: panel.series, scale: scale) }
        guard let series = y(of: panel.series, scale: scale) else { return lowest ... highest }
        return min(series.lowerBound, lowest) ... max(series.upperBound, highest)
    }

    /// Where a level is drawn: in its panel, or off it, above or below, when it lies farther from
    /// the panel's data than twice their span (in the scale's transformed space; at least a decade
    /// on a log scale, and on a linear one the range a lone value is given): a level that set the
    /// range there would squash the data into a strip (a clip threshold of 1e300 over gradient
    /// norms near 1). A level with no data to be far from, or one the scale cannot show, counts
    /// as in the panel.
    static func placement(of level: HorizontalLevel, in panel: Panel) -> HorizontalLevel.Placement {
        let scale = panel.yAxis.scale
        let t = Scale.transform(level.value, scale)
        guard t.isFinite, let data = y(of: panel.series, scale: scale) else { return .inPanel }
        let t0 = Scale.transform(data.lowerBound, scale), t1 = Scale.transform(data.upperBound, scale)
        guard t0.isFinite, t1.isFinite else { return .inPanel }
        let least = scale == .log10 ? 1 : (t1 > t0 ? 0 : 2 * DomainFitting.singleValueHalfWidth(t0))
        // Halved before subtracting, so that a span across most of Double's range does not overflow.
        let reach = 4 * max(t1 / 2 - t0 / 2, least / 2)
        if t > t1 && t - t1 > reach { return .above }
        if t < t0 && t0 - t > reach { return .below }
        return .inPanel
    }
}
