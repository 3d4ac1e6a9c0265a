/// A position in the chart's coordinate space: user units (CSS pixels), origin at the top left,
/// y growing downwards.
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
