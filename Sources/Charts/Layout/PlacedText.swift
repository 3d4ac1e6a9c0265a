/// A piece of text with the font, colour and position the layout gave it.
struct PlacedText: Hashable, Sendable {
    var text: String
    /// Start of the baseline (before rotation).
    var origin: Point
    var font: Font
    var color: Color
    var rotation: TextRotation = .horizontal
    /// The measured size of `text`.
    var metrics: TextMetrics
}
