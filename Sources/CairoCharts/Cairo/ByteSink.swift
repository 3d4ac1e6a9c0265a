import CCairo

/// The destination of a Cairo output stream: bytes accumulate in memory.
///
/// Cairo calls ``write`` with a pointer to the sink; whoever hands that pointer to Cairo keeps the
/// sink alive for as long as Cairo may write to it.
final class ByteSink {
    private(set) var bytes: [UInt8] = []

    /// A `cairo_write_func_t` appending to the sink passed as the closure pointer.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        if length > 0 {
            guard let data else { return CAIRO_STATUS_WRITE_ERROR }
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        }
        return CAIRO_STATUS_SUCCESS
    }

    /// The pointer to pass to Cairo as the stream's closure (not retained).
    var closure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
