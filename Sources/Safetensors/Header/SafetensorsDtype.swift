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
    /// (the header's reader has already checked that there are none). NaN and infinities are read as
    /// they are.
    ///
    /// - Parameters:
    ///   - tensor: The tensor's name, for the error.
    ///   - overflow: What to do with a finite F64 value beyond the largest `Float`.
    /// - Throws: ``SafetensorsError/valueOutOfRange(tensor:index:value:)`` for the first such value,
    ///   with `overflow` `.refuse`.
    func decode(_ bytes: Data, tensor: String, overflow: SafetensorsFile.F64Overflow) throws(SafetensorsError) -> [Float] {
        let result: Result<[Float], SafetensorsError> = bytes.withUnsafeBytes { raw in
            let count = raw.count / size
            switch self {
            case .f32:
                return .success((0..<count).map { i in
                    Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
                })
            case .f64:
                var values = [Float]()
                values.reserveCapacity(count)
                for i in 0..<count {
                    let value = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)))
                    let rounded = Float(value)
                    if overflow == .refuse, value.isFinite, !rounded.isFinite {
                        return .failure(.valueOutOfRange(tensor: tensor, index: i, value: value))
                    }
                    values.append(rounded)
                }
                return .success(values)
            }
        }
        return try result.get()
    }
}
