import Foundation
@testable import Charts
import Testing

/// Charts of several panels sharing one x axis, levels, and step lines, against values worked out
/// by hand from ``ChartStyle``'s defaults and the recording canvas's metrics.
@Suite("Panels, levels and step lines")
struct PanelTests {
    private let blue = StrokeStyle.series(Palette.blue)
    private let red = StrokeStyle.series(Palette.vermillion)

    /// A tall panel (share 3) over a short one (share 1) on a log axis with a level at 1.
    private func twoPanels() -> Chart {
        Chart(
            title: "T", xAxis: Axis(label: "x", integerTicks: true),
            panels: [
                Panel(yAxis: Axis(label: "top"), series: [
                    LineSeries(label: "a", values: (0...10).map { Double($0) }, style: blue),
                ], heightShare: 3),
                Panel(yAxis: Axis(label: "low", scale: .log10), series: [
                    LineSeries(label: "b", values: (0...10).map { pow(10, -Double($0) / 2) }, style: red),
                ], levels: [HorizontalLevel(label: "limit", value: 10, style: .series(Palette.black))]),
            ])
    }

    @Test("panels share the plot's left and right edges and split the height by their shares, with a gap")
    func geometry() {
        let layout = ChartLayout(chart: twoPanels(), canvas: RecordingCanvas())
        #expect(layout.panels.count == 2)
        let (top, low) = (layout.panels[0].plot, layout.panels[1].plot)
        #expect(top.minX == low.minX && top.maxX == low.maxX)
        #expect(low.minY - top.maxY == ChartStyle.standard.panelGap)
        // 3 : 1 of the height left after the gap, to within the rounding to whole units.
        #expect(abs(top.height - 3 * low.height) <= 2, "\(top.height) vs \(low.height)")
        // The x tick labels sit under the bottom panel only.
        for tick in layout.xTicks { #expect(tick.label.origin.y > low.maxY) }
    }

    @Test("a level widens its panel's range, is drawn across the panel, and is in the legend")
    func levels() {
        let layout = ChartLayout(chart: twoPanels(), canvas: RecordingCanvas())
        // The data reach 1, the level 10: the log axis must show 10.
        #expect(layout.panels[1].yScale.domain.upperBound >= 1)
        #expect(layout.legend.map(\.label.text) == ["a", "b", "limit"])
        let canvas = record(twoPanels())
        let lines = canvas.strokes(.series(Palette.black)).flatMap(\.subpaths)
        let low = layout.panels[1].plot
        #expect(lines.contains { $0.count == 2 && $0[0].x == low.minX && $0[1].x == low.maxX && $0[0].y == $0[1].y })
    }

    @Test("each panel draws its own y ticks; a panel's series stay inside its plot")
    func seriesStayInTheirPanel() {
        let layout = ChartLayout(chart: twoPanels(), canvas: RecordingCanvas())
        let canvas = record(twoPanels())
        for (style, plot) in [(blue, layout.panels[0].plot), (red, layout.panels[1].plot)] {
            let points = canvas.strokes(style).flatMap(\.subpaths).flatMap { $0 }
            #expect(!points.isEmpty)
            #expect(points.allSatisfy { $0.y >= plot.minY - 0.5 && $0.y <= plot.maxY + 0.5 })
        }
        #expect(!layout.panels[0].yTicks.isEmpty && !layout.panels[1].yTicks.isEmpty)
        #expect(layout.panels[1].yTicks.map(\.label.text).allSatisfy { $0.hasPrefix("10") })
    }

    @Test("a step line holds each value until the next x, then moves straight up or down")
    func stepLine() {
        var series = LineSeries(label: "rate", values: [4, 4, 2, 2, 1] as [Double?], style: blue)
        series.interpolation = .step
        let chart = Chart(title: "", xAxis: Axis(label: ""), yAxis: Axis(label: ""), series: [series])
        let points = record(chart).strokes(blue).flatMap(\.subpaths).flatMap { $0 }
        // Every segment is horizontal or vertical (to within the pixel column the decimator
        // places a column's extremes in).
        for (a, b) in zip(points, points.dropFirst()) {
            #expect(abs(a.x - b.x) <= 1 || a.y == b.y, "\(a) → \(b) in \(points)")
        }
        // Linear interpolation would draw a slanted segment from x = 1 to 2.
        var linear = series
        linear.interpolation = .linear
        let slanted = record(Chart(title: "", xAxis: Axis(label: ""), yAxis: Axis(label: ""), series: [linear]))
            .strokes(blue).flatMap(\.subpaths).flatMap { $0 }
        #expect(zip(slanted, slanted.dropFirst()).contains { abs($0.x - $1.x) > 1 && $0.y != $1.y })
    }

    @Test("one panel lays out exactly as a chart made with the one-panel initialiser")
    func onePanelIsTheOldChart() {
        let series = [LineSeries(label: "a", values: (0...10).map { Double($0) }, style: blue)]
        let old = Chart(title: "T", xAxis: Axis(label: "x"), yAxis: Axis(label: "y"), series: series)
        let new = Chart(title: "T", xAxis: Axis(label: "x"), panels: [Panel(yAxis: Axis(label: "y"), series: series)])
        #expect(record(old).operations.count == record(new).operations.count)
        #expect(ChartLayout(chart: old, canvas: RecordingCanvas()).plot == ChartLayout(chart: new, canvas: RecordingCanvas()).plot)
    }
}
