#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the entries of the current report directory that are not the report's own into the new
/// content being built, so that a user's `notes.txt` (or `.git`, or a sub-folder) is still there
/// after the swap.
///
/// A file, a symbolic link or any other non-directory becomes a hard link to the same inode: no
/// bytes are copied and a program that has it open keeps writing to the file the report keeps.
/// Where the file system refuses the link (some do for files the user does not own), a regular
/// file is copied with its permissions. A directory is made anew with the same permissions and
/// its entries carried over in the same way. Temporary files of rnnreport 0.1
/// (`.NAME.PID-RANDOM.tmp`) at the top level are left behind, which removes them.
///
/// The entries of each folder at the top level are carried over on several threads
/// (``ConcurrentIO``): a sweep's `runs/` holds a folder per run, and each new folder is flushed
/// to the disk, which is mostly waiting.
enum CarryOver {
    /// A failure on one entry, with its path relative to the report directory.
    struct Failure: Error {
        var relativePath: String
        var error: SystemCallError
    }

    /// Carries every entry of `source` whose name is not in `skipping` into `destination`.
    static func entries(
        of source: DirectoryHandle, into destination: DirectoryHandle, skipping: Set<String>
    ) throws(Failure) {
        let names: [String]
        do { names = try source.entries() } catch { throw Failure(relativePath: ".", error: error) }
        for name in names where !skipping.contains(name) && !SiblingName.isLegacyTemporary(name) {
            try entry(name, of: source, into: destination, relativePath: name, concurrently: true)
        }
    }

    /// - Parameter concurrently: whether a folder's entries are carried over on several threads.
    private static func entry(
        _ name: String, of source: DirectoryHandle, into destination: DirectoryHandle, relativePath: String,
        concurrently: Bool = false
    ) throws(Failure) {
        do {
            // Gone since it was listed: nothing to keep.
            guard let status = try source.status(of: name) else { return }
            if status.st_mode & S_IFMT == S_IFDIR {
                guard mkdirat(destination.descriptor, name, 0o700) == 0 else { throw SystemCallError.last }
                let inner = try DirectoryHandle(at: source.descriptor, name)
                let copy = try DirectoryHandle(at: destination.descriptor, name)
                let names = try inner.entries()
                if concurrently {
                    try ConcurrentIO.forEach(names.count) { (index) throws(Failure) in
                        try entry(names[index], of: inner, into: copy, relativePath: relativePath + "/" + names[index])
                    }
                } else {
                    for child in names {
                        try entry(child, of: inner, into: copy, relativePath: relativePath + "/" + child)
                    }
                }
                try matchOwnerAndMode(copy, status)
                try copy.sync()
                return
            }
            if linkat(source.descriptor, name, destination.descriptor, name, 0) == 0 { return }
            let refusal = SystemCallError.last
            guard [EPERM, EACCES, EMLINK].contains(refusal.code), status.st_mode & S_IFMT == S_IFREG else {
                throw refusal
            }
            try FileOperations.copyFile(name, from: source, to: destination, mode: status.st_mode)
        } catch let failure as Failure {
            throw failure
        } catch let error as SystemCallError {
            throw Failure(relativePath: relativePath, error: error)
        } catch {
            throw Failure(relativePath: relativePath, error: SystemCallError(code: EIO))
        }
    }

    /// Gives `directory` the permissions of `status` and, when this process may (it runs as
    /// root), its owner.
    static func matchOwnerAndMode(_ directory: DirectoryHandle, _ status: stat) throws(SystemCallError) {
        let mine = try directory.status()
        if geteuid() == 0 && (mine.st_uid != status.st_uid || mine.st_gid != status.st_gid) {
            guard fchown(directory.descriptor, status.st_uid, status.st_gid) == 0 else { throw .last }
        }
        guard fchmod(directory.descriptor, status.st_mode & 0o7777) == 0 else { throw .last }
    }
}
