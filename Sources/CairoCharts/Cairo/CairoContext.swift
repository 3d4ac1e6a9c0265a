import CCairo

/// Owns one `cairo_t` drawing onto a ``CairoSurface``, which it keeps alive.
final class CairoContext {
    let pointer: OpaquePointer
    let surface: CairoSurface

    init(surface: CairoSurface) throws(CairoError) {
        guard let pointer = cairo_create(surface.pointer) else {
            throw CairoError(operation: "creating the drawing context", status: CAIRO_STATUS_NO_MEMORY)
        }
        self.pointer = pointer
        self.surface = surface
        try check("creating the drawing context")
    }

    deinit { cairo_destroy(pointer) }

    /// Throws if any operation so far has failed (Cairo stops drawing at the first error and keeps it).
    func check(_ operation: String) throws(CairoError) {
        try CairoError.check(cairo_status(pointer), operation)
    }
}
