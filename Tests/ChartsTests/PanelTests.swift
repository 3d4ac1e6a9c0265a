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

    @Test("a short panel is made as tall as its y-axis title, which is then drawn whole; the others share the rest by their shares")
    func panelAsTallAsItsTitle() throws {
        let title = "learning rate of each step"
        func chart(_ label: String) -> Chart {
            Chart(title: "T", xAxis: Axis(label: "x"), panels: [
                Panel(yAxis: Axis(label: "loss"), series: [LineSeries(label: "a", values: [1.0, 2, 3] as [Double], style: blue)], heightShare: 3),
                Panel(yAxis: Axis(label: label), series: [LineSeries(label: "b", values: [3.0, 2, 1] as [Double], style: red)]),
            ])
        }
        let font = ChartStyle.standard.axisLabelFont
        let length = Double(title.count) * font.size / 2  // the recording canvas's width of the title
        let layout = ChartLayout(chart: chart(title), canvas: RecordingCanvas())
        let (top, low) = (layout.panels[0].plot, layout.panels[1].plot)
        // By shares alone the low panel would be a quarter of both: shorter than its title.
        try #require((top.height + low.height) / 4 < length, "the chart must be short enough to test anything")
        #expect(low.height >= length && low.height <= length + 1, "\(low.height) for a title \(length) long")
        #expect(layout.panels[1].yLabel?.text == title)
        #expect(low.minY - top.maxY == ChartStyle.standard.panelGap)
        // A short title leaves the shares as they were.
        let plain = ChartLayout(chart: chart("rate"), canvas: RecordingCanvas())
        #expect(abs(plain.panels[0].plot.height - 3 * plain.panels[1].plot.height) <= 2)
    }

    @Test("heights: by shares; a height below its minimum raised to it, the others sharing the rest, round after round; by shares alone when the minimums do not fit")
    func heightsWithMinimums() {
        #expect(ChartLayout.heights(shares: [3, 1, 1], available: 300, minimums: []) == [180, 60, 60])
        #expect(ChartLayout.heights(shares: [3, 1, 1], available: 300, minimums: [0, 50, 60]) == [180, 60, 60])
        #expect(ChartLayout.heights(shares: [3, 1, 1], available: 300, minimums: [0, 75, 75]) == [150, 75, 75])
        // Raising the second leaves the third below its own: raised in a second round.
        let cascade = ChartLayout.heights(shares: [8, 1, 1], available: 100, minimums: [0, 15, 9.5])
        #expect(cascade == [75.5, 15, 9.5], "\(cascade)")
        // Minimums that do not fit are ignored.
        #expect(ChartLayout.heights(shares: [3, 1], available: 100, minimums: [60, 50]) == [75, 25])
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

    @Test("a level far from the data (a clip threshold of 1e300) does not set the range: it is not drawn, and the legend says it is off the panel")
    func farLevel() throws {
        let dashed = StrokeStyle(color: Palette.black, width: 1, dash: [5, 3])
        func chart(_ level: Double) -> Chart {
            Chart(title: "T", xAxis: Axis(label: "x"), panels: [
                Panel(yAxis: Axis(label: "norm", scale: .log10),
                      series: [LineSeries(label: "norm", values: [0.5, 2, 1, 0.2], style: red)],
                      levels: [HorizontalLevel(label: "clip threshold", value: level, style: dashed)]),
            ])
        }
        for (value, placement, legend) in [(1e300, HorizontalLevel.Placement.above, "clip threshold, above the panel"),
                                           (1e-300, .below, "clip threshold, below the panel")] {
            let layout = ChartLayout(chart: chart(value), canvas: RecordingCanvas())
            #expect(chart(value).panels[0].placement(of: chart(value).panels[0].levels[0]) == placement)
            // The range is the data's, padded: 0.2 … 2 and a little, not 300 decades.
            let domain = layout.panels[0].yScale.domain
            #expect(domain.lowerBound > 0.1 && domain.upperBound < 4, "\(domain)")
            // Only the legend's sample is dashed: nothing in the plot.
            let plot = layout.panels[0].plot
            #expect(!record(chart(value)).strokes(dashed).flatMap(\.subpaths).flatMap { $0 }.contains { $0.y >= plot.minY })
            #expect(layout.legend.map(\.label.text) == ["norm", legend])
        }
        // Within twice the data's span (1 decade here) of the data, a level is drawn and sets the range.
        let near = chart(10)
        #expect(near.panels[0].placement(of: near.panels[0].levels[0]) == .inPanel)
        #expect(ChartLayout(chart: near, canvas: RecordingCanvas()).panels[0].yScale.domain.upperBound >= 10)
        let nearPlot = ChartLayout(chart: near, canvas: RecordingCanvas()).panels[0].plot
        #expect(record(near).strokes(dashed).flatMap(\.subpaths).filter { $0.allSatisfy { $0.y >= nearPlot.minY } }.count == 1)
        #expect(ChartLayout(chart: near, canvas: RecordingCanvas()).legend.map(\.label.text) == ["norm", "clip threshold"])
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

    @Test("a short panel's line at the bottom or top of its range stays clear of the axis line; a tall panel keeps 5 % padding")
    func shortPanelInset() throws {
        // A learning rate halved three times, the last rate held to the end, in a short panel
        // under a tall one: 5 % of its span put the last rate 3 units above the x axis.
        var rate = LineSeries(label: "rate", values: [0.005, 0.005, 0.0025, 0.00125, 0.000625, 0.000625] as [Double?], style: red)
        rate.interpolation = .step
        let chart = Chart(
            title: "T", xAxis: Axis(label: "x", integerTicks: true),
            panels: [
                Panel(yAxis: Axis(label: "top"), series: [LineSeries(label: "a", values: (0...5).map { Double($0) }, style: blue)], heightShare: 3),
                Panel(yAxis: Axis(label: "rate", scale: .log10), series: [rate]),
            ])
        let style = ChartStyle.standard
        let layout = ChartLayout(chart: chart, canvas: RecordingCanvas())
        let low = layout.panels[1]
        #expect(low.plot.height < 100, "\(low.plot)")
        let bottom = low.plot.maxY - low.yScale.position(0.000625)
        let top = low.yScale.position(0.005) - low.plot.minY
        #expect(bottom >= style.minimumYDataInset - 1e-9 && top >= style.minimumYDataInset - 1e-9, "\(bottom) \(top) in \(low.plot)")
        // The drawn step line's lowest point is as far above the axis line.
        let points = record(chart).strokes(red).flatMap(\.subpaths).flatMap { $0 }
        let lowest = try #require(points.map(\.y).max())
        #expect(low.plot.maxY - lowest >= style.minimumYDataInset - 1, "\(lowest) vs axis at \(low.plot.maxY)")
        // The tall panel is padded by 5 % of its span, as before.
        #expect(layout.panels[0].plot.height > 200)
        #expect(layout.panels[0].yScale.domain == DomainFitting.domain(extent: 0...5, scale: .linear, padding: 0.05))
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
