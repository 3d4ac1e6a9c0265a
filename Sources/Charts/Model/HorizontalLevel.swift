/// A horizontal line across a panel at one y value, such as a threshold.
public struct HorizontalLevel: Hashable, Sendable {
    /// The legend text; empty to leave the line out of the legend.
    public var label: String
    /// The y value; a level the axis cannot show (not finite, or not positive on a log axis) is
    /// not drawn. The axis range includes it.
    public var value: Double
    public var style: StrokeStyle

    public init(label: String, value: Double, style: StrokeStyle) {
        self.label = label
        self.value = value
        self.style = style
    }
}
