import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file operations of a commit, each on a name inside an open directory.
enum FileOperations {
    /// Creates the file `name` in `directory` (which must not hold that name yet), writes the
    /// bytes `content` produces into it, piece by piece, and flushes it to the disk.
    ///
    /// - Parameters:
    ///   - flushing: `false` to leave the flush to the caller (``flush(_:in:)``), who may flush
    ///     several files at once.
    ///   - written: hears the number of bytes written so far after each piece.
    static func writeNewFile(
        _ name: String, in directory: DirectoryHandle, content: ReportFile.Writer, mode: mode_t = 0o666,
        flushing: Bool = true, written: (Int) -> Void = { _ in }
    ) throws(SystemCallError) {
        let file = openat(directory.descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard file >= 0 else { throw .last }
        defer { close(file) }
        var total = 0
        do {
            try withoutActuallyEscaping(written) { written in
                try content { bytes in
                    if let failure = writeAll(bytes, to: file) { throw failure }
                    total += bytes.count
                    written(total)
                }
            }
        } catch let error as SystemCallError {
            throw error
        } catch {
            throw SystemCallError(code: EIO)
        }
        guard !flushing || fsync(file) == 0 else { throw .last }
    }

    /// Flushes the file `name` of `directory`, written before, to the disk.
    static func flush(_ name: String, in directory: DirectoryHandle) throws(SystemCallError) {
        let file = openat(directory.descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else { throw .last }
        defer { close(file) }
        guard fsync(file) == 0 else { throw .last }
    }

    /// Copies the regular file `name` of `source` to a new file in `destination`, with the same
    /// permissions, and flushes it to the disk.
    static func copyFile(_ name: String, from source: DirectoryHandle, to destination: DirectoryHandle, mode: mode_t)
        throws(SystemCallError)
    {
        let input = openat(source.descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard input >= 0 else { throw .last }
        defer { close(input) }
        let output = openat(destination.descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 0o7777)
        guard output >= 0 else { throw .last }
        defer { close(output) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(input, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .last
            }
            if count == 0 { break }
            if let failure = writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), to: output) { throw failure }
        }
        guard fchmod(output, mode & 0o7777) == 0, fsync(output) == 0 else { throw .last }
    }

    /// Writes every byte, resuming after a partial write or an interrupted call.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to file: Int32) -> SystemCallError? {
        var offset = 0
        while offset < bytes.count {
            let written = write(file, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return .last
            }
            offset += written
        }
        return nil
    }

    /// Removes `name` from `directory`, with everything inside it if it is a directory; symbolic
    /// links are removed, never followed. Nothing of that name is not an error.
    ///
    /// - Parameter concurrentLevels: how many levels of folders, from `name` down, have their
    ///   entries removed on several threads (``ConcurrentIO``): a previous sweep report's files
    ///   and the folder of each of its runs.
    static func removeTree(_ name: String, in directory: DirectoryHandle, concurrentLevels: Int = 0) throws(SystemCallError) {
        guard let status = try directory.status(of: name) else { return }
        if status.st_mode & S_IFMT == S_IFDIR {
            let inner = try DirectoryHandle(at: directory.descriptor, name)
            let entries = try inner.entries()
            if concurrentLevels > 0 {
                try ConcurrentIO.forEach(entries.count) { (index) throws(SystemCallError) in
                    try removeTree(entries[index], in: inner, concurrentLevels: concurrentLevels - 1)
                }
            } else {
                for entry in entries {
                    try removeTree(entry, in: inner)
                }
            }
            guard unlinkat(directory.descriptor, name, AT_REMOVEDIR) == 0 || errno == ENOENT else { throw .last }
        } else {
            guard unlinkat(directory.descriptor, name, 0) == 0 || errno == ENOENT else { throw .last }
        }
    }

    /// Renames `name` in `source` to `newName` in `destination`.
    static func rename(_ name: String, in source: DirectoryHandle, to newName: String, in destination: DirectoryHandle)
        throws(SystemCallError)
    {
        guard renameat(source.descriptor, name, destination.descriptor, newName) == 0 else { throw .last }
    }
}
