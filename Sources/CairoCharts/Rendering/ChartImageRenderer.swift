import CCairo
import Charts
import Foundation

/// Draws charts with Cairo into PNG and SVG bytes.
///
/// Both formats come from the same drawing code and the same layout, at the same size in CSS
/// pixels: the SVG's `viewBox` is `0 0 width height` and a PNG at scale 1 has `width × height`
/// pixels. The same chart always gives the same bytes: nothing depends on the time, on what was
/// drawn before in the process, on the machine's or the user's font settings (text is drawn in
/// ``ChartFonts``, read from their files), or (for SVG) on Cairo's process-wide counters. The
/// caller writes the bytes wherever it likes.
public struct ChartImageRenderer: Sendable {
    /// The largest PNG scale accepted.
    public static let maximumScale = 4

    /// The figure size in CSS pixels.
    public var size: Size

    /// - Parameter size: The figure size in CSS pixels; 1000 × 400 suits a page of documentation.
    public init(size: Size = Size(width: 1000, height: 400)) {
        self.size = size
    }

    /// The chart as a PNG image.
    ///
    /// - Parameter scale: Device pixels per CSS pixel: 1 for `width × height` pixels, 2 for
    ///   high-density screens.
    /// - Throws: ``ChartImageError`` for a size or scale out of range, a missing or wrong font
    ///   file, or a Cairo failure.
    public func png(_ chart: Chart, scale: Int = 1) throws(ChartImageError) -> Data {
        guard scale >= 1, scale <= ChartImageRenderer.maximumScale else { throw .invalidScale(scale) }
        let (width, height) = try devicePixels(scale: scale)
        let surface: CairoSurface
        do { surface = try CairoSurface.image(width: width, height: height) } catch { throw .cairo(error) }
        try draw(chart, on: surface, resolution: Double(scale))
        do { return Data(try surface.pngBytes()) } catch { throw .cairo(error) }
    }

    /// The chart as SVG.
    ///
    /// - Parameters:
    ///   - form: A standalone document, or a fragment to inline in HTML.
    ///   - idPrefix: Put before every id in the document (and every reference to one), so that
    ///     several SVGs can share one HTML page; the `<title>` has the id `{prefix}title`.
    /// - Throws: ``ChartImageError`` for an invalid size or prefix, a missing or wrong font file,
    ///   or a Cairo failure.
    public func svg(_ chart: Chart, form: SVGForm = .document, idPrefix: String = "") throws(ChartImageError) -> Data {
        guard SVGRewriter.isValidPrefix(idPrefix) else { throw .invalidIDPrefix(idPrefix) }
        _ = try devicePixels(scale: 1)
        let surface: CairoSurface
        do { surface = try CairoSurface.svg(width: size.width, height: size.height) } catch { throw .cairo(error) }
        try draw(chart, on: surface, resolution: 1)
        do { try surface.finish() } catch { throw .cairo(error) }
        let written = surface.writtenBytes
        let rewriter = SVGRewriter(
            idPrefix: idPrefix, title: chart.title, description: chart.description, keepsDeclaration: form == .document)
        guard let document = rewriter.rewrite(written) else { throw .unexpectedSVG }
        return Data(document)
    }

    /// The fragment form of an SVG document that ``svg(_:form:idPrefix:)`` wrote: its bytes from
    /// the `<svg` start tag on.
    ///
    /// The two forms differ only by the XML declaration before `<svg`, so this gives the same
    /// bytes as drawing the chart again as a ``SVGForm/fragment``, without drawing it again.
    ///
    /// - Returns: `nil` if `document` has no `<svg` start tag.
    public static func fragment(ofDocument document: Data) -> Data? {
        document.firstRange(of: Data("<svg".utf8)).map { document[$0.lowerBound...] }.map { Data($0) }
    }

    // MARK: - Drawing

    /// Draws `chart` in the process's ``ChartFonts``.
    ///
    /// - Throws: ``ChartImageError/font(_:)`` if the fonts cannot be loaded or the chart asks for
    ///   another family, ``ChartImageError/cairo(_:)`` if Cairo fails.
    private func draw(_ chart: Chart, on surface: CairoSurface, resolution: Double) throws(ChartImageError) {
        let fonts: ChartFonts
        do { fonts = try ChartFonts.shared.get() } catch { throw .font(error) }
        var canvas: CairoCanvas
        do {
            let context = try CairoContext(surface: surface)
            canvas = try CairoCanvas(context: context, size: size, resolution: resolution, fonts: fonts)
            chart.draw(on: &canvas)
            try context.check("drawing the chart")
        } catch {
            throw .cairo(error)
        }
        if let family = canvas.unsupportedFamily { throw .font(.unsupportedFamily(family)) }
    }

    /// The device size at `scale`, checked against Cairo's limits.
    private func devicePixels(scale: Int) throws(ChartImageError) -> (Int, Int) {
        let width = (size.width * Double(scale)).rounded(.up)
        let height = (size.height * Double(scale)).rounded(.up)
        guard width.isFinite, height.isFinite, size.width >= 1, size.height >= 1, width <= 32767, height <= 32767 else {
            throw .invalidSize(width: size.width, height: size.height, scale: scale)
        }
        return (Int(width), Int(height))
    }
}
