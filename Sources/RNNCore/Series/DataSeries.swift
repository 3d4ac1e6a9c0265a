import Foundation

/// A series read from a CSV file: the chosen input columns and the target column, one row per time
/// step, in the file's order and its own units.
///
/// The file has a header row naming its columns; each later record is a time step. Only the chosen
/// columns are read as numbers (decimal, as Python's `float` reads them: optional sign, digits, a
/// point, an exponent, blanks around); the others may hold anything. The first few records are kept
/// as written, for the report.
public struct DataSeries: Equatable, Sendable {
    /// How many records ``firstRows`` keeps.
    public static let previewCount = 5
    /// Upper bound on rows × (inputs + 1), the values held: 8 bytes each as read and 4 more
    /// standardised, so at most about 600 MB. The rows' lines add at most about a byte a row (none
    /// in a file without empty lines or quoted line breaks: see ``RowLines``), and the arrays are
    /// reserved from the first record's size, so that in a file of rows of much the same length
    /// they are not grown by copying, which holds an array twice for a moment.
    public static let maximumValues = 50_000_000

    /// Every column of the header, in order.
    public var header: [String]
    /// The input columns' names (I of them: the network's input size).
    public var inputNames: [String]
    /// The target column's name.
    public var targetName: String
    /// The input columns, row by row. // (N, I)
    public var inputs: [Double]
    /// The target column. // (N)
    public var target: [Double]
    /// The first records (up to ``previewCount``), every column as written.
    public var firstRows: [[String]]
    /// The line of the file each row starts on, for messages; empty when the series was not read
    /// from a file. // (N)
    public var lines: RowLines

    /// Number of rows (time steps), N.
    public var rowCount: Int { target.count }
    /// Number of input columns, I.
    public var inputSize: Int { inputNames.count }

    public init(
        header: [String], inputNames: [String], targetName: String, inputs: [Double], target: [Double],
        firstRows: [[String]] = [], lines: RowLines = []
    ) {
        precondition(inputs.count == target.count * inputNames.count, "DataSeries: inputs must be (N, I)")
        self.header = header
        self.inputNames = inputNames
        self.targetName = targetName
        self.inputs = inputs
        self.target = target
        self.firstRows = firstRows
        self.lines = lines
    }

    /// The line of the file row `row` starts on, if known.
    public func line(ofRow row: Int) -> Int? {
        row >= 0 && row < lines.count ? lines[row] : nil
    }

    /// Reads the columns `input` and `target` of a CSV file's bytes.
    ///
    /// - Parameters:
    ///   - data: the file: a header row, then one record per time step.
    ///   - input: the input columns' names, at least one.
    ///   - target: the target column's name.
    /// - Throws: ``SeriesError`` naming the line and column of the first problem: an empty file,
    ///   malformed quoting, a header without rows, a column the header lacks (listing the header's
    ///   columns) or names twice, a record with more or fewer fields than the header, an empty
    ///   value, text that is not UTF-8 or not a number, a value that is not finite (`nan`, `inf`,
    ///   `1e999`). The columns that are not chosen are not read: they may hold any bytes.
    public init(csv data: Data, input: [String], target: String) throws(SeriesError) {
        precondition(!input.isEmpty, "DataSeries: no input column")
        let read: Result<Self, SeriesError> = data.withUnsafeBytes { raw in
            do throws(SeriesError) {
                return .success(try Self(csv: raw.bindMemory(to: UInt8.self), input: input, target: target))
            } catch {
                return .failure(error)
            }
        }
        self = try read.get()
    }

    /// Reads the columns `input` and `target` of a CSV file's bytes, as ``init(csv:input:target:)``.
    ///
    /// The bytes are read once, by ``CSVScanner``: only the header and the first
    /// ``previewCount`` records are made into strings, and the chosen columns' fields are read as
    /// numbers where they lie.
    private init(csv bytes: UnsafeBufferPointer<UInt8>, input: [String], target: String) throws(SeriesError) {
        let names = input + [target]
        var scanner = CSVScanner(bytes)
        var fields: [CSVField] = []
        guard let headerLine = scanner.nextRecord() else {
            throw SeriesError(problem: "the file is empty; expected a header row naming the columns, then one row per time step")
        }
        // Columns that are not chosen may hold anything, text of another encoding included: a
        // field that is not UTF-8 is an error only where it is read.
        try scanner.record(into: &fields, requiringUTF8: false)
        let header = fields.map(scanner.text)
        let columns = try Self.columnIndices(
            of: names, in: header, line: headerLine, notUTF8: fields.indices.filter { !fields[$0].isUTF8 })  // the inputs' field indices, then the target's
        var inputs: [Double] = []
        var targets: [Double] = []
        var firstRows: [[String]] = []
        var lines = RowLines()
        let decimals = DecimalReader()
        while let line = scanner.nextRecord() {
            let start = scanner.index
            try scanner.record(into: &fields, requiringUTF8: false)
            guard fields.count == header.count else {
                throw SeriesError(
                    line: line,
                    problem: "the row has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header has \(header.count)")
            }
            if firstRows.count < Self.previewCount { firstRows.append(fields.map(scanner.text)) }
            if targets.isEmpty {
                // Room for as many rows as records of the first's size fill the rest of the file,
                // and an eighth more: a growing array is copied whole, and for a moment held twice.
                let rows = min((bytes.count - start) / max(scanner.index - start, 1), Self.maximumValues / names.count)
                let room = min(rows + rows / 8 + 16, Self.maximumValues / names.count)
                inputs.reserveCapacity(room * input.count)
                targets.reserveCapacity(room)
            }
            lines.append(line)
            guard (targets.count + 1) * names.count <= Self.maximumValues else {
                throw SeriesError(
                    line: line,
                    problem: "more than \(Self.maximumValues / names.count) rows of \(names.count) columns; "
                        + "rnnreport holds at most \(Self.maximumValues) values of a series (about 600 MB)")
            }
            for (k, column) in columns.enumerated() {
                let value = try Self.number(fields[column], of: scanner, reader: decimals, line: line, column: names[k])
                if k < input.count { inputs.append(value) } else { targets.append(value) }
            }
        }
        guard !targets.isEmpty else {
            throw SeriesError(line: 1, problem: "the file has a header but no rows of data")
        }
        self.init(header: header, inputNames: input, targetName: target, inputs: inputs, target: targets, firstRows: firstRows, lines: lines)
    }

    /// Each name's field index in the header.
    ///
    /// - Parameter notUTF8: the indices of the header's fields that are not UTF-8 (each shown with
    ///   U+FFFD in `header`), named when a column is not found, as the likely reason.
    /// - Throws: ``SeriesError`` for a name the header lacks or has twice.
    static func columnIndices(of names: [String], in header: [String], line: Int, notUTF8: [Int] = []) throws(SeriesError) -> [Int] {
        var indices: [Int] = []
        for name in names {
            let matches = header.indices.filter { header[$0] == name }
            guard let first = matches.first else {
                // A header made by a program may have thousands of columns, or names pages long.
                let shown = header.prefix(20).map { "\"\($0.count > 60 ? $0.prefix(59) + "…" : $0)\"" }
                let listed = shown.joined(separator: ", ") + (header.count > 20 ? ", and \(header.count - 20) more" : "")
                throw SeriesError(
                    line: line, column: name,
                    problem: "no such column; the header's columns are \(listed)" + missingColumnHint(header: header, notUTF8: notUTF8))
            }
            guard matches.count == 1 else {
                throw SeriesError(
                    line: line, column: name,
                    problem: "the header names it \(matches.count) times (fields \(matches.map { "\($0 + 1)" }.joined(separator: ", "))), so which to read is ambiguous")
            }
            indices.append(first)
        }
        return indices
    }

    /// What may explain a column the header lacks: a header of one column with a separator in it
    /// that is not a comma, or header fields that are not UTF-8.
    static func missingColumnHint(header: [String], notUTF8: [Int]) -> String {
        if header.count == 1, let separator = [(";", "semicolons"), ("\t", "tabs"), ("|", "bars")].first(where: { header[0].contains($0.0) }) {
            return "; the header is one column holding \(separator.1): rnnreport reads values separated by commas"
        }
        guard !notUTF8.isEmpty else { return "" }
        let fields = notUTF8.prefix(5).map { "\($0 + 1)" }.joined(separator: ", ") + (notUTF8.count > 5 ? ", …" : "")
        return "; the header's field\(notUTF8.count == 1 ? "" : "s") \(fields) \(notUTF8.count == 1 ? "is" : "are") not UTF-8 "
            + "(shown with �): rnnreport reads UTF-8 text"
    }

    /// The problem of a chosen field whose text is not UTF-8.
    static let notUTF8Problem = "the text is not UTF-8; rnnreport reads UTF-8 text"

    /// A chosen field read as a finite number: straight from the file's bytes when it is a
    /// decimal number of up to ``DecimalReader/capacity`` bytes (blanks aside), as its text
    /// otherwise, which gives the same value, or the message of what it is instead.
    static func number(_ field: CSVField, of scanner: borrowing CSVScanner, reader: DecimalReader, line: Int, column: String) throws(SeriesError) -> Double {
        guard field.isUTF8 else { throw SeriesError(line: line, column: column, problem: notUTF8Problem) }
        if !field.hasDoubledQuote, let value = reader.value(of: UnsafeBufferPointer(rebasing: scanner.bytes[field.bytes])) {
            return value
        }
        return try number(scanner.text(field), line: line, column: column)
    }

    /// A field read as a finite number.
    static func number(_ field: String, line: Int, column: String) throws(SeriesError) -> Double {
        // Blanks (spaces and tabs) around the number are allowed, as Python's float allows them.
        let utf8 = field.utf8
        guard let first = utf8.firstIndex(where: { !isBlank($0) }), let last = utf8.lastIndex(where: { !isBlank($0) }) else {
            throw SeriesError(line: line, column: column, problem: "the value is empty; every row needs a number here")
        }
        let text = Substring(utf8[first ... last])
        if isDecimal(text.utf8), let value = Double(text) {
            guard value.isFinite else {
                throw SeriesError(line: line, column: column, problem: "\"\(field)\" is beyond the range of a double (about ±1.8e308)")
            }
            return value
        }
        let words = ["nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"]
        if words.contains(text.lowercased()) {
            throw SeriesError(line: line, column: column, problem: "\"\(field)\" is not a finite number; rnnreport trains on finite values only")
        }
        throw SeriesError(line: line, column: column, problem: "\"\(field)\" is not a number")
    }

    /// Whether `byte` is a blank allowed around a number: a space or a tab.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// Whether `text` is a decimal number: `[+-]digits[.digits][(e|E)[+-]digits]`, with digits on
    /// at least one side of the point.
    static func isDecimal(_ text: some Collection<UInt8>) -> Bool {
        // One pass with the index in hand: nested functions sharing it cost a checked access each.
        var i = text.startIndex
        let end = text.endIndex
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let isSign = { (byte: UInt8) in byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") }
        if i < end, isSign(text[i]) { text.formIndex(after: &i) }
        var mantissa = 0
        while i < end, isDigit(text[i]) {
            text.formIndex(after: &i)
            mantissa += 1
        }
        if i < end, text[i] == UInt8(ascii: ".") {
            text.formIndex(after: &i)
            while i < end, isDigit(text[i]) {
                text.formIndex(after: &i)
                mantissa += 1
            }
        }
        guard mantissa > 0 else { return false }
        if i < end, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
            text.formIndex(after: &i)
            if i < end, isSign(text[i]) { text.formIndex(after: &i) }
            var exponent = 0
            while i < end, isDigit(text[i]) {
                text.formIndex(after: &i)
                exponent += 1
            }
            guard exponent > 0 else { return false }
        }
        return i == end
    }
}
