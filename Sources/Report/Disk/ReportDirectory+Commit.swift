import CReportDisk
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ReportDirectory {
    // MARK: - Committing

    /// Writes `files` as the new content of the directory, all or nothing, and keeps every other
    /// entry that the directory holds, except those named in `replacing`. See the type's
    /// discussion for the steps.
    ///
    /// - Parameters:
    ///   - replacing: names of files that belong to a report of this kind even when this one does
    ///     not write them (a figure whose data is missing, a format not asked for), and so are not
    ///     kept from the previous report, where they would sit beside a page that does not show them.
    ///   - summary: a `--summary` written beforehand (``PreparedSummary/prepare(_:to:for:)``),
    ///     renamed into place right after the swap, or removed when the report is not committed.
    ///   - progress: hears, while a file is written, its name and the bytes written so far.
    /// - Returns: Why the summary could not be renamed into place after the report was committed
    ///   (the report is then the new one, and the summary's file as it was); `nil` when it was.
    /// - Throws: ``ReportDirectoryError``; the previous report is then as it was, the staging
    ///   folder removed, and the summary's new file too.
    @discardableResult
    public func commit(
        _ files: [ReportFile], replacing: Set<String> = [], summary: PreparedSummary? = nil,
        progress: (String, Int) -> Void = { _, _ in }
    ) throws(ReportDirectoryError) -> SummaryFileError? {
        var summaryFailure: SummaryFileError?
        defer { summary?.discard() }
        // The commit shares the lock with other threads' commits; after a signal, the lock's
        // holder waits for the process to end (see InterruptCoordinator).
        let coordinator = InterruptCoordinator.shared
        _ = try coordinator.withCommitLock(written: { [path] swapped in swapped ? path : nil }) { () throws(ReportDirectoryError) -> Bool in
            guard let staging else { throw .finished(path: path) }
            do throws(ReportDirectoryError) {
                // Given up before the swap: the staging folder stays registered for removal.
                guard try commit(files, replacing: replacing, through: staging, progress: progress, afterSwap: {
                    do throws(SummaryFileError) { try summary?.install() } catch { summaryFailure = error }
                }) else { return false }
            } catch {
                staging.remove()
                coordinator.unregister(staging)
                self.staging = nil
                throw error
            }
            coordinator.unregister(staging)
            self.staging = nil
            return true
        }
        return summaryFailure
    }

    /// Returns whether the staging folder was swapped in; `false` when a signal came before the
    /// point of no return.
    ///
    /// - Parameter afterSwap: runs right after the swap, before the previous content is removed.
    private func commit(
        _ files: [ReportFile], replacing: Set<String>, through staging: Staging, progress: (String, Int) -> Void,
        afterSwap: () -> Void
    ) throws(ReportDirectoryError) -> Bool {
        let names = Set(files.map(\.name))
        for file in files where file.name.isEmpty || file.name == "." || file.name == ".." || file.name.contains("/") {
            throw .invalidFileName(file.name)
        }
        guard names.count == files.count else {
            throw .invalidFileName(files.map(\.name).first { name in files.filter { $0.name == name }.count > 1 } ?? "")
        }
        let parent = staging.parent, name = location.name

        // What is there now: nothing, or a directory whose files of the same names are files.
        let current: (handle: DirectoryHandle, status: stat)?
        do {
            if let status = try parent.status(of: name) {
                guard status.st_mode & S_IFMT == S_IFDIR else { throw ReportDirectoryError.changed(path: path) }
                current = (try DirectoryHandle(at: parent.descriptor, name), status)
            } else {
                current = nil
            }
            if let current {
                for file in files {
                    if let status = try current.handle.status(of: file.name), status.st_mode & S_IFMT == S_IFDIR {
                        throw ReportDirectoryError.nameIsDirectory(path: self.path(of: file.name))
                    }
                }
            }
        } catch let error as ReportDirectoryError {
            throw error
        } catch {
            throw .swapFailed(path: path, reason: (error as? SystemCallError)?.reason ?? "\(error)")
        }

        // The new content, complete and on the disk: the files written here, then flushed
        // several at a time, while the entries kept from the current directory are carried over
        // on other threads (flushing is mostly waiting for the disk).
        let stagingHandle = staging.handle
        func writeFiles() -> Result<Void, ReportDirectoryError> {
            for file in files {
                do throws(SystemCallError) {
                    try FileOperations.writeNewFile(file.name, in: stagingHandle, content: file.write, flushing: false) {
                        progress(file.name, $0)
                    }
                } catch {
                    return .failure(.writeFailed(path: self.path(of: file.name), reason: error.reason))
                }
            }
            let names = files.map(\.name)
            return Result { () throws(ReportDirectoryError) in
                try ConcurrentIO.forEach(names.count) { (index) throws(ReportDirectoryError) in
                    do throws(SystemCallError) { try FileOperations.flush(names[index], in: stagingHandle) } catch {
                        throw .writeFailed(path: self.path(of: names[index]), reason: error.reason)
                    }
                }
            }
        }
        let written: Result<Void, ReportDirectoryError>
        var carried: Result<Void, CarryOver.Failure> = .success(())
        if let currentHandle = current?.handle {
            let skipping = names.union(replacing)
            (written, carried) = ConcurrentIO.both(writeFiles, while: { () -> Result<Void, CarryOver.Failure> in
                Result { () throws(CarryOver.Failure) in
                    try CarryOver.entries(of: currentHandle, into: stagingHandle, skipping: skipping)
                }
            })
        } else {
            written = writeFiles()
        }
        try written.get()
        if let current {
            do throws(CarryOver.Failure) { try carried.get() } catch {
                throw .carryFailed(path: self.path(of: error.relativePath), reason: error.error.reason)
            }
            do { try CarryOver.matchOwnerAndMode(staging.handle, current.status) } catch {
                throw .swapFailed(path: path, reason: "cannot give the new folder the old one's permissions: \(error.reason)")
            }
        }
        do { try staging.handle.sync() } catch { throw .writeFailed(path: path, reason: error.reason) }

        // A signal before the point of no return undoes the commit: the process ends after it.
        if InterruptCoordinator.shared.receivedSignal != nil { return false }

        // The point of no return.
        let retired: String?
        if let current {
            retired = try swap(staging, replacing: current.handle)
        } else {
            do { try FileOperations.rename(staging.name, in: parent, to: name, in: parent) } catch {
                throw .swapFailed(path: path, reason: error.reason)
            }
            retired = nil
        }
        staging.createdAncestors = []
        // The swap is on the disk once the parent is; a failure here cannot be undone, and the
        // report is in place for every reader.
        try? parent.sync()
        afterSwap()
        if let retired {
            StaleSiblings.retire(retired, into: name, in: parent, ours: names.union(replacing))
        }
        return true
    }

    /// Puts the staging folder in the place of the current directory; returns the name that now
    /// holds the previous content.
    private func swap(_ staging: Staging, replacing current: DirectoryHandle) throws(ReportDirectoryError) -> String {
        let parent = staging.parent, name = location.name
        if exchangeIsAvailable {
            if rnnreport_exchange(parent.descriptor, staging.name, parent.descriptor, name) == 0 {
                return staging.name
            }
            let error = SystemCallError.last
            guard [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(error.code) else {
                throw .swapFailed(path: path, reason: error.reason)
            }
            exchangeIsAvailable = false
        }
        // Two renames. The old directory is locked first, so that no other run takes it for stale
        // while it is set aside.
        _ = current.tryLock()
        let old = SiblingName.make(.old, of: name, token: staging.token)
        do { try FileOperations.rename(name, in: parent, to: old, in: parent) } catch {
            throw .swapFailed(path: path, reason: error.reason)
        }
        do { try FileOperations.rename(staging.name, in: parent, to: name, in: parent) } catch {
            _ = try? FileOperations.rename(old, in: parent, to: name, in: parent)
            throw .swapFailed(path: path, reason: error.reason)
        }
        return old
    }
}
