import Charts

/// Why a chart could not be turned into an image.
public enum ChartImageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Cairo failed, with its own message.
    case cairo(CairoError)
    /// The fonts cannot be loaded (a missing or wrong file), or the chart asks for a family other
    /// than DejaVu Sans.
    case font(ChartFontError)
    /// The image size is not finite, below 1, or beyond Cairo's 32,767 device pixels a side.
    case invalidSize(width: Double, height: Double, scale: Int)
    /// The PNG scale is below 1 or above ``ChartImageRenderer/maximumScale``.
    case invalidScale(Int)
    /// Cairo wrote an SVG document without the `<svg` start tag it always writes, so its ids and
    /// accessibility text could not be put in.
    case unexpectedSVG
    /// The SVG id prefix is not the start of an XML id (a letter or `_`, then letters, digits, `_`, `-`, `.`).
    case invalidIDPrefix(String)

    public var description: String {
        switch self {
        case .cairo(let error): error.description
        case .font(let error): error.description
        case let .invalidSize(width, height, scale):
            "invalid image size \(width) × \(height) at scale \(scale): expected 1 to 32767 device pixels a side"
        case .invalidScale(let scale):
            "invalid PNG scale \(scale): expected 1 to \(ChartImageRenderer.maximumScale)"
        case .unexpectedSVG:
            "Cairo wrote an SVG document without an <svg> element; is this Cairo build complete?"
        case .invalidIDPrefix(let prefix):
            "invalid SVG id prefix '\(prefix)': expected a letter or '_' followed by letters, digits, '_', '-' or '.'"
        }
    }
}
