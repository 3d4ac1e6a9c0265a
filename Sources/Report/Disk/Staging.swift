import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder beside a report directory in which its new content is built, `.DIR.rnnreport-
/// staging-TOKEN`, locked by this process from the moment it is made until it is swapped in or
/// removed, and the folders that were created to hold it.
final class Staging: @unchecked Sendable {
    /// The report directory's parent.
    let parent: DirectoryHandle
    /// The staging folder's name in `parent`.
    let name: String
    let token: String
    /// The staging folder, with this process's lock on it.
    let handle: DirectoryHandle
    /// Folders created for the report directory's parent, outermost first: removed with the
    /// staging folder if the report is given up, kept once it is written.
    var createdAncestors: [String]
    /// The report directory as the user named it, for messages.
    let displayPath: String

    private init(parent: DirectoryHandle, name: String, token: String, handle: DirectoryHandle,
                 createdAncestors: [String], displayPath: String) {
        self.parent = parent
        self.name = name
        self.token = token
        self.handle = handle
        self.createdAncestors = createdAncestors
        self.displayPath = displayPath
    }

    /// Makes and locks a new staging folder for the directory `directoryName` in `parent`.
    ///
    /// A name that is taken, or a folder that another process removes or locks before this one
    /// has locked it, makes it try the next token.
    static func create(
        in parent: DirectoryHandle, for directoryName: String, createdAncestors: [String], displayPath: String
    ) throws(SystemCallError) -> Staging {
        let process = getpid()
        for attempt in 0..<100 {
            let token = attempt == 0 ? "\(process)" : "\(process).\(attempt)"
            let name = SiblingName.make(.staging, of: directoryName, token: token)
            guard mkdirat(parent.descriptor, name, 0o777) == 0 else {
                if errno == EEXIST { continue }
                throw .last
            }
            guard let handle = try? DirectoryHandle(at: parent.descriptor, name) else { continue }
            guard handle.tryLock() != .held, handle.isStill(name, in: parent) else { continue }
            return Staging(parent: parent, name: name, token: token, handle: handle,
                           createdAncestors: createdAncestors, displayPath: displayPath)
        }
        throw SystemCallError(code: EEXIST)
    }

    /// Creates, writes, flushes and removes a file in the staging folder: the proof, before any
    /// work, that the report's file system takes new files.
    func probe() throws(SystemCallError) {
        let probe = ".rnnreport-probe"
        try FileOperations.writeNewFile(probe, in: handle, content: ReportFile(name: probe, data: Data([0x0A])).write, mode: 0o600)
        guard unlinkat(handle.descriptor, probe, 0) == 0 else { throw .last }
    }

    /// Removes the staging folder and everything in it, then the folders created for it if they
    /// are empty. Failures are ignored: what is left is stale once this process ends, and the
    /// next run removes it.
    func remove() {
        if handle.isStill(name, in: parent) {
            try? FileOperations.removeTree(name, in: parent)
        }
        for ancestor in createdAncestors.reversed() {
            rmdir(ancestor)
        }
        createdAncestors = []
    }
}
