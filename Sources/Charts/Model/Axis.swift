/// One axis of a chart: its title and its scale. The range always fits the data.
public struct Axis: Hashable, Sendable {
    /// The axis title, for example `training step`; empty for none.
    public var label: String
    public var scale: AxisScale
    /// Whether ticks may only fall on whole numbers (for indices such as steps).
    public var integerTicks: Bool

    public init(label: String, scale: AxisScale = .linear, integerTicks: Bool = false) {
        self.label = label
        self.scale = scale
        self.integerTicks = integerTicks
    }
}
