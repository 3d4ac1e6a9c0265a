/// The extent of a run of text, in user units.
public struct TextMetrics: Hashable, Sendable {
    /// Advance width: where the next character would start.
    public var width: Double
    /// Height of the font above the baseline (positive).
    public var ascent: Double
    /// Depth of the font below the baseline (positive).
    public var descent: Double

    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    /// Ascent plus descent: the height of one line of this font.
    public var height: Double { ascent + descent }
}
