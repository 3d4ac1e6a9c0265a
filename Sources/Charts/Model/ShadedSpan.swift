/// A band across the plot between two x positions, filled behind the grid and the data: a range
/// the reader should tell apart, such as the rows held out of training.
public struct ShadedSpan: Hashable, Sendable {
    /// The legend text; empty to leave the band out of the legend.
    public var label: String
    /// Where the band starts and ends on the x axis; the part outside the axis range is not drawn.
    public var from: Double
    public var to: Double
    public var color: Color

    public init(label: String, from: Double, to: Double, color: Color) {
        self.label = label
        self.from = from
        self.to = to
        self.color = color
    }

    /// How the legend shows the band: a wide stroke of its colour, a swatch.
    var legendStyle: StrokeStyle { StrokeStyle(color: color, width: 9) }
}
