import CReportDisk
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file of `--summary FILE.md`, written all or nothing when it is a file.
///
/// The path's symbolic links are followed (``SummaryTarget``). A regular file (or none yet) is
/// written as a new file beside the one the links lead to (`.NAME.rnnreport-PID`, in that file's
/// folder), flushed to the disk and renamed over it in one step, then the folder is flushed: a
/// reader (a CI step appending it to `$GITHUB_STEP_SUMMARY`) sees the old file or the new one,
/// never a part, and a link stays a link to the file it named. The new file takes the old one's
/// permissions (and, for root, its owner and group); a hard link to the old file keeps the old
/// text, as a rename leaves it. A FIFO, a character device or a
/// socket is written straight through, and so is a descriptor of the process's own
/// (`/dev/stdout`): none is replaced.
public enum SummaryFile {
    /// Checks, before any work, that `path` can be written: what it leads to is not a folder, and
    /// the folder of a file exists and can be written (a FIFO or a device can be written; a
    /// descriptor is open for writing).
    ///
    /// - Throws: ``SummaryFileError`` naming the path and the problem.
    public static func validate(path: String) throws(SummaryFileError) {
        guard !path.isEmpty else { throw SummaryFileError(path: path, reason: "the path is empty") }
        switch try SummaryTarget.resolve(path) {
        case .descriptor(let descriptor):
            let flags = fcntl(descriptor, F_GETFL)
            guard flags >= 0, flags & O_ACCMODE == O_WRONLY || flags & O_ACCMODE == O_RDWR else {
                throw SummaryFileError(path: path, reason: "it is descriptor \(descriptor) of this process, which is not open for writing")
            }
        case .stream(let target):
            guard access(target, W_OK) == 0 else {
                throw SummaryFileError(path: path, reason: leading(path, to: target) + SystemCallError.last.reason)
            }
        case .file(let target):
            try validateFile(path: path, target: target)
        }
    }

    /// The file that the summary at `path` would be renamed over, its links followed; `nil` when
    /// it is written straight through (a FIFO, a device, a descriptor).
    ///
    /// - Throws: ``SummaryFileError`` as ``validate(path:)`` does for what is at the end of the links.
    public static func resolvedPath(of path: String) throws(SummaryFileError) -> String? {
        guard case .file(let target) = try SummaryTarget.resolve(path) else { return nil }
        return target
    }

    /// "it leads to TARGET; " when `path`'s links lead elsewhere than `path` itself names; empty
    /// when there is no link on the way.
    private static func leading(_ path: String, to target: String) -> String {
        target == URL(fileURLWithPath: path).standardizedFileURL.path ? "" : "it leads to \(target); "
    }

    /// Checks that the folder of the file `target` (where `path` leads) exists and can be written.
    private static func validateFile(path: String, target: String) throws(SummaryFileError) {
        let leading = leading(path, to: target)
        // Without a link, named as the user named it.
        let url = leading.isEmpty ? URL(fileURLWithPath: path) : URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            // A file where a folder should be is named as such, not as a folder that is missing.
            if let file = PathWalk.firstNonDirectory(in: url.deletingLastPathComponent().standardizedFileURL.path) {
                throw SummaryFileError(path: path, reason: leading + (file == url.deletingLastPathComponent().standardizedFileURL.path
                    ? "its folder \(folder) is a file, not a folder"
                    : "its folder \(folder) cannot exist: \(file) is a file, not a folder"))
            }
            throw SummaryFileError(path: path, reason: leading + "its folder \(folder) does not exist")
        }
        // A file made there and removed, rather than access(), which says yes to root for a
        // folder of /proc or /sys where no file can be made: told before the report is replaced.
        let probe = folder + "/.\(url.lastPathComponent).rnnreport-probe-\(getpid())"
        let made = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard made >= 0 else {
            throw SummaryFileError(path: path, reason: leading + "its folder \(folder) cannot be written: \(SystemCallError.last.reason)")
        }
        close(made)
        unlink(probe)
        // A file marked immutable or append-only cannot be renamed over: told now, not after the
        // report is written.
        var immutable: Int32 = 0, appendOnly: Int32 = 0
        if rnnreport_file_locks(target, &immutable, &appendOnly) == 0, immutable != 0 || appendOnly != 0 {
            let mark = immutable != 0 ? "immutable (chattr +i)" : "append-only (chattr +a)"
            throw SummaryFileError(path: path, reason: leading + "the file is marked \(mark), so it cannot be replaced")
        }
    }

    /// Writes `text` where `path` leads: over a file, all or nothing; into a FIFO, a device, a
    /// socket or a descriptor, straight through.
    ///
    /// - Throws: ``SummaryFileError`` naming the path and the problem; nothing is left behind.
    public static func write(_ text: String, to path: String) throws(SummaryFileError) {
        let data = Data(text.utf8)
        try SummaryFileError.naming(path) {
            switch try SummaryTarget.resolve(path) {
            case .file(let target): try replace(target, with: data)
            case .stream(let target): try writeThrough(target, data)
            case .descriptor(let descriptor):
                // What the process printed before goes first.
                fflush(nil)
                if let failure = data.withUnsafeBytes({ FileOperations.writeAll($0, to: descriptor) }) { throw failure }
            }
        }
    }

    /// Writes `data` as a new file beside `target` (absolute, without links), flushed, and renames
    /// it over `target`; then flushes the folder.
    private static func replace(_ target: String, with data: Data) throws {
        let url = URL(fileURLWithPath: target)
        let name = url.lastPathComponent
        let folder = try DirectoryHandle(url.deletingLastPathComponent().path)
        let temporary = try writeBeside(name, in: folder, data)
        do { try FileOperations.rename(temporary, in: folder, to: name, in: folder) } catch {
            _ = unlinkat(folder.descriptor, temporary, 0)
            throw error
        }
        guard fsync(folder.descriptor) == 0 else { throw SystemCallError.last }
    }

    /// Writes `data` as a new file beside the file `name` of `folder`, `.NAME.rnnreport-PID`, with
    /// that file's permissions when it is one (and, for root, its owner and group), flushed to the
    /// disk; returns the new file's name. Nothing is left behind when it fails.
    static func writeBeside(_ name: String, in folder: DirectoryHandle, _ data: Data) throws -> String {
        let temporary = ".\(name).rnnreport-\(getpid())"
        _ = unlinkat(folder.descriptor, temporary, 0)
        var old = stat()
        let replacing = fstatat(folder.descriptor, name, &old, AT_SYMLINK_NOFOLLOW) == 0 && old.st_mode & S_IFMT == S_IFREG
        do {
            try FileOperations.writeNewFile(
                temporary, in: folder, content: { sink in try data.withUnsafeBytes { try sink($0) } }, flushing: !replacing)
            if replacing {
                // The old file's permissions (a 0600 summary stays private), and for root, who
                // may give them, its owner and group.
                guard fchmodat(folder.descriptor, temporary, old.st_mode & 0o7777, 0) == 0 else { throw SystemCallError.last }
                if geteuid() == 0, old.st_uid != 0 || old.st_gid != 0 {
                    guard fchownat(folder.descriptor, temporary, old.st_uid, old.st_gid, AT_SYMLINK_NOFOLLOW) == 0 else {
                        throw SystemCallError.last
                    }
                }
                try FileOperations.flush(temporary, in: folder)
            }
        } catch {
            _ = unlinkat(folder.descriptor, temporary, 0)
            throw error
        }
        return temporary
    }

    /// Opens the FIFO, device or socket at `target` for writing, and writes `data` into it.
    private static func writeThrough(_ target: String, _ data: Data) throws(SystemCallError) {
        var descriptor = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        // A socket is not opened but connected to.
        if descriptor < 0, errno == ENXIO { descriptor = try connect(toSocket: target) }
        guard descriptor >= 0 else { throw .last }
        defer { close(descriptor) }
        if let failure = data.withUnsafeBytes({ FileOperations.writeAll($0, to: descriptor) }) { throw failure }
    }

    /// A stream socket connected to the Unix socket at `path`.
    private static func connect(toSocket path: String) throws(SystemCallError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw SystemCallError(code: ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
#if canImport(Glibc)
        let socketDescriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
#else
        let socketDescriptor = socket(AF_UNIX, SOCK_STREAM, 0)
#endif
        guard socketDescriptor >= 0 else { throw .last }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                systemConnect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let error = SystemCallError.last
            close(socketDescriptor)
            throw error
        }
        return socketDescriptor
    }
}

#if canImport(Glibc)
private let systemConnect = Glibc.connect
#elseif canImport(Darwin)
private let systemConnect = Darwin.connect
#endif
