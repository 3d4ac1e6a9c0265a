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
/// ``run(pieces:_:)`` returns when every piece is done. Each piece is claimed through one atomic
/// word, the caller included: thread t takes its own pieces first (piece t of a product split in
/// one piece per thread, so that the same columns stay in the same core's cache from one time
/// step to the next), then any left, so that a worker the system has not scheduled (a busy
/// machine) delays nothing: the caller takes its pieces. What a
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
        shared.threads.store(threadCount, ordering: .relaxed)
        var workers: [pthread_t] = []
        for index in 1 ..< threadCount {
            let context = Unmanaged.passRetained(Worker(shared: shared, index: index))
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let worker = Unmanaged<Worker>.fromOpaque(raw!).takeRetainedValue()
                worker.shared.work(as: worker.index)
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
        shared.threads.store(self.threadCount, ordering: .relaxed)
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
        // At most 32 pieces at a time (the bits of a mask): more go in batches, piece numbers kept.
        guard pieces <= Shared.mostPieces else {
            for base in stride(from: 0, to: pieces, by: Shared.mostPieces) {
                let count = min(Shared.mostPieces, pieces - base)
                if count == 1 { body(base) } else { run(pieces: count) { body(base + $0) } }
            }
            return
        }
        withoutActuallyEscaping(body) { body in
            shared.job = body
            let generation = shared.publish(pieces: pieces)
            shared.runPieces(of: generation, as: 0, body)
            var spins = 0
            while shared.finished.load(ordering: .acquiring) < pieces {
                spins += 1
                if spins > Shared.spinLimit { sched_yield() }
            }
            shared.job = nil
        }
    }

    /// A worker's thread: the shared state and its number among the pool's threads.
    private final class Worker {
        let shared: Shared
        let index: Int
        init(shared: Shared, index: Int) {
            self.shared = shared
            self.index = index
        }
    }

    /// The state the caller and the workers share; the workers hold it, not the pool, so that the
    /// pool's `deinit` can stop them.
    private final class Shared: @unchecked Sendable {
        /// Polls of the counter before a waiting thread yields its core (some tens of microseconds).
        static let spinLimit = 20_000
        /// Yields before an idle worker goes to sleep.
        static let yieldLimit = 200
        /// The most pieces of one work: the bits of the mask of claimed pieces in ``claims``.
        static let mostPieces = 32
        /// Where the number of pieces starts in ``claims``, and its mask.
        static let piecesShift = 32
        static let piecesMask = 0xFF
        /// Where the generation starts in ``claims``.
        static let generationShift = 40
        /// The generations before the count starts again from 0 (a worker only compares for change).
        static let generationMask = 0x7F_FFFF

        /// The current work in one word: its generation (bumped once per hand-over, and once to
        /// stop) from bit 40, its number of pieces from bit 32, and the mask of the pieces claimed
        /// below. A claim is one compare-and-swap, which fails once the work is over, so a late
        /// worker never runs a piece of a later work, nor reads its job.
        ///
        /// Thread t (the caller is 0) claims the pieces p with p mod threads = t first, and the
        /// others' only when its own are taken: a product's piece t is the same columns at every
        /// time step, which then stay in that thread's core's cache, and a worker the system has
        /// not scheduled still delays nothing.
        let claims = Atomic<Int>(0)
        /// The threads of the pool, the caller's included (those asked for, then those started).
        let threads = Atomic<Int>(1)
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
            claims.store(generation << Self.generationShift | pieces << Self.piecesShift, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(condition)
                pthread_mutex_unlock(mutex)
            }
            return generation
        }

        /// Claims and runs pieces of `generation` until none is left, as thread `thread`, with
        /// `job`, or with the shared job when it is `nil` (a worker's case).
        func runPieces(of generation: Int, as thread: Int, _ job: ((Int) -> Void)?) {
            var claim = claims.load(ordering: .acquiring)
            guard claim >> Self.generationShift == generation else { return }
            let count = (claim >> Self.piecesShift) & Self.piecesMask
            let all = count == Self.mostPieces ? 0xFFFF_FFFF : (1 << count) - 1
            var own = 0  // the pieces this thread takes first
            for piece in stride(from: thread, to: count, by: max(1, threads.load(ordering: .relaxed))) { own |= 1 << piece }
            while claim >> Self.generationShift == generation {
                let free = all & ~claim
                guard free != 0 else { return }
                let piece = (free & own != 0 ? free & own : free).trailingZeroBitCount
                let (exchanged, original) = claims.compareExchange(
                    expected: claim, desired: claim | 1 << piece, ordering: .acquiringAndReleasing)
                guard exchanged else {
                    claim = original
                    continue
                }
                // This piece is not done, so the work is not over and `self.job` is still its own.
                (job ?? self.job!)(piece)
                finished.add(1, ordering: .releasing)
                claim = claims.load(ordering: .acquiring)
            }
        }

        /// A worker's loop: wait for a new generation, run what pieces are left, repeat.
        func work(as thread: Int) {
            var seen = 0
            while true {
                seen = waitForGeneration(after: seen)
                if stopping.load(ordering: .acquiring) { return }
                runPieces(of: seen, as: thread, nil)
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
/// but the last: ``WorkerPool/run(rangesOf:multipleOf:_:)``), or in one range on the calling
/// thread when there is no pool or fewer than ``Adam/parallelThreshold`` elements: for
/// element-by-element work, whose results cannot depend on the split.
func forEachRange(of count: Int, pool: WorkerPool?, _ body: (Range<Int>) -> Void) {
    guard let pool, pool.threadCount > 1, count >= Adam.parallelThreshold else {
        body(0 ..< count)
        return
    }
    pool.run(rangesOf: count, multipleOf: 16, body)
}

extension WorkerPool {
    /// Calls `body` on `0 ..< count` cut into one range per thread (fewer when there are fewer
    /// blocks), each a multiple of `multiple` long but the last, fixed by `count`, `multiple` and
    /// the thread count alone, and returns when all are done. Thread t prefers range t, so the same
    /// range stays with the same core from one call to the next.
    func run(rangesOf count: Int, multipleOf multiple: Int, _ body: (Range<Int>) -> Void) {
        let blocks = (count + multiple - 1) / multiple
        let pieces = min(threadCount, blocks)
        guard pieces > 0 else { return }
        let perPiece = (blocks + pieces - 1) / pieces * multiple
        run(pieces: pieces) { piece in
            let start = piece * perPiece
            let end = piece == pieces - 1 ? count : min(count, start + perPiece)
            if start < end { body(start ..< end) }
        }
    }
}
