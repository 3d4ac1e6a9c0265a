/// A strict JSON parser (RFC 8259) for safetensors headers.
///
/// Foundation's parsers keep one of two members with the same key, and a safetensors file with a
/// duplicate tensor name would then load one tensor and silently ignore the other. This parser throws
/// on a duplicate key in any object instead; keys are compared as Swift strings, so two keys that differ
/// only in Unicode normalization are duplicates too (as ``SafetensorsFile/tensor(named:)`` could not
/// tell them apart). It never traps: every read is checked against the end of
/// the input, and nesting deeper than ``maxDepth`` is an error rather than a stack overflow.
///
/// The input must already be valid UTF-8: bytes of strings are copied through unchanged.
struct SafetensorsJSONParser {
    /// Deepest nesting of objects and arrays accepted. A valid header nests three deep.
    static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one JSON value, optionally surrounded by whitespace, that spans all of `bytes`.
    ///
    /// - Throws: ``SafetensorsError/invalidJSON(offset:reason:)`` at the first byte that is not JSON,
    ///   or ``SafetensorsError/duplicateKey(path:)`` for an object that has a key twice.
    static func parse(_ bytes: [UInt8]) throws(SafetensorsError) -> SafetensorsJSON {
        var parser = SafetensorsJSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(path: [], depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw parser.error("unexpected \(parser.describeCurrentByte()) after the end of the JSON value")
        }
        return value
    }

    // MARK: - Values

    private mutating func parseValue(path: [String], depth: Int) throws(SafetensorsError) -> SafetensorsJSON {
        guard let byte = peek() else { throw error("unexpected end of the header, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(path: path, depth: depth)
        case UInt8(ascii: "["): return try parseArray(path: path, depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        default: throw error("unexpected \(describeCurrentByte()), expected a value")
        }
    }

    private mutating func parseObject(path: [String], depth: Int) throws(SafetensorsError) -> SafetensorsJSON {
        try checkDepth(depth)
        index += 1  // {
        skipWhitespace()
        var members: [(key: String, value: SafetensorsJSON)] = []
        if consume(UInt8(ascii: "}")) { return .object(members) }
        var keys = Set<String>()
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrentByte()), expected a string key")
            }
            let key = try parseString()
            guard keys.insert(key).inserted else { throw .duplicateKey(path: path + [key]) }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else {
                throw error("unexpected \(describeCurrentByte()), expected ':' after a key")
            }
            skipWhitespace()
            members.append((key, try parseValue(path: path + [key], depth: depth + 1)))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { return .object(members) }
            throw error("unexpected \(describeCurrentByte()), expected ',' or '}'")
        }
    }

    private mutating func parseArray(path: [String], depth: Int) throws(SafetensorsError) -> SafetensorsJSON {
        try checkDepth(depth)
        index += 1  // [
        skipWhitespace()
        var elements: [SafetensorsJSON] = []
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(path: path, depth: depth + 1))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { return .array(elements) }
            throw error("unexpected \(describeCurrentByte()), expected ',' or ']'")
        }
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

    // MARK: - Numbers

    /// Reads `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` and returns it as text.
    private mutating func parseNumber() throws(SafetensorsError) -> String {
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
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Consumes one or more decimal digits; false if there was none.
    private mutating func consumeDigits() -> Bool {
        let start = index
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index > start
    }

    // MARK: - Strings

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
                try parseEscape(into: &utf8)
            case 0..<0x20:
                throw error("unescaped control character \(describeCurrentByte()) in a string")
            default:
                utf8.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws(SafetensorsError) {
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
            utf8.append(replacement)
            index += 1
            return
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
        UTF8.encode(scalar) { utf8.append($0) }
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

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
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
