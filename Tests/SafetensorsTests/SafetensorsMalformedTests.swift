import Foundation
import Testing
@testable import Safetensors
import TestSupport

/// Malformed files: each is rejected with the error that says what is wrong, and none traps.
@Suite("Safetensors malformed files")
struct SafetensorsMalformedTests {
    /// A malformed file and the error it must raise.
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let data: Data
        let error: SafetensorsError
        var testDescription: String { label }

        init(_ label: String, _ data: Data, _ error: SafetensorsError) {
            self.label = label
            self.data = data
            self.error = error
        }

        /// A file with this header and four floats (16 bytes) of data.
        init(_ label: String, header: String, pad: Bool = true, _ error: SafetensorsError) {
            self.init(label, SafetensorsTestData.file(header: header, data: Self.fourFloats, pad: pad), error)
        }

        /// A file with four floats of data and one tensor, "a", whose fields are these JSON texts.
        init(_ label: String, dtype: String = #""F32""#, shape: String = "[4]", offsets: String = "[0,16]",
             _ error: SafetensorsError) {
            self.init(label, header: #"{"a":{"dtype":\#(dtype),"shape":\#(shape),"data_offsets":\#(offsets)}}"#, error)
        }

        static let fourFloats = SafetensorsTestData.floats([1, 2, 3, 4])
    }

    static let lengthCases: [Case] = [
        Case("empty file", Data(), .fileTooShort(byteCount: 0)),
        Case("7 bytes", Data([8, 0, 0, 0, 0, 0, 0]), .fileTooShort(byteCount: 7)),
        Case("header length over the limit",
             SafetensorsTestData.file(header: "{}", length: 100_000_001),
             .headerTooLarge(length: 100_000_001, limit: 100_000_000)),
        Case("header length UInt64.max",
             SafetensorsTestData.file(header: "{}", length: .max),
             .headerTooLarge(length: .max, limit: 100_000_000)),
        Case("header length at the limit, past the end",
             SafetensorsTestData.file(header: "{}", length: 100_000_000),
             .headerTruncated(length: 100_000_000, available: 8)),
        Case("header cut short",
             SafetensorsTestData.file(header: #"{"a":{"dtype":"F32""#, pad: false, length: 100),
             .headerTruncated(length: 100, available: 19)),
    ]

    static let jsonCases: [Case] = [
        Case("empty header", SafetensorsTestData.file(header: ""),
             .invalidJSON(offset: 0, reason: "unexpected end of the header, expected a value")),
        Case("header cut inside JSON", header: #"{"a":"#, pad: false,
             .invalidJSON(offset: 5, reason: "unexpected end of the header, expected a value")),
        Case("not JSON", header: "safetensors",
             .invalidJSON(offset: 0, reason: "unexpected 's', expected a value")),
        Case("padded with NUL bytes", header: "{}\0\0\0\0\0\0", pad: false,
             .invalidJSON(offset: 2, reason: "unexpected byte 0x00 after the end of the JSON value")),
        Case("byte order mark",
             SafetensorsTestData.file(headerBytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8)),
             .invalidJSON(offset: 0, reason: "unexpected byte 0xEF, expected a value")),
        Case("trailing comma", header: #"{"a":1,}"#,
             .invalidJSON(offset: 7, reason: "unexpected '}', expected a string key")),
        Case("single quotes", header: "{'a':1}",
             .invalidJSON(offset: 1, reason: "unexpected ''', expected a string key")),
        Case("two values", header: "{}{}",
             .invalidJSON(offset: 2, reason: "unexpected '{' after the end of the JSON value")),
        Case("leading zero", header: #"{"a":{"shape":[04]}}"#,
             .invalidJSON(offset: 16, reason: "unexpected '4', expected ',' or ']'")),
        Case("bare minus", header: #"{"a":-}"#,
             .invalidJSON(offset: 6, reason: "invalid number: expected a digit")),
        Case("control character in a string", header: "{\"a\tb\":1}",
             .invalidJSON(offset: 3, reason: "unescaped control character byte 0x09 in a string")),
        Case("unpaired surrogate", header: #"{"\ud800":1}"#,
             .invalidJSON(offset: 8, reason: "unpaired UTF-16 surrogate in a \\u escape")),
        Case("bad escape", header: #"{"\x":1}"#,
             .invalidJSON(offset: 3, reason: "invalid escape: backslash followed by 'x'")),
        Case("unterminated string", header: #"{"abc"#, pad: false,
             .invalidJSON(offset: 5, reason: "unterminated string")),
        Case("misspelt literal", header: #"{"__metadata__":nul}"#,
             .invalidJSON(offset: 16, reason: "unexpected 'n', expected a value")),
        Case("nested too deep",
             SafetensorsTestData.file(header: "{\"a\":" + String(repeating: "[", count: 100_000)),
             .invalidJSON(offset: 68, reason: "objects and arrays nested more than 64 deep")),
        Case("not UTF-8",
             SafetensorsTestData.file(headerBytes: Array(#"{"a"#.utf8) + [0xFF] + Array(#"":1}"#.utf8)),
             .headerNotUTF8),
        Case("array", header: "[1,2]", .headerNotObject),
        Case("string", header: #""{}""#, .headerNotObject),
    ]

    static let duplicateCases: [Case] = [
        Case("tensor twice",
             header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
             .duplicateKey(path: ["a"])),
        Case("tensor twice, once escaped (the Python library accepts this)",
             header: #"{"\u0061":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
             .duplicateKey(path: ["a"])),
        Case("field twice",
             header: #"{"a":{"dtype":"F32","shape":[4],"shape":[2,2],"data_offsets":[0,16]}}"#,
             .duplicateKey(path: ["a", "shape"])),
        Case("metadata twice",
             header: #"{"__metadata__":{},"__metadata__":{},"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
             .duplicateKey(path: ["__metadata__"])),
        Case("metadata key twice",
             header: #"{"__metadata__":{"k":"1","k":"2"},"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
             .duplicateKey(path: ["__metadata__", "k"])),
    ]

    static let entryCases: [Case] = [
        Case("metadata not an object", header: #"{"__metadata__":"pt"}"#,
             .invalidMetadata(reason: "__metadata__ is a string, not an object")),
        Case("metadata value not a string", header: #"{"__metadata__":{"format":1}}"#,
             .invalidMetadata(reason: #"the value of "format" is the number 1, not a string"#)),
        Case("entry not an object", header: #"{"a":[0,16]}"#,
             .invalidTensorInfo(tensor: "a", reason: "the entry is an array, not an object")),
        Case("dtype missing", header: #"{"a":{"shape":[4],"data_offsets":[0,16]}}"#,
             .invalidTensorInfo(tensor: "a", reason: #""dtype" is missing"#)),
        Case("shape missing", header: #"{"a":{"dtype":"F32","data_offsets":[0,16]}}"#,
             .invalidTensorInfo(tensor: "a", reason: #""shape" is missing"#)),
        Case("offsets missing", header: #"{"a":{"dtype":"F32","shape":[4]}}"#,
             .invalidTensorInfo(tensor: "a", reason: #""data_offsets" is missing"#)),
        Case("dtype not a string", dtype: "32",
             .invalidTensorInfo(tensor: "a", reason: "dtype is the number 32, not a string")),
        Case("shape not an array", shape: "4",
             .invalidTensorInfo(tensor: "a", reason: "shape is the number 4, not an array")),
        Case("negative shape", shape: "[-4]",
             .invalidTensorInfo(tensor: "a", reason: "shape contains -4, which is not a non-negative integer")),
        Case("fractional shape", shape: "[4.0]",
             .invalidTensorInfo(tensor: "a", reason: "shape contains 4.0, which is not a non-negative integer")),
        Case("shape with exponent", shape: "[4e0]",
             .invalidTensorInfo(tensor: "a", reason: "shape contains 4e0, which is not a non-negative integer")),
        Case("shape as strings", shape: "[\"4\"]",
             .invalidTensorInfo(tensor: "a", reason: "shape contains a string, not an integer")),
        Case("negative zero offset", offsets: "[-0,16]",
             .invalidTensorInfo(tensor: "a", reason: "data_offsets contains -0, which is not a non-negative integer")),
        Case("fractional offset", offsets: "[0,16.0]",
             .invalidTensorInfo(tensor: "a", reason: "data_offsets contains 16.0, which is not a non-negative integer")),
        Case("offset past Int.max", offsets: "[0,9223372036854775808]",
             .invalidTensorInfo(tensor: "a", reason: "data_offsets contains 9223372036854775808, which is too large")),
        Case("offset past UInt64.max", offsets: "[0,18446744073709551616]",
             .invalidTensorInfo(tensor: "a", reason: "data_offsets contains 18446744073709551616, which is too large")),
        Case("three offsets", offsets: "[0,16,16]",
             .invalidTensorInfo(tensor: "a", reason: "data_offsets has 3 numbers, expected 2 ([begin, end])")),
        Case("one offset", offsets: "[16]",
             .invalidTensorInfo(tensor: "a", reason: "data_offsets has 1 numbers, expected 2 ([begin, end])")),
        Case("unsupported dtype", dtype: #""F16""#, shape: "[8]",
             .unsupportedDtype(tensor: "a", dtype: "F16")),
        Case("lower-case dtype", dtype: #""f32""#,
             .unsupportedDtype(tensor: "a", dtype: "f32")),
    ]

    static let layoutCases: [Case] = [
        Case("offsets reversed", shape: "[0]", offsets: "[16,0]",
             .invalidTensorInfo(tensor: "a", reason: "data_offsets [16, 0] end before they begin")),
        Case("offsets out of bounds", shape: "[5]", offsets: "[0,20]",
             .offsetsOutOfBounds(tensor: "a", begin: 0, end: 20, dataSize: 16)),
        Case("offset Int.max", offsets: "[0,9223372036854775807]",
             .offsetsOutOfBounds(tensor: "a", begin: 0, end: .max, dataSize: 16)),
        Case("shape does not fit the bytes", shape: "[3]",
             .sizeMismatch(tensor: "a", dtype: "F32", shape: [3], byteCount: 16)),
        Case("F64 shape does not fit the bytes", dtype: #""F64""#,
             .sizeMismatch(tensor: "a", dtype: "F64", shape: [4], byteCount: 16)),
        Case("huge shape, no overflow", shape: "[1000000000,1000000]",
             .sizeMismatch(tensor: "a", dtype: "F32", shape: [1_000_000_000, 1_000_000], byteCount: 16)),
        Case("shape overflows", shape: "[4611686018427387904,4]",
             .shapeTooLarge(tensor: "a", shape: [4_611_686_018_427_387_904, 4])),
        Case("shape overflows only with the dtype size", shape: "[4611686018427387904]",
             .shapeTooLarge(tensor: "a", shape: [4_611_686_018_427_387_904])),
        Case("overlap",
             header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}"#,
             .overlap(tensor: "b", range: 12..<16, other: "a", otherRange: 0..<16)),
        Case("same bytes twice",
             header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
             .overlap(tensor: "b", range: 0..<16, other: "a", otherRange: 0..<16)),
        Case("empty tensor inside another",
             header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"e":{"dtype":"F32","shape":[0],"data_offsets":[8,8]}}"#,
             .overlap(tensor: "e", range: 8..<8, other: "a", otherRange: 0..<16)),
        Case("gap at the start", shape: "[3]", offsets: "[4,16]",
             .gap(before: "a", range: 0..<4)),
        Case("gap between tensors",
             header: #"{"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
             .gap(before: "b", range: 4..<8)),
        Case("trailing bytes", shape: "[3]", offsets: "[0,12]",
             .trailingBytes(range: 12..<16)),
        Case("data but no tensor", header: "{}", .trailingBytes(range: 0..<16)),
        Case("one trailing byte",
             SafetensorsTestData.file(
                 header: #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: Case.fourFloats + [0]),
             .trailingBytes(range: 16..<17)),
    ]

    @Test("rejects a bad header length", arguments: lengthCases)
    func rejectsBadLength(_ testCase: Case) { expectRejected(testCase) }

    @Test("rejects a header that is not a JSON object", arguments: jsonCases)
    func rejectsBadJSON(_ testCase: Case) { expectRejected(testCase) }

    @Test("rejects a key given twice, at any level", arguments: duplicateCases)
    func rejectsDuplicateKeys(_ testCase: Case) { expectRejected(testCase) }

    @Test("rejects a malformed tensor entry or metadata", arguments: entryCases)
    func rejectsBadEntries(_ testCase: Case) { expectRejected(testCase) }

    @Test("rejects byte ranges that do not tile the data", arguments: layoutCases)
    func rejectsBadLayout(_ testCase: Case) { expectRejected(testCase) }

    private func expectRejected(_ testCase: Case) {
        #expect(throws: testCase.error) { try SafetensorsFile(data: testCase.data) }
    }

    // MARK: - Messages

    @Test("says what is wrong and with which tensor")
    func describesErrors() {
        let descriptions: [(SafetensorsError, String)] = [
            (.fileTooShort(byteCount: 3),
             "not a safetensors file: 3 bytes, fewer than the 8 of the header length"),
            (.headerTooLarge(length: 100_000_001, limit: 100_000_000),
             "header length 100000001 is larger than the limit of 100000000 bytes"),
            (.headerTruncated(length: 100, available: 19),
             "header length 100 is more than the 19 bytes after it in the file"),
            (.invalidJSON(offset: 5, reason: "unterminated string"),
             "header is not valid JSON at byte 5 of the header: unterminated string"),
            (.duplicateKey(path: ["rnn.bias_ih_l0"]), #"header has the key "rnn.bias_ih_l0" twice"#),
            (.duplicateKey(path: ["a", "shape"]), #"header entry "a" has the key "shape" twice"#),
            (.invalidTensorInfo(tensor: "a\"b", reason: "the entry is null, not an object"),
             #"tensor "a\"b": the entry is null, not an object"#),
            (.sizeMismatch(tensor: "out.bias", dtype: "F32", shape: [3], byteCount: 16),
             #"tensor "out.bias": shape [3] of F32 does not fit its 16 bytes of data"#),
            (.offsetsOutOfBounds(tensor: "a", begin: 0, end: 20, dataSize: 16),
             #"tensor "a": data_offsets [0, 20] go past the end of the 16 bytes of data"#),
            (.overlap(tensor: "b", range: 12..<16, other: "a", otherRange: 0..<16),
             #"tensor "b": data_offsets [12, 16] overlap those of tensor "a", [0, 16]"#),
            (.gap(before: "a", range: 0..<4), #"data bytes [0, 4], before tensor "a", belong to no tensor"#),
            (.trailingBytes(range: 12..<16), "data bytes [12, 16], after the last tensor, belong to no tensor"),
            (.shapeTooLarge(tensor: "a", shape: [1 << 62, 4]), #"tensor "a": shape [4611686018427387904, 4] is too large"#),
            (.valueCountMismatch(tensor: "w", shape: [2, 3], valueCount: 5), #"tensor "w": shape [2, 3] needs 6 values, not 5"#),
            (.duplicateTensorName("w"), #"two tensors are named "w""#),
        ]
        for (error, description) in descriptions {
            #expect(error.description == description)
        }
    }

    // MARK: - Robustness

    @Test("rejects every truncation of a valid file, without trapping")
    func rejectsTruncations() throws {
        let bytes = try Fixtures.data("safetensors/python_mixed.safetensors")
        for count in 0..<bytes.count {
            #expect(throws: SafetensorsError.self, "first \(count) bytes") {
                try SafetensorsFile(data: bytes.prefix(count))
            }
        }
    }

    @Test("reads or rejects every one-byte corruption of a valid file, without trapping")
    func survivesCorruption() throws {
        let bytes = try Fixtures.data("safetensors/python_mixed.safetensors")
        for index in bytes.indices {
            for replacement: UInt8 in [0x00, 0x20, 0x22, 0x2C, 0x2D, 0x30, 0x39, 0x5B, 0x5D, 0x7B, 0x7D, 0xFF, bytes[index] ^ 0x01] {
                var corrupted = bytes
                corrupted[index] = replacement
                // Any file that loads is consistent; a corrupted data byte changes a value, nothing else.
                if let file = try? SafetensorsFile(data: corrupted) {
                    for tensor in file.tensors {
                        #expect(tensor.values.count == tensor.shape.reduce(1, *))
                    }
                }
            }
        }
    }
}
