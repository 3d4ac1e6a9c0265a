#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One zero-initialised allocation of `Float`s, owned for the lifetime of the object.
///
/// The training loop works on raw pointers into buffers like this one, allocated once when a
/// network is built, so that a step allocates nothing.
///
/// A buffer of 2 MB or more (a wide network's parameters, gradients, Adam's moments, the
/// transposed weights) is aligned to 2 MB and asks Linux for transparent huge pages
/// (`madvise(MADV_HUGEPAGE)`, which the usual `madvise` setting of
/// /sys/kernel/mm/transparent_hugepage/enabled honours): one page fault and one TLB entry per
/// 2 MB instead of per 4 KB, for buffers that every step walks from end to end. Where huge pages
/// are off or unknown, the advice changes nothing.
final class FloatBuffer {
    let base: UnsafeMutablePointer<Float>
    let count: Int

    /// The size from which a buffer asks for huge pages, and their size.
    static let hugePage = 2 << 20

    init(count: Int) {
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        let alignment = bytes >= Self.hugePage ? Self.hugePage : 64
        var raw: UnsafeMutableRawPointer?
        let status = posix_memalign(&raw, alignment, bytes)
        guard status == 0, let raw else {
            fatalError("FloatBuffer: cannot allocate \(bytes) bytes (error \(status))")
        }
        #if os(Linux)
        if bytes >= Self.hugePage {
            _ = madvise(raw, bytes, MADV_HUGEPAGE)
        }
        #endif
        base = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        free(base)
    }

    var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func assign(_ values: [Float]) {
        precondition(values.count == count, "FloatBuffer.assign: \(values.count) values for \(count)")
        values.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: count) }
    }

    func zero() {
        base.update(repeating: 0, count: count)
    }
}
