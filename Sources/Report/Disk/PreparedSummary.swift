import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `--summary` written in full before the report it goes with replaces the previous one, and
/// put in place right after: the summary's half of a commit (``ReportDirectory/commit(_:replacing:summary:progress:)``).
///
/// A summary that is a file (``SummaryTarget/file(path:)``) is written beside the file it
/// replaces, in the same folder, as `.NAME.rnnreport-PID`, with the old file's permissions (and,
/// for root, its owner), and flushed to the disk: if that fails, nothing has been replaced. The
/// report's commit then renames it over the file right after its swap, and flushes the folder.
/// When the file is inside the report directory, the new file goes where the folder is at that
/// moment: in the current report directory (the commit carries it into the new one, as it does
/// every file of the user's), or in the staging folder when the directory does not exist yet;
/// after the swap it is renamed in the report directory as it now is.
///
/// A FIFO, a device, a socket or a descriptor (`/dev/stdout`) cannot be written in advance and
/// taken back: it is written straight through when the summary is prepared, before the report
/// is replaced, so that a failure there too leaves the report as it was.
public final class PreparedSummary: @unchecked Sendable {
    /// The path as the user gave it, for messages.
    public let path: String
    /// The file the summary replaces (its links followed), or `nil` when it was written through.
    private let target: String?
    /// The folder the new file was written in, and the new file's name there.
    private var written: (folder: DirectoryHandle, name: String)?
    /// The folder of `target` is the report directory or inside it, and is opened again after
    /// the swap.
    private let insideReport: Bool

    private init(path: String, target: String?, written: (folder: DirectoryHandle, name: String)?, insideReport: Bool) {
        self.path = path
        self.target = target
        self.written = written
        self.insideReport = insideReport
    }

    deinit { discard() }

    /// Writes `text` for the summary at `path`, before the report in `directory` is committed.
    ///
    /// - Throws: ``SummaryFileError`` naming the path and the problem; nothing is left behind.
    public static func prepare(_ text: String, to path: String, for directory: ReportDirectory) throws(SummaryFileError) -> PreparedSummary {
        let data = Data(text.utf8)
        let report = directory.location.directory
        return try SummaryFileError.naming(path) { () throws -> PreparedSummary in
            switch try SummaryTarget.resolve(path) {
            case .file(let target):
                let url = URL(fileURLWithPath: target)
                let folderPath = url.deletingLastPathComponent().path
                let insideReport = folderPath == report || folderPath.hasPrefix(report + "/")
                // The report directory that does not exist yet: its staging folder.
                let folder: DirectoryHandle
                if folderPath == report, !directory.location.exists, let staging = directory.staging {
                    folder = staging.handle
                } else {
                    folder = try DirectoryHandle(folderPath)
                }
                let name = try SummaryFile.writeBeside(url.lastPathComponent, in: folder, data)
                let prepared = PreparedSummary(path: path, target: target, written: (folder, name), insideReport: insideReport)
                InterruptCoordinator.shared.registerTemporary(name, in: folder)
                return prepared
            case .stream, .descriptor:
                try SummaryFile.write(text, to: path)
                return PreparedSummary(path: path, target: nil, written: nil, insideReport: false)
            }
        }
    }

    /// Renames the new file over the summary, and flushes the folder: called right after the
    /// report's swap. Nothing to do for a summary written through.
    ///
    /// - Throws: ``SummaryFileError``; the new file is then removed, and the summary is as it was.
    func install() throws(SummaryFileError) {
        guard let written, let target else { return }
        self.written = nil
        InterruptCoordinator.shared.unregisterTemporary(written.name, in: written.folder)
        let url = URL(fileURLWithPath: target)
        do {
            // Inside the report, the folder is the new report's now.
            let folder = insideReport ? try DirectoryHandle(url.deletingLastPathComponent().path) : written.folder
            do {
                try FileOperations.rename(written.name, in: folder, to: url.lastPathComponent, in: folder)
            } catch {
                _ = unlinkat(folder.descriptor, written.name, 0)
                throw error
            }
            // Its link in the previous report's folder, which would otherwise be kept as an entry
            // added there during the commit (StaleSiblings), goes.
            if insideReport { _ = unlinkat(written.folder.descriptor, written.name, 0) }
            guard fsync(folder.descriptor) == 0 else { throw SystemCallError.last }
        } catch {
            _ = unlinkat(written.folder.descriptor, written.name, 0)
            throw SummaryFileError(path: path, reason: (error as? SystemCallError)?.reason ?? "\(error)")
        }
    }

    /// Removes the new file: the report was not committed, and the summary stays as it was.
    func discard() {
        guard let written else { return }
        self.written = nil
        _ = unlinkat(written.folder.descriptor, written.name, 0)
        InterruptCoordinator.shared.unregisterTemporary(written.name, in: written.folder)
    }
}
