/// The JSON header of a safetensors file: its tensor entries and its `__metadata__`.
///
/// The header is a JSON object; each key names a tensor, except `__metadata__`, an optional object of
/// strings. Each tensor is `{"dtype": "F32", "shape": [32, 1], "data_offsets": [begin, end]}`, with
/// offsets into the data buffer that follows the header. Other members of a tensor's entry are ignored,
/// as the Python library does.
struct SafetensorsHeader {
    /// Longest header accepted, in bytes: the limit of the Python library.
    static let maxLength = 100_000_000
    /// The reserved key of the metadata object.
    static let metadataKey = "__metadata__"

    /// The tensors, in the order of the header.
    var entries: [SafetensorsTensorEntry]
    var metadata: [String: String]

    init(entries: [SafetensorsTensorEntry], metadata: [String: String]) {
        self.entries = entries
        self.metadata = metadata
    }

    /// Reads a header from its bytes (without the 8-byte length before it, with any padding after it).
    ///
    /// - Throws: ``SafetensorsError`` for bytes that are not UTF-8, not JSON, not an object, for a
    ///   duplicate key, a metadata value that is not a string, a malformed tensor entry, or a dtype
    ///   other than F32 and F64. The offsets are not checked against the data here: see
    ///   ``checkLayout(dataSize:)``.
    init(bytes: [UInt8]) throws(SafetensorsError) {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .headerNotUTF8 }
        guard case .object(let members) = try SafetensorsJSONParser.parse(bytes) else {
            throw .headerNotObject
        }
        var entries: [SafetensorsTensorEntry] = []
        var metadata: [String: String] = [:]
        for (key, value) in members {
            if key == Self.metadataKey {
                metadata = try Self.metadata(from: value)
            } else {
                entries.append(try Self.entry(named: key, from: value))
            }
        }
        self.init(entries: entries, metadata: metadata)
    }

    // MARK: - Members

    private static func metadata(from value: SafetensorsJSON) throws(SafetensorsError) -> [String: String] {
        switch value {
        case .null:
            return [:]
        case .object(let members):
            var metadata: [String: String] = [:]
            for (key, value) in members {
                guard case .string(let text) = value else {
                    throw .invalidMetadata(
                        reason: "the value of \(SafetensorsError.excerpt(key, quoted: true)) is \(value.kind), not a string")
                }
                metadata[key] = text
            }
            return metadata
        default:
            throw .invalidMetadata(reason: "\(metadataKey) is \(value.kind), not an object")
        }
    }

    private static func entry(named name: String, from value: SafetensorsJSON) throws(SafetensorsError) -> SafetensorsTensorEntry {
        func invalid(_ reason: String) -> SafetensorsError { .invalidTensorInfo(tensor: name, reason: reason) }

        guard case .object(let members) = value else { throw invalid("the entry is \(value.kind), not an object") }
        func field(_ key: String) throws(SafetensorsError) -> SafetensorsJSON {
            guard let member = members.first(where: { $0.key == key }) else { throw invalid("\"\(key)\" is missing") }
            return member.value
        }
        let dtypeValue = try field("dtype")
        let shape = try integers(try field("shape"), field: "shape", invalid: invalid)
        let offsets = try integers(try field("data_offsets"), field: "data_offsets", invalid: invalid)
        guard offsets.count == 2 else {
            throw invalid("data_offsets has \(offsets.count) numbers, expected 2 ([begin, end])")
        }
        guard case .string(let dtypeName) = dtypeValue else {
            throw invalid("dtype is \(dtypeValue.kind), not a string")
        }
        guard let dtype = SafetensorsDtype(rawValue: dtypeName) else {
            throw .unsupportedDtype(tensor: name, dtype: dtypeName)
        }
        return SafetensorsTensorEntry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }

    /// An array of non-negative integers that fit in `Int`, written without fraction or exponent.
    private static func integers(
        _ value: SafetensorsJSON, field: String, invalid: (String) -> SafetensorsError
    ) throws(SafetensorsError) -> [Int] {
        guard case .array(let elements) = value else { throw invalid("\(field) is \(value.kind), not an array") }
        var integers: [Int] = []
        for element in elements {
            guard case .number(let text) = element else {
                throw invalid("\(field) contains \(element.kind), not an integer")
            }
            guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
                throw invalid("\(field) contains \(SafetensorsError.excerpt(text)), which is not a non-negative integer")
            }
            guard let integer = Int(text) else {
                throw invalid("\(field) contains \(SafetensorsError.excerpt(text)), which is too large")
            }
            integers.append(integer)
        }
        return integers
    }
}
