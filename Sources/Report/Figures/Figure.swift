import Charts

/// One figure of the report: a chart, its size, and the words that go with it.
public struct Figure: Sendable {
    /// The file name without extension (`prediction`), also usable as an SVG id prefix.
    public var stem: String
    /// The heading, the same as the chart's title.
    public var title: String { chart.title }
    /// A text alternative for readers who cannot see the figure, the same as the chart's description.
    public var description: String { chart.description }
    public var chart: Chart
    /// The size in CSS pixels: the SVG's viewBox, and the PNG's pixels at scale 1.
    public var size: Size

    public init(stem: String, chart: Chart, size: Size = Size(width: 1000, height: 400)) {
        self.stem = stem
        self.chart = chart
        self.size = size
    }
}
