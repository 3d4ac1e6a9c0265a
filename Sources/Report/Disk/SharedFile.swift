import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file that several processes write into a shared directory at the same time, with the
/// same bytes: a sweep's `sweep.json`, written by every shard of a job array.
///
/// Each writer writes a temporary file of its own (`.NAME.rnnreport-PID-HOST`), flushes it, and
/// renames it over `NAME`: a reader sees a complete file, whichever writer came last; and the
/// directory is flushed, so that the file survives a power loss.
public enum SharedFile {
    /// Creates `directory` and the folders above it if they are missing, and puts `data` in it as `name`.
    ///
    /// - Throws: ``ReportDirectoryError`` naming the path and the reason.
    public static func write(_ data: Data, as name: String, in directory: String) throws(ReportDirectoryError) {
        let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unusable(path: directory, reason: "it cannot be created")
        }
        let handle: DirectoryHandle
        do { handle = try DirectoryHandle(directory) } catch { throw .unusable(path: directory, reason: error.reason) }
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let hostName = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).filter { $0.isLetter || $0.isNumber || $0 == "-" }
        let temporary = ".\(name).rnnreport-\(getpid())-\(hostName)"
        unlinkat(handle.descriptor, temporary, 0)
        do {
            try FileOperations.writeNewFile(temporary, in: handle, content: { sink in try data.withUnsafeBytes { try sink($0) } })
            try FileOperations.rename(temporary, in: handle, to: name, in: handle)
        } catch {
            unlinkat(handle.descriptor, temporary, 0)
            throw .writeFailed(path: path, reason: error.reason)
        }
        try? handle.sync()
    }
}
