import Testing
@testable import RNNCore

/// The buffers a network is built from: zero from the start, small or large, and large ones on a
/// 2 MB boundary (where huge pages can back them).
@Suite("Float buffers")
struct FloatBufferTests {
    @Test("a buffer starts at zero and keeps what is written, small or large", arguments: [0, 1, 1_000, 524_288, 3_000_001])
    func zeroAndWritable(count: Int) {
        let buffer = FloatBuffer(count: count)
        #expect(buffer.count == count)
        let nonZero = (0 ..< count).first { buffer.base[$0] != 0 }
        #expect(nonZero == nil, "element \(nonZero ?? -1) of \(count) is not zero")
        for index in stride(from: 0, to: count, by: 4099) { buffer.base[index] = Float(index) }
        if count > 0 {
            buffer.base[count - 1] = -1
            #expect(buffer.base[count - 1] == -1)
        }
        let misplaced = stride(from: 0, to: count - 1, by: 4099).first { buffer.base[$0] != Float($0) }
        #expect(misplaced == nil, "element \(misplaced ?? -1) lost what was written")
    }

    #if os(Linux)
    @Test("a buffer of 2 MB or more starts on a 2 MB boundary")
    func largeBuffersAreAligned() {
        for count in [FloatBuffer.hugePage / 4, 3_000_001] {
            let buffer = FloatBuffer(count: count)
            #expect(UInt(bitPattern: buffer.base) % UInt(FloatBuffer.hugePage) == 0, "\(count) floats at \(buffer.base)")
        }
    }
    #endif
}
