#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Threads that say whether they started.
///
/// Foundation's `Thread.start()` does not: when the system refuses a thread (a container's or a
/// cluster job's limit on tasks, `ulimit -u`), nothing runs and nothing says so, and a caller
/// that waits for the thread waits forever. Starting one with `pthread_create` lets the caller
/// do the work itself instead.
public enum DetachedThread {
    /// Runs `body` on a new thread with `stackSize` bytes of stack, not joined.
    ///
    /// - Returns: `false` when the system refused the thread; `body` has not run and will not.
    public static func start(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        _ = pthread_attr_setstacksize(&attributes, stackSize)
        _ = pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let box = Unmanaged.passRetained(Box(body))
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box.toOpaque())
        if status != 0 { box.release() }
        return status == 0
    }

    private final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
