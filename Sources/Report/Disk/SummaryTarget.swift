import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `--summary` path names once its symbolic links are followed, and so how the summary
/// is written there.
enum SummaryTarget: Equatable {
    /// A regular file, or nothing yet, at `path` (absolute, without a symbolic link in it):
    /// written beside it and renamed over it, all or nothing.
    case file(path: String)
    /// A FIFO, a character device (a terminal, `/dev/null`) or a socket at `path`: opened and
    /// written straight through, as `echo text > path` would.
    case stream(path: String)
    /// A descriptor this process has open (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/3`): the
    /// text is written to it as the process prints, wherever it leads (a pipe, a terminal, a file
    /// the shell opened with `>>`).
    case descriptor(Int32)

    /// The most symbolic links followed, as Linux's `MAXSYMLINKS`.
    static let maximumLinks = 40

    /// Follows the symbolic links of `path`, component by component (a link that leads nowhere
    /// leads to the file it names, which is then created), and says what is at its end.
    ///
    /// - Throws: ``SummaryFileError`` for a path that leads to a directory or a block device,
    ///   which a summary cannot be written to (``SummaryFileError/isUsage``), or whose links
    ///   cannot be read or loop.
    static func resolve(_ path: String) throws(SummaryFileError) -> SummaryTarget {
        var pending = components(of: path)
        if !path.hasPrefix("/") { pending = components(of: FileManager.default.currentDirectoryPath) + pending }
        var resolved: [String] = []
        var links = 0
        var followed: String?
        while !pending.isEmpty {
            let part = pending.removeFirst()
            if part == "." { continue }
            if part == ".." {
                if !resolved.isEmpty { resolved.removeLast() }
                continue
            }
            resolved.append(part)
            let current = "/" + resolved.joined(separator: "/")
            let last = pending.allSatisfy { $0 == "." }
            if last, let descriptor = ownDescriptor(current) { return .descriptor(descriptor) }
            var status = stat()
            guard lstat(current, &status) == 0 else {
                // What does not exist is taken as written; a folder that is missing is named by
                // SummaryFile.validate.
                guard errno == ENOENT || errno == ENOTDIR else {
                    throw SummaryFileError(path: path, reason: SystemCallError.last.reason)
                }
                for rest in pending where rest != "." {
                    if rest == ".." { if !resolved.isEmpty { resolved.removeLast() } } else { resolved.append(rest) }
                }
                break
            }
            guard status.st_mode & S_IFMT == S_IFLNK else { continue }
            links += 1
            guard links <= maximumLinks else {
                throw SummaryFileError(path: path, reason: SystemCallError(code: ELOOP).reason)
            }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { throw SummaryFileError(path: path, reason: SystemCallError.last.reason) }
            let target = String(decoding: buffer[0 ..< count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            resolved.removeLast()
            if target.hasPrefix("/") { resolved = [] }
            pending = components(of: target) + pending
            followed = target
        }
        let final = "/" + resolved.joined(separator: "/")
        let through = followed == nil ? "" : "it leads to \(final), and "
        var status = stat()
        guard stat(final, &status) == 0 else { return .file(path: final) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            throw SummaryFileError(path: path, reason: through + "it is a directory; name a file, such as summary.md", isUsage: true)
        case S_IFBLK:
            throw SummaryFileError(path: path, reason: through + "it is a block device (a disk); name a file, such as summary.md", isUsage: true)
        case S_IFIFO, S_IFCHR, S_IFSOCK:
            return .stream(path: final)
        default:
            return .file(path: final)
        }
    }

    /// The components of a path, without the empty ones that `//` and a trailing `/` make.
    private static func components(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// The descriptor that `path` names when it is one of this process's own, through `/dev/fd`
    /// or `/proc`: `/dev/fd/3`, `/proc/self/fd/3`, `/proc/PID/fd/3` (where `/dev/stdout` leads)
    /// or `/proc/PID/task/TID/fd/3`; `nil` for any other path.
    static func ownDescriptor(_ path: String) -> Int32? {
        let parts = components(of: path)
        guard parts.count >= 3, parts[parts.count - 2] == "fd", let descriptor = Int32(parts[parts.count - 1]), descriptor >= 0 else {
            return nil
        }
        let owner = Array(parts.dropLast(2))
        let pid = "\(getpid())"
        switch owner.count {
        case 1: return owner == ["dev"] ? descriptor : nil
        case 2: return owner[0] == "proc" && [pid, "self", "thread-self"].contains(owner[1]) ? descriptor : nil
        case 4: return owner[0] == "proc" && owner[1] == pid && owner[2] == "task" && UInt32(owner[3]) != nil ? descriptor : nil
        default: return nil
        }
    }
}
