import Foundation

/// Checks JSON as Python's `json.dump` writes it, and turns it into standard JSON.
///
/// Python writes a float that is not finite as the bare word `NaN`, `Infinity` or `-Infinity`, which
/// standard JSON does not have. ``standardJSON(from:)`` accepts exactly JSON as RFC 8259 defines it
/// plus those three words, and replaces each of them (outside strings) with `null`, which in metrics
/// means a missing value. Everything else is refused with the line and column of the first problem,
/// and so is an object that gives a key twice, of which Foundation would keep one value and say
/// nothing (a metrics file with two `loss` series is not one run's metrics):
/// what only JSON5 allows (comments, single quotes, trailing commas, unquoted keys, hexadecimal
/// numbers, a leading `+`), malformed UTF-8 or an unpaired surrogate in a string, nesting deeper than
/// ``maxDepth``, text that ends early or goes on after the value, and a number beyond the range of a
/// `Double` (which Foundation's decoder refuses without saying where). Foundation's `JSONDecoder`
/// then reads the result without JSON5 (whose scanner traps on malformed UTF-8), and it is only ever
/// given standard JSON.
///
/// ``check(_:allowingPythonWords:)`` is the same scan for ``StrictJSON``, rewriting nothing: it
/// takes Python's words as they are or refuses them.
///
/// It is one pass over the bytes, recursing once per level of nesting, and it copies them only when
/// there is a word to replace.
struct PythonJSONScanner {
    /// Deepest nesting of objects and arrays accepted. Metrics nest two deep.
    static let maxDepth = 64

    /// What becomes of Python's `NaN`, `Infinity` and `-Infinity`.
    enum Words {
        /// Read, and replaced with `null` in the output (``standardJSON(from:)``).
        case replacedWithNull
        /// Read, and left as they are.
        case accepted
        /// Refused, as JSON does.
        case refused
    }

    /// One step of the way from the top of the text to a value.
    private enum PathStep {
        /// A member of an object: its key as the file writes it, between the quotes.
        case key(String)
        /// An element of an array, from 0.
        case element(Int)
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private let words: Words
    /// The way to the value being scanned, for messages and for keys given twice.
    private var path: [PathStep] = []
    /// The standard JSON so far, once a word has been replaced; it holds the bytes before `copied`.
    private var output: Data?
    private var copied = 0

    private init(bytes: UnsafeRawBufferPointer, words: Words) {
        self.bytes = bytes
        self.words = words
    }

    /// Standard JSON for Python's JSON: `data` itself, or a copy with `NaN`, `Infinity` and
    /// `-Infinity` replaced with `null`.
    ///
    /// - Throws: ``MetricsError/malformed(_:)`` naming the line, the column (in bytes) and the problem,
    ///   at the first byte that is neither JSON nor one of Python's three words.
    static func standardJSON(from data: Data) throws(MetricsError) -> Data {
        let result = data.withUnsafeBytes { raw in
            var scanner = PythonJSONScanner(bytes: raw, words: .replacedWithNull)
            return Result { () throws(StrictJSONError) in try scanner.scanDocument() }
        }
        do { return try result.get() ?? data } catch { throw .malformed(error.description) }
    }

    /// Checks that `data` is JSON, Python's words taken as they are or refused, and that no object
    /// in it gives a key twice. Nothing is rewritten.
    ///
    /// - Throws: ``StrictJSONError`` at the first problem; for a duplicate key, at the second
    ///   time it is given, naming the key, the way to its object, and the first time.
    static func check(_ data: Data, allowingPythonWords: Bool) throws(StrictJSONError) {
        let words: Words = allowingPythonWords ? .accepted : .refused
        let result = data.withUnsafeBytes { raw in
            var scanner = PythonJSONScanner(bytes: raw, words: words)
            return Result { () throws(StrictJSONError) in try scanner.scanDocument() }
        }
        _ = try result.get()
    }

    /// Scans the whole input; returns the rewritten bytes, or `nil` if nothing was replaced.
    private mutating func scanDocument() throws(StrictJSONError) -> Data? {
        skipWhitespace()
        try scanValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else {
            throw error("unexpected \(describeCurrentByte()) after the end of the JSON value")
        }
        guard output != nil else { return nil }
        appendToOutput(copied..<bytes.count)
        return output
    }

    // MARK: - Values

    private mutating func scanValue(depth: Int) throws(StrictJSONError) {
        guard let byte = peek() else { throw error("unexpected end of the text, expected a value") }
        switch byte {
        case UInt8(ascii: "{"): try scanObject(depth: depth)
        case UInt8(ascii: "["): try scanArray(depth: depth)
        case UInt8(ascii: "\""): try scanString()
        case UInt8(ascii: "-"):
            if words != .refused, matches("-Infinity") { try scanPythonWord("-Infinity") } else { try scanNumber() }
        case UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
        case UInt8(ascii: "t"): try scanWord("true")
        case UInt8(ascii: "f"): try scanWord("false")
        case UInt8(ascii: "n"): try scanWord("null")
        case UInt8(ascii: "N") where words != .refused: try scanPythonWord("NaN")
        case UInt8(ascii: "I") where words != .refused: try scanPythonWord("Infinity")
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw error("unexpected \(describeCurrentByte()), expected a value (JSON has no NaN or Infinity)")
        default: throw error("unexpected \(describeCurrentByte()), expected a value\(hint())")
        }
    }

    private mutating func scanObject(depth: Int) throws(StrictJSONError) {
        try checkDepth(depth)
        index += 1  // {
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return }
        // When keys are checked, where each key so far starts, by key.
        var keys: [String: Int] = [:]
        while true {
            guard peek() == UInt8(ascii: "\"") else {
                let trailing = peek() == UInt8(ascii: "}") ? " (a comma before '}' is not JSON)" : hint()
                throw error("unexpected \(describeCurrentByte()), expected a key in double quotes\(trailing)")
            }
            let keyStart = index
            try scanString()
            try enterKey(startingAt: keyStart, seen: &keys)
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else {
                throw error("unexpected \(describeCurrentByte()), expected ':' after a key")
            }
            skipWhitespace()
            try scanValue(depth: depth + 1)
            path.removeLast()
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return }
            guard consume(UInt8(ascii: ",")) else {
                throw error("unexpected \(describeCurrentByte()), expected ',' or '}'\(hint())")
            }
            skipWhitespace()
        }
    }

    private mutating func scanArray(depth: Int) throws(StrictJSONError) {
        try checkDepth(depth)
        index += 1  // [
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return }
        var element = 0
        while true {
            if peek() == UInt8(ascii: "]") {
                throw error("unexpected ']', expected a value (a comma before ']' is not JSON)")
            }
            path.append(.element(element))
            try scanValue(depth: depth + 1)
            path.removeLast()
            element += 1
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return }
            guard consume(UInt8(ascii: ",")) else {
                throw error("unexpected \(describeCurrentByte()), expected ',' or ']'\(hint())")
            }
            skipWhitespace()
        }
    }

    /// Scans `word` (`true`, `NaN`, …), which must come next.
    private mutating func scanWord(_ word: StaticString) throws(StrictJSONError) {
        guard matches(word) else { throw error("unexpected \(describeCurrentByte()), expected a value") }
        index += word.utf8CodeUnitCount
    }

    /// Scans one of Python's words, which must come next, and replaces it with `null` if the words
    /// are to be.
    private mutating func scanPythonWord(_ word: StaticString) throws(StrictJSONError) {
        try scanWord(word)
        if words == .replacedWithNull { replaceWithNull(endingAt: index, length: word.utf8CodeUnitCount) }
    }

    /// Whether the bytes from the current position start with `word`.
    private func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        return word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
    }

    /// Replaces the `length` bytes before `end` with `null` in the output.
    private mutating func replaceWithNull(endingAt end: Int, length: Int) {
        if output == nil {
            output = Data()
            output?.reserveCapacity(bytes.count + bytes.count / 4)
        }
        appendToOutput(copied..<end - length)
        output?.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
        copied = end
    }

    /// Copies input bytes to the output, in one block.
    private mutating func appendToOutput(_ range: Range<Int>) {
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        output?.append(base.assumingMemoryBound(to: UInt8.self) + range.lowerBound, count: range.count)
    }

    // MARK: - Keys

    /// Takes the key just scanned, from its opening quote at `start`, as the next step of ``path``;
    /// `keys` holds where each key of its object so far starts.
    ///
    /// - Throws: ``StrictJSONError`` at this key when the object has given it before.
    private mutating func enterKey(startingAt start: Int, seen keys: inout [String: Int]) throws(StrictJSONError) {
        let quoted = bytes[start..<index]
        let written = String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self)
        // The scan has checked the escapes: Foundation reads them, as it will the key.
        let key = quoted.contains(UInt8(ascii: "\\"))
            ? (try? JSONDecoder().decode(String.self, from: Data(quoted))) ?? written
            : written
        if let first = keys[key] {
            let parent = Self.describe(path)
            let (line, column) = location(of: first)
            index = start
            throw error("the key \"\(Self.excerpt(written))\" is given twice\(parent.isEmpty ? "" : " in \(parent)") "
                + "(first at line \(line), column \(column))")
        }
        keys[key] = start
        path.append(.key(Self.excerpt(written)))
    }

    /// A way to a value, as ``DecodingError/readableDescription`` writes one: `runs[2].config.steps`;
    /// empty for the whole text.
    private static func describe(_ path: [PathStep]) -> String {
        var text = ""
        for step in path {
            switch step {
            case .key(let key): text += (text.isEmpty ? "" : ".") + key
            case .element(let position): text += "[\(position)]"
            }
        }
        return text
    }

    // MARK: - Numbers

    /// Scans `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` whose value is within the range of a
    /// `Double`: one that would round to infinity, or to zero though a digit is not zero, is refused.
    private mutating func scanNumber() throws(StrictJSONError) {
        let start = index
        _ = consume(UInt8(ascii: "-"))
        // Decimal exponent of the first significant digit, before the written exponent: the number
        // is within 10^±300 of it, and only a number near the edges of the range is converted.
        var magnitude: Int?
        if !consume(UInt8(ascii: "0")) {
            let digits = consumeDigits()
            guard digits > 0 else {
                // -Infinity where Python's words are refused (a file of settings) is the same
                // mistake as Infinity, and gets the same hint.
                let word = words == .refused && matches("Infinity")
                throw error("invalid number: expected a digit after '-'" + (word ? " (JSON has no NaN or Infinity)" : ""))
            }
            magnitude = digits - 1
        }
        if consume(UInt8(ascii: ".")) {
            let fractionStart = index
            guard consumeDigits() > 0 else { throw error("invalid number: expected a digit after '.'") }
            if magnitude == nil,
               let first = bytes[fractionStart..<index].firstIndex(where: { $0 != UInt8(ascii: "0") }) {
                magnitude = fractionStart - first - 1
            }
        }
        var exponent = 0
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            let negative = consume(UInt8(ascii: "-"))
            if !negative { _ = consume(UInt8(ascii: "+")) }
            let digitsStart = index
            guard consumeDigits() > 0 else { throw error("invalid number: expected a digit in the exponent") }
            // Saturated far beyond any number of digits the input could hold.
            for byte in bytes[digitsStart..<index] {
                exponent = min(exponent * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000_000_000_000)
            }
            if negative { exponent = -exponent }
        }
        guard let magnitude, abs(magnitude + exponent) > 300 else { return }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite, value != 0 else {
            index = start
            let place = path.isEmpty ? "" : "\(Self.describe(path)): "
            throw error("\(place)the number \(Self.excerpt(text)) is beyond the range of a double")
        }
    }

    /// Consumes decimal digits; returns how many.
    private mutating func consumeDigits() -> Int {
        let start = index
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }

    // MARK: - Strings

    /// Scans a string: no control character, valid escapes, UTF-8 that is well formed, and no
    /// unpaired UTF-16 surrogate in `\u` escapes.
    private mutating func scanString() throws(StrictJSONError) {
        index += 1  // opening quote
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                try scanEscape()
            case 0..<0x20:
                throw error("unescaped control character \(describeCurrentByte()) in a string")
            case 0x80...:
                try scanUTF8Sequence()
            default:
                index += 1
            }
        }
        throw error("unexpected end of the text inside a string")
    }

    private mutating func scanEscape() throws(StrictJSONError) {
        guard let byte = peek() else { throw error("unexpected end of the text inside a string") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 1
        case UInt8(ascii: "u"):
            index += 1
            let start = index - 2
            switch try scanHexQuad() {
            case 0xD800...0xDBFF:
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")),
                      (0xDC00...0xDFFF).contains(try scanHexQuad()) else {
                    index = start
                    throw error("unpaired UTF-16 surrogate in a \\u escape")
                }
            case 0xDC00...0xDFFF:
                index = start
                throw error("unpaired UTF-16 surrogate in a \\u escape")
            default:
                break
            }
        default:
            throw error("invalid escape: backslash followed by \(describeCurrentByte())")
        }
    }

    /// Four hexadecimal digits, consumed; throws at the first byte that is not one.
    private mutating func scanHexQuad() throws(StrictJSONError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            let digit = index < bytes.count ? Self.hexValue(bytes[index]) : 0xFF
            guard digit < 16 else { throw error("invalid \\u escape: expected four hexadecimal digits") }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// The value of a hexadecimal digit, or 0xFF for another byte.
    private static func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: 0xFF
        }
    }

    /// Scans one well-formed UTF-8 sequence of two to four bytes (Unicode's table 3-7: no overlong
    /// form, no surrogate, nothing above U+10FFFF).
    private mutating func scanUTF8Sequence() throws(StrictJSONError) {
        let lead = bytes[index]
        let (continuations, second): (Int, ClosedRange<UInt8>) = switch lead {
        case 0xC2...0xDF: (1, 0x80...0xBF)
        case 0xE0: (2, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (2, 0x80...0xBF)
        case 0xED: (2, 0x80...0x9F)
        case 0xF0: (3, 0x90...0xBF)
        case 0xF1...0xF3: (3, 0x80...0xBF)
        case 0xF4: (3, 0x80...0x8F)
        default: (0, 0x80...0xBF)
        }
        guard continuations > 0 else { throw error("invalid UTF-8: \(describeCurrentByte()) cannot start a character") }
        index += 1
        for position in 0..<continuations {
            guard let byte = peek(), (position == 0 ? second : 0x80...0xBF).contains(byte) else {
                throw error("invalid UTF-8: \(describeCurrentByte()) after byte 0x\(String(lead, radix: 16, uppercase: true))")
            }
            index += 1
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

    private func checkDepth(_ depth: Int) throws(StrictJSONError) {
        if depth >= Self.maxDepth { throw error("objects and arrays nested more than \(Self.maxDepth) deep") }
    }

    // MARK: - Errors

    /// The byte at the current position for a message: `'x'`, `byte 0xFF`, `byte-order mark`, or
    /// `end of the text`.
    private func describeCurrentByte() -> String {
        guard let byte = peek() else { return "end of the text" }
        // A file's own mark is dropped before the scan (StrictJSON.withoutByteOrderMark): this is
        // one elsewhere, or a file's when the scan is given its bytes as they are.
        if matches("\u{FEFF}") { return "byte-order mark (EF BB BF)" }
        return (0x21..<0x7F).contains(byte)
            ? "'\(Character(Unicode.Scalar(byte)))'"
            : "byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    /// Why a byte where JSON5 would go on is not JSON: a comment, a single quote, a hexadecimal
    /// number (an `x` right after a number that is a lone `0`, as in `0x1F` or `-0x1F`).
    private func hint() -> String {
        switch peek() {
        case UInt8(ascii: "/"): " (JSON has no comments)"
        case UInt8(ascii: "'"): " (JSON strings take double quotes)"
        case UInt8(ascii: "x") where followsLoneZero(), UInt8(ascii: "X") where followsLoneZero(): " (JSON numbers are decimal)"
        default: ""
        }
    }

    /// Whether the byte before the current one is a `0` that is a whole number by itself: not
    /// the last digit of `10`, `1.0` or `1e0`.
    private func followsLoneZero() -> Bool {
        guard index >= 1, bytes[index - 1] == UInt8(ascii: "0") else { return false }
        guard index >= 2 else { return true }
        let before = bytes[index - 2]
        return !(UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(before) && !".eE+".utf8.contains(before)
    }

    /// At most 40 characters of `text`, for a message.
    private static func excerpt(_ text: String) -> String {
        text.count <= 40 ? text : "\(text.prefix(32))… (\(text.utf8.count) characters)"
    }

    /// The error at the current position, with its line and column.
    private func error(_ reason: String) -> StrictJSONError {
        let (line, column) = location(of: index)
        return StrictJSONError(line: line, column: column, reason: reason)
    }

    /// The line and column of the byte at `offset`, both from 1; columns count bytes.
    private func location(of offset: Int) -> (line: Int, column: Int) {
        let before = bytes[..<offset]
        let line = 1 + before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }
}
