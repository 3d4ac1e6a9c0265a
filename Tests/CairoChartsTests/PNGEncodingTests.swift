@testable import CairoCharts
import CCairo
import Charts
import CPNG
import Foundation
import Testing
import TestSupport

@Suite("PNG encoding and drawing several images")
struct PNGEncodingTests {
    /// An image surface whose every pixel is a different mix of all three channels, with a width
    /// that is no multiple of anything, so that a swapped channel, a lost row or a short row
    /// shows.
    private func patternedSurface(width: Int, height: Int) throws -> CairoSurface {
        let surface = try CairoSurface.image(width: width, height: height)
        cairo_surface_flush(surface.pointer)
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        let base = try #require(cairo_image_surface_get_data(surface.pointer))
        var state: UInt32 = 12345
        for row in 0 ..< height {
            for column in 0 ..< width {
                state = state &* 1_664_525 &+ 1_013_904_223
                // The top byte is unused in RGB24: filled too, so that the encoder must ignore it.
                UnsafeMutableRawPointer(base + row * stride).storeBytes(of: state, toByteOffset: column * 4, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(surface.pointer)
        return surface
    }

    private func surfacePixels(_ surface: CairoSurface) throws -> [UInt32] {
        let width = Int(cairo_image_surface_get_width(surface.pointer))
        let height = Int(cairo_image_surface_get_height(surface.pointer))
        let stride = Int(cairo_image_surface_get_stride(surface.pointer))
        let base = try #require(cairo_image_surface_get_data(surface.pointer))
        return (0 ..< height).flatMap { row in
            (0 ..< width).map { column in
                UnsafeRawPointer(base + row * stride).loadUnaligned(fromByteOffset: column * 4, as: UInt32.self) | 0xFF00_0000
            }
        }
    }

    @Test("a PNG holds exactly the surface's pixels, as Cairo's own writer does", arguments: [(1, 1), (3, 2), (301, 77), (1000, 9)])
    func pixels(width: Int, height: Int) throws {
        let surface = try patternedSurface(width: width, height: height)
        let data = Data(try surface.pngBytes())
        let decoded = try DecodedPNG(data)
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.pixels == (try surfacePixels(surface)))

        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface.pointer, ByteSink.write, sink.closure)
        }
        #expect(status == CAIRO_STATUS_SUCCESS)
        #expect(try DecodedPNG(Data(sink.bytes)).pixels == decoded.pixels)
    }

    @Test("the header: 8-bit RGB, not interlaced; the same pixels give the same bytes")
    func header() throws {
        let surface = try patternedSurface(width: 40, height: 30)
        let data = try surface.pngBytes()
        // IHDR follows the 8-byte signature and the chunk's length and type (8 bytes).
        let header = Array(data[16 ..< 29])
        #expect(Array(data[12 ..< 16]) == Array("IHDR".utf8))
        #expect(header == [0, 0, 0, 40, 0, 0, 0, 30, 8, 2, 0, 0, 0])
        #expect(Array(data.suffix(8)) == Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82])
        #expect(try surface.pngBytes() == data)
    }

    @Test("an encoder failure is an error with libpng's reason, not a trap")
    func failure() {
        var file = rnnpng_file()
        var message = [CChar](repeating: 0, count: 100)
        var pixel: UInt32 = 0
        let status = withUnsafeBytes(of: &pixel) { bytes in
            rnnpng_encode_rgb24(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), 0, 1, 4, 4, &file, &message, message.count)
        }
        #expect(status == -1)
        #expect(file.bytes == nil && file.count == 0)
        #expect(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) == "empty image")
        // A level zlib does not have is refused by libpng's error function, through its longjmp.
        withUnsafeBytes(of: &pixel) { bytes in
            #expect(rnnpng_encode_rgb24(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), 1, 1, 4, 42, &file, &message, message.count) == -1)
        }
        #expect(file.bytes == nil)
        #expect(message[0] != 0)
    }

    @Test("images on any number of threads are each image drawn alone, in the order asked", arguments: [1, 2, 5])
    func batch(threads: Int) throws {
        let renderer = ChartImageRenderer()
        let charts = [SampleCharts.wave(), SampleCharts.decay(), SampleCharts.wave(count: 50, title: "Short")]
        var requests: [ChartImageRequest] = []
        var expected: [Data] = []
        for (index, chart) in charts.enumerated() {
            requests.append(ChartImageRequest(chart: chart, format: .svg(form: .document, idPrefix: "c\(index)-")))
            expected.append(try renderer.svg(chart, idPrefix: "c\(index)-"))
            requests.append(ChartImageRequest(chart: chart, format: .png(scale: 1 + index % 2)))
            expected.append(try renderer.png(chart, scale: 1 + index % 2))
        }
        let images = try renderer.images(requests, threads: threads)
        #expect(images == expected)
        #expect(try renderer.images([], threads: threads).isEmpty)
    }
}
