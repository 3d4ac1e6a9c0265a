import Foundation
import Testing
@testable import RNNCore

/// Reading metrics JSON as Python writes it: `NaN`, `Infinity` and `-Infinity` are missing values,
/// everything else must be standard JSON, and no input traps.
@Suite("Metrics JSON as Python writes it")
struct PythonJSONTests {
    /// A small metrics text whose `loss` array is `loss` (two steps of two points).
    static func metrics(loss: String, learningRate: String = "[0.005, 0.005]", config: String = #"{"time_step": 2}"#,
                        source: String = #""test""#) -> Data {
        Data("""
            {"config": \(config), "source": \(source), "loss": \(loss), "learning_rate": \(learningRate),
             "real": [1, 0, -1, 0], "prediction": [0.9, 0.1, -0.9, 0.1]}
            """.utf8)
    }

    /// The detail of the `.malformed` error reading `data` throws, or a description of what happened
    /// instead.
    static func malformedDetail(_ data: Data) -> String? {
        do throws(MetricsError) {
            _ = try TrainingMetrics(jsonData: data)
            return nil
        } catch {
            guard case let .malformed(detail) = error else { return "not .malformed: \(error)" }
            return detail
        }
    }

    // MARK: - Python's words

    @Test("the 15 bytes that crashed Foundation's JSON5 scanner are a clear error")
    func crashingInput() {
        // `{"a":0,` then a byte that cannot start UTF-8, then an unterminated key: JSON5's scanner
        // trapped on it (SIGILL), which killed `rnnreport plot`.
        var data = Data(#"{"a":0,"#.utf8)
        data.append(0xFF)
        data.append(contentsOf: #""grad[0"#.utf8)
        #expect(data.count == 15)
        #expect(Self.malformedDetail(data) == "line 1, column 8: unexpected byte 0xFF, expected a key in double quotes")
    }

    @Test("NaN, Infinity and -Infinity read as missing values, in every series")
    func nonFiniteWords() throws {
        let data = Self.metrics(loss: "[NaN, -Infinity]", learningRate: "[Infinity,NaN]")
        let metrics = try TrainingMetrics(jsonData: data)
        #expect(metrics.loss == [nil, nil])
        #expect(metrics.learningRate == [nil, nil])
        #expect(metrics.real == [1, 0, -1, 0])
    }

    @Test("the words are replaced with null and nothing else changes; standard JSON is passed on as it is")
    func rewriting() throws {
        let python = Data(#"{"a":[NaN,-Infinity,Infinity,-1.5e3],"b":"NaN Infinity","c":{"d":NaN}}"#.utf8)
        let standard = try PythonJSONScanner.standardJSON(from: python)
        #expect(String(decoding: standard, as: UTF8.self)
                == #"{"a":[null,null,null,-1.5e3],"b":"NaN Infinity","c":{"d":null}}"#)
        let plain = Data(#" {"a": [1, null, "NaN"]} "#.utf8)
        #expect(try PythonJSONScanner.standardJSON(from: plain) == plain)
    }

    @Test("NaN inside a string stays a string")
    func wordsInStrings() throws {
        let metrics = try TrainingMetrics(jsonData: Self.metrics(
            loss: "[1, 2]", source: #""NaN, Infinity and -Infinity \"NaN\" \\ NaN""#))
        #expect(metrics.source == #"NaN, Infinity and -Infinity "NaN" \ NaN"#)
    }

    @Test("a non-finite learning rate reads as missing, like the other series")
    func nonFiniteLearningRate() throws {
        // Through a decoder that turns strings into non-finite doubles, as another writer's format
        // might: the Decodable conformance itself drops them.
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = Self.metrics(loss: #"["nan", 1]"#, learningRate: #"[0.005, "inf"]"#)
        let metrics = try decoder.decode(TrainingMetrics.self, from: data)
        #expect(metrics.loss == [nil, 1])
        #expect(metrics.learningRate == [0.005, nil])
    }

    // MARK: - Configuration keys

    @Test("an extra config key in a metrics file is ignored, while --config still refuses it")
    func extraConfigKey() throws {
        let metrics = try TrainingMetrics(jsonData: Self.metrics(
            loss: "[1, 2]", config: #"{"time_step": 2, "dropout": 0.2, "hidden_size": 8}"#))
        #expect(metrics.config == TrainingConfiguration(hiddenSize: 8, timeStep: 2))

        let config = Data(#"{"time_step": 2, "dropout": 0.2}"#.utf8)
        #expect {
            try JSONDecoder().decode(TrainingConfiguration.self, from: config)
        } throws: { error in
            (error as? DecodingError)?.readableDescription.contains("unknown key 'dropout'") == true
        }
    }

    // MARK: - Refused input

    @Test("what only JSON5 accepts is refused, naming the place and the problem", arguments: [
        (#"{"config": {"time_step": 2}, // a comment"#, "line 1, column 30: unexpected '/', expected a key in double quotes (JSON has no comments)"),
        ("{\"config\": {\"time_step\": 2}, /* block */", "line 1, column 30: unexpected '/', expected a key in double quotes (JSON has no comments)"),
        (#"{'config': {}}"#, "line 1, column 2: unexpected ''', expected a key in double quotes (JSON strings take double quotes)"),
        (#"{"source": 'x'}"#, "line 1, column 12: unexpected ''', expected a value (JSON strings take double quotes)"),
        (#"{"loss": [1, 2,]}"#, "line 1, column 16: unexpected ']', expected a value (a comma before ']' is not JSON)"),
        (#"{"loss": [1],}"#, "line 1, column 14: unexpected '}', expected a key in double quotes (a comma before '}' is not JSON)"),
        (#"{config: {}}"#, "line 1, column 2: unexpected 'c', expected a key in double quotes"),
        (#"{"loss": [0x1F]}"#, "line 1, column 12: unexpected 'x', expected ',' or ']' (JSON numbers are decimal)"),
        (#"{"loss": [-0X1F]}"#, "line 1, column 13: unexpected 'X', expected ',' or ']' (JSON numbers are decimal)"),
        // An x that follows no lone 0 is no hexadecimal number: no hint.
        ("x,y\n0.1,0.5", "line 1, column 1: unexpected 'x', expected a value"),
        (#"{"loss": [10x1F]}"#, "line 1, column 13: unexpected 'x', expected ',' or ']'"),
        (#"{"loss": [1.0x]}"#, "line 1, column 14: unexpected 'x', expected ',' or ']'"),
        (#"{"loss": [1e0x]}"#, "line 1, column 14: unexpected 'x', expected ',' or ']'"),
        (#"{"loss": [1, x]}"#, "line 1, column 14: unexpected 'x', expected a value"),
        (#"{"loss": [+1]}"#, "line 1, column 11: unexpected '+', expected a value"),
        (#"{"loss": [.5]}"#, "line 1, column 11: unexpected '.', expected a value"),
        (#"{"loss": [5.]}"#, "line 1, column 13: invalid number: expected a digit after '.'"),
        (#"{"loss": [-NaN]}"#, "line 1, column 12: invalid number: expected a digit after '-'"),
        (#"{"loss": [inf]}"#, "line 1, column 11: unexpected 'i', expected a value"),
        ("{\"source\": \"a\nb\"}", "line 1, column 14: unescaped control character byte 0x0A in a string"),
        ("\n\n  {\"loss\": [1] /", "line 3, column 16: unexpected '/', expected ',' or '}' (JSON has no comments)"),
    ])
    func json5Refused(_ json: String, _ message: String) {
        #expect(Self.malformedDetail(Data(json.utf8)) == message)
    }

    @Test("malformed UTF-8 is refused at the offending byte", arguments: [
        ([0xFF], "byte 0xFF cannot start a character"),
        ([0xC0, 0xAF], "byte 0xC0 cannot start a character"),  // overlong '/'
        ([0xE0, 0x80, 0xAF], "byte 0x80 after byte 0xE0"),  // overlong
        ([0xED, 0xA0, 0x80], "byte 0xA0 after byte 0xED"),  // a surrogate, U+D800
        ([0xF4, 0x90, 0x80, 0x80], "byte 0x90 after byte 0xF4"),  // above U+10FFFF
        ([0xE2, 0x82], #"'"' after byte 0xE2"#),  // cut short by the closing quote
        ([0x80], "byte 0x80 cannot start a character"),
    ] as [([UInt8], String)])
    func malformedUTF8(_ sequence: [UInt8], _ message: String) {
        let data = Data(#"{"source": "ab"#.utf8) + sequence + Data(#""}"#.utf8)
        let detail = Self.malformedDetail(data)
        #expect(detail?.hasPrefix("line 1, column ") == true, "\(detail ?? "read")")
        #expect(detail?.hasSuffix("invalid UTF-8: \(message)") == true, "\(detail ?? "read")")
        // Well-formed sequences of each length read.
        let good = Data(#"{"source": "é€😀"}"#.utf8)
        #expect(Self.malformedDetail(good)?.contains("UTF-8") != true)
    }

    @Test("nesting deeper than 64 is refused where it passes 64, without overflowing the stack")
    func deepNesting() {
        for open in ["[", #"{"a":"#] {
            let json = String(repeating: open, count: 100_000)
            let column = 64 * open.utf8.count + 1
            #expect(Self.malformedDetail(Data(json.utf8)) == "line 1, column \(column): objects and arrays nested more than 64 deep")
        }
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try PythonJSONScanner.standardJSON(from: Data(deepest.utf8)) }
    }

    @Test("truncated text, huge numbers and bad escapes are clear errors", arguments: [
        (#"{"loss": [1, 2"#, "line 1, column 15: unexpected end of the text, expected ',' or ']'"),
        (#"{"loss": "#, "line 1, column 10: unexpected end of the text, expected a value"),
        (#"{"sour"#, "line 1, column 7: unexpected end of the text inside a string"),
        ("", "line 1, column 1: unexpected end of the text, expected a value"),
        (#"{"loss": [1e400]}"#, "line 1, column 11: loss[0]: the number 1e400 is beyond the range of a double"),
        (#"{"loss": [-2e-324]}"#, "line 1, column 11: loss[0]: the number -2e-324 is beyond the range of a double"),
        (#"{"loss": [0.000001e-318]}"#, "line 1, column 11: loss[0]: the number 0.000001e-318 is beyond the range of a double"),
        (#"{"loss": [1e-99999999999999999999999]}"#, "line 1, column 11: loss[0]: the number 1e-99999999999999999999999 is beyond the range of a double"),
        (#"{"source": "\ud800"}"#, "line 1, column 13: unpaired UTF-16 surrogate in a \\u escape"),
        (#"{"source": "\udc00\ud800"}"#, "line 1, column 13: unpaired UTF-16 surrogate in a \\u escape"),
        (#"{"source": "\u12"}"#, "line 1, column 17: invalid \\u escape: expected four hexadecimal digits"),
        (#"{"source": "\x"}"#, "line 1, column 14: invalid escape: backslash followed by 'x'"),
        (#"{"loss": []} {}"#, "line 1, column 14: unexpected '{' after the end of the JSON value"),
        // A file's own mark is dropped before the scan (StrictJSON.withoutByteOrderMark): a
        // second one, or one elsewhere, is named.
        ("\u{FEFF}\u{FEFF}{}", "line 1, column 1: unexpected byte-order mark (EF BB BF), expected a value"),
        ("{\"loss\": [1],\u{FEFF}\"x\": 1}", "line 1, column 14: unexpected byte-order mark (EF BB BF), expected a key in double quotes"),
    ])
    func otherErrors(_ json: String, _ message: String) {
        #expect(Self.malformedDetail(Data(json.utf8)) == message)
    }

    @Test("a number of hundreds of digits is refused with an excerpt of it")
    func longNumber() {
        let json = #"{"loss": [1"# + String(repeating: "0", count: 400) + "]}"
        #expect(Self.malformedDetail(Data(json.utf8))
                == "line 1, column 11: loss[0]: the number 10000000000000000000000000000000… (401 characters) is beyond the range of a double")
    }

    @Test("numbers at the edges of a double's range, and zeros, read")
    func numbersInRange() throws {
        let data = Self.metrics(loss: "[0e999999, 5e-324]", learningRate: "[1.7976931348623157e308, -0.0e-99999]")
        let metrics = try TrainingMetrics(jsonData: data)
        #expect(metrics.loss == [0, 0], "a zero, then a Double subnormal that rounds to a Float zero")
        #expect(metrics.learningRate == [.greatestFiniteMagnitude, 0], "a learning rate is a double: its greatest reads")
        // The unicode escapes of a surrogate pair read.
        let pair = try TrainingMetrics(jsonData: Self.metrics(loss: "[1, 2]", source: #""\ud83d\ude00""#))
        #expect(pair.source == "😀")
    }

    @Test("every prefix of a metrics file, and every one-byte corruption, reads or is refused without trapping")
    func truncationsAndCorruptions() throws {
        let data = Self.metrics(loss: "[NaN, -Infinity]", source: #""é \"q\" \u00e9""#)
        for count in 0..<data.count {
            #expect(Self.malformedDetail(data.prefix(count)) != nil, "first \(count) bytes")
        }
        for index in data.indices {
            for replacement: UInt8 in [0x00, 0x22, 0x2C, 0x2F, 0x5B, 0x5D, 0x5C, 0x7B, 0x7D, 0x80, 0xC3, 0xFF] {
                var corrupted = data
                corrupted[index] = replacement
                _ = Self.malformedDetail(corrupted)
            }
        }
    }
}
