/// Vertical lines across the plot at given x positions, for events such as a change of learning rate.
public struct VerticalMarkers: Hashable, Sendable {
    /// The legend text for all of these markers; empty to leave them out of the legend.
    public var label: String
    /// The x positions; those outside the x axis range (or not finite) are not drawn.
    public var positions: [Double]
    public var style: StrokeStyle

    public init(label: String, positions: [Double], style: StrokeStyle) {
        self.label = label
        self.positions = positions
        self.style = style
    }
}
