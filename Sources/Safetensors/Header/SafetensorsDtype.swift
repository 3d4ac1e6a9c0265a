import Foundation

/// The element types rnnreport reads: the names are those of the safetensors header.
enum SafetensorsDtype: String {
    case f32 = "F32"
    case f64 = "F64"

    /// Bytes per element.
    var size: Int {
        switch self {
        case .f32: 4
        case .f64: 8
        }
    }

    /// Bytes taken by a tensor of `shape`, or nil if a dimension is negative or the count overflows `Int`.
    func byteCount(shape: [Int]) -> Int? {
        var count = size
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// The little-endian elements of `bytes` as `Float`; F64 values are rounded to the nearest `Float`.
    ///
    /// Reads without any alignment assumption. Trailing bytes that do not fill an element are ignored
    /// (the header's reader has already checked that there are none).
    func decode(_ bytes: Data) -> [Float] {
        bytes.withUnsafeBytes { raw in
            let count = raw.count / size
            switch self {
            case .f32:
                return (0..<count).map { i in
                    Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                }
            case .f64:
                return (0..<count).map { i in
                    Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))))
                }
            }
        }
    }
}
