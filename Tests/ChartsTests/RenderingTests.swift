@testable import Charts
import Testing

@Suite("Drawing through the canvas")
struct RenderingTests {
    private let blue = StrokeStyle.series(Palette.blue)

    private func chart(_ values: [Double?], scale: AxisScale = .linear, markers: [VerticalMarkers] = []) -> Chart {
        Chart(
            title: "Title", xAxis: Axis(label: "x"), yAxis: Axis(label: "y", scale: scale),
            series: [LineSeries(label: "data", values: values, style: blue)], markers: markers)
    }

    @Test("back to front: background, grid, series, axes, then text")
    func order() throws {
        let canvas = record(chart([1, 2, 3]))
        let operations = canvas.operations
        guard case let .fill(background, color) = try #require(operations.first) else {
            Issue.record("first operation is not the background")
            return
        }
        #expect(background == .rectangle(Rect(x: 0, y: 0, width: 1000, height: 400)))
        #expect(color == .white)
        let seriesIndex = try #require(operations.firstIndex { if case .stroke(_, blue) = $0 { true } else { false } })
        let firstText = try #require(operations.firstIndex { if case .text = $0 { true } else { false } })
        let axisIndex = try #require(operations.firstIndex { if case .stroke(_, ChartStyle.standard.axis) = $0 { true } else { false } })
        #expect(seriesIndex < axisIndex && axisIndex < firstText)
        #expect(canvas.texts.map(\.text).contains("Title"))
        #expect(canvas.texts.first { $0.text == "y" }?.rotation == .vertical)
    }

    @Test("lone points are drawn over the axes, which would hide one at the first step or at the range's edge")
    func dotsOverAxes() throws {
        // 5 alone at the start, then a gap: its dot is on the y axis.
        let operations = record(chart([5, nil, 1, 2])).operations
        let dotStyle = SeriesPath.dotStyle(for: blue)
        let dotIndex = try #require(operations.firstIndex { if case .stroke(_, dotStyle) = $0 { true } else { false } })
        let axisIndex = try #require(operations.lastIndex { if case .stroke(_, ChartStyle.standard.axis) = $0 { true } else { false } })
        let lineIndex = try #require(operations.firstIndex { if case .stroke(_, blue) = $0 { true } else { false } })
        #expect(lineIndex < axisIndex && axisIndex < dotIndex)
    }

    @Test("a missing or non-finite value leaves a gap")
    func gaps() throws {
        let canvas = record(chart([1, 2, nil, 4, 5, .nan, 7, 8, .infinity, 10]))
        // The legend sample is a stroke of the same colour but with butt caps; the series has round caps.
        let line = try #require(canvas.strokes(blue).first)
        // Runs 1–2, 4–5 and 7–8; then 10 alone: a dot, a zero-length segment stroked wider.
        #expect(line.subpaths.map(\.count) == [2, 2, 2])
        let dots = try #require(canvas.strokes(SeriesPath.dotStyle(for: blue)).first)
        #expect(dots.subpaths.count == 1 && dots.subpaths[0].count == 2 && dots.subpaths[0][0] == dots.subpaths[0][1])
    }

    @Test("a break leaves out the segment into its value, and only that one; a step line holds nothing across it")
    func breaks() throws {
        // Ten values climbing by 1, then starting over: the line must not run from 9 back to 0.
        var series = LineSeries(label: "data", values: (0 ..< 15).map { Double($0 % 10) }, style: blue)
        series.breaks = [10, 0, 99]  // unsorted, with indices that do nothing
        let chart = Chart(title: "", xAxis: Axis(label: "x"), yAxis: Axis(label: "y"), series: [series])
        let layout = ChartLayout(chart: chart, canvas: RecordingCanvas(width: 2000))
        let line = try #require(record(chart, width: 2000).strokes(blue).first)
        // Two runs, 0…9 and 0…4, each of every point (10 px apart: nothing to decimate), in place.
        #expect(line.subpaths.map(\.count) == [10, 5])
        // (Drawn coordinates are rounded to a quarter of a pixel.)
        #expect(try abs(#require(line.subpaths[0].last?.x) - layout.xScale.position(9)) <= 0.125)
        #expect(try abs(#require(line.subpaths[1].first?.x) - layout.xScale.position(10)) <= 0.125)
        #expect(line.subpaths[1].first?.y == line.subpaths[0].first?.y)
        // Without the break it is one run.
        series.breaks = []
        let whole = try #require(record(Chart(title: "", xAxis: Axis(label: "x"), yAxis: Axis(label: "y"), series: [series]), width: 2000)
            .strokes(blue).first)
        #expect(whole.subpaths.map(\.count) == [15])
        // A step line: no horizontal hold from 9 to the next x, no riser down to 0.
        series.breaks = [10]
        series.interpolation = .step
        let stepped = try #require(record(Chart(title: "", xAxis: Axis(label: "x"), yAxis: Axis(label: "y"), series: [series]), width: 2000)
            .strokes(blue).first)
        #expect(stepped.subpaths.count == 2)
        #expect(try abs(#require(stepped.subpaths[0].last?.x) - layout.xScale.position(9)) <= 0.125)
    }

    @Test("degenerate series draw a chart without data, a dot or a flat line")
    func degenerate() throws {
        // No values, or only gaps: axes and ticks, no series line.
        for values in [[], [nil, nil], [Double.nan]] as [[Double?]] {
            let canvas = record(chart(values))
            #expect(canvas.strokes(blue).isEmpty && canvas.strokes(SeriesPath.dotStyle(for: blue)).isEmpty)
            #expect(canvas.texts.count > 3)
        }
        // One point: a zero-length segment, which the round cap turns into a dot, 4 units across
        // for this 1.5-unit line (twice as wide would be 3), and opaque whatever the line's alpha.
        let single = record(chart([0.5]))
        #expect(single.strokes(blue).isEmpty)
        let dotStyle = SeriesPath.dotStyle(for: blue)
        #expect(dotStyle.width == 4 && dotStyle.cap == .round && dotStyle.color.alpha == 1)
        var faint = blue
        faint.color.alpha = 0.4
        faint.width = 3
        #expect(SeriesPath.dotStyle(for: faint).color.alpha == 1 && SeriesPath.dotStyle(for: faint).width == 6)
        let dot = try #require(single.strokes(dotStyle).first)
        #expect(dot.subpaths.count == 1 && dot.subpaths[0].count == 2 && dot.subpaths[0][0] == dot.subpaths[0][1])
        // A constant: a horizontal line in the middle of the plot.
        let flat = ChartLayout(chart: chart([3, 3, 3]), canvas: RecordingCanvas())
        let line = try #require(record(chart([3, 3, 3])).strokes(blue).first).subpaths[0]
        #expect(Set(line.map(\.y)).count == 1)
        #expect(abs(line[0].y - (flat.plot.minY + flat.plot.maxY) / 2) <= 0.25)
    }

    @Test("extreme values and log scales with zeros draw finite lines; what a log scale cannot place is a gap")
    func extremes() throws {
        // ±greatestFiniteMagnitude: a span that overflows double. The domain is clamped to the
        // two, so they land on the top and bottom edges of the plot and 0 in the middle.
        let values = [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 0, Double.leastNonzeroMagnitude]
        let huge = record(chart(values))
        #expect(huge.points.allSatisfy { $0.x.isFinite && $0.y.isFinite }, "a coordinate is not finite")
        let plot = ChartLayout(chart: chart(values), canvas: RecordingCanvas()).plot
        let hugeLine = try #require(huge.strokes(blue).first).subpaths
        try #require(hugeLine.map(\.count) == [4])
        // Tolerance 0.5 unit: the positions are computed from halved values and may round.
        let ys = hugeLine[0].map(\.y)
        #expect(abs(ys[0] - plot.minY) <= 0.5 && abs(ys[1] - plot.maxY) <= 0.5, "\(ys) in \(plot)")
        #expect(abs(ys[2] - (plot.minY + plot.maxY) / 2) <= 0.5 && abs(ys[3] - ys[2]) <= 0.5, "\(ys)")
        let log = record(chart([0, -1, 1e-3, 1, 0, 1e3], scale: .log10))
        let line = log.strokes(blue).first?.subpaths ?? []
        // Zero and negative values cannot be placed on a log scale: they are gaps.
        // Left: 10⁻³–1, then 10³ alone (a dot).
        #expect(line.map(\.count) == [2])
        #expect(log.strokes(SeriesPath.dotStyle(for: blue)).first?.subpaths.count == 1)
        let allZero = record(chart([0, 0, 0], scale: .log10))
        #expect(allZero.strokes(blue).isEmpty && allZero.strokes(SeriesPath.dotStyle(for: blue)).isEmpty)
    }

    @Test("tiny or absurd canvas sizes are clamped to 1 to 10⁶ units; the geometry stays finite and the data drawn")
    func sizes() throws {
        let cases: [(width: Double, height: Double, used: Size)] = [
            (1, 1, Size(width: 1, height: 1)), (0, 0, Size(width: 1, height: 1)), (-5, 10, Size(width: 1, height: 10)),
            (.nan, .infinity, Size(width: 1, height: 1)), (30, 2000, Size(width: 30, height: 2000)),
            (1e12, 400, Size(width: 1e6, height: 400)),
        ]
        for (width, height, used) in cases {
            let canvas = record(chart([1, 2, 3]), width: width, height: height)
            let label = "\(width) × \(height)"
            guard case let .fill(background, _) = try #require(canvas.operations.first) else {
                Issue.record("\(label): the first operation is not the background")
                continue
            }
            #expect(background == .rectangle(Rect(x: 0, y: 0, width: used.width, height: used.height)), "\(label)")
            #expect(canvas.points.allSatisfy { $0.x.isFinite && $0.y.isFinite }, "\(label): a coordinate is not finite")
            let drawn = canvas.strokes(blue) + canvas.strokes(SeriesPath.dotStyle(for: blue))
            #expect(!drawn.isEmpty, "\(label): the series is not drawn")
        }
    }

    @Test("markers: only those in range, one line per pixel column, and a legend entry")
    func markers() throws {
        let style = StrokeStyle(color: .black, width: 1, dash: [4, 3])
        let markers = VerticalMarkers(label: "event", positions: [-5, 2, 2.0001, 7, .nan, 50], style: style)
        let canvas = record(chart((0...10).map { Double($0) }, markers: [markers]))
        let path = try #require(canvas.strokes(style).first)
        #expect(path.subpaths.count == 2)
        #expect(canvas.texts.map(\.text).contains("event"))
        // Markers all outside the range: no line and no legend entry.
        let outside = record(chart([1, 2, 3], markers: [VerticalMarkers(label: "event", positions: [100], style: style)]))
        #expect(outside.strokes(style).isEmpty)
        #expect(!outside.texts.map(\.text).contains("event"))
    }

    @Test("grid and axis lines sit on pixel centres at 1×, on pixel edges at 2×")
    func crispLines() throws {
        for resolution in [1.0, 2.0] {
            let canvas = record(chart([1, 2, 3]), resolution: resolution)
            let grid = try #require(canvas.strokes(ChartStyle.standard.grid).first)
            for point in grid.subpaths.flatMap({ $0 }) {
                let horizontal = grid.subpaths.contains { $0.count == 2 && $0[0].y == $0[1].y && $0.contains(point) }
                let device = (horizontal ? point.y : point.x) * resolution
                // A 1-unit line is 1 device pixel wide at 1× (centre on .5), 2 at 2× (centre on an edge).
                let expected = resolution == 1 ? 0.5 : 0
                #expect(device - device.rounded(.down) == expected)
            }
        }
    }

    @Test("the same chart gives the same operations")
    func deterministic() {
        let values = (0 ..< 5000).map { index -> Double? in index % 97 == 0 ? nil : Double(index % 31) }
        #expect(record(chart(values)).operations == record(chart(values)).operations)
    }

    @Test("a million points reduce to a few per pixel column")
    func bounded() throws {
        let values = (0 ..< 1_000_000).map { Double(($0 &* 2_654_435_761) % 1000) }
        let canvas = record(chart(values))
        let line = try #require(canvas.strokes(blue).first)
        let layout = ChartLayout(chart: chart(values), canvas: RecordingCanvas())
        #expect(line.elements.count <= 2 * Int(layout.plot.width + 1) + 2)
    }
}
