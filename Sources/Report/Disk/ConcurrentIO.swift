import Foundation

/// File-system work that waits on the disk more than it computes (flushing a folder, removing
/// a file), done on several threads at once.
///
/// A journaling file system (ext4, XFS) can write the flushes that several threads ask for at
/// the same time in one commit of its journal, and a thread waiting for the disk leaves the
/// processor to the others. On the development machine's ext4, the 20 run folders of a sweep are
/// carried over in about 3 ms four at a time against 4 ms one after the other, and the files of
/// its report written and flushed alongside instead of after them. The threads are more than the
/// cores: they spend their time waiting.
enum ConcurrentIO {
    /// The threads that share the work, the caller's included.
    static let width = 4

    /// Calls `body` with each of `0 ..< count`, on up to ``width`` threads (the caller's one of
    /// them), and returns once every call has returned.
    ///
    /// - Throws: The error of the smallest index whose call threw (the same error whatever the
    ///   order the calls ran in); the other calls still run.
    static func forEach<Failure: Error>(
        _ count: Int, _ body: @escaping @Sendable (Int) throws(Failure) -> Void
    ) throws(Failure) {
        guard count > 1 else {
            if count == 1 { try body(0) }
            return
        }
        let work = Work<Failure>(count: count)
        let done = DispatchGroup()
        for _ in 0 ..< min(width, count) - 1 {
            done.enter()
            Thread.detachNewThread {
                work.run(body)
                done.leave()
            }
        }
        work.run(body)
        done.wait()
        if let failure = work.firstFailure { throw failure }
    }

    /// Runs `background` on another thread while `foreground` runs on this one, and returns both
    /// outcomes once both are done.
    static func both<A, B>(
        _ foreground: () -> A, while background: @escaping @Sendable () -> B
    ) -> (A, B) {
        let slot = Slot<B>()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            slot.value = background()
            done.signal()
        }
        let first = foreground()
        done.wait()
        // `signal` after the write and `wait` before the read order the two threads' accesses.
        guard let second = slot.value else { preconditionFailure("ConcurrentIO.both: the background work left no value") }
        return (first, second)
    }

    /// The indices still to hand out and the failures so far, shared by the threads.
    private final class Work<Failure: Error>: @unchecked Sendable {
        private let lock = NSLock()
        private let count: Int
        private var next = 0
        private var failures: [(index: Int, error: Failure)] = []

        init(count: Int) { self.count = count }

        func run(_ body: (Int) throws(Failure) -> Void) {
            while let index = take() {
                do throws(Failure) { try body(index) } catch {
                    lock.withLock { failures.append((index, error)) }
                }
            }
        }

        private func take() -> Int? {
            lock.withLock {
                guard next < count else { return nil }
                next += 1
                return next - 1
            }
        }

        var firstFailure: Failure? {
            lock.withLock { failures.min { $0.index < $1.index }?.error }
        }
    }

    /// A value written by one thread and read by another after a semaphore orders them.
    private final class Slot<Value>: @unchecked Sendable {
        var value: Value?
    }
}
