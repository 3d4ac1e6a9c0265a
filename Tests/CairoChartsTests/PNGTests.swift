@testable import CairoCharts
import Charts
import Foundation
import Testing
import TestSupport

@Suite("PNG output")
struct PNGTests {
    @Test("decodes through Cairo at the expected size", arguments: [1, 2, 3])
    func size(scale: Int) throws {
        let data = try ChartImageRenderer().png(SampleCharts.wave(), scale: scale)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let image = try DecodedPNG(data)
        #expect(image.width == 1000 * scale && image.height == 400 * scale)
    }

    @Test("white background, opaque, and the series in its colour")
    func pixels() throws {
        // A horizontal line in the middle of the plot, 4 units wide.
        let chart = Chart(
            title: "", xAxis: Axis(label: ""), yAxis: Axis(label: ""),
            series: [LineSeries(label: "", values: [Double](repeating: 2, count: 10), style: .series(Palette.vermillion, width: 4))])
        let image = try DecodedPNG(try ChartImageRenderer().png(chart))
        #expect(image.pixel(x: 2, y: 2) == 0xFFFF_FFFF)
        #expect(image.pixels.allSatisfy { $0 >> 24 == 0xFF })
        let middle = (0 ..< image.height).filter { image.pixel(x: 500, y: $0) == 0xFFD5_5E00 }
        #expect(middle.count >= 3)
    }

    @Test("a custom size")
    func customSize() throws {
        let image = try DecodedPNG(try ChartImageRenderer(size: Size(width: 640, height: 480)).png(SampleCharts.decay()))
        #expect(image.width == 640 && image.height == 480)
    }

    @Test("invalid sizes and scales are errors, not traps")
    func invalid() {
        #expect(throws: ChartImageError.invalidScale(0)) { try ChartImageRenderer().png(SampleCharts.decay(), scale: 0) }
        #expect(throws: ChartImageError.invalidScale(9)) { try ChartImageRenderer().png(SampleCharts.decay(), scale: 9) }
        for size in [Size(width: 0, height: 10), Size(width: .nan, height: 10), Size(width: 20000, height: 10)] {
            #expect(throws: ChartImageError.self) { try ChartImageRenderer(size: size).png(SampleCharts.decay(), scale: 2) }
        }
    }
}
