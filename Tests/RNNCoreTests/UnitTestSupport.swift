import Foundation
import Testing

// Helpers shared by the unit tests of the training pieces: reading the PyTorch/NumPy reference
// values of `Fixtures/unit/unit_references.json` (written by `generate_unit_references.py` next to
// it) and measuring distances in units in the last place.

// MARK: - Fixtures

/// Files of `Tests/RNNCoreTests/Fixtures`.
enum UnitFixtures {
    /// The bytes of a fixture, by its path inside `Fixtures`.
    static func data(_ path: String) throws -> Data {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Data(contentsOf: folder.appendingPathComponent(path))
    }

    /// The reference values computed with PyTorch and NumPy, read once.
    static func references() throws -> UnitReferences {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(UnitReferences.self, from: data("unit/unit_references.json"))
    }
}

/// float32 values stored as their bit patterns, so that they read back exactly.
struct FloatBits: Decodable, Sendable {
    let values: [Float]

    init(from decoder: any Decoder) throws {
        values = try [UInt32](from: decoder).map(Float.init(bitPattern:))
    }
}

/// One float32 value stored as its bit pattern.
struct OneFloatBits: Decodable, Sendable {
    let value: Float

    init(from decoder: any Decoder) throws {
        value = try Float(bitPattern: UInt32(from: decoder))
    }
}

/// The content of `unit_references.json`; see `generate_unit_references.py` for what each is.
struct UnitReferences: Decodable, Sendable {
    struct Versions: Decodable, Sendable {
        let torch: String
        let numpy: String
    }

    struct Adam: Decodable, Sendable {
        struct Step: Decodable, Sendable {
            let learningRate: Double
            let gradient: FloatBits
            let parameters: FloatBits
            let m: FloatBits
            let v: FloatBits
        }
        let initial: FloatBits
        let steps: [Step]
    }

    struct Clipping: Decodable, Sendable {
        struct Case: Decodable, Sendable {
            let name: String
            let maxNorm: Double
            let gradients: FloatBits
            let norm: OneFloatBits
            let clipped: FloatBits
        }
        let hiddenSize: Int
        let numLayers: Int
        let cases: [Case]
    }

    struct Plateau: Decodable, Sendable {
        let name: String
        let factor: Double
        let patience: Int
        let cooldown: Int
        let minLr: Double
        let initialLearningRate: Double
        let metrics: [Double]
        let learningRates: [Double]
    }

    struct Window: Decodable, Sendable {
        let step: Int
        let timeStep: Int
        let time: FloatBits
        let sin: FloatBits
        let cos: FloatBits
    }

    let versions: Versions
    let adam: Adam
    let clipping: Clipping
    let plateau: [Plateau]
    let windows: [Window]
}

// MARK: - Units in the last place

/// The number of floats between `a` and `b` (0 when they are equal, +0 and −0 included); `nil` when
/// exactly one is NaN, 0 when both are.
func ulpDistance(_ a: Float, _ b: Float) -> UInt32? {
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
func worstUlpDistance(_ actual: [Float], _ expected: [Float]) -> (distance: UInt32?, index: Int) {
    precondition(actual.count == expected.count, "worstUlpDistance: \(actual.count) vs \(expected.count)")
    var worst: (distance: UInt32?, index: Int) = (0, 0)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        guard let distance = ulpDistance(a, e) else { return (nil, index) }
        if distance > worst.distance! { worst = (distance, index) }
    }
    return worst
}
