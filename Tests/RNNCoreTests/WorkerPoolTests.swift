#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import RNNCore

/// The pool that splits the products: every piece runs once per hand-over, on its fixed thread,
/// and an idle or released pool stops cleanly.
@Suite("Worker pool")
struct WorkerPoolTests {
    @Test("every piece runs exactly once per hand-over, over many hand-overs", arguments: [1, 2, 3, 4])
    func everyPieceOnce(threads: Int) {
        let pool = WorkerPool(threadCount: threads)
        let pieceCounts = [1, 2, 3, 5, 8]
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 8)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: 8)
        let rounds = 5_000
        for round in 0 ..< rounds {
            let pieces = pieceCounts[round % pieceCounts.count]
            pool.run(pieces: pieces) { piece in counts[piece] += 1 }
        }
        let expected = (0 ..< 8).map { piece in
            (0 ..< rounds).filter { pieceCounts[$0 % pieceCounts.count] > piece }.count
        }
        #expect(Array(UnsafeBufferPointer(start: counts, count: 8)) == expected)
    }

    @Test("piece p runs on thread p mod n, the same thread every time")
    func fixedAssignment() {
        let pool = WorkerPool(threadCount: 3)
        let owners = UnsafeMutablePointer<pthread_t>.allocate(capacity: 6)
        defer { owners.deallocate() }
        var first: [pthread_t] = []
        for round in 0 ..< 200 {
            pool.run(pieces: 6) { piece in owners[piece] = pthread_self() }
            let now = Array(UnsafeBufferPointer(start: owners, count: 6))
            if round == 0 { first = now }
            #expect(now == first, "round \(round): pieces moved between threads")
        }
        #expect(first[0] == pthread_self() && first[3] == pthread_self(), "the caller runs pieces 0 and 3")
        #expect(first[1] == first[4] && first[2] == first[5] && first[1] != first[2] && first[1] != first[0])
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
