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
    /// The caller waits for the calls, not for the threads: a thread the system cannot start (a
    /// task limit; `Thread` does not say) leaves its share to the others, the caller's included.
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
        for _ in 0 ..< min(width, count) - 1 {
            Thread.detachNewThread { work.run(body) }
        }
        work.run(body)
        work.waitUntilAllFinished()
        if let failure = work.firstFailure { throw failure }
    }

    /// Runs `background` on another thread while `foreground` runs on this one, and returns both
    /// outcomes once both are done; `background` runs on this thread after `foreground` if the
    /// other thread has not started it by then (or could not be started).
    static func both<A, B>(
        _ foreground: () -> A, while background: @escaping @Sendable () -> B
    ) -> (A, B) {
        let job = BackgroundJob(background)
        Thread.detachNewThread { job.runUnlessTaken() }
        let first = foreground()
        return (first, job.valueAfterRunningUnlessTaken())
    }

    /// The indices still to hand out, the calls finished and the failures so far, shared by the
    /// threads.
    private final class Work<Failure: Error>: @unchecked Sendable {
        private let condition = NSCondition()
        private let count: Int
        private var next = 0
        private var finished = 0
        private var failures: [(index: Int, error: Failure)] = []

        init(count: Int) { self.count = count }

        func run(_ body: (Int) throws(Failure) -> Void) {
            while let index = take() {
                var failure: Failure?
                do throws(Failure) { try body(index) } catch { failure = error }
                condition.lock()
                if let failure { failures.append((index, failure)) }
                finished += 1
                if finished == count { condition.broadcast() }
                condition.unlock()
            }
        }

        private func take() -> Int? {
            condition.lock(); defer { condition.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }

        func waitUntilAllFinished() {
            condition.lock()
            while finished < count { condition.wait() }
            condition.unlock()
        }

        var firstFailure: Failure? {
            condition.lock(); defer { condition.unlock() }
            return failures.min { $0.index < $1.index }?.error
        }
    }

    /// Work that whichever thread takes it first runs: the background thread when it starts in
    /// time, the caller otherwise.
    private final class BackgroundJob<Value>: @unchecked Sendable {
        private let condition = NSCondition()
        private var body: (() -> Value)?
        private var value: Value?
        private var done = false

        init(_ body: @escaping () -> Value) { self.body = body }

        /// Takes the work if no thread has: the one that takes it runs it.
        private func take() -> (() -> Value)? {
            condition.lock(); defer { condition.unlock() }
            let taken = body
            body = nil
            return taken
        }

        func runUnlessTaken() {
            guard let body = take() else { return }
            let result = body()
            condition.lock(); value = result; done = true; condition.broadcast(); condition.unlock()
        }

        /// Runs the work here if no thread took it, otherwise waits for its value.
        func valueAfterRunningUnlessTaken() -> Value {
            runUnlessTaken()
            condition.lock(); defer { condition.unlock() }
            while !done { condition.wait() }
            guard let value else { preconditionFailure("ConcurrentIO.both: the work finished without a value") }
            return value
        }
    }
}
