import Foundation

extension SafetensorsFile {
    /// What reading does with a finite F64 value beyond the largest `Float` (1e300, say).
    public enum F64Overflow: Sendable, Equatable {
        /// Rounds it to an infinity of its sign.
        case roundToInfinity
        /// Throws ``SafetensorsError/valueOutOfRange(tensor:index:value:)``.
        case refuse
    }

    /// Reads a safetensors file from its bytes.
    ///
    /// The file is checked as the Python library checks it, and more strictly: the header length must
    /// be at most 100,000,000 (a larger one, not followed by `{`, is reported as not a safetensors
    /// file at all) and fit in the file; the header must be a UTF-8 JSON object (whitespace
    /// around it, such as the padding spaces, allowed) with no key twice, at any level (which the Python
    /// library allows when the two entries happen to tile the data); `__metadata__`, if present, must
    /// be null or map strings to strings; each tensor entry needs a `dtype` of F32 or F64, a `shape`
    /// and two `data_offsets` that are non-negative integers written without fraction or exponent
    /// (other members of an entry are ignored, as by the Python library); each tensor's byte range
    /// must match its shape and dtype; and the ranges must tile the data after the header exactly.
    /// Malformed input is an error, never a trap, and nothing is allocated for a tensor before its
    /// byte range has been checked against the data.
    ///
    /// - Parameters:
    ///   - data: The whole file.
    ///   - f64Overflow: What becomes of a finite F64 value beyond the largest `Float`: by default
    ///     it is rounded to infinity, as any conversion to `Float` does; `.refuse` throws instead,
    ///     for a reader (a checkpoint's) to whom a finite value turned infinite is a corrupt one.
    /// - Throws: ``SafetensorsError`` describing the first problem found, with the tensor concerned.
    public init(data: Data, f64Overflow: F64Overflow = .roundToInfinity) throws(SafetensorsError) {
        guard data.count >= 8 else { throw .fileTooShort(byteCount: data.count) }
        let start = data.startIndex
        let length = data[start..<start + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(SafetensorsHeader.maxLength) else {
            // A JSON or text file gives a length of letters, far beyond any header: say what it is.
            let firstByte = data.count > 8 ? data[start + 8] : nil
            guard firstByte == UInt8(ascii: "{") else {
                throw .notSafetensors(headerLength: length, limit: SafetensorsHeader.maxLength, firstByte: firstByte)
            }
            throw .headerTooLarge(length: length, limit: SafetensorsHeader.maxLength)
        }
        let headerLength = Int(length)
        guard headerLength <= data.count - 8 else {
            throw .headerTruncated(length: headerLength, available: data.count - 8)
        }
        let header = try SafetensorsHeader(bytes: [UInt8](data[start + 8..<start + 8 + headerLength]))
        let dataStart = start + 8 + headerLength
        try header.checkLayout(dataSize: data.count - 8 - headerLength)

        var tensors: [SafetensorsTensor] = []
        tensors.reserveCapacity(header.entries.count)
        for entry in header.entries {
            let bytes = data[dataStart + entry.begin..<dataStart + entry.end]
            tensors.append(SafetensorsTensor(
                name: entry.name, shape: entry.shape, values: try entry.dtype.decode(bytes, tensor: entry.name, overflow: f64Overflow)))
        }
        try self.init(tensors: tensors, metadata: header.metadata)
    }

    /// Reads a safetensors file from disk.
    ///
    /// - Parameter url: The file's location.
    /// - Throws: ``SafetensorsError/unreadable(path:reason:)`` if the file cannot be read, otherwise
    ///   as ``init(data:)``.
    public init(contentsOf url: URL, f64Overflow: F64Overflow = .roundToInfinity) throws(SafetensorsError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        try self.init(data: data, f64Overflow: f64Overflow)
    }
}
