/// A strict JSON reader (RFC 8259) for safetensors headers, that builds only what it is asked for.
///
/// A header is read in two passes. ``validate(_:)`` first checks the whole text: one JSON value,
/// whitespace around it allowed, objects and arrays nested at most ``maxDepth`` deep, and no object
/// with a key twice. Foundation's parsers keep one of two members with the same key, and a file with
/// a duplicate tensor name would then load one tensor and silently ignore the other; keys are compared
/// as Swift strings, so two keys that differ only in Unicode normalization are duplicates too (as
/// ``SafetensorsFile/tensor(named:)`` could not tell them apart). The header's reader then walks the
/// checked text with ``openObject(depth:)``, ``nextKey(first:)``, ``readString()``, ``openArray(depth:)``,
/// ``nextElement(first:)``, ``readNumber()`` and ``skipValue(depth:)``, keeping the members it needs.
///
/// Nothing is built for a value that is skipped: ``validate(_:)`` keeps only the keys of the objects
/// open at a time, and the second pass only what the reader asks for, so that a large ignored member
/// costs no more than its bytes (where a tree of the whole header took some 30 times them). The parser
/// never traps: every read is checked against the end of the input, and nesting deeper than
/// ``maxDepth`` is an error rather than a stack overflow.
///
/// The input must already be valid UTF-8: bytes of strings are copied through unchanged.
struct SafetensorsJSONParser {
    /// Deepest nesting of objects and arrays accepted. A valid header nests three deep.
    static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Checks that `bytes` are one JSON value, optionally surrounded by whitespace, nested at most
    /// ``maxDepth`` deep, with no object that has a key twice.
    ///
    /// - Throws: ``SafetensorsError/invalidJSON(offset:reason:)`` at the first byte that is not JSON,
    ///   or ``SafetensorsError/duplicateKey(path:)`` for an object that has a key twice.
    static func validate(_ bytes: [UInt8]) throws(SafetensorsError) {
        var parser = SafetensorsJSONParser(bytes: bytes)
        parser.skipWhitespace()
        var path: [String]? = []
        try parser.skip(depth: 0, checkingKeysAt: &path)
        try parser.finish()
    }

    // MARK: - Walking checked JSON

    /// The byte at the current position, or `nil` at the end.
    func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// Skips whitespace, then checks that nothing but whitespace follows.
    mutating func finish() throws(SafetensorsError) {
        skipWhitespace()
        guard index == bytes.count else {
            throw error("unexpected \(describeCurrentByte()) after the end of the JSON value")
        }
    }

    /// Consumes the `{` of an object at nesting `depth` (0 for the outermost value).
    mutating func openObject(depth: Int) throws(SafetensorsError) {
        try checkDepth(depth)
        guard consume(UInt8(ascii: "{")) else { throw error("unexpected \(describeCurrentByte()), expected '{'") }
        skipWhitespace()
    }

    /// The key of the object's next member, with the position at its value; `nil` (and the `}`
    /// consumed) at the end of the object. `first` must be true before the first call, and is then
    /// set to false. Keys are not checked for duplicates here: see ``validate(_:)``.
    mutating func nextKey(first: inout Bool) throws(SafetensorsError) -> String? {
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return nil }
        if !first {
            guard consume(UInt8(ascii: ",")) else {
                throw error("unexpected \(describeCurrentByte()), expected ',' or '}'")
            }
            skipWhitespace()
        }
        first = false
        return try readKey()
    }

    /// Consumes the `[` of an array at nesting `depth`.
    mutating func openArray(depth: Int) throws(SafetensorsError) {
        try checkDepth(depth)
        guard consume(UInt8(ascii: "[")) else { throw error("unexpected \(describeCurrentByte()), expected '['") }
        skipWhitespace()
    }

    /// Whether the array has another element, with the position at it; `false` (and the `]`
    /// consumed) at the end of the array. `first` must be true before the first call, and is then
    /// set to false.
    mutating func nextElement(first: inout Bool) throws(SafetensorsError) -> Bool {
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return false }
        if !first {
            guard consume(UInt8(ascii: ",")) else {
                throw error("unexpected \(describeCurrentByte()), expected ',' or ']'")
            }
            skipWhitespace()
        }
        first = false
        return true
    }

    /// Reads a number, `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, and returns its bytes.
    mutating func readNumber() throws(SafetensorsError) -> ArraySlice<UInt8> {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        if !consume(UInt8(ascii: "0")) {
            guard consumeDigits() else { throw error("invalid number: expected a digit") }
        }
        if consume(UInt8(ascii: ".")) {
            guard consumeDigits() else { throw error("invalid number: expected a digit after '.'") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            guard consumeDigits() else { throw error("invalid number: expected a digit in the exponent") }
        }
        return bytes[start..<index]
    }

    /// Reads a string value.
    mutating func readString() throws(SafetensorsError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw error("unexpected \(describeCurrentByte()), expected a string") }
        return try parseString()
    }

    /// Skips one value of any kind at nesting `depth`, and says what it was (a number's text cut to
    /// a readable length). The value is checked as by ``validate(_:)``, except for duplicate keys,
    /// which that first pass has found already.
    mutating func skipValue(depth: Int) throws(SafetensorsError) -> SafetensorsJSONKind {
        let start = index
        var unchecked: [String]?
        try skip(depth: depth, checkingKeysAt: &unchecked)
        switch bytes[start] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"): return .bool(true)
        case UInt8(ascii: "f"): return .bool(false)
        case UInt8(ascii: "n"): return .null
        default: return .number(SafetensorsError.excerpt(String(decoding: bytes[start..<index], as: UTF8.self)))
        }
    }

    // MARK: - Skipping values

    /// Skips one value; with a `path` (the keys leading to the value), checks that no object in it
    /// has a key twice, keeping the keys of the objects open at a time.
    private mutating func skip(depth: Int, checkingKeysAt path: inout [String]?) throws(SafetensorsError) {
        guard let byte = peek() else { throw error("unexpected end of the header, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            try openObject(depth: depth)
            var keys = Set<String>()
            var first = true
            while true {
                skipWhitespace()
                if consume(UInt8(ascii: "}")) { break }
                if !first {
                    guard consume(UInt8(ascii: ",")) else {
                        throw error("unexpected \(describeCurrentByte()), expected ',' or '}'")
                    }
                    skipWhitespace()
                }
                first = false
                if path == nil {
                    try skipKey()
                    try skip(depth: depth + 1, checkingKeysAt: &path)
                } else {
                    let key = try readKey()
                    guard keys.insert(key).inserted else { throw .duplicateKey(path: (path ?? []) + [key]) }
                    path?.append(key)
                    try skip(depth: depth + 1, checkingKeysAt: &path)
                    path?.removeLast()
                }
            }
        case UInt8(ascii: "["):
            try openArray(depth: depth)
            var first = true
            while try nextElement(first: &first) { try skip(depth: depth + 1, checkingKeysAt: &path) }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try readNumber()
        case UInt8(ascii: "t"): try parseLiteral("true")
        case UInt8(ascii: "f"): try parseLiteral("false")
        case UInt8(ascii: "n"): try parseLiteral("null")
        default: throw error("unexpected \(describeCurrentByte()), expected a value")
        }
    }

    /// Skips a member's key and the `:` after it.
    private mutating func skipKey() throws(SafetensorsError) {
        guard peek() == UInt8(ascii: "\"") else {
            throw error("unexpected \(describeCurrentByte()), expected a string key")
        }
        try skipString()
        try skipColon()
    }

    private mutating func skipColon() throws(SafetensorsError) {
        skipWhitespace()
        guard consume(UInt8(ascii: ":")) else {
            throw error("unexpected \(describeCurrentByte()), expected ':' after a key")
        }
        skipWhitespace()
    }

    /// Reads a member's key and the `:` after it.
    private mutating func readKey() throws(SafetensorsError) -> String {
        guard peek() == UInt8(ascii: "\"") else {
            throw error("unexpected \(describeCurrentByte()), expected a string key")
        }
        let key = try parseString()
        try skipColon()
        return key
    }

    private mutating func parseLiteral(_ word: String) throws(SafetensorsError) {
        let start = index
        for expected in word.utf8 {
            guard consume(expected) else {
                index = start
                throw error("unexpected \(describeCurrentByte()), expected a value")
            }
        }
    }

    /// Consumes one or more decimal digits; false if there was none.
    private mutating func consumeDigits() -> Bool {
        let start = index
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index > start
    }

    // MARK: - Strings

    /// Skips a string, checking it as ``parseString()`` does, without building it.
    private mutating func skipString() throws(SafetensorsError) {
        index += 1  // opening quote
        while true {
            guard let byte = peek() else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                _ = try parseEscape()
            case 0..<0x20:
                throw error("unescaped control character \(describeCurrentByte()) in a string")
            default:
                index += 1
            }
        }
    }

    private mutating func parseString() throws(SafetensorsError) -> String {
        index += 1  // opening quote
        var utf8: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                UTF8.encode(try parseEscape()) { utf8.append($0) }
            case 0..<0x20:
                throw error("unescaped control character \(describeCurrentByte()) in a string")
            default:
                utf8.append(byte)
                index += 1
            }
        }
    }

    /// Reads the escape after a backslash and returns the character it stands for.
    private mutating func parseEscape() throws(SafetensorsError) -> Unicode.Scalar {
        guard let byte = peek() else { throw error("unterminated string") }
        let replacement: UInt8? = switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let replacement {
            index += 1
            return Unicode.Scalar(replacement)
        }
        guard byte == UInt8(ascii: "u") else {
            throw error("invalid escape: backslash followed by \(describeCurrentByte())")
        }
        index += 1
        var value = UInt32(try parseHexQuad())
        switch value {
        case 0xD800...0xDBFF:
            guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else {
                throw error("unpaired UTF-16 surrogate in a \\u escape")
            }
            let low = UInt32(try parseHexQuad())
            guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired UTF-16 surrogate in a \\u escape") }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw error("unpaired UTF-16 surrogate in a \\u escape")
        default:
            break
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("invalid \\u escape") }
        return scalar
    }

    private mutating func parseHexQuad() throws(SafetensorsError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = Self.hexValue(byte) else {
                throw error("invalid \\u escape: expected four hexadecimal digits")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: - Reading bytes

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Moves past spaces, tabs, carriage returns and line feeds.
    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private func checkDepth(_ depth: Int) throws(SafetensorsError) {
        if depth >= Self.maxDepth { throw error("objects and arrays nested more than \(Self.maxDepth) deep") }
    }

    /// The byte at the current position for an error message: `'x'`, `byte 0x00`, or `end of header`.
    private func describeCurrentByte() -> String {
        peek().map(SafetensorsError.describe) ?? "end of header"
    }

    private func error(_ reason: String) -> SafetensorsError {
        .invalidJSON(offset: index, reason: reason)
    }
}
