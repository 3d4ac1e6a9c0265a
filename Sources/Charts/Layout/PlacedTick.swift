/// A major tick with its position along the axis and its label.
struct PlacedTick: Hashable, Sendable {
    var value: Double
    /// x for the x axis, y for the y axis, in user units.
    var position: Double
    var label: PlacedText
}
