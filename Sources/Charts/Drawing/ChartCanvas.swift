/// What a chart needs from a drawing backend: its size, four drawing operations and text measurement.
///
/// Coordinates are user units with the origin at the top left. A backend that cannot draw (a
/// failed surface) records its failure and reports it when its output is requested; the chart
/// does not check after each operation.
public protocol ChartCanvas {
    /// The drawing area in user units.
    var size: Size { get }

    /// Device pixels per user unit (2 for a high-density PNG). Lines with more points than pixel
    /// columns are reduced to what this resolution can show.
    var resolution: Double { get }

    /// The size of `text` set in `font`: advance width and the font's ascent and descent.
    func measure(_ text: String, font: Font) -> TextMetrics

    /// Fills the closed subpaths of `path` (non-zero winding).
    mutating func fill(_ path: Path, color: Color)

    /// Strokes `path`.
    mutating func stroke(_ path: Path, style: StrokeStyle)

    /// Draws `text` with the start of its baseline at `origin`.
    ///
    /// - Parameter rotation: `.vertical` turns the text a quarter turn anticlockwise about
    ///   `origin`, so that it reads from bottom to top.
    mutating func drawText(_ text: String, at origin: Point, font: Font, color: Color, rotation: TextRotation)
}
