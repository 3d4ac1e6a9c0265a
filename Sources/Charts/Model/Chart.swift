/// A line chart: title, two axes, line series, vertical markers and a legend.
///
/// A chart is a plain value; ``draw(on:)`` lays it out for the canvas's size and draws it. Layout
/// and drawing do not depend on the backend, apart from the text sizes the canvas measures.
public struct Chart: Sendable {
    /// The heading above the plot; empty for none.
    public var title: String
    /// A text alternative for readers who cannot see the figure (an SVG `<desc>`, an `alt` text).
    public var description: String
    public var xAxis: Axis
    public var yAxis: Axis
    /// Drawn in order, so the last one is on top.
    public var series: [LineSeries]
    /// Drawn behind the series.
    public var markers: [VerticalMarkers]
    public var style: ChartStyle

    public init(
        title: String, description: String = "", xAxis: Axis, yAxis: Axis,
        series: [LineSeries], markers: [VerticalMarkers] = [], style: ChartStyle = .standard
    ) {
        self.title = title
        self.description = description
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.markers = markers
        self.style = style
    }
}
