/// The area between two series of a panel, filled: a range of values such as the smallest to the
/// largest of several runs at each step, drawn behind every series.
///
/// The two series are the panel's, by index, and should have the same x positions (`xStart`,
/// `xStep`, count); the area covers the values where both have one, and a gap in either breaks it.
/// The series themselves are drawn as usual (a thin line along each edge, or a transparent one).
public struct AreaFill: Hashable, Sendable {
    /// The index in the panel's series of the lower edge, and of the upper edge.
    public var lower: Int
    public var upper: Int
    public var color: Color

    public init(lower: Int, upper: Int, color: Color) {
        self.lower = lower
        self.upper = upper
        self.color = color
    }
}
