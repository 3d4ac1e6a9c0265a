import Foundation
import Report

/// `--summary FILE.md` of `generate`, `compare` and `sweep`: checked before any work, written at the end.
enum SummaryOption {
    /// Checks `--summary PATH` before any work. The summary is written where the path's symbolic
    /// links lead (see `SummaryFile`), so that file is checked as well as the path.
    ///
    /// - Parameters:
    ///   - output: the directory of the command's report; a summary directly inside it must not
    ///     be named like one of the report's files, which it would replace.
    ///   - makesOutput: whether the command writes the report into `output` (not `generate
    ///     --check`): a summary inside it is then written after the report, so the directory need
    ///     not exist yet.
    ///   - folders: the folders the report keeps in `output` (a sweep's `runs`), which the
    ///     summary must not be named either.
    ///   - inputs: the files the command reads, each with what it is (`--config file`), which the
    ///     summary must not replace (a run's metrics.json to compare, say).
    /// - Throws: `CommandError`: 64 (usage) for an empty path, a report's file name, an input
    ///   file, or a path that leads to a directory; 73 (cannot create) when the file cannot be
    ///   written there.
    static func validate(
        _ path: String, output: String?, makesOutput: Bool = true, folders: [String] = [], inputs: [(role: String, path: String)] = []
    ) throws {
        guard !path.isEmpty else {
            throw CommandError("--summary: the path is empty; name a file, such as summary.md", status: .usage)
        }
        // The same file, through links or another spelling: written last, it would replace an input.
        if let input = inputs.first(where: { isSameFile(path, $0.path) }) {
            throw CommandError(
                "--summary \(path) is \(input.role) \(input.path), which this command reads and the summary would replace; "
                    + "name the summary another way, such as summary.md", status: .usage)
        }
        let resolved: String?
        do { resolved = try SummaryFile.resolvedPath(of: path) } catch {
            throw CommandError("--summary: \(error)", status: error.isUsage ? .usage : .cannotCreate)
        }
        if let output, !output.isEmpty {
            // Written after the report, it would replace one of the report's files (report.html,
            // metrics.json, …), or be replaced by it at the next run: named so, or through a link.
            for file in [path] + (resolved.map { [$0] } ?? []) where isDirectlyInside(file, output) {
                let name = URL(fileURLWithPath: file).lastPathComponent
                let suffix = reportSuffixes.first { name.lowercased().hasSuffix($0) }
                if suffix != nil || folders.contains(name) {
                    let names = reportSuffixes.joined(separator: ", ") + folders.map { " and \($0)/" }.joined()
                    let leading = file == path ? "" : " leads to \(file), but"
                    throw CommandError(
                        "--summary \(path):\(leading) the report writes its own files in \(output) (\(names)): "
                            + "name the summary another way, such as summary.md", status: .usage)
                }
            }
            // The report makes the folder (and says so if it cannot) before the summary is written.
            if makesOutput && !FileManager.default.fileExists(atPath: output), isDirectlyInside(resolved ?? path, output) { return }
        }
        do { try SummaryFile.validate(path: path) } catch {
            throw CommandError("--summary: \(error)", status: error.isUsage ? .usage : .cannotCreate)
        }
    }

    /// The files of the runs at `paths` that a command reads: a file as it is, and a folder's
    /// metrics.json and sweep.json, each as "the run's metrics file".
    static func runInputs(_ paths: [String]) -> [(role: String, path: String)] {
        paths.flatMap { path -> [(role: String, path: String)] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
            guard isDirectory.boolValue else { return [("the run's metrics file", path)] }
            return [RunFiles.metricsName, "sweep.json"].map { ("the run's metrics file", (path as NSString).appendingPathComponent($0)) }
        }
    }

    /// The endings of the names of the files a report writes in its directory: a summary there
    /// must not end so.
    static let reportSuffixes = [".html", ".svg", ".png", ".json", ".csv", ".safetensors"]

    /// Whether the file at `path` is directly in the folder `folder`: by their paths, made
    /// absolute, with `.` and `..` resolved, and through the symbolic links of the folders that
    /// exist (a link to the output directory is the directory).
    static func isDirectlyInside(_ path: String, _ folder: String) -> Bool {
        func resolved(_ url: URL) -> String {
            url.standardizedFileURL.resolvingSymlinksInPath().standardizedFileURL.path
        }
        return resolved(URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent())
            == resolved(URL(fileURLWithPath: folder, isDirectory: true))
    }

    /// Writes the summary: over a file, all or nothing; into a FIFO, a device or a descriptor
    /// (`/dev/stdout`), straight through.
    ///
    /// - Throws: `CommandError` (74, I/O error) naming the file.
    static func write(_ text: String, to path: String) throws {
        do { try SummaryFile.write(text, to: path) } catch {
            throw CommandError("--summary: \(error)", status: .ioError)
        }
    }
}
