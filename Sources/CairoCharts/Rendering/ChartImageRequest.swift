import Charts

/// One image to draw: a chart and the format to draw it in.
public struct ChartImageRequest: Sendable {
    /// The format of an image, with its options.
    public enum Format: Hashable, Sendable {
        /// A PNG at `scale` device pixels per CSS pixel (see ``ChartImageRenderer/png(_:scale:)``).
        case png(scale: Int)
        /// An SVG document or fragment (see ``ChartImageRenderer/svg(_:form:idPrefix:)``).
        case svg(form: SVGForm, idPrefix: String)

        /// Whether this is a PNG.
        var isPNG: Bool {
            if case .png = self { true } else { false }
        }
    }

    public var chart: Chart
    public var format: Format
    /// The size in CSS pixels, or `nil` for the renderer's own.
    public var size: Size?

    public init(chart: Chart, format: Format, size: Size? = nil) {
        self.chart = chart
        self.format = format
        self.size = size
    }
}
