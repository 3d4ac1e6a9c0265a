import CCairo
import Foundation

/// A PNG image read back through Cairo: its size and pixels. Used to check what was written.
struct DecodedPNG {
    var width: Int
    var height: Int
    /// Premultiplied `0xAARRGGBB` values, row by row (alpha is `0xFF` for an opaque image).
    var pixels: [UInt32]

    /// Decodes `data`.
    ///
    /// - Throws: ``CairoError`` when the data is not a PNG image Cairo can read.
    init(_ data: Data) throws(CairoError) {
        let surface = try CairoSurface.png([UInt8](data))
        let pointer = surface.pointer
        cairo_surface_flush(pointer)
        width = Int(cairo_image_surface_get_width(pointer))
        height = Int(cairo_image_surface_get_height(pointer))
        let stride = Int(cairo_image_surface_get_stride(pointer))
        let opaque = cairo_image_surface_get_format(pointer) == CAIRO_FORMAT_RGB24
        var pixels = [UInt32](repeating: 0, count: width * height)
        if let base = cairo_image_surface_get_data(pointer) {
            for row in 0 ..< height {
                let rowStart = UnsafeRawPointer(base + row * stride)
                for column in 0 ..< width {
                    let value = rowStart.loadUnaligned(fromByteOffset: column * 4, as: UInt32.self)
                    pixels[row * width + column] = opaque ? value | 0xFF00_0000 : value
                }
            }
        }
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y`.
    func pixel(x: Int, y: Int) -> UInt32 { pixels[y * width + x] }
}
