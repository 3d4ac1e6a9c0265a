import Foundation

/// Maps data values along one axis to positions in user units.
///
/// The mapping is affine in the transformed value (the value itself, or its base-10 logarithm),
/// so that the lower end of the domain lands on `start` and the upper end on `end`.
struct Scale: Hashable, Sendable {
    let kind: AxisScale
    /// The range of data values shown; `lower < upper`, both finite (and positive for a log scale).
    let domain: ClosedRange<Double>
    let start: Double
    let end: Double
    private let slope: Double
    private let offset: Double

    init(kind: AxisScale, domain: ClosedRange<Double>, start: Double, end: Double) {
        self.kind = kind
        self.domain = domain
        self.start = start
        self.end = end
        let t0 = Scale.transform(domain.lowerBound, kind)
        let t1 = Scale.transform(domain.upperBound, kind)
        // Halved before subtracting, so that a domain spanning most of Double's range does not overflow.
        let halfSpan = t1 / 2 - t0 / 2
        slope = halfSpan > 0 && halfSpan.isFinite ? (end - start) / 2 / halfSpan : 0
        offset = start - t0 * slope
    }

    /// The value in the space where the scale is linear; `nan` for a value the scale cannot show.
    static func transform(_ value: Double, _ kind: AxisScale) -> Double {
        switch kind {
        case .linear: value.isFinite ? value : .nan
        case .log10: value > 0 && value.isFinite ? log10(value) : .nan
        }
    }

    /// The position of `value`; `nan` for a value the scale cannot show.
    func position(_ value: Double) -> Double {
        position(transformed: Scale.transform(value, kind))
    }

    /// The position of a value already transformed with ``transform(_:_:)``.
    @inline(__always)
    func position(transformed t: Double) -> Double {
        t * slope + offset
    }
}
