/// One legend entry: a short sample of the line's style, then its label.
struct LegendEntry: Hashable, Sendable {
    var sampleStart: Point
    var sampleEnd: Point
    var style: StrokeStyle
    var label: PlacedText
}
