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
/// ``run(pieces:_:)`` returns when every piece is done. Each piece is claimed by whichever thread
/// is free first, the caller included, through one atomic counter: a worker that the system has
/// not scheduled (a busy machine) delays nothing, because the caller takes its pieces. What a
/// piece computes depends on its number alone (a matrix product's piece is a fixed range of its
/// columns, each computed exactly as one thread would), so which thread runs it, and how many
/// threads there are, changes the speed and never a bit of the result.
///
/// A hand-over is cheap enough to do once per time step: the workers spin on an atomic counter
/// for a few tens of microseconds after each piece of work, then yield, then sleep on a condition
/// variable until the next one, so an idle pool costs no CPU. A pool of one thread starts none.
final class WorkerPool: @unchecked Sendable {
    /// The threads that run pieces, the caller's included.
    let threadCount: Int
    private let shared: Shared
    private var workers: [pthread_t] = []

    /// A pool of up to `threadCount` threads in all: the caller and `threadCount − 1` workers, or
    /// fewer when the system refuses a thread (a limit on tasks): ``threadCount`` says how many.
    /// The results are the same with any number.
    /// - Precondition: `threadCount >= 1`.
    init(threadCount: Int) {
        precondition(threadCount >= 1, "WorkerPool: \(threadCount) threads")
        shared = Shared()
        var workers: [pthread_t] = []
        for _ in 1 ..< threadCount {
            let context = Unmanaged.passRetained(shared)
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let shared = Unmanaged<Shared>.fromOpaque(raw!).takeRetainedValue()
                shared.work()
                return nil
            }, context.toOpaque())
            guard status == 0 else {
                context.release()
                break
            }
            workers.append(thread)
        }
        self.workers = workers
        self.threadCount = 1 + workers.count
    }

    deinit {
        guard !workers.isEmpty else { return }
        shared.stopping.store(true, ordering: .releasing)
        shared.publish(pieces: 0)
        for thread in workers { pthread_join(thread, nil) }
    }

    /// Runs `body(0)`, …, `body(pieces − 1)`, each once, on whichever threads are free, and
    /// returns when all are done. The pieces must write disjoint memory.
    func run(pieces: Int, _ body: (Int) -> Void) {
        guard threadCount > 1, pieces > 1 else {
            for piece in 0 ..< pieces { body(piece) }
            return
        }
        precondition(pieces <= Shared.pieceMask, "WorkerPool: \(pieces) pieces")
        withoutActuallyEscaping(body) { body in
            shared.job = body
            let generation = shared.publish(pieces: pieces)
            shared.runPieces(of: generation, body)
            var spins = 0
            while shared.finished.load(ordering: .acquiring) < pieces {
                spins += 1
                if spins > Shared.spinLimit { sched_yield() }
            }
            shared.job = nil
        }
    }

    /// The state the caller and the workers share; the workers hold it, not the pool, so that the
    /// pool's `deinit` can stop them.
    private final class Shared: @unchecked Sendable {
        /// Polls of the counter before a waiting thread yields its core (some tens of microseconds).
        static let spinLimit = 20_000
        /// Yields before an idle worker goes to sleep.
        static let yieldLimit = 200
        /// The most pieces of one work, and the mask of a count of pieces in ``claims``.
        static let pieceMask = 0xFFFF
        /// Where the generation starts in ``claims``.
        static let generationShift = 32
        /// The generations before the count starts again from 0 (a worker only compares for change).
        static let generationMask = 0x7FFF_FFFF

        /// The current work in one word: its generation (bumped once per hand-over, and once to
        /// stop) from bit 32, its number of pieces from bit 16, and the next unclaimed piece below.
        /// A claim is one compare-and-swap, which fails once the work is over, so a late worker
        /// never runs a piece of a later work, nor reads its job.
        let claims = Atomic<Int>(0)
        /// Pieces of the current work done.
        let finished = Atomic<Int>(0)
        /// Workers asleep on `condition`, or about to be.
        let sleepers = Atomic<Int>(0)
        // Written by the caller before the generation is bumped, read by the workers after: `job`
        // only once a piece is claimed, when the caller cannot be replacing it.
        var job: ((Int) -> Void)?
        /// Set once, by the pool's `deinit`, before the last generation: the workers then return. An
        /// atomic, because a worker may look at it for a generation published before it was set.
        let stopping = Atomic<Bool>(false)
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

        /// Starts the work written into `job` (or the stop), of `pieces` pieces: a new generation
        /// with no piece claimed; wakes the workers that sleep. Returns the generation.
        @discardableResult
        func publish(pieces: Int) -> Int {
            finished.store(0, ordering: .relaxed)
            let last = claims.load(ordering: .relaxed) >> Self.generationShift
            let generation = (last + 1) & Self.generationMask
            claims.store(generation << Self.generationShift | pieces << 16, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(condition)
                pthread_mutex_unlock(mutex)
            }
            return generation
        }

        /// Claims and runs pieces of `generation` until none is left, with `job`, or with the
        /// shared job when it is `nil` (a worker's case).
        func runPieces(of generation: Int, _ job: ((Int) -> Void)?) {
            var claim = claims.load(ordering: .acquiring)
            while claim >> Self.generationShift == generation {
                let piece = claim & Self.pieceMask
                guard piece < (claim >> 16) & Self.pieceMask else { return }
                let (exchanged, original) = claims.compareExchange(
                    expected: claim, desired: claim + 1, ordering: .acquiringAndReleasing)
                guard exchanged else {
                    claim = original
                    continue
                }
                // This piece is not done, so the work is not over and `self.job` is still its own.
                (job ?? self.job!)(piece)
                finished.add(1, ordering: .releasing)
                claim += 1
            }
        }

        /// A worker's loop: wait for a new generation, run what pieces are left, repeat.
        func work() {
            var seen = 0
            while true {
                seen = waitForGeneration(after: seen)
                if stopping.load(ordering: .acquiring) { return }
                runPieces(of: seen, nil)
            }
        }

        /// Spins, then yields, then sleeps until the generation differs from `seen`; returns it.
        private func waitForGeneration(after seen: Int) -> Int {
            var spins = 0
            while true {
                let current = claims.load(ordering: .acquiring) >> Self.generationShift
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
                while claims.load(ordering: .sequentiallyConsistent) >> Self.generationShift == seen {
                    pthread_cond_wait(condition, mutex)
                }
                sleepers.subtract(1, ordering: .sequentiallyConsistent)
                pthread_mutex_unlock(mutex)
            }
        }
    }
}

/// Runs `body` over `0 ..< count` in one range per thread of `pool` (each a multiple of 16 long
/// but the last), or in one range on the calling thread when there is no pool or fewer than
/// ``Adam/parallelThreshold`` elements: for element-by-element work, whose results cannot depend
/// on the split.
func forEachRange(of count: Int, pool: WorkerPool?, _ body: (Range<Int>) -> Void) {
    guard let pool, pool.threadCount > 1, count >= Adam.parallelThreshold else {
        body(0 ..< count)
        return
    }
    let pieces = pool.threadCount
    let perPiece = (count / 16 + pieces - 1) / pieces * 16
    pool.run(pieces: pieces) { piece in
        let start = min(count, piece * perPiece)
        let end = piece == pieces - 1 ? count : min(count, start + perPiece)
        if start < end { body(start ..< end) }
    }
}
