/// One axis of a chart: its title and its scale. The range always fits the data.
public struct Axis: Hashable, Sendable {
    /// The axis title, for example `training step`; empty for none.
    public var label: String
    public var scale: AxisScale
    /// Whether ticks may only fall on whole numbers (for indices such as steps).
    public var integerTicks: Bool
    /// The smallest value the axis may show on a linear scale, for a quantity that is never below
    /// it (0 for training steps), or `nil` for none: the range given to a single value, or the
    /// padding around the data, then stops there instead of reaching below it.
    public var minimum: Double?

    public init(label: String, scale: AxisScale = .linear, integerTicks: Bool = false, minimum: Double? = nil) {
        self.label = label
        self.scale = scale
        self.integerTicks = integerTicks
        self.minimum = minimum.flatMap { $0.isFinite ? $0 : nil }
    }
}
