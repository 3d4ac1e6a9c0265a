/// A line chart: a title, panels stacked from top to bottom that share one x axis, and a legend.
///
/// A chart is a plain value; ``draw(on:)`` lays it out for the canvas's size and draws it. Layout
/// and drawing do not depend on the backend, apart from the text sizes the canvas measures.
public struct Chart: Sendable {
    /// The heading above the plot; empty for none.
    public var title: String
    /// A text alternative for readers who cannot see the figure (an SVG `<desc>`, an `alt` text).
    public var description: String
    public var xAxis: Axis
    /// From top to bottom; never empty.
    public private(set) var panels: [Panel]
    public var style: ChartStyle

    /// A chart of several panels.
    ///
    /// - Parameter panels: From top to bottom; none gives one empty panel.
    public init(title: String, description: String = "", xAxis: Axis, panels: [Panel], style: ChartStyle = .standard) {
        self.title = title
        self.description = description
        self.xAxis = xAxis
        self.panels = panels.isEmpty ? [Panel(yAxis: Axis(label: ""), series: [])] : panels
        self.style = style
    }

    /// A chart of one panel.
    public init(
        title: String, description: String = "", xAxis: Axis, yAxis: Axis,
        series: [LineSeries], markers: [VerticalMarkers] = [], style: ChartStyle = .standard
    ) {
        self.init(
            title: title, description: description, xAxis: xAxis,
            panels: [Panel(yAxis: yAxis, series: series, markers: markers)], style: style)
    }

    /// The y axis of the top panel.
    public var yAxis: Axis { panels[0].yAxis }

    /// Every series, panel by panel.
    public var series: [LineSeries] { panels.flatMap(\.series) }

    /// Every group of markers, panel by panel.
    public var markers: [VerticalMarkers] { panels.flatMap(\.markers) }
}
