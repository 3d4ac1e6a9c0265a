extension SafetensorsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .fileTooShort(let byteCount):
            return "not a safetensors file: \(byteCount) bytes, fewer than the 8 of the header length"
        case .headerTooLarge(let length, let limit):
            return "header length \(length) is larger than the limit of \(limit) bytes"
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
            return path.count <= 1
                ? "header has the key \(key) twice"
                : "header entry \(path.dropLast().map(Self.quote).joined(separator: " → ")) has the key \(key) twice"
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
        case .duplicateTensorName(let name):
            return "two tensors are named \(Self.quote(name))"
        case .valueCountMismatch(let tensor, let shape, let valueCount):
            return "tensor \(Self.quote(tensor)): shape \(Self.format(shape)) needs "
                + "\(shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue })) values, "
                + "not \(valueCount)"
        case .shapesDoNotMatch(let problems):
            let lines = problems.map(\.description)
            return lines.count == 1
                ? "file does not match the model: \(lines[0])"
                : "file does not match the model (\(lines.count) problems):\n"
                    + lines.map { "  " + $0 }.joined(separator: "\n")
        }
    }

    // MARK: - Formatting

    /// `[32, 1]`, `[]` for a scalar.
    static func format(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// `[0, 16]`, like `data_offsets`.
    static func format(_ range: Range<Int>) -> String {
        "[\(range.lowerBound), \(range.upperBound)]"
    }

    /// A name in double quotes, with quotes, backslashes and control characters escaped as in JSON.
    static func quote(_ name: String) -> String {
        var json = SafetensorsJSONWriter()
        json.string(name)
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
