import CReportDisk
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process-wide handling of `SIGHUP`, `SIGINT` and `SIGTERM` while a report directory is
/// prepared or written: what is staged is removed, a commit in progress is completed or undone,
/// and the process exits with 129 (`SIGHUP`: the terminal closed, or an ssh session ended), 130
/// (`SIGINT`) or 143 (`SIGTERM`), as a shell reports a process that a signal ended.
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
/// Preparing, committing and discarding a report directory all share `commitLock`, so that
/// several threads (the runs of a sweep) commit their own directories at the same time. The
/// watching thread first records the signal, then takes `commitLock` alone: so it waits for every
/// commit in progress, and no new one starts. A commit looks for a recorded signal just before
/// its point of no return (the swap): if there is one, it gives up, leaving its staging folder
/// registered and the previous report in place (the commit is undone). After the swap it
/// finishes (the commit is completed, and the report named in the message). Either way the
/// committing thread then lets go of the lock and waits, forever: the watching thread, once it
/// holds the lock alone, removes every registered staging folder and ends the process, exiting
/// 129, 130 or 143. The process ends with `_exit`, from the thread that holds `commitLock` alone, so
/// that nothing else (the main thread printing, a `defer`, `atexit`) runs after the clean-up.
///
/// A signal that the process ignored when the handling was installed (`SIGINT` in a background
/// job of a shell without job control, `SIGHUP` under `nohup`) stays ignored, as POSIX tools do.
/// A blocked one is unblocked in the thread that installs the handling (the main thread, for the
/// commands): a process started from a libdispatch worker thread, as Foundation's `Process` is in
/// Swift concurrency, inherits a mask that blocks them, and would otherwise never see them.
final class InterruptCoordinator: @unchecked Sendable {
    static let shared = InterruptCoordinator()

    /// Shared while a report directory is prepared, committed or discarded; held alone by the
    /// watching thread from the moment it acts on a signal.
    private let commitLock = SharedExclusiveLock()
    /// Guards `signal` and `installed`.
    private let stateLock = NSLock()
    private var signal: Int32?
    private var installed = false
    /// Guards `registered`, `temporaries`, `written` and `progressNote`.
    private let registryLock = NSLock()
    /// The staging folders to remove on a signal.
    private var registered: [ObjectIdentifier: Staging] = [:]
    /// The files to remove on a signal: summaries written beside the files they replace, not yet
    /// renamed over them, by folder descriptor and name.
    private var temporaries: [String: (folder: DirectoryHandle, name: String)] = [:]
    /// The report directories committed after the signal was received, for the message.
    private var written: [String] = []
    /// What the work had done when a signal ended it, for the message (a sweep's runs finished),
    /// and the report directory whose line it replaces.
    private var progressNote: (directory: String?, note: @Sendable () -> String?)?

    /// Sets (or, with `nil`, clears) what a signal's message adds about the work done so far:
    /// the work's own words, asked for once the commits in progress have ended. When they are
    /// given, they take the place of the line "nothing was written to DIRECTORY" for the report
    /// directory `directory` (as the user gave it), whose folder holds the work they describe.
    func describeProgress(replacingLineOf directory: String?, _ note: (@Sendable () -> String?)?) {
        registryLock.lock()
        progressNote = note.map { (directory, $0) }
        registryLock.unlock()
    }

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
        // Without the watching thread (the system refused it: a limit on tasks), a signal keeps
        // its default action and ends the process at once; caught, it would wait for a thread
        // that does not exist. What a killed process leaves, the next run removes.
        guard DetachedThread.start({ InterruptCoordinator.shared.watch(reader) }) else {
            close(ends[0])
            close(ends[1])
            _ = rnnreport_unblock_interrupts()
            return
        }
        _ = rnnreport_catch_interrupts(ends[1])
    }

    /// Runs `body` sharing `commitLock`; if a signal was received by the end, lets go of the lock
    /// and waits for the watching thread to end the process.
    func withCommitLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try withCommitLock(written: { _ in nil }, body)
    }

    /// Runs `body` sharing `commitLock`, as the other form; `written` names the report directory
    /// that `body`'s result says it committed, for the message if a signal ends the process.
    func withCommitLock<T, E: Error>(written: (T) -> String?, _ body: () throws(E) -> T) throws(E) -> T {
        commitLock.lockShared()
        let result: Result<T, E>
        do throws(E) { result = .success(try body()) } catch { result = .failure(error) }
        if receivedSignal != nil {
            if case .success(let value) = result, let path = written(value) {
                registryLock.lock()
                self.written.append(path)
                registryLock.unlock()
            }
            commitLock.unlockShared()
            while true { pause() }
        }
        commitLock.unlockShared()
        return try result.get()
    }

    /// Adds a staging folder to remove on a signal.
    func register(_ staging: Staging) {
        registryLock.lock()
        registered[ObjectIdentifier(staging)] = staging
        registryLock.unlock()
    }

    /// Forgets a staging folder that was committed or removed.
    func unregister(_ staging: Staging) {
        registryLock.lock()
        registered[ObjectIdentifier(staging)] = nil
        registryLock.unlock()
    }

    /// Adds a file to remove on a signal: a `--summary` written beside the file it replaces, not
    /// yet renamed over it.
    func registerTemporary(_ name: String, in folder: DirectoryHandle) {
        registryLock.lock()
        temporaries["\(folder.descriptor)/\(name)"] = (folder, name)
        registryLock.unlock()
    }

    /// Forgets a file that was renamed into place or removed.
    func unregisterTemporary(_ name: String, in folder: DirectoryHandle) {
        registryLock.lock()
        temporaries["\(folder.descriptor)/\(name)"] = nil
        registryLock.unlock()
    }

    /// The signal received, if any.
    var receivedSignal: Int32? {
        stateLock.lock()
        defer { stateLock.unlock() }
        return signal
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
        // Waits for the commits in progress to complete or undo themselves.
        commitLock.lockExclusive()
        terminate(Int32(byte))
    }

    /// The lines a signal's message is made of: one per staging folder removed (`removed`, by the
    /// report directory's path), one per report directory committed after the signal (`written`),
    /// and the work's note (``describeProgress(replacingLineOf:_:)``), which takes the place of its
    /// directory's line, and is left out when that directory was written after all (its commit
    /// completed): the note speaks of a report not written.
    static func message(signal name: String, removed: [String], written: [String], note: (directory: String?, text: String)?) -> [String] {
        let note = note.flatMap { note in note.directory.map(written.contains) == true ? nil : note }
        var lines: [String] = []
        for path in removed where note?.directory != path {
            lines.append("interrupted (\(name)): nothing was written to \(path)")
        }
        for path in written { lines.append("interrupted (\(name)) after the report in \(path) was written") }
        if let note { lines.append("interrupted (\(name)): \(note.text)") }
        if lines.isEmpty { lines.append("interrupted (\(name))") }
        return lines
    }

    /// `SIGHUP`, `SIGINT`, `SIGTERM`, or `signal N` for another.
    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGHUP: "SIGHUP"
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(signal)"
        }
    }

    /// What a signal's message starts with on standard error of `kind`, `columns` wide: a
    /// progress bar may be drawn on the line, so on a terminal the message clears it first, with
    /// the erase-line escape, or on one that takes no escape sequences with spaces up to the last
    /// column but one (as the bar is drawn); on an empty line either leaves it as it was.
    static func clearing(_ kind: TerminalKind, columns: Int) -> String {
        switch kind {
        case .none: ""
        case .escapes: "\r\u{1B}[2K"
        case .dumb: "\r" + String(repeating: " ", count: max(columns - 1, 0)) + "\r"
        }
    }

    private func terminate(_ signal: Int32) -> Never {
        let name = Self.name(of: signal)
        registryLock.lock()
        let note = progressNote.flatMap { progress in progress.note().map { (progress.directory, $0) } }
        let stagings = registered.values.sorted(by: { $0.displayPath < $1.displayPath })
        // The deepest first: a sweep's runs stage inside the folders its own staging created
        // (DIR, DIR/runs), which each removal takes away only once they are empty.
        for staging in stagings.reversed() { staging.remove() }
        for temporary in temporaries.values { _ = unlinkat(temporary.folder.descriptor, temporary.name, 0) }
        let lines = Self.message(signal: name, removed: stagings.map(\.displayPath), written: written, note: note)
        let text = Self.clearing(TerminalKind.standardError, columns: TerminalKind.standardErrorColumns())
            + lines.joined(separator: "\n") + "\n"
        text.utf8CString.withUnsafeBufferPointer { bytes in
            _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count - 1)
        }
        _exit(128 + signal)
    }
}
