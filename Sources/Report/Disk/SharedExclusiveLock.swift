import Foundation

/// A lock that many holders share, or one holds alone; one waiting to hold it alone goes before
/// any that would share it after, so that it is never starved.
///
/// Commits of report directories share it, so that the runs of a sweep write and flush their
/// folders at the same time; the thread that handles a signal holds it alone, so that it acts
/// only once no commit is in progress.
final class SharedExclusiveLock: @unchecked Sendable {
    private let condition = NSCondition()
    private var sharers = 0
    private var exclusive = false
    private var exclusiveWaiting = 0

    func lockShared() {
        condition.lock()
        while exclusive || exclusiveWaiting > 0 { condition.wait() }
        sharers += 1
        condition.unlock()
    }

    func unlockShared() {
        condition.lock()
        sharers -= 1
        if sharers == 0 { condition.broadcast() }
        condition.unlock()
    }

    func lockExclusive() {
        condition.lock()
        exclusiveWaiting += 1
        while exclusive || sharers > 0 { condition.wait() }
        exclusiveWaiting -= 1
        exclusive = true
        condition.unlock()
    }

    func unlockExclusive() {
        condition.lock()
        exclusive = false
        condition.broadcast()
        condition.unlock()
    }
}
