/// A line through values at evenly spaced x positions, with gaps where values are missing.
///
/// The value at index `i` sits at `x = xStart + i × xStep`. A missing or non-finite value breaks
/// the line; a value that the axis scale cannot show (zero or negative on a log scale) does too,
/// and so does each index in ``breaks``, where the data does not go on from the value before.
public struct LineSeries: Sendable {
    /// How consecutive values are joined.
    public enum Interpolation: Hashable, Sendable {
        /// A straight line from each value to the next.
        case linear
        /// Each value holds until the next one's x, then the line steps to it: a quantity that
        /// changes at discrete moments, such as a learning rate.
        case step
    }

    /// The name shown in the legend; empty to leave the series out of the legend.
    public var label: String
    public var style: StrokeStyle
    public var interpolation: Interpolation = .linear
    /// Indices at which the line starts afresh: value `i` is not joined to value `i − 1`, as
    /// where a series starts over from its beginning. Both values are drawn; only the segment
    /// between them is left out. Indices in any order; those outside `1 ..< count` do nothing.
    public var breaks: [Int] = []
    public var xStart: Double
    /// Distance between consecutive values; always positive and finite.
    public private(set) var xStep: Double
    /// The values, with `nan` for a gap: doubles, or floats for a long run's samples (half the
    /// memory; a float holds more precision than a figure can show).
    enum Storage: Sendable {
        case double([Double])
        case float([Float])
    }

    private(set) var storage: Storage

    /// A series of `Double` values.
    ///
    /// - Parameters:
    ///   - label: The legend text.
    ///   - values: The y values; `nil` or a non-finite value leaves a gap.
    ///   - xStart: The x position of the first value.
    ///   - xStep: The x distance between values; a step that is not positive and finite is taken as 1.
    ///   - style: How the line is stroked.
    public init(label: String, values: [Double?], xStart: Double = 0, xStep: Double = 1, style: StrokeStyle) {
        self.init(label: label, storage: .double(values.map { value in
            guard let value, value.isFinite else { return .nan }
            return value
        }), xStart: xStart, xStep: xStep, style: style)
    }

    /// A series of `Float` values (as a training run records them).
    ///
    /// - Parameters: As for the `Double` form.
    public init(label: String, values: [Float?], xStart: Double = 0, xStep: Double = 1, style: StrokeStyle) {
        self.init(label: label, storage: .double(values.map { value in
            guard let value, value.isFinite else { return .nan }
            return Double(value)
        }), xStart: xStart, xStep: xStep, style: style)
    }

    /// A series of samples in which `nan` (or any value that is not finite) marks a gap: the
    /// array is kept as it is, so that several series (the same data in light and dark colours)
    /// share one copy of a long run's values.
    ///
    /// - Parameters: As for the `Double` form.
    public init(label: String, samples: [Double], xStart: Double = 0, xStep: Double = 1, style: StrokeStyle) {
        self.init(label: label, storage: .double(samples), xStart: xStart, xStep: xStep, style: style)
    }

    /// A series of float samples, kept as they are; see the `Double` form.
    public init(label: String, samples: [Float], xStart: Double = 0, xStep: Double = 1, style: StrokeStyle) {
        self.init(label: label, storage: .float(samples), xStart: xStart, xStep: xStep, style: style)
    }

    private init(label: String, storage: Storage, xStart: Double, xStep: Double, style: StrokeStyle) {
        self.label = label
        self.storage = storage
        self.xStart = xStart.isFinite ? xStart : 0
        self.xStep = xStep.isFinite && xStep > 0 ? xStep : 1
        self.style = style
    }

    /// Number of values, gaps included.
    public var count: Int {
        switch storage {
        case .double(let values): values.count
        case .float(let values): values.count
        }
    }

    /// The value at `index`, or `nil` for a gap.
    public subscript(index: Int) -> Double? {
        let value = switch storage {
        case .double(let values): values[index]
        case .float(let values): Double(values[index])
        }
        return value.isFinite ? value : nil
    }

    /// The x position of the value at `index`.
    public func x(at index: Int) -> Double { xStart + Double(index) * xStep }
}

extension LineSeries {
    /// Calls `body` with each value in order, as a double (`nan` for a gap).
    @inline(__always)
    func forEachValue(_ body: (Int, Double) -> Void) {
        switch storage {
        case .double(let values):
            values.withUnsafeBufferPointer { buffer in for index in buffer.indices { body(index, buffer[index]) } }
        case .float(let values):
            values.withUnsafeBufferPointer { buffer in for index in buffer.indices { body(index, Double(buffer[index])) } }
        }
    }
}
