import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ReportFile {
    /// Whether the file at `path` holds exactly this file's bytes, compared piece by piece so that
    /// neither is whole in memory; `nil` when there is no readable file there.
    public func matches(fileAt path: String) -> Bool? {
        let handle = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard handle >= 0 else { return nil }
        defer { close(handle) }
        var info = stat()
        guard fstat(handle, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        struct Differs: Error {}
        var buffer = [UInt8]()
        do {
            try write { piece in
                buffer.removeAll(keepingCapacity: true)
                buffer.reserveCapacity(piece.count)
                var filled = 0
                buffer = [UInt8](repeating: 0, count: piece.count)
                while filled < piece.count {
                    let count = buffer.withUnsafeMutableBytes { read(handle, $0.baseAddress! + filled, piece.count - filled) }
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { throw Differs() }
                    filled += count
                }
                guard buffer.elementsEqual(piece) else { throw Differs() }
            }
        } catch {
            return false
        }
        // Nothing may follow.
        var extra: UInt8 = 0
        return read(handle, &extra, 1) == 0
    }
}
