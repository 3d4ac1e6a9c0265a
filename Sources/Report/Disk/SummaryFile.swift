import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A single file written all or nothing: `--summary FILE.md`.
///
/// The text goes into a new file beside the target (`.NAME.rnnreport-PID`), is flushed to the
/// disk, and is renamed over the target in one step, then the folder is flushed: a reader (a CI
/// step appending it to `$GITHUB_STEP_SUMMARY`) sees the old file or the new one, never a part.
public enum SummaryFile {
    /// Checks, before any work, that `path` can be written: its folder exists and it is not a folder.
    ///
    /// - Throws: ``SummaryFileError`` naming the path and the problem.
    public static func validate(path: String) throws(SummaryFileError) {
        guard !path.isEmpty else { throw SummaryFileError(path: path, reason: "the path is empty") }
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw SummaryFileError(path: path, reason: "it is a directory; name a file, such as summary.md")
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            // A file where a folder should be is named as such, not as a folder that is missing.
            if let file = firstFile(onTheWayTo: url.deletingLastPathComponent()) {
                throw SummaryFileError(path: path, reason: file == url.deletingLastPathComponent().standardizedFileURL.path
                    ? "its folder \(folder) is a file, not a folder"
                    : "its folder \(folder) cannot exist: \(file) is a file, not a folder")
            }
            throw SummaryFileError(path: path, reason: "its folder \(folder) does not exist")
        }
        guard access(folder, W_OK) == 0 else {
            throw SummaryFileError(path: path, reason: "its folder \(folder) cannot be written: \(SystemCallError.last.reason)")
        }
    }

    /// The first of `folder` and the folders above it, outermost first, that exists and is not a
    /// folder; `nil` when there is none.
    private static func firstFile(onTheWayTo folder: URL) -> String? {
        var ancestors: [URL] = []
        var current = folder.standardizedFileURL
        while current.path != "/" && !current.path.isEmpty {
            ancestors.append(current)
            current = current.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        return ancestors.reversed().first { url in
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }?.path
    }

    /// Writes `text` to `path`, replacing what was there, all or nothing.
    ///
    /// - Throws: ``SummaryFileError`` naming the path and the problem; nothing is left behind.
    public static func write(_ text: String, to path: String) throws(SummaryFileError) {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        let temporary = ".\(name).rnnreport-\(getpid())"
        do {
            let folder = try DirectoryHandle(url.deletingLastPathComponent().path)
            _ = unlinkat(folder.descriptor, temporary, 0)
            let data = Data(text.utf8)
            do {
                try FileOperations.writeNewFile(temporary, in: folder, content: { sink in try data.withUnsafeBytes { try sink($0) } })
                try FileOperations.rename(temporary, in: folder, to: name, in: folder)
            } catch {
                _ = unlinkat(folder.descriptor, temporary, 0)
                throw error
            }
            guard fsync(folder.descriptor) == 0 else { throw SystemCallError.last }
        } catch let error as SystemCallError {
            throw SummaryFileError(path: path, reason: error.reason)
        } catch {
            throw SummaryFileError(path: path, reason: "\(error)")
        }
    }
}
