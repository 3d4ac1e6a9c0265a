/// A field of a CSV record as it lies in the file's bytes: where its text is, and whether it must
/// be unescaped to be read.
struct CSVField {
    /// The field's text: the whole field when unquoted, between its quotes when quoted.
    var bytes: Range<Int>
    /// Whether the text holds a doubled quote (`""`, standing for `"`), so that it is not the
    /// field's value byte for byte.
    var hasDoubledQuote: Bool
    /// Whether the text is UTF-8. A field that is not is read only by a caller that takes it as it
    /// comes (``CSVScanner/record(into:requiringUTF8:)``); its ``CSVScanner/text(_:)`` then shows
    /// each byte that is not as U+FFFD.
    var isUTF8 = true
}

/// The one reader of CSV's syntax (RFC 4180) under ``CSVRecords`` and ``DataSeries``: it walks the
/// file's bytes once, record by record, and gives each field as a ``CSVField``, a range of the
/// bytes, so that a field is made into a `String` only by a caller that wants its text.
///
/// Fields are separated by commas and records by `\n`, `\r\n` or `\r`; a field in double quotes
/// may hold commas, line breaks and doubled quotes. Empty lines are skipped and a UTF-8 byte-order
/// mark at the start is ignored. A quote inside an unquoted field, text after a closing quote and a
/// quoted field never closed are errors naming the line and the field, and so is a field that is
/// not UTF-8, unless the caller takes such fields as they come. Every byte is read behind a bounds
/// check, and nothing recurses.
struct CSVScanner {
    /// The file's bytes.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where reading continues.
    private(set) var index = 0
    /// The line (from 1) that `index` is on.
    private(set) var line = 1

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    /// Skips empty lines to the start of the next record.
    ///
    /// - Returns: the line the record starts on, or `nil` at the end of the bytes.
    mutating func nextRecord() -> Int? {
        while index < bytes.count {
            if !lineBreak() { return line }
        }
        return nil
    }

    /// Reads the record that starts at the current position, and the line break after it.
    ///
    /// - Parameters:
    ///   - fields: made the record's fields, in order. The array is written over in place, so that
    ///     reading a record of as many fields as the last allocates nothing.
    ///   - requiringUTF8: whether a field that is not UTF-8 is an error; when false it is marked
    ///     (``CSVField/isUTF8``) for the caller, who may not read it at all.
    /// - Throws: ``SeriesError`` naming the line and field of malformed quoting, or of a field that
    ///   is not UTF-8 when that is required, the first in the record.
    mutating func record(into fields: inout [CSVField], requiringUTF8: Bool = true) throws(SeriesError) {
        var count = 0
        while true {
            let number = count + 1
            var field: CSVField
            var high: UInt8 = 0  // the bits of every byte ORed: 0x80 set if any byte is not ASCII
            if index < bytes.count, bytes[index] == Self.quote {
                index += 1
                let openedOn = line
                let start = index
                var doubled = false
                while true {
                    guard index < bytes.count else {
                        throw SeriesError(
                            line: openedOn, field: number,
                            problem: "a quoted field is not closed: its opening \" has no closing \"")
                    }
                    let byte = bytes[index]
                    if byte == Self.quote {
                        if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                            doubled = true
                            index += 2
                            continue
                        }
                        break
                    }
                    if byte == Self.lf || (byte == Self.cr && !(index + 1 < bytes.count && bytes[index + 1] == Self.lf)) {
                        line += 1
                    }
                    high |= byte
                    index += 1
                }
                field = CSVField(bytes: start ..< index, hasDoubledQuote: doubled)
                index += 1  // the closing quote
                if index < bytes.count, bytes[index] != Self.comma, bytes[index] != Self.lf, bytes[index] != Self.cr {
                    throw SeriesError(
                        line: line, field: number,
                        problem: "text after the closing \" of a quoted field; write a \" inside quotes as \"\"")
                }
            } else {
                let start = index
                while index < bytes.count {
                    let byte = bytes[index]
                    // The four bytes that end or break a field are at most 0x2C: one comparison
                    // passes every digit and letter.
                    if byte <= Self.comma {
                        if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
                        if byte == Self.quote {
                            throw SeriesError(
                                line: line, field: number,
                                problem: "a \" inside a field that does not start with one; quote the whole field and double the \"")
                        }
                    }
                    high |= byte
                    index += 1
                }
                field = CSVField(bytes: start ..< index, hasDoubledQuote: false)
            }
            // UTF-8's bytes of a character are all 0x80 or more, so a field of ASCII is UTF-8, and
            // a doubled quote (ASCII) makes text UTF-8 or not as the single quote it stands for does.
            if high >= 0x80, String(validating: UnsafeBufferPointer(rebasing: bytes[field.bytes]), as: UTF8.self) == nil {
                guard !requiringUTF8 else { throw SeriesError(line: line, field: number, problem: "the text is not UTF-8") }
                field.isUTF8 = false
            }
            if count < fields.count { fields[count] = field } else { fields.append(field) }
            count += 1
            if index < bytes.count, bytes[index] == Self.comma {
                index += 1
                continue
            }
            _ = lineBreak()
            if count < fields.count { fields.removeLast(fields.count - count) }
            return
        }
    }

    /// The text of `field`, a field this scanner read, its doubled quotes made single (and each
    /// byte that is not UTF-8, in a field taken as it came, U+FFFD).
    func text(_ field: CSVField) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[field.bytes])
        guard field.hasDoubledQuote else { return String(decoding: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            unescaped.append(raw[i])
            // Inside quotes a quote comes only doubled: keep one of the two.
            i += raw[i] == Self.quote ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// Consumes a line break at the current position, if there is one.
    private mutating func lineBreak() -> Bool {
        guard index < bytes.count else { return false }
        if bytes[index] == Self.lf {
            index += 1
            line += 1
            return true
        }
        if bytes[index] == Self.cr {
            index += 1
            if index < bytes.count, bytes[index] == Self.lf { index += 1 }
            line += 1
            return true
        }
        return false
    }
}
