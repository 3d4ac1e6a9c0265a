import Foundation
@testable import Report
import Testing

@Suite("Report directory: the commit lock")
struct SharedExclusiveLockTests {
    /// Two sharers hold the lock at the same time: the second takes it while the first still
    /// holds it (with an exclusive lock, it would wait for ever, and the test time out).
    @Test("commits share the lock: a second holder does not wait for the first")
    func sharedHoldersOverlap() {
        let lock = SharedExclusiveLock()
        lock.lockShared()
        let second = DispatchSemaphore(value: 0)
        Thread {
            lock.lockShared()
            second.signal()
            lock.unlockShared()
        }.start()
        #expect(second.wait(timeout: .now() + 5) == .success, "a second sharer waited for the first")
        lock.unlockShared()
    }

    /// The signal's handler waits for the commits in progress, and no commit starts while it waits.
    @Test("the exclusive holder waits for every sharer, and sharers that come later wait for it")
    func exclusiveWaits() {
        let lock = SharedExclusiveLock()
        let events = EventLog()
        lock.lockShared()
        let exclusiveDone = DispatchSemaphore(value: 0), lateDone = DispatchSemaphore(value: 0)
        Thread {
            lock.lockExclusive()
            events.append("exclusive")
            lock.unlockExclusive()
            exclusiveDone.signal()
        }.start()
        // Let the exclusive one start waiting, then a late sharer comes.
        Thread.sleep(forTimeInterval: 0.2)
        Thread {
            lock.lockShared()
            events.append("late sharer")
            lock.unlockShared()
            lateDone.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(events.items.isEmpty, "\(events.items) while the first sharer holds the lock")
        events.append("first sharer done")
        lock.unlockShared()
        #expect(exclusiveDone.wait(timeout: .now() + 5) == .success)
        #expect(lateDone.wait(timeout: .now() + 5) == .success)
        #expect(events.items == ["first sharer done", "exclusive", "late sharer"])
    }
}

/// Strings appended from several threads.
private final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ item: String) { lock.lock(); storage.append(item); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
