import Foundation
@testable import Report
import Testing

/// Disk work on several threads: every index once, the same error whatever the order.
@Suite("Concurrent disk work")
struct ConcurrentIOTests {
    private struct Failure: Error, Equatable {
        var index: Int
    }

    /// Counts calls and the threads they ran on, from several threads.
    private final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [Int: Int] = [:]
        private var threads: Set<UInt> = []

        func record(_ index: Int) {
            let thread = UInt(bitPattern: Unmanaged.passUnretained(Thread.current).toOpaque())
            lock.withLock {
                counts[index, default: 0] += 1
                threads.insert(thread)
            }
        }

        var snapshot: (counts: [Int: Int], threads: Int) { lock.withLock { (counts, threads.count) } }
    }

    @Test("every index is handed out once, on more than one thread", arguments: [0, 1, 2, 5, 40])
    func everyIndexOnce(count: Int) {
        let calls = Calls()
        ConcurrentIO.forEach(count) { index in
            calls.record(index)
            // The first calls wait (up to 10 s) for a second thread to have started one: work
            // done on one thread alone would wait out the time and fail below.
            let deadline = Date(timeIntervalSinceNow: 10)
            while count > 1, calls.snapshot.threads < 2, Date() < deadline { usleep(200) }
        }
        let (counts, threads) = calls.snapshot
        #expect(counts == Dictionary(uniqueKeysWithValues: (0 ..< count).map { ($0, 1) }))
        #expect(threads >= min(count, 2) && threads <= ConcurrentIO.width)
    }

    @Test("the error of the smallest failing index is thrown, whichever failed first; the other calls still run")
    func smallestFailure() {
        let calls = Calls()
        #expect(throws: Failure(index: 3)) {
            try ConcurrentIO.forEach(12) { (index) throws(Failure) in
                calls.record(index)
                // Index 9 fails at once, index 3 after the others have started.
                if index == 9 { throw Failure(index: 9) }
                if index == 3 {
                    usleep(20_000)
                    throw Failure(index: 3)
                }
            }
        }
        #expect(calls.snapshot.counts.count == 12)
    }

    @Test("both: the background work runs on another thread at the same time, and both outcomes come back")
    func both() {
        let started = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        let (first, second) = ConcurrentIO.both({ () -> pthread_t in
            // Waits for the background work to have started: they overlap.
            started.wait()
            return pthread_self()
        }, while: { () -> pthread_t in
            started.signal()
            return pthread_self()
        })
        #expect(first == caller)
        #expect(second != caller)
    }
}
