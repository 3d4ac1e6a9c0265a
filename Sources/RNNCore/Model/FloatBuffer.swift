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
/// transposed weights) is mapped from the system directly, aligned to 2 MB, and asks Linux for
/// transparent huge pages (`madvise(MADV_HUGEPAGE)`, which the usual `madvise` setting of
/// /sys/kernel/mm/transparent_hugepage/enabled honours): one page fault and one TLB entry per
/// 2 MB instead of per 4 KB, for buffers that every step walks from end to end. A fresh mapping
/// is zero already, so it is not written over with zeros first (at hidden size 1024 that halves
/// the time a run takes to start). Where huge pages are off or unknown, the advice changes nothing.
final class FloatBuffer {
    let base: UnsafeMutablePointer<Float>
    let count: Int
    /// The whole mapping, when the buffer is one (large buffers on Linux), to unmap.
    private let mapping: (start: UnsafeMutableRawPointer, length: Int)?

    /// The size from which a buffer is mapped and asks for huge pages, and their size.
    static let hugePage = 2 << 20

    init(count: Int) {
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        #if os(Linux)
        if bytes >= Self.hugePage, let mapped = Self.map(bytes: bytes) {
            mapping = mapped.mapping
            base = mapped.aligned.bindMemory(to: Float.self, capacity: max(count, 1))
            return
        }
        #endif
        mapping = nil
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        if let mapping {
            munmap(mapping.start, mapping.length)
        } else {
            base.deallocate()
        }
    }

    #if os(Linux)
    /// A zero-filled anonymous mapping with room for `bytes` from a 2 MB boundary, advised to use
    /// huge pages; `nil` when the system refuses it (the caller then allocates as usual).
    private static func map(bytes: Int) -> (mapping: (start: UnsafeMutableRawPointer, length: Int), aligned: UnsafeMutableRawPointer)? {
        let length = bytes + hugePage
        guard let start = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              start != MAP_FAILED else { return nil }
        let address = UInt(bitPattern: start)
        let alignedAddress = (address + UInt(hugePage) - 1) & ~(UInt(hugePage) - 1)
        let aligned = start + Int(alignedAddress - address)
        _ = madvise(aligned, bytes, MADV_HUGEPAGE)
        return ((start, length), aligned)
    }
    #endif

    var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func assign(_ values: [Float]) {
        precondition(values.count == count, "FloatBuffer.assign: \(values.count) values for \(count)")
        values.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: count) }
    }

    func zero() {
        base.update(repeating: 0, count: count)
    }
}
