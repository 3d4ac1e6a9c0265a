#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open directory: the file descriptor that the `…at` system calls take, closed in `deinit`.
///
/// Working through a directory's descriptor rather than through paths means that a rename of a
/// folder above it, or of the directory itself, cannot make a later call land somewhere else.
final class DirectoryHandle: @unchecked Sendable {
    let descriptor: Int32

    /// Opens `path` (relative to `directory`, or absolute) as a directory. A symbolic link as the
    /// last component is not followed.
    init(at directory: Int32 = AT_FDCWD, _ path: String) throws(SystemCallError) {
        let descriptor = openat(directory, path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw .last }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The names in the directory, without `.` and `..`.
    func entries() throws(SystemCallError) -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0 else { throw .last }
        guard let stream = fdopendir(copy) else {
            let error = SystemCallError.last
            close(copy)
            throw error
        }
        defer { closedir(stream) }
        // The copy shares the read position of `descriptor`: start from the beginning.
        rewinddir(stream)
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The status of `name` in the directory (a symbolic link itself, not its target), or `nil`
    /// when nothing has that name.
    func status(of name: String) throws(SystemCallError) -> stat? {
        var result = stat()
        guard fstatat(descriptor, name, &result, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw .last
        }
        return result
    }

    /// The status of the directory itself.
    func status() throws(SystemCallError) -> stat {
        var result = stat()
        guard fstat(descriptor, &result) == 0 else { throw .last }
        return result
    }

    /// Whether `name` in the directory is this same directory still: a rename or a removal by
    /// another process since it was opened makes it `false`.
    func isStill(_ name: String, in parent: DirectoryHandle) -> Bool {
        guard let mine = try? status(), let there = try? parent.status(of: name) else { return false }
        return mine.st_dev == there.st_dev && mine.st_ino == there.st_ino
    }

    /// Takes an exclusive `flock` on the directory without waiting.
    ///
    /// The lock lives as long as the descriptor, and the kernel drops it when the process ends in
    /// any way, `SIGKILL` included: a staging folder whose lock can be taken has no living owner.
    func tryLock() -> LockResult {
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return .acquired }
        return errno == EWOULDBLOCK ? .held : .unsupported
    }

    enum LockResult {
        case acquired
        /// Another open description (another process, or another handle of this one) holds it.
        case held
        /// The file system has no `flock` (some network file systems).
        case unsupported
    }

    /// Flushes the directory's entries to the disk.
    func sync() throws(SystemCallError) {
        guard fsync(descriptor) == 0 else { throw .last }
    }
}
