/// A sequence of straight-line subpaths, the only shape the chart draws.
public struct Path: Equatable, Sendable {
    /// One step of a path.
    public enum Element: Equatable, Sendable {
        /// Starts a new subpath at the point.
        case move(to: Point)
        /// Extends the current subpath with a straight line to the point.
        case line(to: Point)
        /// Closes the current subpath back to its start.
        case close
    }

    /// The steps, in drawing order.
    public private(set) var elements: [Element] = []

    /// An empty path.
    public init() {}

    /// Whether the path draws nothing.
    public var isEmpty: Bool { elements.isEmpty }

    /// Starts a new subpath at `point`.
    public mutating func move(to point: Point) { elements.append(.move(to: point)) }

    /// Extends the current subpath to `point`.
    public mutating func line(to point: Point) { elements.append(.line(to: point)) }

    /// Closes the current subpath.
    public mutating func close() { elements.append(.close) }

    /// Reserves room for `count` elements, for paths built point by point.
    mutating func reserveCapacity(_ count: Int) { elements.reserveCapacity(count) }
}

// MARK: - Common shapes

extension Path {
    /// A closed rectangle.
    public static func rectangle(_ rect: Rect) -> Path {
        var path = Path()
        path.move(to: Point(x: rect.minX, y: rect.minY))
        path.line(to: Point(x: rect.maxX, y: rect.minY))
        path.line(to: Point(x: rect.maxX, y: rect.maxY))
        path.line(to: Point(x: rect.minX, y: rect.maxY))
        path.close()
        return path
    }

    /// A single straight segment.
    public static func segment(from start: Point, to end: Point) -> Path {
        var path = Path()
        path.move(to: start)
        path.line(to: end)
        return path
    }
}
