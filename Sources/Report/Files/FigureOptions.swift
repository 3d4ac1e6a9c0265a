/// How the figures of a report are drawn and written.
public struct FigureOptions: Equatable, Sendable {
    /// The formats to write, in order, each once.
    public var formats: [FigureFormat]
    /// Device pixels per CSS pixel in the PNG files (1 to ``ChartImageRenderer/maximumScale``).
    public var pngScale: Int
    /// Windows shown in the zoomed prediction figure.
    public var tailSteps: Int

    public init(
        formats: [FigureFormat] = [.svg, .png], pngScale: Int = 1,
        tailSteps: Int = TrainingFigureInput.defaultTailSteps
    ) {
        self.formats = formats
        self.pngScale = pngScale
        self.tailSteps = tailSteps
    }
}
