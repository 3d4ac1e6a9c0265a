import Foundation
import Testing
@testable import Safetensors
import TestSupport

/// Hostile files: every value a message quotes is cut to a readable length, and a file that is not
/// a safetensors file at all is called that.
@Suite("Safetensors hostile input")
struct SafetensorsHostileInputTests {
    /// The error reading `data` throws, or `nil` if it reads.
    static func readingError(_ data: Data) -> SafetensorsError? {
        do throws(SafetensorsError) {
            _ = try SafetensorsFile(data: data)
            return nil
        } catch {
            return error
        }
    }

    /// A file whose tensor "a" has four floats of data and these JSON fields.
    static func file(name: String = "a", dtype: String = #""F32""#, shape: String = "[4]") -> Data {
        SafetensorsTestData.file(
            header: #"{"\#(name)":{"dtype":\#(dtype),"shape":\#(shape),"data_offsets":[0,16]}}"#,
            data: SafetensorsTestData.floats([1, 2, 3, 4]))
    }

    static let million = 1_000_000

    // MARK: - Shapes and names

    @Test("a shape of a million dimensions gives a message of one line, with the first dimensions and the count")
    func millionDimensions() throws {
        let shape = "[" + Array(repeating: "1", count: Self.million).joined(separator: ",") + "]"
        let error = try #require(Self.readingError(Self.file(shape: shape)))
        #expect(error == .sizeMismatch(tensor: "a", dtype: "F32", shape: Array(repeating: 1, count: Self.million), byteCount: 16))
        #expect(error.description
                == #"tensor "a": shape [1, 1, 1, 1, 1, 1, 1, 1, …] (1000000 dimensions) of F32 does not fit its 16 bytes of data"#)

        // The same shape given to the writer, with a negative dimension at its end.
        let negative = Array(repeating: 1, count: Self.million - 1) + [-1]
        let written = #expect(throws: SafetensorsError.self) {
            try SafetensorsFile(tensors: [SafetensorsTensor(name: "w", shape: negative, values: [])])
        }
        #expect(written?.description
                == #"tensor "w": shape [1, 1, 1, 1, 1, 1, 1, 1, …] (1000000 dimensions) has the negative dimension -1"#)
        #expect(SafetensorsError.shapesDoNotMatch([.unexpected(name: "w", found: negative)]).description
                == "file does not match the model: w: shape [1, 1, 1, 1, 1, 1, 1, 1, …] (1000000 dimensions) in file, not expected")
        #expect(SafetensorsError.format([1, 2, 3, 4, 5, 6, 7, 8]) == "[1, 2, 3, 4, 5, 6, 7, 8]", "eight dimensions show whole")
    }

    @Test("a 1 MB tensor name is cut to 80 characters and its length, in every message that names it")
    func megabyteName() throws {
        let name = String(repeating: "n", count: Self.million)
        let cut = #""\#(String(repeating: "n", count: 80))…" (1000000 bytes)"#
        let error = try #require(Self.readingError(Self.file(name: name, shape: "[5]")))
        #expect(error == .sizeMismatch(tensor: name, dtype: "F32", shape: [5], byteCount: 16))
        #expect(error.description == "tensor \(cut): shape [5] of F32 does not fit its 16 bytes of data")

        let other = String(repeating: "o", count: Self.million)
        let messages = [
            SafetensorsError.duplicateTensorName(name).description,
            SafetensorsError.overlap(tensor: name, range: 0..<4, other: other, otherRange: 0..<8).description,
            SafetensorsError.gap(before: name, range: 0..<4).description,
            SafetensorsError.duplicateKey(path: [name, other]).description,
            SafetensorsError.shapesDoNotMatch([.missing(name: name, expected: [1])]).description,
            SafetensorsError.shapesDoNotMatch([.wrongShape(name: name, found: [2], expected: [1])]).description,
        ]
        for message in messages {
            #expect(message.count < 300, "\(message.prefix(400))")
            #expect(message.contains(#"…" (1000000 bytes)"#) || message.contains("… (1000000 bytes)"), "\(message.prefix(400))")
        }
        #expect(SafetensorsError.excerpt(String(repeating: "x", count: 80)) == String(repeating: "x", count: 80),
                "80 characters show whole")
    }

    @Test("a long dtype, number or metadata key is cut too", arguments: [
        (file(dtype: "\"" + String(repeating: "F", count: 1_000_000) + "\""), "dtype \"FFFFFFFF"),
        (file(shape: "[" + String(repeating: "9", count: 1_000_000) + "]"), "shape contains 99999999"),
        (file(shape: "[-" + String(repeating: "9", count: 1_000_000) + "]"), "shape contains -9999999"),
        (file(dtype: String(repeating: "9", count: 1_000_000)), "dtype is the number 99999999"),
        (SafetensorsTestData.file(header: "{\"__metadata__\":{\"" + String(repeating: "k", count: 1_000_000) + "\":1}}"),
         "invalid __metadata__: the value of \"kkkkkkkk"),
    ] as [(Data, String)])
    func longValues(_ data: Data, _ start: String) throws {
        let message = try #require(Self.readingError(data)).description
        #expect(message.contains(start), "\(message.prefix(300))")
        #expect(message.count < 250, "\(message.prefix(300))")
    }

    @Test("control characters in a name are escaped, in quotes and without")
    func controlCharacters() {
        #expect(SafetensorsError.quote("a\u{1B}[2Jb\n") == #""a\u001b[2Jb\n""#)
        #expect(SafetensorsError.excerpt("a\u{1B}[2Jb\n") == #"a\u001b[2Jb\n"#)
        #expect(SafetensorsError.ShapeMismatch.missing(name: "x\ny", expected: [1]).description
                == #"x\ny: missing from file, expected shape [1]"#)
    }

    @Test("a list of many problems shows the first 20 and says how many there are")
    func manyProblems() {
        let problems = (0..<200_000).map { SafetensorsError.ShapeMismatch.unexpected(name: "t\($0)", found: [0]) }
        let message = SafetensorsError.shapesDoNotMatch(problems).description
        let lines = message.split(separator: "\n")
        #expect(lines.first == "file does not match the model (200000 problems, the first 20 shown):")
        #expect(lines.count == 21)
        #expect(lines.last == "  t19: shape [0] in file, not expected")
    }

    // MARK: - Not a safetensors file

    @Test("metrics.json given as safetensors is not a safetensors file")
    func metricsFile() throws {
        let metrics = try Fixtures.data("small.trace.json")
        let error = try #require(Self.readingError(metrics))
        // `{"config` as a little-endian length, then `"` where a header would start with `{`.
        #expect(error == .notSafetensors(headerLength: 7_451_599_682_962_399_867, limit: 100_000_000, firstByte: 0x22))
        #expect(error.description == """
            not a safetensors file: header length 7451599682962399867 is larger than the limit of 100000000 bytes, \
            and no header starts after it (byte 8 is '"', not '{')
            """)
    }

    @Test("text, or a length alone, is not a safetensors file; a header over the limit that starts with '{' is too large")
    func otherFiles() {
        let text = Data("Hello, safetensors!\n".utf8)
        #expect(Self.readingError(text)?.description.hasPrefix("not a safetensors file: header length ") == true)
        let lengthOnly = Data(repeating: 0xFF, count: 8)
        #expect(Self.readingError(lengthOnly) == .notSafetensors(headerLength: .max, limit: 100_000_000, firstByte: nil))
        #expect(Self.readingError(lengthOnly)?.description.hasSuffix("(the file ends there, not '{')") == true)
        let binary = Data(repeating: 0xFF, count: 9)
        #expect(Self.readingError(binary)?.description.hasSuffix("(byte 8 is byte 0xFF, not '{')") == true)
        let large = SafetensorsTestData.file(header: "{}", length: 100_000_001)
        #expect(Self.readingError(large) == .headerTooLarge(length: 100_000_001, limit: 100_000_000))
    }

    // MARK: - Ignored members

    @Test("large ignored members of an entry are read past, and still checked")
    func ignoredMembers() throws {
        let zeros = Array(repeating: "0", count: Self.million).joined(separator: ",")
        let header = #"{"a":{"dtype":"F32","x":[\#(zeros)],"y":{"k":[[[]]],"s":"\u00e9\n"},"shape":[4],"data_offsets":[0,16]}}"#
        let file = try SafetensorsFile(data: SafetensorsTestData.file(header: header, data: SafetensorsTestData.floats([1, 2, 3, 4])))
        #expect(file.tensors == [SafetensorsTensor(name: "a", shape: [4], values: [1, 2, 3, 4])])

        let duplicate = #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16],"x":[{"k":1,"k":2}]}}"#
        #expect(Self.readingError(SafetensorsTestData.file(header: duplicate)) == .duplicateKey(path: ["a", "x", "k"]))
        let broken = #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16],"x":[1,]}}"#
        #expect(Self.readingError(SafetensorsTestData.file(header: broken))
                == .invalidJSON(offset: 61, reason: "unexpected ']', expected a value"))
    }
}
