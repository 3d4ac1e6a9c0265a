import Foundation

/// Reads comma-separated values (RFC 4180) record by record, with the line each record starts on.
///
/// Fields are separated by commas and records by `\n`, `\r\n` or `\r`. A field in double quotes may
/// hold commas, line breaks and doubled quotes (`""` for `"`). Empty lines are skipped, as Python's
/// `csv.DictReader` skips them, and a UTF-8 byte-order mark at the start is ignored. Anything else
/// (a quote inside an unquoted field, text after a closing quote, a quoted field that is never
/// closed, bytes that are not UTF-8) is an error naming its line and field. Nothing recurses and
/// every byte is bounds checked, so no input traps.
public enum CSVRecords {
    /// Calls `body` with each record's fields and the line (from 1) it starts on.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - body: called once per record, in order; it may throw to stop.
    /// - Throws: ``SeriesError`` for malformed text, or what `body` throws.
    public static func forEach(
        in data: Data, _ body: (_ fields: [String], _ line: Int) throws(SeriesError) -> Void
    ) throws(SeriesError) {
        let result: Result<Void, SeriesError> = data.withUnsafeBytes { raw in
            do throws(SeriesError) {
                try read(raw.bindMemory(to: UInt8.self), body)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    private static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (_ fields: [String], _ line: Int) throws(SeriesError) -> Void
    ) throws(SeriesError) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        var line = 1
        var fields: [String] = []
        var field: [UInt8] = []

        func text(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, field number: Int) throws(SeriesError) -> String {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw SeriesError(line: line, field: number, problem: "the text is not UTF-8")
            }
            return text
        }
        /// Consumes a line break at `index`, if there is one.
        func lineBreak() -> Bool {
            guard index < bytes.count else { return false }
            if bytes[index] == lf { index += 1; line += 1; return true }
            if bytes[index] == cr {
                index += 1
                if index < bytes.count, bytes[index] == lf { index += 1 }
                line += 1
                return true
            }
            return false
        }

        while index < bytes.count {
            if lineBreak() { continue }  // an empty line
            let recordLine = line
            fields.removeAll(keepingCapacity: true)
            // One record: fields until a line break or the end.
            while true {
                field.removeAll(keepingCapacity: true)
                let number = fields.count + 1
                var unquoted: Range<Int>?  // an unquoted field is read in place, a quoted one copied into `field`
                if index < bytes.count, bytes[index] == quote {
                    index += 1
                    let openedOn = line
                    while true {
                        guard index < bytes.count else {
                            throw SeriesError(
                                line: openedOn, field: number,
                                problem: "a quoted field is not closed: its opening \" has no closing \"")
                        }
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < bytes.count, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        if byte == lf || (byte == cr && !(index + 1 < bytes.count && bytes[index + 1] == lf)) {
                            line += 1
                        }
                        field.append(byte)
                        index += 1
                    }
                    if index < bytes.count, bytes[index] != comma, bytes[index] != lf, bytes[index] != cr {
                        throw SeriesError(
                            line: line, field: number,
                            problem: "text after the closing \" of a quoted field; write a \" inside quotes as \"\"")
                    }
                } else {
                    let start = index
                    while index < bytes.count, bytes[index] != comma, bytes[index] != lf, bytes[index] != cr {
                        if bytes[index] == quote {
                            throw SeriesError(
                                line: line, field: number,
                                problem: "a \" inside a field that does not start with one; quote the whole field and double the \"")
                        }
                        index += 1
                    }
                    unquoted = start ..< index
                }
                if let unquoted {
                    fields.append(try text(UnsafeBufferPointer(rebasing: bytes[unquoted]), line: line, field: number))
                } else {
                    fields.append(try field.withUnsafeBufferPointer { (copy) throws(SeriesError) in try text(copy, line: line, field: number) })
                }
                if index < bytes.count, bytes[index] == comma {
                    index += 1
                    continue
                }
                _ = lineBreak()
                break
            }
            try body(fields, recordLine)
        }
    }
}
