import Foundation
@testable import RNNCore

/// rnnreport's CSV reading as it was before it read bytes in place (commit 0a6e4cf): a record's
/// fields as strings, each chosen one read by `Double(String)` through ``DataSeries/number(_:line:column:)``,
/// the text path that the in-place reader still falls back on, and the columns found by
/// ``DataSeries/columnIndices(of:in:line:)``. The tests read random files with both and expect the
/// same series or the same error, message for message.
enum CSVReference {
    /// What the reader made of a file.
    struct Reference {
        var header: [String]
        var inputs: [Double]
        var target: [Double]
        var firstRows: [[String]]
        var lines: [Int]
    }

    static func forEach(
        in data: Data, _ body: (_ fields: [String], _ line: Int) throws(SeriesError) -> Void
    ) throws(SeriesError) {
        try forEach(in: data, requiringUTF8: true) { (fields, line, _) throws(SeriesError) in try body(fields, line) }
    }

    /// Each record's fields, with `notUTF8` the indices of those that are not UTF-8 (decoded with
    /// U+FFFD), which are an error instead when `requiringUTF8`.
    static func forEach(
        in data: Data, requiringUTF8: Bool,
        _ body: (_ fields: [String], _ line: Int, _ notUTF8: [Int]) throws(SeriesError) -> Void
    ) throws(SeriesError) {
        let result: Result<Void, SeriesError> = data.withUnsafeBytes { raw in
            do throws(SeriesError) {
                try read(raw.bindMemory(to: UInt8.self), requiringUTF8: requiringUTF8, body)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    private static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, requiringUTF8: Bool,
        _ body: (_ fields: [String], _ line: Int, _ notUTF8: [Int]) throws(SeriesError) -> Void
    ) throws(SeriesError) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        var line = 1
        var fields: [String] = []
        var notUTF8: [Int] = []
        var field: [UInt8] = []

        func text(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, field number: Int) throws(SeriesError) -> String {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                if requiringUTF8 { throw SeriesError(line: line, field: number, problem: "the text is not UTF-8") }
                notUTF8.append(number - 1)
                return String(decoding: bytes, as: UTF8.self)
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
            notUTF8.removeAll(keepingCapacity: true)
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
            try body(fields, recordLine, notUTF8)
        }
    }

    static func series(csv data: Data, input: [String], target: String) throws(SeriesError) -> Reference {
        precondition(!input.isEmpty, "DataSeries: no input column")
        var header: [String]?
        var columns: [Int] = []  // the inputs' field indices, then the target's
        var inputs: [Double] = []
        var targets: [Double] = []
        var firstRows: [[String]] = []
        var lines: [Int] = []
        let names = input + [target]
        // The columns not chosen are not read, so they may hold text that is not UTF-8.
        try forEach(in: data, requiringUTF8: false) { (fields, line, notUTF8) throws(SeriesError) in
            guard let known = header else {
                header = fields
                columns = try DataSeries.columnIndices(of: names, in: fields, line: line, notUTF8: notUTF8)
                return
            }
            guard fields.count == known.count else {
                throw SeriesError(
                    line: line,
                    problem: "the row has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header has \(known.count)")
            }
            if firstRows.count < DataSeries.previewCount { firstRows.append(fields) }
            lines.append(line)
            guard (targets.count + 1) * names.count <= DataSeries.maximumValues else {
                throw SeriesError(
                    line: line,
                    problem: "more than \(DataSeries.maximumValues / names.count) rows of \(names.count) columns; "
                        + "rnnreport holds at most \(DataSeries.maximumValues) values of a series (about 600 MB)")
            }
            for (k, column) in columns.enumerated() {
                if notUTF8.contains(column) {
                    throw SeriesError(line: line, column: names[k], problem: DataSeries.notUTF8Problem)
                }
                let value = try DataSeries.number(fields[column], line: line, column: names[k])
                if k < input.count { inputs.append(value) } else { targets.append(value) }
            }
        }
        guard let header else {
            throw SeriesError(problem: "the file is empty; expected a header row naming the columns, then one row per time step")
        }
        guard !targets.isEmpty else {
            throw SeriesError(line: 1, problem: "the file has a header but no rows of data")
        }
        return Reference(header: header, inputs: inputs, target: targets, firstRows: firstRows, lines: lines)
    }
}
