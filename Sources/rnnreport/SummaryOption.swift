import Foundation
import Report

/// `--summary FILE.md` of `generate`, `compare` and `sweep`: checked before any work, written at the end.
enum SummaryOption {
    /// - Parameter output: the directory the command writes its report into; a summary inside
    ///   it is written after the report, so the directory need not exist yet.
    /// - Throws: `CommandError`: 64 (usage) for an empty path, 73 (cannot create) when the file
    ///   cannot be written there.
    static func validate(_ path: String, output: String?) throws {
        guard !path.isEmpty else {
            throw CommandError("--summary: the path is empty; name a file, such as summary.md", status: .usage)
        }
        if let output, !output.isEmpty, isDirectlyInside(path, output), !FileManager.default.fileExists(atPath: output) {
            return  // the report makes the folder (and says so if it cannot) before the summary is written
        }
        do { try SummaryFile.validate(path: path) } catch {
            throw CommandError("--summary: \(error)", status: .cannotCreate)
        }
    }

    /// Whether the file at `path` is directly in the folder `folder` (by their paths, made
    /// absolute and with `.` and `..` resolved).
    static func isDirectlyInside(_ path: String, _ folder: String) -> Bool {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
            == URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL.path
    }

    /// Writes the summary, all or nothing.
    ///
    /// - Throws: `CommandError` (74, I/O error) naming the file.
    static func write(_ text: String, to path: String) throws {
        do { try SummaryFile.write(text, to: path) } catch {
            throw CommandError("--summary: \(error)", status: .ioError)
        }
    }
}
