import Foundation
import Testing
@testable import RNNCore

/// Reading a CSV series from its bytes in place: numbers read where they lie, as `Double(String)`
/// reads their text, whatever their form and length; the lines of rows kept compactly; and, over
/// random files, the same series or the same error as the reader that made a string of every field.
@Suite struct CSVInPlaceTests: SeriesReading {
    // MARK: - Numbers

    @Test("each form of decimal reads as Double(String) reads it, to the bit: quoted, blanks around, signs, points, exponents", arguments: [
        ("1.5", 1.5), ("\"1.5\"", 1.5), ("\" 1.5\t\"", 1.5), (" \t-2.25  ", -2.25), ("+.5", 0.5), ("5.", 5), ("1e5", 1e5),
        ("1E+05", 1e5), ("2.5e-3", 0.0025), ("-0", -0.0), ("-0.0e-0", -0.0), ("007", 7), ("0.1", 0.1),
        ("1.7976931348623157e308", .greatestFiniteMagnitude), ("-1.7976931348623157e308", -.greatestFiniteMagnitude),
        // Below the midpoint between the largest double and 2^1024, so it rounds down to the largest.
        ("1.7976931348623158e308", .greatestFiniteMagnitude),
        ("4.9406564584124654e-324", .leastNonzeroMagnitude), ("2.2250738585072014e-308", .leastNormalMagnitude),
        ("2e-324", 0), ("1e-400", 0), ("-1e-400", -0.0),
    ] as [(String, Double)])
    func forms(field: String, value: Double) throws {
        let read = try series("x,y\n\(field),1\n")
        #expect(read.inputs.map(\.bitPattern) == [value.bitPattern], "\(field) read as \(read.inputs)")
        let unquoted = field.filter { $0 != "\"" }.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        #expect(Double(unquoted)?.bitPattern == value.bitPattern)
    }

    @Test("a number longer than the C buffer is read whole and rounded correctly, never cut at the buffer's end")
    func longNumbers() throws {
        // 2^53 + 1 and a 1 hundreds of digits on: just above the midpoint of 2^53 and 2^53 + 2,
        // so it rounds up; cut before that 1 it would be the midpoint and round to even, 2^53.
        let nearHalf = "9007199254740993." + String(repeating: "0", count: 480) + "1"
        let long = "0." + String(repeating: "3", count: 500)
        let digits500 = "1" + String(repeating: "7", count: 499)  // 1.777…e499: beyond a double
        let read = try series("x,y\n\(nearHalf),\(long)\n")
        #expect(read.inputs == [9_007_199_254_740_994])
        #expect(read.target == [1.0 / 3])
        // Just within and just beyond the buffer's 127 bytes: both read whole.
        for count in [DecimalReader.capacity - 1, DecimalReader.capacity, DecimalReader.capacity + 1] {
            let field = "9007199254740993." + String(repeating: "0", count: count - 18) + "1"
            #expect(field.utf8.count == count)
            #expect(try series("x,y\n\(field),1\n").inputs == [9_007_199_254_740_994], "\(count) bytes")
        }
        let beyond = error { _ = try series("x,y\n1,\(digits500)\n") }
        #expect(beyond == SeriesError(line: 2, column: "y", problem: "\"\(digits500)\" is beyond the range of a double (about ±1.8e308)"))
    }

    @Test("the reader reads in place what fits its buffer, and leaves the rest to Double(String)")
    func readerTakesWhatFits() {
        let reader = DecimalReader()
        func value(_ text: String) -> Double? {
            Array(text.utf8).withUnsafeBufferPointer { reader.value(of: $0) }
        }
        #expect(value(" 1e5\t") == 1e5)
        #expect(value("1E+05") == 1e5)
        #expect(value("-2.5E-1") == -0.25)
        #expect(value(String(repeating: "1", count: DecimalReader.capacity)) != nil)
        #expect(value(String(repeating: "1", count: DecimalReader.capacity + 1)) == nil)
        for refused in ["", " ", "1e", "e5", ".", "+", "1.5.", "0x10", "inf", "nan", "1,5", "1e999", "1 5", "\u{A0}1"] {
            #expect(value(refused) == nil, "\(refused)")
        }
    }

    @Test("100000 random decimals (a seeded generator) read as Double(String) reads them, to the bit")
    func randomDecimals() throws {
        var generator = SplitMix64(seed: 20_251_130)
        func pick(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
        func digits(_ count: Int) -> String { String((0 ..< count).map { _ in Character(String(pick(10))) }) }
        let reader = DecimalReader()
        var texts: [String] = []
        for _ in 0 ..< 100_000 {
            // Mostly the 1 to 20 significant digits of measured data; now and then hundreds.
            let long = pick(50) == 0
            var whole = digits(long ? pick(300) : pick(12))
            var fraction = pick(3) == 0 ? nil : digits(long ? pick(300) : pick(20))
            if whole.isEmpty, fraction?.isEmpty ?? true { whole = digits(1 + pick(3)) }
            if pick(10) == 0 { fraction = fraction.map { $0 + String(repeating: "0", count: pick(30)) } }
            var text = ["", "+", "-"][pick(3)] + whole + (fraction.map { "." + $0 } ?? "")
            if pick(2) == 0 {
                // Exponents reach past both ends of a double, subnormals included.
                text += ["e", "E"][pick(2)] + ["", "+", "-"][pick(3)] + String(pick(pick(4) == 0 ? 400 : 30))
            }
            texts.append(text)
            let bytes = Array(text.utf8)
            let expected = try #require(Double(text), "\(text)")
            let value = bytes.withUnsafeBufferPointer { reader.value(of: $0) }
            if expected.isFinite, bytes.count <= DecimalReader.capacity {
                #expect(value?.bitPattern == expected.bitPattern, "\(text): \(String(describing: value)), Double(String) \(expected)")
            } else {
                #expect(value == nil, "\(text)")
            }
        }
        // And through a file, quoted and with blanks, where the long ones are read as strings.
        let finite = texts.filter { Double($0)?.isFinite == true }
        let file = "x,y\n" + finite.enumerated().map { i, text in i % 3 == 0 ? "\"\(text)\",\t\(text) " : "\(text),\(text)" }.joined(separator: "\r\n")
        let read = try series(file)
        #expect(read.rowCount == finite.count)
        let wrong = zip(finite, zip(read.inputs, read.target)).first { text, values in
            let expected = Double(text)?.bitPattern
            return values.0.bitPattern != expected || values.1.bitPattern != expected
        }
        #expect(wrong == nil, "\(String(describing: wrong))")
    }

    @Test("a field the reader does not read in place is read as its text: words, doubled quotes, blanks of other kinds", arguments: [
        ("\"1\"\"5\"", "\"1\"5\" is not a number"),
        ("\"1\n5\"", "\"1\n5\" is not a number"),
        ("\" \"", "the value is empty"),
        ("\u{A0}1", "\"\u{A0}1\" is not a number"),
        ("Infinity", "\"Infinity\" is not a finite number"),
        (" -nan ", "\" -nan \" is not a finite number"),
        ("-1e309", "\"-1e309\" is beyond the range of a double"),
        ("1e+", "\"1e+\" is not a number"),
        ("+-1", "\"+-1\" is not a number"),
        ("1.5e2.5", "\"1.5e2.5\" is not a number"),
    ])
    func notReadInPlace(field: String, problem: String) {
        let found = error { _ = try series("x,y\n1,2\n\(field),3\n") }
        #expect(found?.problem.contains(problem) == true, "\(String(describing: found))")
        #expect(found?.line == 3 && found?.column == "x")
    }

    // MARK: - Lines

    @Test("rows' lines: CR-only line ends, empty lines, quoted line breaks, in messages and in line(ofRow:)")
    func lines() throws {
        let text = "note,x,y\r\"a\r\nb\",1,2\n\n\r\n\rc,3,4\rd,5,6\r\ne,7,8\n\"f\r\r\rg\",9,10\nh,11,12"
        let read = try series(text)
        #expect(read.target == [2, 4, 6, 8, 10, 12])
        // The first row spans lines 2 and 3; lines 4, 5 and 6 are empty.
        #expect(Array(read.lines) == [2, 7, 8, 9, 10, 14])
        #expect((0 ..< 6).map { read.line(ofRow: $0) } == [2, 7, 8, 9, 10, 14])
        #expect(read.line(ofRow: 6) == nil && read.line(ofRow: -1) == nil)
        let bad = error { _ = try series("x,y\r1,2\r\r3,abc\r") }
        #expect(bad == SeriesError(line: 4, column: "y", problem: "\"abc\" is not a number"))
        let afterQuote = error { _ = try series("n,x,y\r\"a\rb\rc\",1,2\r\r\rz,1\r") }
        #expect(afterQuote == SeriesError(line: 7, problem: "the row has 2 fields; the header has 3"))
    }

    @Test("rows' lines are kept compactly and read back as written, wide gaps and every row around an anchor included")
    func rowLines() {
        var generator = SplitMix64(seed: 7)
        for rows in [0, 1, 63, 64, 65, 200, 5000] {
            // The first rows skip nothing (nothing is kept), then some skip 0 to 3 lines, or hundreds.
            var lines: [Int] = []
            var line = 1 + Int(generator.next() % 5)
            for row in 0 ..< rows {
                lines.append(line)
                let draw = generator.next() % 100
                line += 1 + (row < rows / 3 ? 0 : draw < 60 ? 0 : draw < 95 ? Int(draw % 4) : 250 + Int(draw % 10))
            }
            let kept = RowLines(lines)
            #expect(kept.count == rows)
            #expect(Array(kept) == lines, "\(rows) rows")
            #expect(kept == RowLines(lines))
        }
        let plain = RowLines(5 ..< 100_005)
        #expect(plain.count == 100_000 && plain[0] == 5 && plain[99_999] == 100_004)
        #expect(RowLines([2, 4]) != RowLines([2, 3]))
        #expect(Array([3, 4, 10] as RowLines) == [3, 4, 10])
    }

    // MARK: - The limit

    @Test("a series of more values than the limit is refused at the first row beyond it, with the limit's message")
    func limit() {
        // A column may be asked for more than once: 999 inputs of x and the target give 1000 values
        // a row, and the limit at the 50001st row, in a file of 200 KB.
        let rows = DataSeries.maximumValues / 1000
        let text = "x,y\n" + String(repeating: "1,2\n", count: rows + 1)
        let found = error { _ = try series(text, input: Array(repeating: "x", count: 999)) }
        #expect(found == SeriesError(
            line: rows + 2,
            problem: "more than 50000 rows of 1000 columns; rnnreport holds at most 50000000 values of a series (about 600 MB)"))
    }

    // MARK: - Against the reader of strings

    @Test("3000 random files (a seeded generator) read as the reader of strings read them: the same series or the same error")
    func sameAsStrings() throws {
        var generator = SplitMix64(seed: 4180)
        for _ in 0 ..< 3000 {
            let bytes = Self.randomFile(&generator)
            let input = generator.next() % 2 == 0 ? ["x"] : ["x", "z"]
            var expected: CSVReference.Reference?
            var expectedError: SeriesError?
            do { expected = try CSVReference.series(csv: bytes, input: input, target: "y") } catch { expectedError = error }
            let text = String(decoding: bytes, as: UTF8.self).debugDescription
            do {
                let read = try DataSeries(csv: bytes, input: input, target: "y")
                guard let expected else {
                    Issue.record("\(text): read, but the reader of strings refused it: \(expectedError.map(String.init(describing:)) ?? "")")
                    continue
                }
                #expect(read.header == expected.header && read.firstRows == expected.firstRows, "\(text)")
                #expect(read.inputs.map(\.bitPattern) == expected.inputs.map(\.bitPattern), "\(text)")
                #expect(read.target.map(\.bitPattern) == expected.target.map(\.bitPattern), "\(text)")
                #expect(Array(read.lines) == expected.lines, "\(text)")
            } catch {
                #expect(error == expectedError, "\(text)")
            }
            var records: [[String]] = [], lines: [Int] = []
            var expectedRecords: [[String]] = [], expectedLines: [Int] = []
            let recordsError = Result { () throws(SeriesError) in try CSVRecords.forEach(in: bytes) { records.append($0); lines.append($1) } }
            let expectedRecordsError = Result { () throws(SeriesError) in
                try CSVReference.forEach(in: bytes) { expectedRecords.append($0); expectedLines.append($1) }
            }
            #expect(records == expectedRecords && lines == expectedLines, "\(text)")
            #expect(recordsError.error == expectedRecordsError.error, "\(text)")
        }
    }

    /// A small CSV file of every kind of field and line end, often malformed: numbers of every
    /// form, quoted or with blanks, words, empty fields, doubled and stray quotes, line breaks in
    /// quotes, bytes that are not UTF-8, empty lines, records of the wrong length.
    static func randomFile(_ generator: inout SplitMix64) -> Data {
        func pick(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
        let numbers = ["1", "-2.5", "+.5", "5.", "1e5", "1E+05", "-0", "3.25e-2", "1e999", "1e-400", "0x10", "nan", "-Inf",
                       "abc", "", "1_0", "١", "1.2.3", "e5", ".", "12345678901234567890123"]
        let breaks: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
        func field() -> [UInt8] {
            var text = Array(numbers[pick(numbers.count)].utf8)
            switch pick(14) {
            case 0: text = [0x20] + text + [0x09]
            case 1: text = [0x22] + text + [0x22]
            case 2: text = [0x22, 0x20] + text + [0x22, 0x22, 0x22]
            case 3: text = [0x22] + text + breaks[pick(3)] + text + [0x22]
            case 4: text += [0xFF]
            case 5: text += [0xC3, 0xA9]
            case 6: text += [0x22]
            case 7: text = [0x22] + text + [0x22, 0x78]
            case 8: text = [0x22] + text
            case 9: text = [0x22] + text + [0xC3, 0x22, 0x22, 0xA9, 0x22]
            default: break
            }
            return text
        }
        var bytes: [UInt8] = pick(8) == 0 ? [0xEF, 0xBB, 0xBF] : []
        let names = [["x", "y"], ["y", "x"], ["x", "n", "y", "z"], ["z", "y", "x"], ["x", "y", "x"], ["\"x\"", "y", "z"], ["x", "w"]]
        let header = names[pick(names.count)]
        bytes += Array(header.joined(separator: ",").utf8)
        for _ in 0 ..< pick(8) {
            for _ in 0 ..< (pick(6) == 0 ? 1 + pick(2) : 1) { bytes += breaks[pick(3)] }
            let count = pick(10) == 0 ? header.count + pick(3) - 1 : header.count
            bytes += (0 ..< max(count, 1)).map { _ in field() }.joined(separator: [0x2C])
        }
        if pick(2) == 0 { bytes += breaks[pick(3)] }
        return Data(bytes)
    }
}

extension Result {
    /// The error, or `nil` for a success.
    var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
