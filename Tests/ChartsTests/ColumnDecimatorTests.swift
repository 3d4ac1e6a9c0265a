@testable import Charts
import Testing

@Suite("Decimation by pixel column")
struct ColumnDecimatorTests {
    private func decimate(_ points: [(Double, Double)], resolution: Double = 1) -> Path {
        var decimator = ColumnDecimator(resolution: resolution)
        for (x, y) in points { decimator.add(x: x, y: y) }
        return decimator.finish()
    }

    @Test("fewer points than columns: every point kept")
    func sparse() {
        let points = (0 ..< 20).map { (Double($0) * 3, Double($0 % 7) * 10) }
        let path = decimate(points)
        #expect(path.subpaths == [points.map { Point(x: $0.0, y: $0.1) }])
    }

    @Test("dense: a few points per column, with each column's extremes and the exact ends")
    func dense() throws {
        // 10,000 points over 100 columns: a fast wave that fills each column top to bottom.
        let points = (0 ..< 10_000).map { index -> (Double, Double) in
            (Double(index) / 100, 200 + 100 * Double((index * 7919) % 1000) / 1000)
        }
        let path = decimate(points)
        let line = try #require(path.subpaths.first)
        #expect(path.subpaths.count == 1)
        // Two extremes per column, plus the first and last point.
        #expect(line.count <= 2 * 100 + 2)
        #expect(line.first == Point(x: 0, y: 200))
        #expect(line.last == Point(x: 99.99, y: 200 + 100 * Double((9999 * 7919) % 1000) / 1000).quarterPixel)
        // Every kept value is an input value (rounded to a quarter pixel), drawn at its column's
        // centre, apart from the exact ends…
        let inputs = Set(points.map { Point(x: $0.0, y: $0.1).quarterPixel.y })
        #expect(line.allSatisfy { inputs.contains($0.y) })
        #expect(line.dropFirst().dropLast().allSatisfy { $0.x - $0.x.rounded(.down) == 0.5 })
        // …and each column's lowest and highest value are among them.
        for column in 0 ..< 100 {
            let original = points.filter { Int($0.0) == column }.map { Point(x: $0.0, y: $0.1).quarterPixel.y }
            let kept = line.filter { Int($0.x) == column }.map(\.y)
            #expect(kept.min() == original.min())
            #expect(kept.max() == original.max())
        }
    }

    @Test("a gap breaks the line; a lone point becomes a dot")
    func gaps() {
        let path = decimate([(0, 1), (10, 2), (20, .nan), (30, 4), (40, 5), (50, .infinity), (60, 7), (70, .nan)])
        #expect(path.subpaths == [
            [Point(x: 0, y: 1), Point(x: 10, y: 2)],
            [Point(x: 30, y: 4), Point(x: 40, y: 5)],
            [Point(x: 60, y: 7), Point(x: 60, y: 7)],
        ])
    }

    @Test("values alternating with gaps stay bounded per column")
    func alternatingGaps() {
        // 100,000 points over 10 columns, every other one missing.
        let points = (0 ..< 100_000).map { index -> (Double, Double) in
            (Double(index) / 10_000, index.isMultiple(of: 2) ? Double(index % 97) : .nan)
        }
        let path = decimate(points)
        #expect(path.elements.count <= 10 * 12)
        // The merged runs still reach the extremes of the data in every column.
        let ys = path.subpaths.flatMap { $0 }.map(\.y)
        #expect(ys.min() == 0 && ys.max() == 96)
    }

    @Test("columns follow the device resolution")
    func resolution() {
        let points = (0 ..< 1000).map { (Double($0) / 100, Double($0 % 2)) }
        let single = decimate(points, resolution: 1).subpaths.flatMap { $0 }.count
        let double = decimate(points, resolution: 2).subpaths.flatMap { $0 }.count
        #expect(single <= 2 * 10 + 2)
        #expect(double > single && double <= 2 * 20 + 2)
    }
}

extension Point {
    /// Rounded as the decimator rounds at resolution 1.
    fileprivate var quarterPixel: Point { Point(x: (x * 4).rounded() / 4, y: (y * 4).rounded() / 4) }
}
