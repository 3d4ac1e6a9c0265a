import Foundation
import Testing
@testable import Safetensors
import TestSupport

/// Reading files written by Python's safetensors library (PyTorch 2.15, safetensors 0.8.0).
///
/// Expected values were read from the fixtures with `safetensors.safe_open(..., "np")`; each sum is
/// the tensor's values converted to `Double` and added in order, so it is exact, not approximate, and
/// compared with `==`. Values are the shortest decimal forms of the `Float`s Python printed.
@Suite("Safetensors reading")
struct SafetensorsReadingTests {
    @Test("reads the PyTorch checkpoint of the tutorial model, in name order, with Python's values")
    func readsPyTorchCheckpoint() throws {
        let file = try SafetensorsFile(data: Fixtures.data("seed0.init.safetensors"))

        let expected: [(name: String, shape: [Int], sum: Double, first: Float, last: Float)] = [
            ("out.bias", [1], 0.14690744876861572, 0.14690745, 0.14690745),
            ("out.weight", [1, 32], 0.29991168083506636, 0.055434253, 0.09287505),
            ("rnn.bias_hh_l0", [32], -1.2984669926809147, -0.010889292, -0.068109624),
            ("rnn.bias_hh_l1", [32], 0.15192621760070324, -0.06796103, -0.006029317),
            ("rnn.bias_hh_l2", [32], -0.36718323756940663, -0.17109787, -0.09697349),
            ("rnn.bias_ih_l0", [32], 0.6141107846051455, 0.14517018, -0.015037363),
            ("rnn.bias_ih_l1", [32], -0.08333987387595698, -0.14168465, -0.122240126),
            ("rnn.bias_ih_l2", [32], 0.4205159095581621, -0.013797045, -0.11340945),
            ("rnn.weight_hh_l0", [32, 32], 0.06495156948221847, -0.11458305, -0.01598474),
            ("rnn.weight_hh_l1", [32, 32], -1.5028850287853857, -0.0879368, -0.07653964),
            ("rnn.weight_hh_l2", [32, 32], -1.6806840557183023, 0.16630551, 0.14024389),
            ("rnn.weight_ih_l0", [32, 1], -0.2753585483878851, -0.0013234953, 0.1527352),
            ("rnn.weight_ih_l1", [32, 32], 0.11417039403750096, -0.028461197, -0.11900955),
            ("rnn.weight_ih_l2", [32, 32], -4.982550815388095, 0.1205387, 0.022851072),
        ]
        #expect(file.tensors.map(\.name) == expected.map(\.name))
        #expect(file.metadata.isEmpty)
        for (tensor, reference) in zip(file.tensors, expected) {
            #expect(tensor.shape == reference.shape, "\(tensor.name)")
            #expect(tensor.values.count == reference.shape.reduce(1, *), "\(tensor.name)")
            #expect(tensor.values.reduce(0.0) { $0 + Double($1) } == reference.sum, "\(tensor.name)")
            #expect(tensor.values.first == reference.first, "\(tensor.name)")
            #expect(tensor.values.last == reference.last, "\(tensor.name)")
        }
        let weightIH = try #require(file.tensor(named: "rnn.weight_ih_l0"))
        #expect(weightIH.values.prefix(3) == [-0.0013234953, 0.09483072, -0.14549519])
        #expect(file.tensor(named: "rnn.weight_ih_l3") == nil)
    }

    // The sums of small.final.safetensors were read with Python's struct and json modules from the
    // raw bytes (no safetensors library), and agree with safe_open for the other two.
    @Test("reads the trained PyTorch checkpoints too", arguments: [
        ("seed0.final.safetensors", "rnn.weight_ih_l2", [32, 32], -4.119569055110333),
        ("small.init.safetensors", "rnn.weight_hh_l0", [8, 8], -2.0049332985654473),
        ("small.final.safetensors", "out.bias", [1], -0.18885573744773865),
        ("small.final.safetensors", "out.weight", [1, 8], -0.5045890659093857),
    ] as [(String, String, [Int], Double)])
    func readsOtherFixtures(fixture: String, name: String, shape: [Int], sum: Double) throws {
        let file = try SafetensorsFile(data: Fixtures.data(fixture))
        let tensor = try #require(file.tensor(named: name))
        #expect(tensor.shape == shape)
        #expect(tensor.values.count == shape.reduce(1, *))
        #expect(tensor.values.reduce(0.0) { $0 + Double($1) } == sum)
    }

    @Test("reads F64 (rounded to Float), metadata, a scalar, an empty tensor and a non-ASCII name")
    func readsMixedPythonFile() throws {
        let file = try SafetensorsFile(data: Fixtures.data("safetensors/python_mixed.safetensors"))

        #expect(file.metadata == ["format": "pt", "note": "written by generate.py"])
        // Python lays out b.f64 first (F64 before F32); ours are by name all the same.
        #expect(file.tensors.map(\.name) == ["a.f32", "b.f64", "café.w", "empty", "scalar"])
        #expect(file.tensor(named: "a.f32") == SafetensorsTensor(
            name: "a.f32", shape: [4], values: [1.5, -2.25, 3.0e-8, .infinity]))
        // 1e300 is beyond Float's range, so it rounds to infinity; 0.1 rounds to the Float nearest 0.1.
        #expect(file.tensor(named: "b.f64") == SafetensorsTensor(
            name: "b.f64", shape: [2, 3], values: [0.1, -0.2, .infinity, 3.0, -4.5, 0x1p-30]))
        #expect(file.tensor(named: "café.w") == SafetensorsTensor(name: "café.w", shape: [2, 1], values: [1, 2]))
        #expect(file.tensor(named: "empty") == SafetensorsTensor(name: "empty", shape: [0, 3], values: []))
        #expect(file.tensor(named: "scalar") == SafetensorsTensor(name: "scalar", shape: [], values: [7]))
    }

    @Test("refuses, when asked, a finite F64 value beyond Float's range, naming the tensor, the index and the value")
    func refusesF64Overflow() throws {
        let data = try Fixtures.data("safetensors/python_mixed.safetensors")
        // b.f64 is [[0.1, -0.2, 1e300], [3, -4.5, 2^-30]]: 1e300 is its element 2.
        let error = #expect(throws: SafetensorsError.valueOutOfRange(tensor: "b.f64", index: 2, value: 1e300)) {
            try SafetensorsFile(data: data, f64Overflow: .refuse)
        }
        #expect(error?.description == #"tensor "b.f64" holds 1e+300 at index 2 (F64), beyond the range of the 32-bit floats it is read as (±3.4028235e+38), where it would become infinite"#)
        // F32's infinity (a.f32) is no overflow: it is read as it is, for the caller to judge.
        var file = try SafetensorsFile(data: data)
        #expect(file.tensor(named: "a.f32")?.values.last == .infinity)
        // The largest Float, and a value that rounds down to it, are within range.
        // Half an ulp above the largest Float rounds (to even) to infinity; a quarter rounds down.
        let largest = Self.f64File([Double(Float.greatestFiniteMagnitude), Double(Float.greatestFiniteMagnitude) + 0x1p102, -1e-300, .infinity, .nan])
        file = try SafetensorsFile(data: largest, f64Overflow: .refuse)
        let values = try #require(file.tensor(named: "w")?.values)
        #expect(values[0] == .greatestFiniteMagnitude && values[1] == .greatestFiniteMagnitude && values[2] == 0)
        #expect(values[3] == .infinity && values[4].isNaN)
        #expect(throws: SafetensorsError.valueOutOfRange(tensor: "w", index: 1, value: -1e39)) {
            try SafetensorsFile(data: Self.f64File([1, -1e39, 1e300]), f64Overflow: .refuse)
        }
        let halfway = Double(Float.greatestFiniteMagnitude) + 0x1p103
        #expect(throws: SafetensorsError.valueOutOfRange(tensor: "w", index: 0, value: halfway)) {
            try SafetensorsFile(data: Self.f64File([halfway]), f64Overflow: .refuse)
        }
    }

    /// A file of one F64 tensor `w` of these values.
    static func f64File(_ values: [Double]) -> Data {
        var header = Data(#"{"w":{"dtype":"F64","shape":[\#(values.count)],"data_offsets":[0,\#(values.count * 8)]}}"#.utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var bytes = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(header)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    @Test("rejects a dtype other than F32 and F64, naming the tensor and the dtype")
    func rejectsInt64() throws {
        let data = try Fixtures.data("safetensors/python_int64.safetensors")
        let error = #expect(throws: SafetensorsError.unsupportedDtype(tensor: "steps", dtype: "I64")) {
            try SafetensorsFile(data: data)
        }
        #expect(error?.description == #"tensor "steps": dtype "I64" is not supported (only F32 and F64 are)"#)
    }

    @Test("reads a Data slice that starts at an odd index, with no alignment assumption")
    func readsUnalignedSlice() throws {
        let bytes = try Fixtures.data("safetensors/python_mixed.safetensors")
        for shift in 1...7 {
            let padded = Data(repeating: 0xAB, count: shift) + bytes + Data([0xCD])
            let slice = padded[shift..<(shift + bytes.count)]
            #expect(slice.startIndex == shift)
            #expect(try SafetensorsFile(data: slice) == SafetensorsFile(data: bytes))
        }
    }

    @Test("accepts what the Python library accepts in a header", arguments: [
        #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
        // Leading and inner JSON whitespace, tabs and newlines.
        " \n{ \"a\" :\t{ \"dtype\" : \"F32\" , \"shape\" : [ 4 ] , \"data_offsets\" : [ 0 , 16 ] } }\r\n",
        // A key written with an escape; an unknown member of an entry, which is ignored.
        #"{"\u0061":{"dtype":"F32","shape":[4],"data_offsets":[0,16],"comment":[null,true,{}]}}"#,
        // Empty and null metadata.
        #"{"__metadata__":{},"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
        #"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"__metadata__":null}"#,
    ])
    func acceptsHeaderVariants(header: String) throws {
        for pad in [true, false] {
            let data = SafetensorsTestData.file(header: header, data: SafetensorsTestData.floats([1, 2, 3, 4]), pad: pad)
            let file = try SafetensorsFile(data: data)
            #expect(file.tensors == [SafetensorsTensor(name: "a", shape: [4], values: [1, 2, 3, 4])])
            #expect(file.metadata.isEmpty)
        }
    }

    @Test("reads a file with no tensors")
    func readsEmptyFile() throws {
        let file = try SafetensorsFile(data: SafetensorsTestData.file(header: #"{"__metadata__":{"format":"pt"}}"#))
        #expect(file.tensors.isEmpty)
        #expect(file.metadata == ["format": "pt"])
    }

    @Test("reads from a URL, and says which file it cannot read")
    func readsFromURL() throws {
        let url = try Fixtures.url("seed0.init.safetensors")
        #expect(try SafetensorsFile(contentsOf: url) == SafetensorsFile(data: Data(contentsOf: url)))

        let missing = url.deletingLastPathComponent().appendingPathComponent("no-such-file.safetensors")
        let error = #expect(throws: SafetensorsError.self) { try SafetensorsFile(contentsOf: missing) }
        guard case .unreadable(let path, _) = error else {
            Issue.record("expected .unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == missing.path)
        #expect(error?.description.hasPrefix("cannot read \(missing.path): ") == true)
    }
}

// MARK: - Helpers

/// Hand-made files for the safetensors tests.
enum SafetensorsTestData {
    /// A file made of a header length, `header` (padded with spaces to a multiple of 8 bytes unless
    /// `pad` is false) and `data`. `length` replaces the true header length when given.
    static func file(header: String, data: [UInt8] = [], pad: Bool = true, length: UInt64? = nil) -> Data {
        file(headerBytes: Array(header.utf8), data: data, pad: pad, length: length)
    }

    static func file(headerBytes: [UInt8], data: [UInt8] = [], pad: Bool = true, length: UInt64? = nil) -> Data {
        var header = headerBytes
        if pad { header += repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8) }
        let length = length ?? UInt64(header.count)
        return Data((0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + header + data)
    }

    /// Little-endian F32 bytes.
    static func floats(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
    }

    /// Bytes from hexadecimal digits.
    static func hex(_ digits: String) -> Data {
        let nibbles = digits.compactMap(\.hexDigitValue).map(UInt8.init)
        return Data(stride(from: 0, to: nibbles.count - 1, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] })
    }
}
