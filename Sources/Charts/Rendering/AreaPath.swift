/// The outline of the area between two series: for each stretch where both have a value, the
/// upper edge from left to right and the lower edge back, closed.
///
/// Long series are reduced to one point per device pixel column, keeping the column's highest
/// upper value and lowest lower value, so that the outline covers everything the values cover.
struct AreaPath {
    var path = Path()

    init(lower: LineSeries, upper: LineSeries, xScale: Scale, yScale: Scale, resolution: Double) {
        let kind = yScale.kind
        // One stretch at a time: (x, top, bottom) per column, in device units.
        var stretch: [(x: Double, top: Double, bottom: Double)] = []
        var column = Double.nan
        func close() {
            if stretch.count >= 2 {
                path.move(to: Point(x: stretch[0].x, y: stretch[0].top))
                for point in stretch.dropFirst() { path.line(to: Point(x: point.x, y: point.top)) }
                for point in stretch.reversed() { path.line(to: Point(x: point.x, y: point.bottom)) }
                path.close()
            }
            stretch.removeAll(keepingCapacity: true)
            column = .nan
        }
        for index in 0 ..< min(lower.count, upper.count) {
            // Positions grow downwards: the upper value has the smaller y.
            let top = yScale.position(transformed: Scale.transform(upper[index] ?? .nan, kind))
            let bottom = yScale.position(transformed: Scale.transform(lower[index] ?? .nan, kind))
            guard top.isFinite, bottom.isFinite else {
                close()
                continue
            }
            let x = xScale.position(upper.x(at: index))
            let pixel = (x * resolution).rounded(.down)
            if pixel == column, var last = stretch.popLast() {
                last.top = min(last.top, top)
                last.bottom = max(last.bottom, bottom)
                stretch.append(last)
            } else {
                stretch.append((x, top, bottom))
                column = pixel
            }
        }
        close()
    }
}
