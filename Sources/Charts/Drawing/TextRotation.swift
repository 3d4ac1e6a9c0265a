/// The direction text runs in.
public enum TextRotation: Hashable, Sendable {
    /// Left to right.
    case horizontal
    /// Bottom to top: a quarter turn anticlockwise, as a y-axis title.
    case vertical
}
