import CReportDisk
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process-wide handling of `SIGINT` and `SIGTERM` while a report directory is prepared or
/// written: what is staged is removed, a commit in progress is completed or undone, and the
/// process exits with 130 (`SIGINT`) or 143 (`SIGTERM`), as a shell reports a process that a
/// signal ended.
///
/// ## How a signal is received
///
/// The main thread is busy training for minutes and looks at nothing else, so the work cannot
/// wait for it. A C handler (``rnnreport_catch_interrupts``) does the only thing a signal handler
/// may safely do: it writes the signal's number, one byte, into a pipe. It runs on whichever
/// thread the kernel picks, whatever that thread was doing. A thread of our own waits on the
/// pipe and does the rest as ordinary code, where it may take locks, allocate and wait.
///
/// A `DispatchSource` signal source would also work on Linux, where libdispatch installs a
/// handler of its own that blocks the signal and re-raises it towards its manager thread, which
/// reads it from a `signalfd`; the pipe was preferred because every step of it is in this file
/// and the C shim, and it behaves the same on every platform. A handler that removed files
/// itself would have to do so with the main thread stopped at any instruction, perhaps in the
/// middle of a commit.
///
/// ## How a commit and a signal meet
///
/// Preparing, committing and discarding a report directory all run under `commitLock`. The
/// watching thread first records the signal, then takes `commitLock`: so it waits for a commit in
/// progress. That commit looks for a recorded signal just before its point of no return (the
/// swap): if there is one, it removes its staging folder and ends the process itself, leaving
/// the previous report (the commit is undone). After the swap it finishes, and then ends the
/// process, exiting 130 or 143 with the new report in place (the commit is completed). With no
/// commit in progress, the watching thread removes every registered staging folder and ends the
/// process. The process ends with `_exit`, from the thread that holds `commitLock`, so that
/// nothing else (the main thread printing, a `defer`, `atexit`) runs after the clean-up.
///
/// A signal that the process ignored when the handling was installed (a background job of a
/// shell without job control) stays ignored, as POSIX tools do. A blocked one is unblocked in
/// the thread that installs the handling (the main thread, for the commands): a process started
/// from a libdispatch worker thread, as Foundation's `Process` is in Swift concurrency,
/// inherits a mask that blocks both, and would otherwise never see them.
final class InterruptCoordinator: @unchecked Sendable {
    static let shared = InterruptCoordinator()

    /// Held while a report directory is prepared, committed or discarded, and by the watching
    /// thread from the moment it acts on a signal.
    private let commitLock = NSLock()
    /// Guards `signal` and `installed`.
    private let stateLock = NSLock()
    private var signal: Int32?
    private var installed = false
    /// The staging folders to remove on a signal; guarded by `commitLock`.
    private var registered: [ObjectIdentifier: Staging] = [:]

    private init() {}

    /// Installs the signal handler and starts the watching thread, once per process.
    func installIfNeeded() {
        stateLock.lock()
        defer { stateLock.unlock() }
        guard !installed else { return }
        installed = true
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        let reader = ends[0]
        let thread = Thread { InterruptCoordinator.shared.watch(reader) }
        thread.name = "rnnreport interrupts"
        thread.start()
        _ = rnnreport_catch_interrupts(ends[1])
    }

    /// Runs `body` under `commitLock`.
    func withCommitLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        commitLock.lock()
        defer { commitLock.unlock() }
        return try body()
    }

    /// Adds a staging folder to remove on a signal. The caller holds `commitLock`.
    func register(_ staging: Staging) {
        registered[ObjectIdentifier(staging)] = staging
    }

    /// Forgets a staging folder that was committed or removed. The caller holds `commitLock`.
    func unregister(_ staging: Staging) {
        registered[ObjectIdentifier(staging)] = nil
    }

    /// The signal received, if any.
    var receivedSignal: Int32? {
        stateLock.lock()
        defer { stateLock.unlock() }
        return signal
    }

    /// Ends the process if a signal was received: removes every registered staging folder,
    /// says what happened on standard error, and exits 128 + the signal's number. The caller
    /// holds `commitLock`. `written` names a report directory that was just committed.
    func exitIfInterrupted(written: String? = nil) {
        guard let signal = receivedSignal else { return }
        terminate(signal, written: written)
    }

    // MARK: - The watching thread

    private func watch(_ reader: Int32) {
        var byte: UInt8 = 0
        while true {
            let count = read(reader, &byte, 1)
            if count == 1 { break }
            if count < 0 && errno == EINTR { continue }
            return
        }
        stateLock.lock()
        signal = Int32(byte)
        stateLock.unlock()
        // Waits for a commit in progress to complete or undo itself; the commit ends the process.
        commitLock.lock()
        terminate(Int32(byte), written: nil)
    }

    private func terminate(_ signal: Int32, written: String?) -> Never {
        let name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"
        var lines: [String] = []
        for staging in registered.values.sorted(by: { $0.displayPath < $1.displayPath }) {
            staging.remove()
            lines.append("interrupted (\(name)): nothing was written to \(staging.displayPath)")
        }
        if let written { lines.append("interrupted (\(name)) after the report in \(written) was written") }
        if lines.isEmpty { lines.append("interrupted (\(name))") }
        // A progress bar may be drawn on the line: clear it first.
        let clear = isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[2K" : ""
        let text = clear + lines.joined(separator: "\n") + "\n"
        text.utf8CString.withUnsafeBufferPointer { bytes in
            _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count - 1)
        }
        _exit(128 + signal)
    }
}
