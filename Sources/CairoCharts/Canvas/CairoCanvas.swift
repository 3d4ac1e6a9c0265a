import CCairo
import Charts

/// A ``ChartCanvas`` drawing through a Cairo context.
///
/// Text is drawn in the faces of ``ChartFonts``, loaded from their files, never through fontconfig.
/// Every font option is set (grey antialiasing, slight hinting, unhinted metrics, no variations)
/// so that the output depends neither on the machine's or the user's font settings nor on the
/// surface's defaults, and so that text measures the same on PNG and SVG surfaces. Failures are
/// kept by Cairo and reported by the caller's final check; a font of another family is drawn in
/// DejaVu Sans and noted in ``unsupportedFamily`` for the caller to refuse.
final class CairoCanvas: ChartCanvas {
    let size: Size
    let resolution: Double
    private let context: CairoContext
    private let fonts: ChartFonts
    private var currentFont: Font?
    /// The first family asked for that ``ChartFonts`` does not have.
    private(set) var unsupportedFamily: String?

    /// - Parameters:
    ///   - context: The context to draw with; its transformation is scaled by `resolution`.
    ///   - size: The drawing area in user units.
    ///   - resolution: Device pixels per user unit.
    ///   - fonts: The faces to draw text in.
    /// - Throws: ``CairoError`` if the fixed font options cannot be made or set: drawing text
    ///   without them would give other bytes.
    init(context: CairoContext, size: Size, resolution: Double, fonts: ChartFonts) throws(CairoError) {
        self.context = context
        self.size = size
        self.resolution = resolution
        self.fonts = fonts
        let cr = context.pointer
        cairo_scale(cr, resolution, resolution)
        // Cairo returns font options in an error state rather than NULL; both are checked.
        guard let options = cairo_font_options_create() else {
            throw CairoError(operation: "creating the font options", status: CAIRO_STATUS_NO_MEMORY)
        }
        defer { cairo_font_options_destroy(options) }
        try CairoError.check(cairo_font_options_status(options), "creating the font options")
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_subpixel_order(options, CAIRO_SUBPIXEL_ORDER_DEFAULT)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_variations(options, nil)
        cairo_set_font_options(cr, options)
        try context.check("setting the font options")
    }

    func measure(_ text: String, font: Font) -> TextMetrics {
        select(font)
        var fontExtents = cairo_font_extents_t()
        var textExtents = cairo_text_extents_t()
        cairo_font_extents(context.pointer, &fontExtents)
        cairo_text_extents(context.pointer, text, &textExtents)
        return TextMetrics(width: textExtents.x_advance, ascent: fontExtents.ascent, descent: fontExtents.descent)
    }

    func fill(_ path: Path, color: Color) {
        let cr = context.pointer
        setSource(color)
        append(path)
        cairo_fill(cr)
    }

    func stroke(_ path: Path, style: StrokeStyle) {
        let cr = context.pointer
        setSource(style.color)
        cairo_set_line_width(cr, style.width)
        cairo_set_line_cap(cr, CairoCanvas.cap(style.cap))
        cairo_set_line_join(cr, CairoCanvas.join(style.join))
        style.dash.withUnsafeBufferPointer { dashes in
            cairo_set_dash(cr, dashes.baseAddress, Int32(dashes.count), 0)
        }
        append(path)
        cairo_stroke(cr)
    }

    func drawText(_ text: String, at origin: Point, font: Font, color: Color, rotation: TextRotation) {
        let cr = context.pointer
        select(font)
        setSource(color)
        cairo_save(cr)
        cairo_translate(cr, origin.x, origin.y)
        if rotation == .vertical { cairo_rotate(cr, -Double.pi / 2) }
        cairo_move_to(cr, 0, 0)
        cairo_show_text(cr, text)
        cairo_restore(cr)
    }

    // MARK: - State

    private func select(_ font: Font) {
        guard font != currentFont else { return }
        let cr = context.pointer
        var face = fonts.cairoFace(for: font)
        if face == nil {
            if unsupportedFamily == nil { unsupportedFamily = font.family }
            face = fonts.cairoFace(for: Font(family: ChartFonts.family, size: font.size, weight: font.weight))
        }
        cairo_set_font_face(cr, face)
        cairo_set_font_size(cr, font.size)
        currentFont = font
    }

    private func setSource(_ color: Color) {
        cairo_set_source_rgba(context.pointer, color.red, color.green, color.blue, color.alpha)
    }

    private func append(_ path: Path) {
        let cr = context.pointer
        cairo_new_path(cr)
        for element in path.elements {
            switch element {
            case .move(let point): cairo_move_to(cr, point.x, point.y)
            case .line(let point): cairo_line_to(cr, point.x, point.y)
            case .close: cairo_close_path(cr)
            }
        }
    }

    private static func cap(_ cap: StrokeStyle.LineCap) -> cairo_line_cap_t {
        switch cap {
        case .butt: CAIRO_LINE_CAP_BUTT
        case .round: CAIRO_LINE_CAP_ROUND
        case .square: CAIRO_LINE_CAP_SQUARE
        }
    }

    private static func join(_ join: StrokeStyle.LineJoin) -> cairo_line_join_t {
        switch join {
        case .miter: CAIRO_LINE_JOIN_MITER
        case .round: CAIRO_LINE_JOIN_ROUND
        case .bevel: CAIRO_LINE_JOIN_BEVEL
        }
    }
}
