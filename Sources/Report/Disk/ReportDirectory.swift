import CReportDisk
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A report on disk: the directory a command writes its files into, all or nothing, even if the
/// process is killed or the power fails at any moment.
///
/// Use it in two steps. ``init(path:)`` prepares the directory before any work starts, so that a
/// bad path fails in milliseconds instead of after a long training run; ``commit(_:)`` writes the
/// files at the end. ``discard()`` (or `deinit`) gives the report up.
///
/// ## The directory is the unit
///
/// A reader of `DIR` sees either the complete previous report or the complete new one, never a
/// mix, because the files are never replaced one by one; `DIR` itself is:
///
/// 1. ``init(path:)`` creates a sibling folder `.DIR.rnnreport-staging-PID` next to `DIR` and
///    locks it, after creating missing parent folders. Creating it, and a probe file in it, is
///    the proof that the place can be written.
/// 2. ``commit(_:)`` writes each file into the staging folder and flushes it (`fsync`), then
///    carries over every entry of `DIR` that is not one of the report's files (see
///    ``CarryOver``: hard links, or copies), gives the staging folder `DIR`'s permissions and
///    flushes it.
/// 3. The point of no return: `renameat2(RENAME_EXCHANGE)` swaps the two folders in one step;
///    when `DIR` did not exist, a plain `rename` moves the staging folder to `DIR`. The parent is
///    flushed: after a power loss the disk holds the old or the new directory.
/// 4. The staging name now holds the previous content, which is removed (an entry added to `DIR`
///    by another program during the commit is moved into the new `DIR` first).
///
/// A file system without `RENAME_EXCHANGE` (it answers `EINVAL`: some network and FUSE file
/// systems; `ENOSYS` before Linux 3.15) gets two renames instead: `DIR` to
/// `.DIR.rnnreport-old-PID`, then the staging folder to `DIR`. Between the two a reader finds no
/// `DIR` at all for a moment, still never a mix; if the process dies there, the next run moves
/// the complete staging folder into place (see ``StaleSiblings``).
///
/// Because `DIR` is replaced, not written into: a shell whose current directory is `DIR` is left
/// in the removed old one (`cd` back in to see the new report); `DIR`'s extended attributes and
/// ACLs are not carried over; a mount point cannot be replaced, so it is refused, as is `/`;
/// a symbolic link given as `DIR` is followed and stays. A change made inside a sub-folder of
/// `DIR` while a commit runs (milliseconds) may be lost with the old copy of that sub-folder.
///
/// ## Crashes and signals
///
/// A process killed with `SIGKILL`, a crash or a power loss leaves at most a staging or old
/// folder beside `DIR`, which the next run (of any command, for the same directory) completes or
/// removes before anything else, knowing it stale because its lock is free (see
/// ``StaleSiblings``). `SIGHUP`, `SIGINT` and `SIGTERM` are caught: what is staged is removed,
/// a commit in progress is completed or undone, and the process exits 129, 130 or 143 (see
/// ``InterruptCoordinator``).
public final class ReportDirectory: @unchecked Sendable {
    /// The path as the user gave it, for messages.
    public let path: String
    let location: OutputLocation
    /// The staging folder, until the report is committed or given up; guarded by the
    /// coordinator's commit lock.
    var staging: Staging?
    /// Whether to try `RENAME_EXCHANGE`; set to `false` after the file system refused it once,
    /// or by a test.
    var exchangeIsAvailable = true

    /// Checks that `path` can hold a report and gets it ready, before any work starts.
    ///
    /// Creates the missing folders above the report directory (not the directory itself), ends
    /// or removes what processes that died left beside it, creates the staging folder and a probe
    /// file in it, and catches `SIGHUP`, `SIGINT` and `SIGTERM` from now on.
    ///
    /// A `path` that is itself a symbolic link is probed and recovered whatever `probing` and
    /// `recoveringSiblings` say: its directory is where the link leads, maybe on another file
    /// system, and its siblings are beside the target, under the target's name, where a listing
    /// of the link's folder does not find them.
    ///
    /// - Parameters:
    ///   - probing: write and flush the probe file; `false` when the same file system was probed
    ///     already (a sweep probes it with its first run's folder, not with every run's).
    ///   - recoveringSiblings: end or remove what dead processes left beside the directory;
    ///     `false` when that was done for it already (a sweep does it for all its runs at once,
    ///     with ``recoverStaleSiblings(named:inFolder:)``).
    /// - Throws: ``ReportDirectoryError`` naming the path and the problem: a component that is a
    ///   file or a symbolic link to nothing, a kernel file system (`/proc`, `/sys`), a mount
    ///   point, permission denied, a read-only or full file system.
    public init(path: String, probing: Bool = true, recoveringSiblings: Bool = true) throws(ReportDirectoryError) {
        self.path = path
        let location = try OutputLocation.resolve(path)
        self.location = location
        guard location.name.utf8.count <= SiblingName.longestDirectoryName else {
            throw .unusable(path: path, reason: "its name is longer than \(SiblingName.longestDirectoryName) bytes")
        }
        let coordinator = InterruptCoordinator.shared
        coordinator.installIfNeeded()
        staging = try coordinator.withCommitLock { () throws(ReportDirectoryError) -> Staging in
            let isLink = Self.isSymbolicLink(path)
            let staging = try Self.prepare(location, probing: probing || isLink, recoveringSiblings: recoveringSiblings || isLink)
            coordinator.register(staging)
            return staging
        }
    }

    deinit { discard() }

    /// Sets (or, with `nil`, clears) a line that the message of a `SIGHUP`, `SIGINT` or `SIGTERM`
    /// adds about the work done so far, such as a sweep's runs already written: `note` is asked
    /// for it once the commits in progress have ended (it may return `nil` for nothing to add).
    ///
    /// - Parameter directory: the report directory (its path as given to
    ///   ``init(path:probing:recoveringSiblings:)``) whose folder holds that work, such as a
    ///   sweep's, whose runs are written in it before its own report is: a note given takes the
    ///   place of the line that says nothing was written to it, which would read as if its runs
    ///   were lost too.
    public static func describeProgressOnInterrupt(in directory: String? = nil, _ note: (@Sendable () -> String?)?) {
        InterruptCoordinator.shared.describeProgress(replacingLineOf: directory, note)
    }

    /// Ends or removes what dead processes left beside each directory of `names` in the folder
    /// `path` (see ``init(path:probing:recoveringSiblings:)``), listing the folder once; does
    /// nothing when the folder does not exist yet.
    public static func recoverStaleSiblings(named names: some Sequence<String>, inFolder path: String) {
        guard let folder = try? DirectoryHandle(path) else { return }
        InterruptCoordinator.shared.withCommitLock {
            StaleSiblings.recover(directoryNames: Set(names), in: folder)
        }
    }

    /// The path of the file `name` in the directory, as the user should read it.
    public func path(of name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// Gives the report up: removes the staging folder and the folders created for it. Does
    /// nothing after a commit.
    public func discard() {
        InterruptCoordinator.shared.withCommitLock { () -> Void in
            guard let staging else { return }
            staging.remove()
            InterruptCoordinator.shared.unregister(staging)
            self.staging = nil
        }
    }

    // MARK: - Preparing

    /// Whether `path` itself (not a folder above it) is a symbolic link.
    private static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return lstat(String(trimmed), &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    private static func prepare(_ location: OutputLocation, probing: Bool, recoveringSiblings: Bool) throws(ReportDirectoryError) -> Staging {
        let unusable = { (reason: String) in ReportDirectoryError.unusable(path: location.given, reason: reason) }
        var created: [String] = []
        for ancestor in location.missingAncestors {
            guard mkdir(ancestor, 0o777) == 0 || errno == EEXIST else {
                let error = SystemCallError.last
                for folder in created.reversed() { rmdir(folder) }
                throw unusable("cannot create \(ancestor): \(error.reason)")
            }
            created.append(ancestor)
        }
        do throws(ReportDirectoryError) {
            let parent: DirectoryHandle
            do { parent = try DirectoryHandle(location.parent) } catch {
                throw unusable("cannot open \(location.parent): \(error.reason)")
            }
            if recoveringSiblings { StaleSiblings.recover(directoryName: location.name, in: parent) }
            try checkExisting(location, in: parent)
            let staging: Staging
            do {
                staging = try Staging.create(
                    in: parent, for: location.name, createdAncestors: created, displayPath: location.given)
            } catch {
                // The staging folder is the first thing made in the parent: its failure is the parent's.
                let exists = (try? parent.status(of: location.name)) != nil
                throw unusable(exists
                    ? "the new report is built beside it, and \(location.parent) does not allow that: \(error.reason)"
                    : "cannot create it in \(location.parent): \(error.reason)")
            }
            if probing {
                do { try staging.probe() } catch {
                    staging.remove()
                    throw unusable("cannot write a file beside it in \(location.parent): \(error.reason)")
                }
            }
            return staging
        } catch {
            for folder in created.reversed() { rmdir(folder) }
            throw error
        }
    }

    /// Checks a report directory that exists: a directory that this process may list and change,
    /// and not a mount point (which cannot be renamed).
    private static func checkExisting(_ location: OutputLocation, in parent: DirectoryHandle) throws(ReportDirectoryError) {
        let unusable = { (reason: String) in ReportDirectoryError.unusable(path: location.given, reason: reason) }
        let name = location.name
        let status: stat?
        do { status = try parent.status(of: name) } catch { throw unusable(error.reason) }
        guard let status else { return }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw unusable("it is not a directory") }
        guard faccessat(parent.descriptor, name, R_OK | W_OK | X_OK, AT_EACCESS) == 0 else {
            throw unusable("it cannot be changed: \(SystemCallError.last.reason)")
        }
        var directoryMount: UInt64 = 0, parentMount: UInt64 = 0
        let isMountPoint = if rnnreport_mount_id(parent.descriptor, name, &directoryMount) == 0,
                              rnnreport_mount_id(parent.descriptor, ".", &parentMount) == 0 {
            directoryMount != parentMount
        } else {
            (try? parent.status()).map { $0.st_dev != status.st_dev } ?? false
        }
        if isMountPoint {
            throw unusable("it is a mount point; the report replaces its directory as a whole, so name a folder inside it")
        }
    }
}
