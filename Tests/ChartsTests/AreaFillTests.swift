@testable import Charts
import Testing

@Suite("Areas between two series")
struct AreaFillTests {
    private let edge = StrokeStyle.series(Palette.blue.opacity(0.3), width: 0.5)
    private let shade = Palette.blue.opacity(0.15)

    private func chart(lower: [Double?], upper: [Double?], scale: AxisScale = .linear) -> Chart {
        Chart(
            title: "", xAxis: Axis(label: "x"),
            panels: [Panel(
                yAxis: Axis(label: "y", scale: scale),
                series: [LineSeries(label: "", values: lower, style: edge), LineSeries(label: "", values: upper, style: edge)],
                fills: [AreaFill(lower: 0, upper: 1, color: shade)])])
    }

    /// Whether two lists of points are the same within a quarter of a pixel.
    private func close(_ a: [Point], _ b: [Point]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0.x - $1.x) <= 0.25 && abs($0.y - $1.y) <= 0.25 }
    }

    private func fills(_ canvas: RecordingCanvas) -> [Path] {
        canvas.operations.compactMap { if case let .fill(path, color) = $0, color == shade { path } else { nil } }
    }

    @Test("the area runs along the upper edge and back along the lower one, behind the series, and a gap in either breaks it")
    func outline() throws {
        let canvas = record(chart(lower: [1, 2, 3, nil, 1, 1, 1], upper: [2, 4, 6, 6, 2, nil, 2]))
        let paths = fills(canvas)
        try #require(paths.count == 1)
        // Stretches: indices 0–2 (both present), then 4 alone (not an area), then 6 alone.
        let outline = try #require(paths[0].subpaths.first)
        #expect(paths[0].subpaths.count == 1 && outline.count == 6)
        #expect(paths[0].elements.last == .close)
        let stroked = canvas.strokes(edge)
        try #require(stroked.count == 2)
        // The upper edge's points, then the lower edge's in reverse: the places the lines go through
        // (which the line's decimator snaps to a quarter of a pixel).
        #expect(close(Array(outline.prefix(3)), Array(stroked[1].subpaths[0].prefix(3))), "\(outline) \(stroked)")
        #expect(close(Array(outline.suffix(3)), stroked[0].subpaths[0].reversed()), "\(outline) \(stroked)")
        let fillIndex = try #require(canvas.operations.firstIndex { if case .fill(_, shade) = $0 { true } else { false } })
        let strokeIndex = try #require(canvas.operations.firstIndex { if case .stroke(_, edge) = $0 { true } else { false } })
        #expect(fillIndex < strokeIndex)
    }

    @Test("a long band keeps one point per pixel column with the column's extremes, and a log scale leaves out what it cannot show")
    func decimated() throws {
        let count = 100_000
        let lower = (0 ..< count).map { Double?(1 + Double($0 % 7)) }
        let upper = (0 ..< count).map { Double?(10 + Double($0 % 11)) }
        let outline = try #require(fills(record(chart(lower: lower, upper: upper))).first?.subpaths.first)
        #expect(outline.count <= 2 * 1000, "\(outline.count) points for a plot under 1000 pixels wide")
        // Every column holds the values 1…7 and 10…20: each point of the upper edge (the first
        // half of the outline) is at 20, each of the lower edge at 1.
        let placed = record(chart(lower: [1, 20], upper: [1, 20])).strokes(edge)[0].subpaths[0].map(\.y)
        let half = outline.count / 2
        #expect(outline.prefix(half).allSatisfy { abs($0.y - placed[1]) <= 0.25 }, "upper edge not at 20: \(outline.prefix(half).map(\.y).max()!)")
        #expect(outline.suffix(half).allSatisfy { abs($0.y - placed[0]) <= 0.25 }, "lower edge not at 1: \(outline.suffix(half).map(\.y).min()!)")

        let logOutline = fills(record(chart(lower: [1, 0, 1, 1], upper: [2, 2, 2, 2], scale: .log10)))
        #expect(logOutline.first?.subpaths.map(\.count) == [4], "a zero on a log scale breaks the area: \(logOutline)")
    }
}
