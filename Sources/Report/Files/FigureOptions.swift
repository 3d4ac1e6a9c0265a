/// How the figures of a report are drawn and written.
public struct FigureOptions: Equatable, Sendable {
    /// The formats to write, in order, each once.
    public var formats: [FigureFormat]
    /// Device pixels per CSS pixel in the PNG files (1 to ``ChartImageRenderer/maximumScale``).
    public var pngScale: Int
    /// Windows shown in the zoomed prediction figure.
    public var tailSteps: Int
    /// The width of the loss's moving average, as a fraction of the run; 0 for none.
    public var smoothing: Double

    public init(
        formats: [FigureFormat] = [.svg, .png], pngScale: Int = 1,
        tailSteps: Int = TrainingFigureInput.defaultTailSteps, smoothing: Double = TrainingFigureInput.defaultSmoothing
    ) {
        self.formats = formats
        self.pngScale = pngScale
        self.tailSteps = tailSteps
        self.smoothing = smoothing
    }
}
