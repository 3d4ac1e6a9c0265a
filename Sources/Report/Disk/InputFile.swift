import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file that the user named (`--metrics`, `--config`, `--template`, `--init-weights`),
/// with failures in rnnreport's words: "it is a directory, not a file" where Foundation would say
/// "NSCocoaErrorDomain error 256", and the target of a symbolic link that leads nowhere.
public enum InputFile {
    /// The largest file read: above a metrics.json of the longest run rnnreport records
    /// (50 million points, about 1.2 GB).
    public static let maximumSize = 2 << 30

    /// The bytes of the file at `path`.
    ///
    /// - Throws: ``InputFileError`` with the reason.
    public static func contents(of path: String) throws(InputFileError) -> Data {
        let failure = { (reason: String) in InputFileError(path: path, reason: reason) }
        guard !path.isEmpty else { throw failure("the path is empty") }
        // Non-blocking, so that a FIFO named by mistake is refused instead of waiting for a writer.
        let file = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard file >= 0 else { throw failure(reason(opening: path, SystemCallError.last)) }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0 else { throw failure(SystemCallError.last.reason) }
        if status.st_mode & S_IFMT == S_IFDIR { throw failure("it is a directory, not a file") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw failure("it is not a regular file") }
        guard status.st_size <= maximumSize else {
            throw failure("it is \(status.st_size) bytes, more than the \(maximumSize) bytes rnnreport reads")
        }
        var data = Data()
        if status.st_mode & S_IFMT == S_IFREG, status.st_size > 0 { data.reserveCapacity(Int(status.st_size)) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(file, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(SystemCallError.last.reason)
            }
            if count == 0 { return data }
            guard data.count + count <= maximumSize else { throw failure("it grew past \(maximumSize) bytes while being read") }
            data.append(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
        }
    }

    /// Why `open` failed, naming a symbolic link that leads nowhere and a component that is a file.
    private static func reason(opening path: String, _ error: SystemCallError) -> String {
        switch error.code {
        case ENOENT:
            var status = stat()
            if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = readlink(path, &buffer, buffer.count - 1)
                let target = count >= 0
                    ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
                return "it is a symbolic link to \(target), which does not exist"
            }
            return "it does not exist"
        case ENOTDIR:
            guard let file = PathWalk.firstNonDirectory(in: path, includingLast: false) else { return error.reason }
            return "\(file) is a file, not a directory"
        default:
            return error.reason
        }
    }
}
