/// The paths that draw a series: every value placed by the scales, reduced by a
/// ``ColumnDecimator`` to what the canvas resolution can show, and split into the line and its
/// lone points (values between two gaps), which are drawn as dots large enough to see.
struct SeriesPath {
    /// The runs of two or more points.
    var line = Path()
    /// The lone points, each a zero-length segment.
    var dots = Path()

    init(_ series: LineSeries, xScale: Scale, yScale: Scale, resolution: Double) {
        var decimator = ColumnDecimator(resolution: resolution)
        let kind = yScale.kind
        let steps = series.interpolation == .step
        var previousY = Double.nan
        // The breaks in order, each one a gap before its value, as a missing value would leave.
        let breaks = series.breaks.sorted()
        var nextBreak = breaks.startIndex
        series.forEachValue { index, value in
            while nextBreak < breaks.endIndex, breaks[nextBreak] <= index {
                if breaks[nextBreak] == index {
                    decimator.add(x: .nan, y: .nan)
                    previousY = .nan
                }
                nextBreak += 1
            }
            let x = xScale.position(series.x(at: index))
            let y = yScale.position(transformed: Scale.transform(value, kind))
            // A step holds the previous value up to this x; across a gap there is nothing to hold.
            if steps, previousY.isFinite, y.isFinite, y != previousY { decimator.add(x: x, y: previousY) }
            decimator.add(x: x, y: y)
            previousY = y
        }
        let elements = decimator.finish().elements
        var index = elements.startIndex
        while index < elements.endIndex {
            // A subpath runs from a move to the next move.
            var end = index + 1
            while end < elements.endIndex, !elements[end].isMove { end += 1 }
            let isDot = end - index == 2 && elements[index].point == elements[index + 1].point
            for element in elements[index ..< end] {
                if isDot { dots.append(element) } else { line.append(element) }
            }
            index = end
        }
    }

    /// How lone points are drawn: round dots twice as wide as the line, at least 4 units across,
    /// and opaque. A translucent style (the raw loss under its smoothed line) is faint so that a
    /// dense line stays in the background; a lone value has nothing drawn over it, and at its
    /// translucency a dot of a few pixels could hardly be told from the grid.
    static func dotStyle(for style: StrokeStyle) -> StrokeStyle {
        var dot = style
        dot.width = max(style.width * 2, 4)
        dot.color.alpha = 1
        dot.cap = .round
        dot.dash = []
        return dot
    }
}

extension Path.Element {
    fileprivate var isMove: Bool {
        if case .move = self { true } else { false }
    }

    fileprivate var point: Point? {
        switch self {
        case .move(let point), .line(let point): point
        case .close: nil
        }
    }
}

extension Path {
    fileprivate mutating func append(_ element: Element) {
        switch element {
        case .move(let point): move(to: point)
        case .line(let point): line(to: point)
        case .close: close()
        }
    }
}
