import Foundation
import Testing

// The PyTorch/NumPy reference values of `Fixtures/unit/unit_references.json` (written by
// `generate_unit_references.py` next to it), and distances in units in the last place.

/// float32 values stored as their bit patterns, so that they read back exactly.
public struct FloatBits: Decodable, Sendable {
    public let values: [Float]

    public init(from decoder: any Decoder) throws {
        values = try [UInt32](from: decoder).map(Float.init(bitPattern:))
    }
}

/// One float32 value stored as its bit pattern.
public struct OneFloatBits: Decodable, Sendable {
    public let value: Float

    public init(from decoder: any Decoder) throws {
        value = try Float(bitPattern: UInt32(from: decoder))
    }
}

/// The content of `unit_references.json`; see `generate_unit_references.py` for what each is.
public struct UnitReferences: Decodable, Sendable {
    public struct Versions: Decodable, Sendable {
        public let torch: String
        public let numpy: String
    }

    public struct Adam: Decodable, Sendable {
        public struct Step: Decodable, Sendable {
            public let learningRate: Double
            public let gradient: FloatBits
            public let parameters: FloatBits
            public let m: FloatBits
            public let v: FloatBits
        }
        public let initial: FloatBits
        public let steps: [Step]
    }

    public struct Clipping: Decodable, Sendable {
        public struct Case: Decodable, Sendable {
            public let name: String
            public let maxNorm: Double
            public let gradients: FloatBits
            public let norm: OneFloatBits
            public let clipped: FloatBits
        }
        public let hiddenSize: Int
        public let numLayers: Int
        public let cases: [Case]
    }

    public struct Plateau: Decodable, Sendable {
        public let name: String
        public let factor: Double
        public let patience: Int
        public let cooldown: Int
        public let minLr: Double
        public let initialLearningRate: Double
        public let metrics: [Double]
        public let learningRates: [Double]
    }

    public struct Window: Decodable, Sendable {
        public let step: Int
        public let timeStep: Int
        public let time: FloatBits
        public let sin: FloatBits
        public let cos: FloatBits
    }

    public let versions: Versions
    public let adam: Adam
    public let clipping: Clipping
    public let plateau: [Plateau]
    public let windows: [Window]
}

// MARK: - Units in the last place

/// The number of floats between `a` and `b` (0 when they are equal, +0 and −0 included); `nil` when
/// exactly one is NaN, 0 when both are.
public func ulpDistance(_ a: Float, _ b: Float) -> UInt32? {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : nil }
    // Map the bit patterns onto a line where consecutive floats are consecutive integers.
    func ordered(_ x: Float) -> Int64 {
        let bits = Int64(x.bitPattern & 0x7FFF_FFFF)
        return x.sign == .minus ? -bits : bits
    }
    return UInt32(clamping: abs(ordered(a) - ordered(b)))
}

/// The largest distance in ulp between two float arrays of the same length, and where it is;
/// `nil` distance when NaN appears in one and not the other.
public func worstUlpDistance(_ actual: [Float], _ expected: [Float]) -> (distance: UInt32?, index: Int) {
    precondition(actual.count == expected.count, "worstUlpDistance: \(actual.count) vs \(expected.count)")
    var worst: (distance: UInt32?, index: Int) = (0, 0)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        guard let distance = ulpDistance(a, e) else { return (nil, index) }
        if distance > worst.distance! { worst = (distance, index) }
    }
    return worst
}

extension UnitReferences {
    /// The reference values, read from the fixture.
    public static func load() throws -> UnitReferences {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(UnitReferences.self, from: Fixtures.data("unit/unit_references.json"))
    }
}
