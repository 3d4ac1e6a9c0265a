/// The JSON header of a safetensors file: its tensor entries and its `__metadata__`.
///
/// The header is a JSON object; each key names a tensor, except `__metadata__`, an optional object of
/// strings. Each tensor is `{"dtype": "F32", "shape": [32, 1], "data_offsets": [begin, end]}`, with
/// offsets into the data buffer that follows the header. Other members of a tensor's entry are ignored,
/// as the Python library does.
struct SafetensorsHeader {
    /// Longest header accepted, in bytes: the limit of the Python library.
    ///
    /// A checkpoint of the largest network the trainer accepts (64 layers of 626, 258 tensors, just
    /// under 50 million parameters) has a header of about 22 KB. But the reader is for any safetensors
    /// file, so it keeps Python's limit, and takes memory in proportion to the header instead: its
    /// bytes, the entries kept, and while checking for duplicates the keys of the objects open at a
    /// time. Ignored members cost nothing more than their bytes. (Measured: a 12 MB header of one
    /// ignored array peaks at about 3 times its size, the file included; one of 1.2 million short
    /// keys at about 7 times.)
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
    /// The whole text is checked first (UTF-8, then JSON and duplicate keys), so that a problem of
    /// syntax is reported before one of meaning; then the entries are read in order. Members of an
    /// entry other than `dtype`, `shape` and `data_offsets` are skipped without being built, so that
    /// reading takes memory in proportion to what is kept, not to the size of the header.
    ///
    /// - Throws: ``SafetensorsError`` for bytes that are not UTF-8, not JSON, not an object, for a
    ///   duplicate key, a metadata value that is not a string, a malformed tensor entry, or a dtype
    ///   other than F32 and F64. The offsets are not checked against the data here: see
    ///   ``checkLayout(dataSize:)``.
    init(bytes: [UInt8]) throws(SafetensorsError) {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .headerNotUTF8 }
        try SafetensorsJSONParser.validate(bytes)
        var parser = SafetensorsJSONParser(bytes: bytes)
        parser.skipWhitespace()
        guard parser.peek() == UInt8(ascii: "{") else { throw .headerNotObject }
        try parser.openObject(depth: 0)
        var entries: [SafetensorsTensorEntry] = []
        var metadata: [String: String] = [:]
        var first = true
        while let key = try parser.nextKey(first: &first) {
            if key == Self.metadataKey {
                metadata = try Self.readMetadata(&parser)
            } else {
                entries.append(try Self.readEntry(named: key, &parser))
            }
        }
        self.init(entries: entries, metadata: metadata)
    }

    // MARK: - Members

    private static func readMetadata(_ parser: inout SafetensorsJSONParser) throws(SafetensorsError) -> [String: String] {
        guard parser.peek() == UInt8(ascii: "{") else {
            let kind = try parser.skipValue(depth: 1)
            guard kind == .null else { throw .invalidMetadata(reason: "\(metadataKey) is \(kind.description), not an object") }
            return [:]
        }
        try parser.openObject(depth: 1)
        var metadata: [String: String] = [:]
        var first = true
        while let key = try parser.nextKey(first: &first) {
            guard parser.peek() == UInt8(ascii: "\"") else {
                let kind = try parser.skipValue(depth: 2)
                throw .invalidMetadata(
                    reason: "the value of \(SafetensorsError.excerpt(key, quoted: true)) is \(kind.description), not a string")
            }
            metadata[key] = try parser.readString()
        }
        return metadata
    }

    /// What a tensor entry's member held: the value wanted, or why it is not that value.
    private typealias Field<Value> = Result<Value, SafetensorsError>

    private static func readEntry(
        named name: String, _ parser: inout SafetensorsJSONParser
    ) throws(SafetensorsError) -> SafetensorsTensorEntry {
        func invalid(_ reason: String) -> SafetensorsError { .invalidTensorInfo(tensor: name, reason: reason) }

        guard parser.peek() == UInt8(ascii: "{") else {
            let kind = try parser.skipValue(depth: 1)
            throw invalid("the entry is \(kind.description), not an object")
        }
        try parser.openObject(depth: 1)
        // Each field is read whole, then checked in a fixed order, so that the error reported does
        // not depend on the order of the members.
        var dtypeField: Field<String>?
        var shapeField: Field<[Int]>?
        var offsetsField: Field<[Int]>?
        var first = true
        while let key = try parser.nextKey(first: &first) {
            switch key {
            case "dtype":
                if parser.peek() == UInt8(ascii: "\"") {
                    dtypeField = .success(try parser.readString())
                } else {
                    let kind = try parser.skipValue(depth: 2)
                    dtypeField = .failure(invalid("dtype is \(kind.description), not a string"))
                }
            case "shape": shapeField = try integers(&parser, field: "shape", invalid: invalid)
            case "data_offsets": offsetsField = try integers(&parser, field: "data_offsets", invalid: invalid)
            default: _ = try parser.skipValue(depth: 2)
            }
        }
        guard let dtypeField else { throw invalid(#""dtype" is missing"#) }
        guard let shapeField else { throw invalid(#""shape" is missing"#) }
        let shape = try shapeField.get()
        guard let offsetsField else { throw invalid(#""data_offsets" is missing"#) }
        let offsets = try offsetsField.get()
        guard offsets.count == 2 else {
            throw invalid("data_offsets has \(offsets.count) numbers, expected 2 ([begin, end])")
        }
        let dtypeName = try dtypeField.get()
        guard let dtype = SafetensorsDtype(rawValue: dtypeName) else {
            throw .unsupportedDtype(tensor: name, dtype: dtypeName)
        }
        return SafetensorsTensorEntry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }

    /// An array of non-negative integers that fit in `Int`, written without fraction or exponent; or
    /// why the value is not one. The value is read to its end either way.
    private static func integers(
        _ parser: inout SafetensorsJSONParser, field: String, invalid: (String) -> SafetensorsError
    ) throws(SafetensorsError) -> Field<[Int]> {
        guard parser.peek() == UInt8(ascii: "[") else {
            let kind = try parser.skipValue(depth: 2)
            return .failure(invalid("\(field) is \(kind.description), not an array"))
        }
        try parser.openArray(depth: 2)
        var integers: [Int] = []
        var problem: SafetensorsError?
        var first = true
        while try parser.nextElement(first: &first) {
            guard problem == nil, let byte = parser.peek(),
                  byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                let kind = try parser.skipValue(depth: 3)
                if problem == nil { problem = invalid("\(field) contains \(kind.description), not an integer") }
                continue
            }
            let text = try parser.readNumber()
            if let integer = integer(text) {
                integers.append(integer)
                continue
            }
            let excerpt = SafetensorsError.excerpt(String(decoding: text, as: UTF8.self))
            problem = text.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
                ? invalid("\(field) contains \(excerpt), which is too large")
                : invalid("\(field) contains \(excerpt), which is not a non-negative integer")
        }
        return problem.map { .failure($0) } ?? .success(integers)
    }

    /// The value of decimal digits, or `nil` for other text or a value that does not fit in `Int`.
    private static func integer(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflow || carry { return nil }
            value = sum
        }
        return value
    }
}
