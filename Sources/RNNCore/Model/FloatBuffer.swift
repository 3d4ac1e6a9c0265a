/// One zero-initialised allocation of `Float`s, owned for the lifetime of the object.
///
/// The training loop works on raw pointers into buffers like this one, allocated once when a
/// network is built, so that a step allocates nothing.
final class FloatBuffer {
    let base: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        base.deallocate()
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
