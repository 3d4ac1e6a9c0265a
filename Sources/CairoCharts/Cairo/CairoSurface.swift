import CCairo

/// Owns one `cairo_surface_t`: an in-memory image or an SVG document written to memory.
///
/// The surface is destroyed when the object goes away; an SVG surface keeps the sink Cairo
/// writes to for as long as it lives.
final class CairoSurface {
    let pointer: OpaquePointer
    private let sink: ByteSink?

    private init(pointer: OpaquePointer, sink: ByteSink?, operation: String) throws(CairoError) {
        self.pointer = pointer
        self.sink = sink
        // Cairo returns a surface in an error state rather than NULL: the status says whether it worked.
        try CairoError.check(cairo_surface_status(pointer), operation)
    }

    deinit { cairo_surface_destroy(pointer) }

    /// An opaque RGB image of `width × height` device pixels.
    static func image(width: Int, height: Int) throws(CairoError) -> CairoSurface {
        guard let pointer = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw CairoError(operation: "creating the image surface", status: CAIRO_STATUS_NO_MEMORY)
        }
        return try CairoSurface(pointer: pointer, sink: nil, operation: "creating the image surface")
    }

    /// An SVG document of `width × height` CSS pixels, written to memory when finished.
    static func svg(width: Double, height: Double) throws(CairoError) -> CairoSurface {
        let sink = ByteSink()
        guard let pointer = cairo_svg_surface_create_for_stream(ByteSink.write, sink.closure, width, height) else {
            throw CairoError(operation: "creating the SVG surface", status: CAIRO_STATUS_NO_MEMORY)
        }
        let surface = try CairoSurface(pointer: pointer, sink: sink, operation: "creating the SVG surface")
        // Pixels, so that the document's size and viewBox match the PNG drawn at scale 1.
        cairo_svg_surface_set_document_unit(pointer, CAIRO_SVG_UNIT_PX)
        try CairoError.check(cairo_surface_status(pointer), "setting the SVG document unit")
        return surface
    }

    /// Completes all drawing; an SVG surface writes its document now.
    ///
    /// - Throws: ``CairoError`` if any drawing or the writing failed.
    func finish() throws(CairoError) {
        cairo_surface_finish(pointer)
        try CairoError.check(cairo_surface_status(pointer), "finishing the surface")
    }

    /// The bytes an SVG surface has written (after ``finish()``).
    var writtenBytes: [UInt8] { sink?.bytes ?? [] }

    /// The image surface encoded as PNG.
    func pngBytes() throws(CairoError) -> [UInt8] {
        cairo_surface_flush(pointer)
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(pointer, ByteSink.write, sink.closure)
        }
        try CairoError.check(status, "writing the PNG image")
        return sink.bytes
    }
}
