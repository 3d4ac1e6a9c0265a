#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
@testable import RNNCore

/// The pool that splits the products: every piece runs once per hand-over, on whichever thread is
/// free, and an idle or released pool stops cleanly.
@Suite("Worker pool")
struct WorkerPoolTests {
    @Test("every piece runs exactly once per hand-over, over many hand-overs", arguments: [1, 2, 3, 4])
    func everyPieceOnce(threads: Int) {
        let pool = WorkerPool(threadCount: threads)
        // Up to 32 pieces are claimed from one mask; 33 and 70 go in batches of 32.
        let pieceCounts = [1, 2, 3, 5, 8, 32, 33, 70]
        let most = pieceCounts.max()!
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: most)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: most)
        let rounds = 5_000
        for round in 0 ..< rounds {
            let pieces = pieceCounts[round % pieceCounts.count]
            pool.run(pieces: pieces) { piece in counts[piece] += 1 }
        }
        let expected = (0 ..< most).map { piece in
            (0 ..< rounds).filter { pieceCounts[$0 % pieceCounts.count] > piece }.count
        }
        #expect(Array(UnsafeBufferPointer(start: counts, count: most)) == expected)
    }

    @Test("the caller takes the pieces of a worker that is busy, instead of waiting for it")
    func busyWorkerDelaysNothing() {
        let pool = WorkerPool(threadCount: 2)
        let caller = pthread_self()
        let owners = UnsafeMutablePointer<pthread_t>.allocate(capacity: 8)
        defer { owners.deallocate() }
        for round in 0 ..< 20 {
            pool.run(pieces: 8) { piece in
                owners[piece] = pthread_self()
                // A worker's piece takes long, as if the system had taken its core away.
                if pthread_equal(pthread_self(), caller) == 0 { usleep(20_000) }
            }
            let mine = (0 ..< 8).filter { pthread_equal(owners[$0], caller) != 0 }.count
            #expect(mine >= 7, "round \(round): the caller ran \(mine) of 8 pieces while the worker was busy with one")
        }
    }

    @Test("the workers take pieces: a caller held inside its piece is not left to run them all")
    func workersTakePieces() {
        for threads in [2, 3] {
            let pool = WorkerPool(threadCount: threads)
            let caller = pthread_self()
            let others = Atomic<Int>(0)
            for round in 0 ..< 50 {
                others.store(0, ordering: .relaxed)
                var waited = 0
                pool.run(pieces: threads) { piece in
                    if pthread_equal(pthread_self(), caller) != 0 {
                        // Hold the caller until every other piece ran elsewhere (or 2 s passed).
                        while others.load(ordering: .acquiring) < threads - 1 && waited < 2_000 {
                            usleep(1_000)
                            waited += 1
                        }
                    } else {
                        others.add(1, ordering: .releasing)
                    }
                }
                // All of them when a worker was quicker than the caller to claim the first piece.
                #expect(others.load(ordering: .relaxed) >= threads - 1, "\(threads) threads, round \(round): the workers ran \(others.load(ordering: .relaxed)) of \(threads - 1) pieces")
            }
        }
    }

    @Test("a pool that fell asleep wakes for the next hand-over, and a released pool stops its threads")
    func sleepsWakesAndStops() async throws {
        for _ in 0 ..< 20 {
            let pool = WorkerPool(threadCount: 2)
            var total = 0
            let box = UnsafeMutablePointer<Int>.allocate(capacity: 2)
            box.initialize(repeating: 0, count: 2)
            pool.run(pieces: 2) { box[$0] += 1 }
            total += box[0] + box[1]
            #expect(total == 2)
            box.deallocate()
        }
        // Long enough for the workers to stop spinning and sleep on the condition variable.
        let pool = WorkerPool(threadCount: 3)
        let box = UnsafeMutablePointer<Int>.allocate(capacity: 3)
        defer { box.deallocate() }
        box.initialize(repeating: 0, count: 3)
        for _ in 0 ..< 3 {
            try await Task.sleep(for: .milliseconds(50))
            pool.run(pieces: 3) { box[$0] += 1 }
        }
        #expect(Array(UnsafeBufferPointer(start: box, count: 3)) == [3, 3, 3])
    }
}
