import CCairo
import Foundation

/// A PNG image read back through Cairo: its size and pixels, for tests that check what was drawn.
public struct DecodedPNG {
    /// A PNG that Cairo could not read.
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    public var width: Int
    public var height: Int
    /// Premultiplied `0xAARRGGBB` values, row by row (alpha is `0xFF` for an opaque image).
    public var pixels: [UInt32]

    /// Decodes `data`.
    ///
    /// - Throws: ``Unreadable`` when the data is not a PNG image Cairo can read.
    public init(_ data: Data) throws {
        // Cairo reads PNG from a file or a callback; a file keeps this free of C callbacks.
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("rnnreport-decoded-\(UUID().uuidString).png")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let surface = cairo_image_surface_create_from_png(file.path) else {
            throw Unreadable(description: "cairo returned no surface")
        }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw Unreadable(description: String(cString: cairo_status_to_string(status)))
        }
        cairo_surface_flush(surface)
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let opaque = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24
        var pixels = [UInt32](repeating: 0, count: width * height)
        if let base = cairo_image_surface_get_data(surface) {
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
    public func pixel(x: Int, y: Int) -> UInt32 { pixels[y * width + x] }
}
