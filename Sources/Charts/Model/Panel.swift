/// One plot of a chart: a y axis and what is drawn against it. A chart stacks its panels from top
/// to bottom, all sharing the chart's x axis.
public struct Panel: Sendable {
    public var yAxis: Axis
    /// Drawn in order, so the last one is on top.
    public var series: [LineSeries]
    /// Drawn behind the series.
    public var markers: [VerticalMarkers]
    /// Horizontal reference lines, drawn behind the series.
    public var levels: [HorizontalLevel]
    /// Bands between x positions, drawn first, behind the grid.
    public var spans: [ShadedSpan]
    /// Areas between two of the series, filled behind every series.
    public var fills: [AreaFill]
    /// The panel's share of the height the panels have together, relative to the others' (1 each
    /// by default); a value that is not positive and finite counts as 1.
    public var heightShare: Double

    public init(
        yAxis: Axis, series: [LineSeries], markers: [VerticalMarkers] = [], levels: [HorizontalLevel] = [],
        heightShare: Double = 1, spans: [ShadedSpan] = [], fills: [AreaFill] = []
    ) {
        self.spans = spans
        self.fills = fills
        self.yAxis = yAxis
        self.series = series
        self.markers = markers
        self.levels = levels
        self.heightShare = heightShare.isFinite && heightShare > 0 ? heightShare : 1
    }
}

extension Panel {
    /// Where `level` is drawn: across this panel, whose y range includes it, or, when it lies
    /// farther from the panel's data than twice their span (at least a decade on a log axis),
    /// off it, above or below, so that it does not squash the data into a strip.
    public func placement(of level: HorizontalLevel) -> HorizontalLevel.Placement {
        DataExtent.placement(of: level, in: self)
    }
}
