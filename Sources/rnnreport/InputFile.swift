import Foundation

/// Reads the files a command is given (`--config`, `--init-weights`, `--metrics`, `--template`),
/// saying what is wrong in plain words: a missing file, a directory, a dangling link, a permission.
enum InputFile {
    /// The largest input file read: a metrics.json of the longest run rnnreport records
    /// (10 million points) is about 200 MB.
    static let maximumSize = 1 << 30

    /// The bytes of the file at `path`.
    ///
    /// - Parameter role: what the file is, for the message (`--config file`).
    /// - Throws: `CommandError` with status `noInput`.
    static func read(_ path: String, role: String) throws -> Data {
        func fail(_ reason: String) -> CommandError {
            CommandError("cannot read \(role) \(path): \(reason)", status: .noInput)
        }
        guard !path.isEmpty else { throw CommandError("\(role) is empty; name a file", status: .usage) }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let error = errno
            var linkInfo = stat()
            if error == ENOENT, lstat(path, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK {
                throw fail("it is a symbolic link to a file that does not exist")
            }
            throw fail(reason(errno: error))
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw fail("it is a directory, not a file")
        case S_IFREG: break
        default: throw fail("it is not a regular file")
        }
        guard Int(info.st_size) <= maximumSize else {
            throw fail("it is \(info.st_size) bytes, more than the \(maximumSize) bytes rnnreport reads")
        }
        let handle = open(path, O_RDONLY | O_CLOEXEC)
        guard handle >= 0 else { throw fail(reason(errno: errno)) }
        defer { close(handle) }
        var data = Data(count: Int(info.st_size))
        var filled = 0
        while true {
            if filled == data.count {
                // The file may have grown since stat: read on until it ends or passes the limit.
                guard data.count < maximumSize else { throw fail("it is larger than the \(maximumSize) bytes rnnreport reads") }
                data.count = min(max(data.count * 2, 4096), maximumSize)
            }
            let count = data.withUnsafeMutableBytes { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(handle, base + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw fail(reason(errno: errno))
            }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return data
    }

    /// A C library error in words.
    static func reason(errno code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case ENOTDIR: "a part of the path is not a directory"
        case ELOOP: "too many symbolic links"
        case ENAMETOOLONG: "the path is too long"
        default: String(cString: strerror(code))
        }
    }
}
