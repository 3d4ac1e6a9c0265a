#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A small set of threads that run the pieces of one piece of work at a time, for one network.
///
/// ``run(pieces:_:)`` hands piece p to thread p mod n (the caller is thread 0) and returns when
/// every piece is done: a fixed assignment, no stealing. The pieces of a matrix product are ranges
/// of its columns, each computed exactly as the single thread would, so the number of threads
/// changes the speed and never a bit of the result.
///
/// A hand-over is cheap enough to do once per time step: the workers spin on an atomic counter
/// for a few tens of microseconds after each piece of work, then yield, then sleep on a condition
/// variable until the next one, so an idle pool costs no CPU. A pool of one thread starts none.
final class WorkerPool: @unchecked Sendable {
    /// The threads that run pieces, the caller's included.
    let threadCount: Int
    private let shared: Shared
    private var workers: [pthread_t] = []

    /// A pool of `threadCount` threads in all: the caller and `threadCount − 1` workers.
    /// - Precondition: `threadCount >= 1`.
    init(threadCount: Int) {
        precondition(threadCount >= 1, "WorkerPool: \(threadCount) threads")
        self.threadCount = threadCount
        shared = Shared()
        for index in 1 ..< threadCount {
            let context = Unmanaged.passRetained(WorkerContext(shared: shared, index: index, count: threadCount))
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let context = Unmanaged<WorkerContext>.fromOpaque(raw!).takeRetainedValue()
                context.shared.work(index: context.index, count: context.count)
                return nil
            }, context.toOpaque())
            precondition(status == 0, "WorkerPool: cannot start a thread (error \(status))")
            workers.append(thread)
        }
    }

    deinit {
        guard !workers.isEmpty else { return }
        shared.stopping = true
        shared.publish()
        for thread in workers { pthread_join(thread, nil) }
    }

    /// Runs `body(0)`, …, `body(pieces − 1)`, piece p on thread p mod ``threadCount``, and returns
    /// when all are done. The pieces must write disjoint memory.
    func run(pieces: Int, _ body: (Int) -> Void) {
        guard threadCount > 1, pieces > 1 else {
            for piece in 0 ..< pieces { body(piece) }
            return
        }
        withoutActuallyEscaping(body) { body in
            shared.job = body
            shared.pieces = pieces
            shared.remaining.store(threadCount - 1, ordering: .relaxed)
            shared.publish()
            var piece = 0
            while piece < pieces {
                body(piece)
                piece += threadCount
            }
            var spins = 0
            while shared.remaining.load(ordering: .acquiring) > 0 {
                spins += 1
                if spins > Shared.spinLimit { sched_yield() }
            }
            shared.job = nil
        }
    }

    /// What a worker thread starts with.
    private final class WorkerContext {
        let shared: Shared
        let index: Int
        let count: Int
        init(shared: Shared, index: Int, count: Int) {
            (self.shared, self.index, self.count) = (shared, index, count)
        }
    }

    /// The state the caller and the workers share; the workers hold it, not the pool, so that the
    /// pool's `deinit` can stop them.
    private final class Shared: @unchecked Sendable {
        /// Polls of the counter before a waiting thread yields its core (some tens of microseconds).
        static let spinLimit = 20_000
        /// Yields before an idle worker goes to sleep.
        static let yieldLimit = 200

        /// Bumped once per piece of work (and once to stop); a worker runs each value once.
        let generation = Atomic<Int>(0)
        /// Workers still running pieces of the current work.
        let remaining = Atomic<Int>(0)
        /// Workers asleep on `condition`, or about to be.
        let sleepers = Atomic<Int>(0)
        // Written by the caller before `generation` is bumped, read by the workers after.
        var job: ((Int) -> Void)?
        var pieces = 0
        var stopping = false
        let mutex: UnsafeMutablePointer<pthread_mutex_t>
        let condition: UnsafeMutablePointer<pthread_cond_t>

        init() {
            mutex = .allocate(capacity: 1)
            condition = .allocate(capacity: 1)
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(condition, nil)
        }

        deinit {
            pthread_cond_destroy(condition)
            pthread_mutex_destroy(mutex)
            mutex.deallocate()
            condition.deallocate()
        }

        /// Starts the work written into `job`, `pieces` and `stopping`: bumps the generation and
        /// wakes the workers that sleep.
        func publish() {
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(condition)
                pthread_mutex_unlock(mutex)
            }
        }

        /// A worker's loop: wait for a new generation, run this thread's pieces, report, repeat.
        func work(index: Int, count: Int) {
            var seen = 0
            while true {
                seen = waitForGeneration(after: seen)
                if stopping { return }
                if let job {
                    var piece = index
                    while piece < pieces {
                        job(piece)
                        piece += count
                    }
                }
                remaining.subtract(1, ordering: .releasing)
            }
        }

        /// Spins, then yields, then sleeps until the generation differs from `seen`; returns it.
        private func waitForGeneration(after seen: Int) -> Int {
            var spins = 0
            while true {
                let current = generation.load(ordering: .acquiring)
                if current != seen { return current }
                spins += 1
                if spins <= Self.spinLimit { continue }
                if spins <= Self.spinLimit + Self.yieldLimit {
                    sched_yield()
                    continue
                }
                // Announce the sleep before the last look, so that `publish` either sees a sleeper
                // or this thread sees the new generation.
                pthread_mutex_lock(mutex)
                sleepers.add(1, ordering: .sequentiallyConsistent)
                while generation.load(ordering: .sequentiallyConsistent) == seen {
                    pthread_cond_wait(condition, mutex)
                }
                sleepers.subtract(1, ordering: .sequentiallyConsistent)
                pthread_mutex_unlock(mutex)
            }
        }
    }
}
