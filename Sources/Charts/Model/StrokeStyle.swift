/// How a line is stroked: colour, width, dashes, caps and joins.
public struct StrokeStyle: Hashable, Sendable {
    /// The shape at the open ends of a line.
    public enum LineCap: Hashable, Sendable {
        case butt
        case round
        case square
    }

    /// The shape where two segments meet.
    public enum LineJoin: Hashable, Sendable {
        case miter
        case round
        case bevel
    }

    public var color: Color
    public var width: Double
    /// Alternating on and off lengths in user units; empty for a solid line.
    public var dash: [Double]
    public var cap: LineCap
    public var join: LineJoin

    public init(
        color: Color, width: Double = 1, dash: [Double] = [], cap: LineCap = .butt, join: LineJoin = .miter
    ) {
        self.color = color
        self.width = width
        self.dash = dash
        self.cap = cap
        self.join = join
    }

    /// A solid line with round caps and joins, the style of a data series: an isolated point
    /// (between two gaps) then still shows, as a dot.
    public static func series(_ color: Color, width: Double = 1.5) -> StrokeStyle {
        StrokeStyle(color: color, width: width, cap: .round, join: .round)
    }
}
