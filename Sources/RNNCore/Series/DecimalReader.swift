#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a decimal number from bytes with the C library's `strtod`, which rounds correctly (glibc,
/// musl and Apple's libc all do), through a buffer of its own that is made once and reused.
///
/// Only text that ``DataSeries/isDecimal(_:)`` accepts reaches `strtod`, so its other forms
/// (hexadecimal, `inf`, `nan`, leading blanks of other kinds) never do; and the number must end
/// where `strtod` stops, so a locale whose decimal point is not `.` gives `nil`, not a number cut
/// at the point. Whatever gives `nil` is read again as a `String`, by `Double(_:)`.
final class DecimalReader {
    /// The longest number read here, in bytes; a longer one (hundreds of digits) gives `nil`.
    static let capacity = 127

    /// The number's bytes and a terminating NUL.
    private let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity + 1)

    deinit { buffer.deallocate() }

    /// The value of `field`, a decimal number with blanks (spaces and tabs) around it; `nil` when
    /// it is anything else, longer than ``capacity``, or not finite.
    func value(of field: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0, end = field.count
        while start < end, DataSeries.isBlank(field[start]) { start += 1 }
        while end > start, DataSeries.isBlank(field[end - 1]) { end -= 1 }
        let count = end - start
        guard count > 0, count <= Self.capacity else { return nil }
        let text = UnsafeBufferPointer(rebasing: field[start ..< end])
        guard let base = text.baseAddress, DataSeries.isDecimal(text) else { return nil }
        UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: count)
        buffer[count] = 0
        var stop: UnsafeMutablePointer<CChar>?
        let value = strtod(buffer, &stop)
        guard stop == buffer + count, value.isFinite else { return nil }
        return value
    }
}
