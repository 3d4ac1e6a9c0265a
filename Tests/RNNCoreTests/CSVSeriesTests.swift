import Foundation
import Testing
@testable import RNNCore

/// Reading a CSV series: records and quoting, the chosen columns as numbers, and every way a file
/// can be wrong, each named by its line and column.
@Suite struct CSVSeriesTests: SeriesReading {
    func records(_ text: String) throws(SeriesError) -> [(fields: [String], line: Int)] {
        var result: [(fields: [String], line: Int)] = []
        try CSVRecords.forEach(in: Data(text.utf8)) { fields, line in result.append((fields, line)) }
        return result
    }

    // MARK: - Records

    @Test("records: quoted commas, doubled quotes and line breaks inside quotes; CRLF, CR and LF; empty lines skipped; a BOM ignored")
    func quoting() throws {
        let text = "\u{FEFF}a,\"b,c\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\n\n3,4\r5,\n"
        let read = try records(text)
        #expect(read.map(\.fields) == [["a", "b,c"], ["say \"hi\"", "two\nlines"], ["3", "4"], ["5", ""]])
        // The second record's quoted field spans lines 2 and 3; the empty line 4 is skipped.
        #expect(read.map(\.line) == [1, 2, 5, 6])
    }

    @Test("records: a last line without a line break, and an empty last field")
    func lastLine() throws {
        #expect(try records("a,b\n1,").map(\.fields) == [["a", "b"], ["1", ""]])
        #expect(try records("a").map(\.fields) == [["a"]])
        #expect(try records("").isEmpty)
    }

    @Test("records: malformed quoting and bytes that are not UTF-8 are errors naming line and field")
    func malformed() {
        let unclosed = error { _ = try records("a,b\n1,\"2\n3,4\n") }
        #expect(unclosed == SeriesError(line: 2, field: 2, problem: "a quoted field is not closed: its opening \" has no closing \""))
        let stray = error { _ = try records("a,b\n1,2\"x\n") }
        #expect(stray?.line == 2 && stray?.field == 2 && stray?.problem.contains("a \" inside a field") == true)
        let after = error { _ = try records("a,b\n\"1\"x,2\n") }
        #expect(after?.line == 2 && after?.field == 1 && after?.problem.contains("after the closing") == true)
        var bytes = Data("a,b\n1,".utf8)
        bytes.append(contentsOf: [0xFF, 0x0A])
        let binary = error { try CSVRecords.forEach(in: bytes) { _, _ in } }
        #expect(binary == SeriesError(line: 2, field: 2, problem: "the text is not UTF-8"))
    }

    // MARK: - Columns and numbers

    @Test("the chosen columns are read in order as numbers; other columns may hold anything")
    func columns() throws {
        let read = try series("note,y,x2,x\nhello,1.5, 2 ,-3e2\n\"a, b\",+.25,4.,5E-1\n", input: ["x", "x2"], target: "y")
        #expect(read.inputs == [-300, 2, 0.5, 4])  // (N, I), row by row, in the order asked
        #expect(read.target == [1.5, 0.25])
        #expect(read.rowCount == 2 && read.inputSize == 2)
        #expect(read.header == ["note", "y", "x2", "x"])
        #expect(read.firstRows == [["hello", "1.5", " 2 ", "-3e2"], ["a, b", "+.25", "4.", "5E-1"]])
    }

    /// Latin-1's "é" (0xE9), which is not UTF-8.
    static func latin1(_ parts: [String]) -> Data {
        Data(parts.joined(separator: "\u{E9}").unicodeScalars.map { UInt8($0.value) })
    }

    @Test("a column that is not chosen may hold bytes that are not UTF-8, in its name and its values; shown with U+FFFD")
    func otherEncodingElsewhere() throws {
        let file = Self.latin1(["x,y,temp", "rature\n1,2,caf", "\n3,4,ok\n"])
        let read = try DataSeries(csv: file, input: ["x"], target: "y")
        #expect(read.inputs == [1, 3] && read.target == [2, 4])
        #expect(read.header == ["x", "y", "temp\u{FFFD}rature"])
        #expect(read.firstRows == [["1", "2", "caf\u{FFFD}"], ["3", "4", "ok"]])
        // A whole file of records still refuses them: its fields are all read as text.
        #expect(error { try CSVRecords.forEach(in: file) { _, _ in } } == SeriesError(line: 1, field: 3, problem: "the text is not UTF-8"))
    }

    @Test("a chosen column's value that is not UTF-8 is named by its line and column")
    func otherEncodingChosen() {
        let found = error { _ = try DataSeries(csv: Self.latin1(["x,y\n1,2\n3", ",4\n"]), input: ["x"], target: "y") }
        #expect(found == SeriesError(line: 3, column: "x", problem: DataSeries.notUTF8Problem))
    }

    @Test("a column not found names a likely reason: header fields that are not UTF-8, or a separator other than commas", arguments: [
        (CSVSeriesTests.latin1(["x,temp", "rature\n1,2\n"]), "y", "the header's field 2 is not UTF-8 (shown with �): rnnreport reads UTF-8 text"),
        (Data("x;y\n1;2\n".utf8), "x", "the header is one column holding semicolons: rnnreport reads values separated by commas"),
        (Data("x\ty\n1\t2\n".utf8), "x", "the header is one column holding tabs: rnnreport reads values separated by commas"),
        (Data("x,z\n1,2\n".utf8), "y", nil),
    ] as [(Data, String, String?)])
    func missingColumnReason(file: Data, column: String, reason: String?) {
        let found = error { _ = try DataSeries(csv: file, input: ["x"], target: "y") }
        #expect(found?.column == column && found?.line == 1, "\(String(describing: found))")
        if let reason {
            #expect(found?.problem.hasSuffix(reason) == true, "\(String(describing: found))")
        } else {
            #expect(found?.problem == "no such column; the header's columns are \"x\", \"z\"")
        }
    }

    @Test("the first rows kept for the report are at most five")
    func preview() throws {
        let text = "x,y\n" + (0 ..< 9).map { "\($0),\($0)" }.joined(separator: "\n")
        let read = try series(text)
        #expect(read.rowCount == 9)
        #expect(read.firstRows == (0 ..< 5).map { ["\($0)", "\($0)"] })
    }

    @Test("every kind of bad data is named with its line and column", arguments: [
        ("", "the file is empty", nil, nil),
        ("\n\n", "the file is empty", nil, nil),
        ("x,y\n", "a header but no rows", 1, nil),
        ("x,z\n1,2\n", "no such column; the header's columns are \"x\", \"z\"", 1, "y"),
        // A long name is cut, and many columns are counted rather than listed.
        ("x," + String(repeating: "n", count: 5000) + "\n1,2\n", "are \"x\", \"" + String(repeating: "n", count: 59) + "…\"", 1, "y"),
        ("x," + (1 ... 30).map { "c\($0)" }.joined(separator: ",") + "\n" + Array(repeating: "1", count: 31).joined(separator: ",") + "\n",
         "\"c18\", \"c19\", and 11 more", 1, "y"),
        ("x,y,x\n1,2,3\n", "names it 2 times (fields 1, 3)", 1, "x"),
        ("x,y\n1,2\n3\n", "the row has 1 field; the header has 2", 3, nil),
        ("x,y\n1,2\n3,4,5\n", "the row has 3 fields; the header has 2", 3, nil),
        ("x,y\n1,2\n3,abc\n", "\"abc\" is not a number", 3, "y"),
        ("x,y\n1,2\n0x10,2\n", "\"0x10\" is not a number", 3, "x"),
        ("x,y\n1,2\n1_000,2\n", "\"1_000\" is not a number", 3, "x"),
        ("x,y\n1,\n", "the value is empty", 2, "y"),
        ("x,y\n1,2\nNaN,2\n", "\"NaN\" is not a finite number", 3, "x"),
        ("x,y\n1,-inf\n", "\"-inf\" is not a finite number", 2, "y"),
        ("x,y\n1,1e999\n", "\"1e999\" is beyond the range of a double", 2, "y"),
    ] as [(String, String, Int?, String?)])
    func badData(text: String, problem: String, line: Int?, column: String?) {
        let found = error { _ = try series(text) }
        #expect(found?.problem.contains(problem) == true, "\(String(describing: found))")
        #expect(found?.line == line)
        #expect(found?.column == column)
    }

    @Test("the error's description names the line and the column")
    func description() {
        #expect(SeriesError(line: 7, column: "force", problem: "\"abc\" is not a number").description
            == "line 7, column \"force\": \"abc\" is not a number")
        #expect(SeriesError(line: 2, field: 3, problem: "p").description == "line 2, field 3: p")
        #expect(SeriesError(problem: "p").description == "p")
    }
}
