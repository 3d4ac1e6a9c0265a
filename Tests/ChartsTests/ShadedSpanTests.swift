@testable import Charts
import Testing

/// Shaded spans: a band between two x positions, behind the grid, clipped to the x range, in the legend.
@Suite("Shaded spans")
struct ShadedSpanTests {
    private let shade = Palette.orange.opacity(0.2)

    private func chart(spans: [ShadedSpan]) -> Chart {
        // x runs from 0 to 9: ten values, one a unit.
        let panel = Panel(
            yAxis: Axis(label: "y"),
            series: [LineSeries(label: "data", values: (0 ..< 10).map { Double($0) }, style: .series(Palette.blue))],
            spans: spans)
        return Chart(title: "Title", xAxis: Axis(label: "x"), panels: [panel])
    }

    /// The rectangles filled in `color`, as (minX, maxX, minY, maxY).
    private func bands(_ canvas: RecordingCanvas, _ color: Color) -> [[Double]] {
        canvas.operations.compactMap { operation -> [Double]? in
            guard case let .fill(path, filled) = operation, filled == color else { return nil }
            let xs = path.subpaths.flatMap { $0 }.map(\.x), ys = path.subpaths.flatMap { $0 }.map(\.y)
            return [xs.min()!, xs.max()!, ys.min()!, ys.max()!]
        }
    }

    @Test("a span is filled between its x positions across the plot's height, before the grid and the data")
    func filledBehind() throws {
        let canvas = record(chart(spans: [ShadedSpan(label: "held out", from: 6, to: 9, color: shade)]))
        let band = try #require(bands(canvas, shade).first)
        let plain = record(chart(spans: []))
        // Where x = 6 and x = 9 fall: the data line's points, which the span does not move.
        let line = try #require(plain.strokes(.series(Palette.blue)).first).subpaths.flatMap { $0 }
        // The line's points are snapped to the pixel grid; the band is not.
        #expect(abs(band[0] - line[6].x) <= 0.5 && abs(band[1] - line[9].x) <= 0.5, "\(band) against \(line[6].x), \(line[9].x)")
        // From the plot's top to its bottom: the vertical extent of the grid's lines.
        let grid = plain.strokes(ChartStyle.standard.grid).flatMap { $0.subpaths.flatMap { $0 } }.map(\.y)
        #expect(band[2] <= grid.min()! + 1 && band[3] >= grid.max()! - 1)
        let fill = try #require(canvas.operations.firstIndex { if case .fill(_, shade) = $0 { true } else { false } })
        let gridStroke = try #require(canvas.operations.firstIndex { if case .stroke(_, ChartStyle.standard.grid) = $0 { true } else { false } })
        #expect(fill < gridStroke)
        #expect(canvas.texts.map(\.text).contains("held out"), "the span is in the legend")
    }

    @Test("a span is clipped to the x range; one outside it, reversed ends or non-finite ones are handled")
    func clipped() throws {
        let wide = record(chart(spans: [ShadedSpan(label: "wide", from: -100, to: 4, color: shade)]))
        let reversed = record(chart(spans: [ShadedSpan(label: "reversed", from: 4, to: -100, color: shade)]))
        #expect(bands(wide, shade) == bands(reversed, shade))
        let band = try #require(bands(wide, shade).first)
        let line = try #require(wide.strokes(.series(Palette.blue)).first).subpaths.flatMap { $0 }
        #expect(abs(band[0] - line[0].x) <= 0.5, "clipped at the start of the x range: \(band[0]) against \(line[0].x)")
        for span in [ShadedSpan(label: "outside", from: 20, to: 30, color: shade),
                     ShadedSpan(label: "nan", from: .nan, to: 3, color: shade)] {
            let canvas = record(chart(spans: [span]))
            #expect(bands(canvas, shade).isEmpty)
            #expect(!canvas.texts.map(\.text).contains(span.label))
        }
    }
}
