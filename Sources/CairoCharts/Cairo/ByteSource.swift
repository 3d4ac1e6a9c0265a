import CCairo

/// The source of a Cairo input stream: bytes read from memory, front to back.
final class ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A `cairo_read_func_t` reading from the source passed as the closure pointer; asking for more
    /// than remains is a read error, as Cairo expects.
    static let read: cairo_read_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
        let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
        let count = Int(length)
        guard count <= source.bytes.count - source.offset else { return CAIRO_STATUS_READ_ERROR }
        source.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            data.update(from: base + source.offset, count: count)
        }
        source.offset += count
        return CAIRO_STATUS_SUCCESS
    }

    /// The pointer to pass to Cairo as the stream's closure (not retained).
    var closure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
