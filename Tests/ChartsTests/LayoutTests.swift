@testable import Charts
import Testing

/// Layout against values worked out by hand from ``ChartStyle``'s defaults and the recording
/// canvas's metrics (a character is half the font size wide; ascent 3/4 and descent 1/4 of it).
@Suite("Layout")
struct LayoutTests {
    /// Eleven points 0…10 at x = 0…10, titled "T", labels "x" and "y", legend "a" and "b".
    private func chart(title: String = "T", legendB: String = "b") -> Chart {
        Chart(
            title: title,
            xAxis: Axis(label: "x", integerTicks: true),
            yAxis: Axis(label: "y"),
            series: [
                LineSeries(label: "a", values: (0...10).map { Double($0) }, style: .series(Palette.blue)),
                LineSeries(label: legendB, values: (0...10).map { Double(10 - $0) }, style: .series(Palette.vermillion)),
            ])
    }

    @Test("margins follow the measured text")
    func plotRectangle() {
        let layout = ChartLayout(chart: chart(), canvas: RecordingCanvas())
        // Top: padding 14 + title row 16 (bold 16 pt is taller than the 12 pt legend) + gap 12 = 42.
        // Bottom: 400 − (14 padding + 12 x title + 8 gap + 12 tick labels + 4 gap + 5 tick) = 345.
        // Left: 14 + 12 y title + 8 gap + 12 widest y label ("10") + 4 + 5 = 55.
        // Right: 1000 − 14 = 986, less 6 so that the last x label ("10", 12 wide, centred) fits: 980.
        #expect(layout.plot == Rect(x: 55, y: 42, width: 925, height: 303))
    }

    @Test("ticks: nice values inside the padded data range, placed by the scales")
    func ticks() {
        let layout = ChartLayout(chart: chart(), canvas: RecordingCanvas())
        // y: data 0…10 padded by 5 % → −0.5…10.5; 303 / 45 → at most 6 intervals; 11 / 6 → step 2.
        #expect(layout.yTicks.map(\.label.text) == ["0", "2", "4", "6", "8", "10"])
        // y = 0 sits 0.5 / 11 of the height above the bottom.
        #expect(abs(layout.yTicks[0].position - (345 - 303 * 0.5 / 11)) < 1e-9)
        // x: 0…10 with integer ticks; up to 15 intervals fit, so every integer.
        #expect(layout.xTicks.map(\.value) == (0...10).map(Double.init))
        #expect(layout.xTicks.map(\.position) == (0...10).map { 55 + 92.5 * Double($0) })
        // Labels centred under ticks, baseline 5 + 4 + ascent 9 below the plot.
        #expect(layout.xTicks.last?.label.origin == Point(x: 980 - 6, y: 345 + 5 + 4 + 9))
        // y labels right-aligned 9 units left of the plot, centred on the tick: (9 − 3) / 2 = 3 lower.
        #expect(layout.yTicks.last?.label.origin == Point(x: 55 - 9 - 12, y: layout.yTicks[5].position + 3))
    }

    @Test("title and legend share the header row, legend right-aligned")
    func header() throws {
        let layout = ChartLayout(chart: chart(), canvas: RecordingCanvas())
        // Title baseline: padding 14 + ascent 12.
        #expect(layout.title?.origin == Point(x: 14, y: 26))
        // Entries: 24 sample + 6 gap + 6 text = 36 each, 18 apart: 90 wide, ending at 986.
        #expect(layout.legend.map(\.sampleStart.x) == [896, 950])
        #expect(layout.legend.map(\.label.origin.x) == [926, 980])
        // The 12 pt legend is centred in the 16-unit row: baseline 14 + 2 + 9.
        #expect(layout.legend.map(\.label.origin.y) == [25, 25])
        // Sample line through the middle of the text: baseline − (9 − 3) / 2.
        #expect(layout.legend.map(\.sampleStart.y) == [22, 22])
    }

    @Test("a legend that does not fit beside the title goes below it, and never over the plot")
    func wrappedLegend() throws {
        let long = String(repeating: "w", count: 118)  // 944 wide: no room for the legend beside it
        let layout = ChartLayout(chart: chart(title: long), canvas: RecordingCanvas())
        let title = try #require(layout.title)
        #expect(title.text == long)
        // Title row 16, gap 6, legend row 12.
        let legendBaseline: Double = 14 + 16 + 6 + 9
        #expect(layout.legend.map(\.label.origin.y) == [legendBaseline, legendBaseline])
        let plotTop: Double = 14 + 16 + 6 + 12 + 12
        #expect(layout.plot.minY == plotTop)
        #expect(layout.legend.allSatisfy { $0.label.origin.y + 3 < layout.plot.minY })
    }

    @Test("text wider than the figure is cut with an ellipsis")
    func ellipsis() throws {
        let layout = ChartLayout(chart: chart(title: String(repeating: "x", count: 300)), canvas: RecordingCanvas())
        let title = try #require(layout.title)
        #expect(title.text.hasSuffix("…"))
        // 972 available at 8 a character: 121 characters, the ellipsis one of them.
        #expect(title.text.count == 121)
        #expect(title.metrics.width <= 972)
    }

    @Test("line breaks and control characters in labels become spaces")
    func controlCharacters() {
        let layout = ChartLayout(chart: chart(title: "two\nlines\u{7}"), canvas: RecordingCanvas())
        #expect(layout.title?.text == "two lines ")
    }

    @Test("x ticks thin out until their labels keep apart")
    func xLabelSpacing() {
        let wide = Chart(
            title: "", xAxis: Axis(label: "", integerTicks: true), yAxis: Axis(label: ""),
            series: [LineSeries(label: "", values: Array(repeating: 1.0, count: 1_500_001), style: .series(.black))])
        let layout = ChartLayout(chart: wide, canvas: RecordingCanvas())
        let positions = layout.xTicks.map(\.position)
        let widths = layout.xTicks.map(\.label.metrics.width)
        #expect(layout.xTicks.count >= 4)
        for index in positions.indices.dropFirst() {
            #expect(positions[index] - positions[index - 1] >= (widths[index] + widths[index - 1]) / 2 + 24)
        }
        // 1,500,000 over about 940 units: 15 intervals of 100,000 are 63 apart, too close for
        // 54-wide labels; 14 give steps of 200,000.
        #expect(layout.xTicks.last?.label.text == "1,400,000")
    }

    @Test("a log axis gets power-of-ten labels and minor ticks")
    func logAxis() {
        let loss = Chart(
            title: "", xAxis: Axis(label: ""), yAxis: Axis(label: "", scale: .log10),
            series: [LineSeries(label: "", values: (0 ..< 100).map { 0.5 * pow10(-Double($0) / 25) }, style: .series(.black))])
        let layout = ChartLayout(chart: loss, canvas: RecordingCanvas())
        #expect(layout.yTicks.map(\.label.text) == ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"])
        #expect(!layout.yMinorTicks.isEmpty)
        #expect(layout.yMinorTicks.allSatisfy { $0 >= layout.plot.minY && $0 <= layout.plot.maxY })
    }
}
