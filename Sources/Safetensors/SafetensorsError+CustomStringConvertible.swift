extension SafetensorsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .fileTooShort(let byteCount):
            return "not a safetensors file: \(byteCount) bytes, fewer than the 8 of the header length"
        case .headerTooLarge(let length, let limit):
            return "header length \(length) is larger than the limit of \(limit) bytes"
        case .notSafetensors(let length, let limit, let firstByte):
            let start = firstByte.map { "byte 8 is \(Self.describe($0))" } ?? "the file ends there"
            return "not a safetensors file: header length \(length) is larger than the limit of \(limit) bytes, "
                + "and no header starts after it (\(start), not '{')"
        case .headerTruncated(let length, let available):
            return "header length \(length) is more than the \(available) bytes after it in the file"
        case .headerNotUTF8:
            return "header is not valid UTF-8"
        case .invalidJSON(let offset, let reason):
            return "header is not valid JSON at byte \(offset) of the header: \(reason)"
        case .headerNotObject:
            return "header is not a JSON object"
        case .duplicateKey(let path):
            let key = Self.quote(path.last ?? "")
            let parents = path.dropLast()
            let shown = parents.prefix(Self.echoedItems).map(Self.quote)
                + (parents.count > Self.echoedItems ? ["… (\(parents.count) levels)"] : [])
            return path.count <= 1
                ? "header has the key \(key) twice"
                : "header entry \(shown.joined(separator: " → ")) has the key \(key) twice"
        case .invalidMetadata(let reason):
            return "invalid __metadata__: \(reason)"
        case .invalidTensorInfo(let tensor, let reason):
            return "tensor \(Self.quote(tensor)): \(reason)"
        case .unsupportedDtype(let tensor, let dtype):
            return "tensor \(Self.quote(tensor)): dtype \(Self.quote(dtype)) is not supported (only F32 and F64 are)"
        case .shapeTooLarge(let tensor, let shape):
            return "tensor \(Self.quote(tensor)): shape \(Self.format(shape)) is too large"
        case .sizeMismatch(let tensor, let dtype, let shape, let byteCount):
            return "tensor \(Self.quote(tensor)): shape \(Self.format(shape)) of \(dtype) does not fit its "
                + "\(byteCount) bytes of data"
        case .offsetsOutOfBounds(let tensor, let begin, let end, let dataSize):
            return "tensor \(Self.quote(tensor)): data_offsets [\(begin), \(end)] go past the end of the "
                + "\(dataSize) bytes of data"
        case .overlap(let tensor, let range, let other, let otherRange):
            return "tensor \(Self.quote(tensor)): data_offsets \(Self.format(range)) overlap those of tensor "
                + "\(Self.quote(other)), \(Self.format(otherRange))"
        case .gap(let before, let range):
            return "data bytes \(Self.format(range)), before tensor \(Self.quote(before)), belong to no tensor"
        case .trailingBytes(let range):
            return "data bytes \(Self.format(range)), after the last tensor, belong to no tensor"
        case .valueOutOfRange(let tensor, let index, let value):
            return "tensor \(Self.quote(tensor)) holds \(value) at index \(index) (F64), beyond the range of "
                + "the 32-bit floats it is read as (±\(Float.greatestFiniteMagnitude)), where it would become infinite"
        case .duplicateTensorName(let name):
            return "two tensors are named \(Self.quote(name))"
        case .valueCountMismatch(let tensor, let shape, let valueCount):
            return "tensor \(Self.quote(tensor)): shape \(Self.format(shape)) needs "
                + "\(shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue })) values, "
                + "not \(valueCount)"
        case .nonFiniteValue(let tensor, let index, let value):
            return "tensor \(Self.excerpt(tensor)) holds \(value.isNaN ? "NaN" : value > 0 ? "inf" : "-inf") at index \(index); "
                + "a checkpoint's weights must be finite"
        case .shapesDoNotMatch(let problems):
            if problems.count == 1 { return "file does not match the model: \(problems[0])" }
            let shown = problems.count > Self.echoedProblems ? ", the first \(Self.echoedProblems) shown" : ""
            return "file does not match the model (\(problems.count) problems\(shown)):\n"
                + problems.prefix(Self.echoedProblems).map { "  \($0)" }.joined(separator: "\n")
        }
    }

    // MARK: - Excerpts of the input

    // Every value a message quotes from a file (names, keys, dtypes, numbers, shapes, lists) goes
    // through these, so that a hostile file cannot make a message of megabytes.

    /// Most characters (Unicode scalars) of a name, key, dtype or number that a message shows.
    static let echoedCharacters = 80
    /// Most dimensions of a shape, or keys of a path, that a message shows.
    static let echoedItems = 8
    /// Most lines of a list of problems that a message shows.
    static let echoedProblems = 20

    /// A text from a file, for a message: control characters escaped as in JSON (and, when `quoted`,
    /// quotes and backslashes too, within double quotes); past its first ``echoedCharacters``
    /// Unicode scalars, cut with `…` and followed by its length: `"nnnn…" (1000000 bytes)`.
    static func excerpt(_ text: String, quoted: Bool = false) -> String {
        let scalars = text.unicodeScalars
        let cut = !scalars.dropFirst(echoedCharacters).isEmpty
        var json = SafetensorsJSONWriter()
        json.string(String(String.UnicodeScalarView(scalars.prefix(echoedCharacters))))
        var shown = String(decoding: json.bytes.dropFirst().dropLast(), as: UTF8.self)
        if cut { shown += "…" }
        if quoted { shown = "\"\(shown)\"" }
        return cut ? "\(shown) (\(text.utf8.count) bytes)" : shown
    }

    /// A name in double quotes, with quotes, backslashes and control characters escaped as in JSON,
    /// and cut as by ``excerpt(_:quoted:)``.
    static func quote(_ name: String) -> String {
        excerpt(name, quoted: true)
    }

    /// `[32, 1]`, `[]` for a scalar; past ``echoedItems`` dimensions, the first ones and the count:
    /// `[1, 1, 1, 1, 1, 1, 1, 1, …] (1000000 dimensions)`.
    static func format(_ shape: [Int]) -> String {
        let shown = shape.prefix(echoedItems).map(String.init) + (shape.count > echoedItems ? ["…"] : [])
        let list = "[" + shown.joined(separator: ", ") + "]"
        return shape.count > echoedItems ? "\(list) (\(shape.count) dimensions)" : list
    }

    /// `[0, 16]`, like `data_offsets`.
    static func format(_ range: Range<Int>) -> String {
        "[\(range.lowerBound), \(range.upperBound)]"
    }

    /// A byte for a message: `'{'`, or `byte 0x00` when it is not a printable ASCII character.
    static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte)
            ? "'\(Character(Unicode.Scalar(byte)))'"
            : "byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }
}
