import Foundation
import RNNCore
import Testing
import TestSupport

/// Checking a file of settings before `JSONDecoder` reads it: what the decoder lets through (a key
/// given twice, a comma before `}` or `]`) or refuses without a place (a number beyond a double) is
/// refused with its line and column, and every file rnnreport writes or reads still passes.
@Suite("Strict JSON")
struct StrictJSONTests {
    /// What ``StrictJSON/check(_:allowingPythonWords:)`` says of `json`, or `nil` when it passes.
    static func problem(_ json: String, allowingPythonWords: Bool = false) -> String? {
        do throws(StrictJSONError) {
            try StrictJSON.check(Data(json.utf8), allowingPythonWords: allowingPythonWords)
            return nil
        } catch {
            return error.description
        }
    }

    // MARK: - Keys given twice

    @Test("a key given twice is refused where it comes again, naming it, its object and where it came first", arguments: [
        (#"{"hidden_size": 8, "hidden_size": 16, "steps": 3}"#,
         #"line 1, column 20: the key "hidden_size" is given twice (first at line 1, column 2)"#),
        ("{\n  \"base\": {\"steps\": 1,\n    \"steps\": 2}\n}",
         #"line 3, column 5: the key "steps" is given twice in base (first at line 2, column 12)"#),
        (#"{"runs": [{"config": {}}, {"config": {"seed": 1, "seed": 1}}]}"#,
         #"line 1, column 50: the key "seed" is given twice in runs[1].config (first at line 1, column 39)"#),
        (#"[{"a": 1, "b": 2, "a": 3}]"#,
         #"line 1, column 19: the key "a" is given twice in [0] (first at line 1, column 3)"#),
        // The same key once unescaped, as JSONDecoder reads it: named as the file writes it.
        (#"{"steps": 1, "\u0073teps": 2}"#,
         #"line 1, column 14: the key "\u0073teps" is given twice (first at line 1, column 2)"#),
        // The same key in Unicode's two forms of é: one key to Swift, and to JSONDecoder.
        ("{\"caf\u{E9}\": 1, \"cafe\u{301}\": 2}",
         "line 1, column 14: the key \"cafe\u{301}\" is given twice (first at line 1, column 2)"),
    ])
    func duplicateKey(_ json: String, _ message: String) {
        #expect(Self.problem(json) == message)
        #expect(Self.problem(json, allowingPythonWords: true) == message)
    }

    @Test("a key may come again in another object, nested or beside it")
    func sameKeyInOtherObjects() {
        #expect(Self.problem(#"{"a": {"a": {"a": 1}}, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}"#) == nil)
    }

    @Test("a very long key is named by an excerpt")
    func longKey() {
        let key = String(repeating: "k", count: 1000)
        #expect(Self.problem(#"{"\#(key)": 1, "\#(key)": 2}"#)
                == #"line 1, column 1009: the key "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk… (1000 characters)" is given twice (first at line 1, column 2)"#)
    }

    // MARK: - Trailing commas

    @Test("a comma before '}' or ']' is refused where the bracket is", arguments: [
        (#"{"steps": 3,}"#, "line 1, column 13: unexpected '}', expected a key in double quotes (a comma before '}' is not JSON)"),
        (#"{"input": ["x", "y",], "steps": 3}"#, "line 1, column 21: unexpected ']', expected a value (a comma before ']' is not JSON)"),
        ("{\n  \"base\": {\"steps\": 3,\n  }\n}", "line 3, column 3: unexpected '}', expected a key in double quotes (a comma before '}' is not JSON)"),
    ])
    func trailingComma(_ json: String, _ message: String) {
        #expect(Self.problem(json) == message)
    }

    // MARK: - Numbers

    @Test("a number beyond the range of a double is refused, naming its key", arguments: [
        (#"{"learning_rate": 1e999}"#, "line 1, column 19: learning_rate: the number 1e999 is beyond the range of a double"),
        (#"{"learning_rate": 1e-999}"#, "line 1, column 19: learning_rate: the number 1e-999 is beyond the range of a double"),
        ("{\"steps\": 3, \"base\": {\n  \"seed\": 1, \"clip_norm\": -1e999}}",
         "line 2, column 27: base.clip_norm: the number -1e999 is beyond the range of a double"),
        (#"{"seeds": [0, 1e999]}"#, "line 1, column 15: seeds[1]: the number 1e999 is beyond the range of a double"),
        (#"{"a": [{"b": 1}, 1e999]}"#, "line 1, column 18: a[1]: the number 1e999 is beyond the range of a double"),
        ("1e999", "line 1, column 1: the number 1e999 is beyond the range of a double"),
    ])
    func numberBeyondDouble(_ json: String, _ message: String) {
        #expect(Self.problem(json) == message)
    }

    @Test("numbers at the edges of a double's range pass")
    func numbersInRange() {
        #expect(Self.problem(#"{"a": 1.7976931348623157e308, "b": -5e-324, "c": 0e999999, "d": 18446744073709551616}"#) == nil)
    }

    // MARK: - Python's words

    @Test("NaN and Infinity are refused in a file of settings, and pass in a metrics file's series when allowed")
    func pythonWords() {
        #expect(Self.problem(#"{"learning_rate": NaN}"#)
                == "line 1, column 19: unexpected 'N', expected a value (JSON has no NaN or Infinity)")
        #expect(Self.problem(#"{"clip_norm": Infinity}"#)
                == "line 1, column 15: unexpected 'I', expected a value (JSON has no NaN or Infinity)")
        #expect(Self.problem(#"{"clip_norm": -Infinity}"#) == "line 1, column 16: invalid number: expected a digit after '-' (JSON has no NaN or Infinity)")
        #expect(Self.problem(#"{"clip_norm": -x}"#) == "line 1, column 16: invalid number: expected a digit after '-'")
        #expect(Self.problem(#"{"config": {}, "loss": [NaN, Infinity, -Infinity]}"#, allowingPythonWords: true) == nil)
        #expect(Self.problem(#"{"loss": [NaN], "loss": []}"#, allowingPythonWords: true)
                == #"line 1, column 17: the key "loss" is given twice (first at line 1, column 2)"#)
    }

    @Test("what the metrics scan refuses is refused the same way", arguments: [
        (#"{"steps": 40"#, "line 1, column 13: unexpected end of the text, expected ',' or '}'"),
        (#"{"steps": 40} {}"#, "line 1, column 15: unexpected '{' after the end of the JSON value"),
        (#"{'steps': 40}"#, "line 1, column 2: unexpected ''', expected a key in double quotes (JSON strings take double quotes)"),
        (#"{"steps": 40 // forty"#, "line 1, column 14: unexpected '/', expected ',' or '}' (JSON has no comments)"),
        ("", "line 1, column 1: unexpected end of the text, expected a value"),
    ])
    func otherErrors(_ json: String, _ message: String) {
        #expect(Self.problem(json) == message)
    }

    // MARK: - Files that pass

    @Test("every configuration rnnreport writes passes")
    func writtenConfigurations() throws {
        for configuration in [
            TrainingConfiguration(),
            TrainingConfiguration(hiddenSize: 7, numLayers: 2, timeStep: 13, steps: 99, learningRate: 0.1 + 0.2,
                                  clipNorm: 1e-7, lrFactor: 1.0 / 3, lrPatience: 0, seed: .max, cell: .gru),
        ] {
            let data = try JSONEncoder().encode(configuration)
            #expect(throws: Never.self) { try StrictJSON.check(data) }
        }
    }

    @Test("every JSON fixture and the committed report's metrics.json pass")
    func filesOfTheRepository() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files = [root.appendingPathComponent("output/metrics.json")]
        let fixtures = try Fixtures.folder
        let walker = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if url.pathExtension == "json" { files.append(url) }
        }
        #expect(files.count >= 15, "\(files.map(\.lastPathComponent))")
        for file in files {
            let data = try Data(contentsOf: file)
            // A metrics file's series may hold Python's words; these files have none.
            #expect(throws: Never.self, "\(file.path)") { try StrictJSON.check(data) }
        }
    }
}
