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

    /// The y range of a panel: its series and the levels its axis can show.
    static func y(of panel: Panel, scale: AxisScale) -> ClosedRange<Double>? {
        let levels = panel.levels.map(\.value).filter { $0.isFinite && (scale == .linear || $0 > 0) }
        guard let lowest = levels.min(), let highest = levels.max() else { return y(of: panel.series, scale: scale) }
        guard let series = y(of: panel.series, scale: scale) else { return lowest ... highest }
        return min(series.lowerBound, lowest) ... max(series.upperBound, highest)
    }
}
