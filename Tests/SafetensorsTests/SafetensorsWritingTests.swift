import Foundation
import Testing
@testable import Safetensors
import TestSupport

/// Writing files: the Python library's layout and bytes, determinism, and round trips.
@Suite("Safetensors writing")
struct SafetensorsWritingTests {
    @Test("writes the bytes of Python's safetensors.torch.save for one tensor")
    func matchesPythonBytes() throws {
        // save({"attn.0": torch.arange(6, dtype=torch.float32).reshape(1, 2, 3)}), safetensors 0.8.0.
        let python = SafetensorsTestData.hex("""
            4000000000000000 7b226174746e2e30223a7b226474797065223a22463332222c227368617065223a5b312c
            322c335d2c22646174615f6f666673657473223a5b302c32345d7d7d 000000000000803f0000004000004040
            000080400000a040
            """)
        let file = try SafetensorsFile(tensors: [
            SafetensorsTensor(name: "attn.0", shape: [1, 2, 3], values: [0, 1, 2, 3, 4, 5]),
        ])
        #expect(file.serialized() == python)
    }

    @Test("writes the bytes of Python's save with metadata, names to escape, a scalar and -0")
    func matchesPythonBytesWithMetadata() throws {
        // save({'q"uote\\back\nnl\x01ctl\x7fé': tensor([1.0]), "b": tensor([[-0.0, 2.5]]),
        //       "a": tensor(3.0)}, metadata={"format": "pt"}), safetensors 0.8.0.
        let python = SafetensorsTestData.hex("""
            e000000000000000 7b225f5f6d657461646174615f5f223a7b22666f726d6174223a227074227d2c2261223a
            7b226474797065223a22463332222c227368617065223a5b5d2c22646174615f6f666673657473223a5b302c34
            5d7d2c2262223a7b226474797065223a22463332222c227368617065223a5b312c325d2c22646174615f6f6666
            73657473223a5b342c31325d7d2c22715c22756f74655c5c6261636b5c6e6e6c5c753030303163746c7fc3a922
            3a7b226474797065223a22463332222c227368617065223a5b315d2c22646174615f6f666673657473223a5b31
            322c31365d7d7d20 0000404000000080000020400000803f
            """)
        let file = try SafetensorsFile(
            tensors: [
                SafetensorsTensor(name: "q\"uote\\back\nnl\u{01}ctl\u{7F}é", shape: [1], values: [1]),
                SafetensorsTensor(name: "b", shape: [1, 2], values: [-0.0, 2.5]),
                SafetensorsTensor(name: "a", shape: [], values: [3]),
            ],
            metadata: ["format": "pt"])
        #expect(file.serialized() == python)
        #expect(try SafetensorsFile(data: python) == file)
    }

    @Test("escapes every control character as Python does, and orders names by UTF-8 bytes as it does")
    func matchesPythonEscapesAndOrder() throws {
        // save({"".join(chr(i) for i in range(32)) + '"\\/\x7f': tensor([1.0]), "f": tensor([2.0]),
        //       "e\u0301": tensor([3.0])}), safetensors 0.8.0. "e\u{301}" (e and a combining accent) comes
        // before "f" in UTF-8, though Swift's `<`, which compares it as "é", puts it after.
        let python = SafetensorsTestData.hex("""
            5801000000000000 7b225c75303030305c75303030315c75303030325c75303030335c75303030345c75303030
            355c75303030365c75303030375c625c745c6e5c75303030625c665c725c75303030655c75303030665c753030
            31305c75303031315c75303031325c75303031335c75303031345c75303031355c75303031365c75303031375c
            75303031385c75303031395c75303031615c75303031625c75303031635c75303031645c75303031655c753030
            31665c225c5c2f7f223a7b226474797065223a22463332222c227368617065223a5b315d2c22646174615f6f66
            6673657473223a5b302c345d7d2c2265cc81223a7b226474797065223a22463332222c227368617065223a5b31
            5d2c22646174615f6f666673657473223a5b342c385d7d2c2266223a7b226474797065223a22463332222c2273
            68617065223a5b315d2c22646174615f6f666673657473223a5b382c31325d7d7d202020200000803f00004040
            00000040
            """)
        let controls = String(String.UnicodeScalarView((0..<32).compactMap(Unicode.Scalar.init)))
        let file = try SafetensorsFile(tensors: [
            SafetensorsTensor(name: "f", shape: [1], values: [2]),
            SafetensorsTensor(name: "e\u{301}", shape: [1], values: [3]),
            SafetensorsTensor(name: controls + "\"\\/\u{7F}", shape: [1], values: [1]),
        ])
        #expect(file.serialized() == python)
        #expect(try SafetensorsFile(data: python) == file)
    }

    @Test("rewrites each PyTorch checkpoint byte for byte", arguments: [
        "seed0.init.safetensors", "seed0.final.safetensors", "small.init.safetensors", "small.final.safetensors",
    ])
    func reproducesPyTorchFixtures(fixture: String) throws {
        let bytes = try Fixtures.data(fixture)
        #expect(try SafetensorsFile(data: bytes).serialized() == bytes)
    }

    @Test("reads back what it writes, bit for bit")
    func roundTrips() throws {
        let special: [Float] = [
            0, -0.0, 1, -1, .pi, .infinity, -.infinity, .nan, -.nan, .leastNonzeroMagnitude,
            .greatestFiniteMagnitude, .ulpOfOne, .leastNormalMagnitude / 3, Float(bitPattern: 0x7FC0_1234),
        ]
        var generator = SplitMix(seed: 7)
        let file = try SafetensorsFile(
            tensors: [
                SafetensorsTensor(name: "rnn.weight_hh_l0", shape: [32, 32], values: (0..<1024).map { _ in generator.nextFloat() }),
                SafetensorsTensor(name: "special", shape: [2, 7], values: special),
                SafetensorsTensor(name: "scalar", shape: [], values: [42]),
                SafetensorsTensor(name: "empty", shape: [3, 0, 2], values: []),
                SafetensorsTensor(name: "", shape: [1], values: [5]),
                SafetensorsTensor(name: "ユニコード 🚀", shape: [1, 1, 1], values: [6]),
            ],
            metadata: ["format": "pt", "steps": "500", "": "", "note": "line\nbreak \"quoted\" \u{0}"])

        let read = try SafetensorsFile(data: file.serialized())
        #expect(read.metadata == file.metadata)
        #expect(read.tensors.map(\.name) == file.tensors.map(\.name))
        #expect(read.tensors.map(\.shape) == file.tensors.map(\.shape))
        // NaN != NaN, so compare bit patterns, which also checks -0 and NaN payloads.
        #expect(read.tensors.map { $0.values.map(\.bitPattern) } == file.tensors.map { $0.values.map(\.bitPattern) })
    }

    @Test("writes the same bytes for the same tensors and metadata, whatever their order")
    func isDeterministic() throws {
        let a = SafetensorsTensor(name: "a", shape: [2], values: [1, 2])
        let b = SafetensorsTensor(name: "b", shape: [1], values: [3])
        var metadata: [String: String] = [:]
        for key in (0..<50).map({ "key\($0)" }) { metadata[key] = key.uppercased() }
        var reversed: [String: String] = [:]
        for key in metadata.keys.sorted().reversed() { reversed[key] = metadata[key] }

        let first = try SafetensorsFile(tensors: [a, b], metadata: metadata)
        let second = try SafetensorsFile(tensors: [b, a], metadata: reversed)
        #expect(first == second)
        #expect(first.serialized() == second.serialized())
        #expect(first.serialized() == first.serialized())
    }

    @Test("keeps tensors sorted by name: the data order of Python's library for one dtype")
    func sortsByName() throws {
        let names = ["rnn.weight_ih_l0", "out.bias", "Z", "é", "e", "out.weight", "rnn.bias_hh_l0"]
        let file = try SafetensorsFile(tensors: names.map { SafetensorsTensor(name: $0, shape: [1], values: [0]) })
        // UTF-8 byte order: upper case before lower case, non-ASCII last.
        #expect(file.tensors.map(\.name) == ["Z", "e", "out.bias", "out.weight", "rnn.bias_hh_l0", "rnn.weight_ih_l0", "é"])
    }

    @Test("pads the header with spaces so that the data starts at a multiple of 8 bytes")
    func padsHeader() throws {
        for length in 1...16 {
            let file = try SafetensorsFile(tensors: [
                SafetensorsTensor(name: String(repeating: "x", count: length), shape: [1], values: [1]),
            ])
            let bytes = [UInt8](file.serialized())
            let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
            #expect(headerLength % 8 == 0)
            #expect(bytes.count == 8 + headerLength + 4)
            let header = bytes[8..<(8 + headerLength)]
            let json = header.prefix { $0 != UInt8(ascii: " ") }
            #expect(json.last == UInt8(ascii: "}"))
            #expect(header.dropFirst(json.count).allSatisfy { $0 == UInt8(ascii: " ") })
            #expect(header.count - json.count < 8)
        }
    }

    @Test("writes F64 tensors it read as F32")
    func writesF64AsF32() throws {
        let read = try SafetensorsFile(data: Fixtures.data("safetensors/python_mixed.safetensors"))
        let bytes = read.serialized()
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""b.f64":{"dtype":"F32","shape":[2,3]"#))
        #expect(try SafetensorsFile(data: bytes) == read)
    }

    @Test("refuses tensors that would not make a valid file")
    func rejectsInconsistentTensors() {
        let cases: [([SafetensorsTensor], SafetensorsError)] = [
            ([.init(name: "w", shape: [2, 3], values: [1, 2, 3, 4, 5])],
             .valueCountMismatch(tensor: "w", shape: [2, 3], valueCount: 5)),
            ([.init(name: "s", shape: [], values: [])],
             .valueCountMismatch(tensor: "s", shape: [], valueCount: 0)),
            ([.init(name: "w", shape: [1], values: [1]), .init(name: "w", shape: [1], values: [2])],
             .duplicateTensorName("w")),
            ([.init(name: "w", shape: [2, -1], values: [])],
             .invalidTensorInfo(tensor: "w", reason: "shape [2, -1] has the negative dimension -1")),
            ([.init(name: "__metadata__", shape: [1], values: [1])],
             .invalidTensorInfo(tensor: "__metadata__", reason: "the name is reserved for the file's metadata")),
            ([.init(name: "w", shape: [Int.max, 2], values: [])],
             .shapeTooLarge(tensor: "w", shape: [Int.max, 2])),
            ([.init(name: "w", shape: [1 << 62], values: [])],
             .shapeTooLarge(tensor: "w", shape: [1 << 62])),
        ]
        for (tensors, error) in cases {
            #expect(throws: error) { try SafetensorsFile(tensors: tensors) }
        }
    }

    @Test("a written file reads back from disk")
    func readsBackFromURL() throws {
        try withTemporaryDirectory { directory in
            let file = try SafetensorsFile(
                tensors: [SafetensorsTensor(name: "w", shape: [2], values: [1, 2])], metadata: ["format": "pt"])
            let url = directory.appendingPathComponent("model.safetensors")
            try file.serialized().write(to: url)
            #expect(try SafetensorsFile(contentsOf: url) == file)
        }
    }
}

/// SplitMix64, for test values that are the same on every run.
private struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func nextFloat() -> Float {
        Float(next() >> 40) / Float(1 << 23) - 1
    }
}
