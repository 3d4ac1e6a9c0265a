/// A horizontal line across a panel at one y value, such as a threshold.
public struct HorizontalLevel: Hashable, Sendable {
    /// The legend text; empty to leave the line out of the legend.
    public var label: String
    /// The y value; a level the axis cannot show (not finite, or not positive on a log axis) is
    /// not drawn. The axis range includes it, unless it lies far from the panel's data
    /// (``Panel/placement(of:)``): it is then not drawn, and the legend says it is above or below
    /// the panel.
    public var value: Double
    public var style: StrokeStyle

    public init(label: String, value: Double, style: StrokeStyle) {
        self.label = label
        self.value = value
        self.style = style
    }

    /// Where a level is drawn, relative to its panel.
    public enum Placement: Hashable, Sendable {
        /// Across the panel, whose range includes it.
        case inPanel
        /// Far above the panel's data: not drawn, named in the legend as above the panel.
        case above
        /// Far below the panel's data: not drawn, named in the legend as below the panel.
        case below
    }
}
