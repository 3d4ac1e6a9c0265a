import ArgumentParser
import Foundation
import Report

/// The report directory of a command: prepared in `run()` before any work starts, written all or
/// nothing at the end. A thin wrapper over ``ReportDirectory`` (staging folder, atomic swap,
/// interrupts: see there) that turns its errors into the command's.
struct OutputDirectory {
    private let directory: ReportDirectory

    /// Refuses, while the command line is parsed, a path that is empty, and
    /// (``checkKind(of:for:)``) a directory that holds another kind of report than `kind`.
    /// (`kind` is `nil` for a command that writes nothing there: `generate --check`.) A path that
    /// names a file is refused as the command starts (``refuseFile(_:checking:)``).
    static func validate(path: String, for kind: ReportKind?) throws {
        guard !path.isEmpty else {
            throw ValidationError("the output path is empty; name a directory, for example '.'")
        }
        if let kind { try checkKind(of: path, for: kind) }
    }

    /// Refuses, first thing in `run()`, before any work, an output path that names an existing
    /// file (or a link to one), or leads through one (`afile/sub`): no report can be written
    /// there, so both exit 73; `generate --check`, which reads the report there, exits 66.
    ///
    /// - Throws: `CommandError` naming the path and the problem.
    static func refuseFile(_ path: String, checking: Bool = false) throws {
        guard let file = PathWalk.firstNonDirectory(in: path) else { return }
        if checking {
            let problem = file == path ? "it is a file" : "\(file) is a file"
            throw CommandError("cannot check \(path): \(problem), not a directory; --check compares with the report in a directory",
                               status: .noInput)
        }
        throw CommandError("cannot write the report to \(path): \(file) is a file, not a directory", status: .cannotCreate)
    }


    /// Refuses a directory that holds another kind of report than `kind`, which the new one would
    /// mix with: a run's page beside a sweep's figures, a comparison's figures in a run's folder.
    static func checkKind(of path: String, for kind: ReportKind) throws {
        if let (found, evidence) = ReportKind.of(directory: path), found != kind {
            throw ValidationError("--output \(path) holds \(found.name) (\(evidence)), which \(kind.name) written there would mix with; "
                + "write \(kind.it) into a directory of its own")
        }
    }

    /// Checks that the path can hold a report and gets it ready; catches SIGHUP, SIGINT and SIGTERM from now on.
    ///
    /// - Throws: `CommandError` naming the path and the problem.
    init(path: String) throws {
        do { directory = try ReportDirectory(path: path) } catch {
            throw CommandError(error.description, status: .cannotCreate)
        }
    }

    /// The path of a file in the directory, as the user should read it.
    func path(_ name: String) -> String {
        directory.path(of: name)
    }

    /// Writes the files as the directory's new report, all or nothing, keeping the user's other
    /// files (but not those of `replacing` the report does not write); on a terminal, shows which
    /// file is being written and how much of it.
    ///
    /// - Parameter summary: the `--summary` to write with the report, as `text` for the file at
    ///   `path`: written in full (beside its file, and flushed) before the report replaces the
    ///   previous one, so that a failure there replaces nothing, and renamed over its file right
    ///   after (see `PreparedSummary`).
    /// - Throws: `CommandError` (74): nothing was replaced; or, when only the summary's final
    ///   rename failed, the report is the new one and the summary's file as it was, as the
    ///   message says.
    func write(_ files: [ReportFile], replacing: Set<String> = [], summary: (text: String, path: String)? = nil, showProgress: Bool = false) throws {
        let prepared: PreparedSummary?
        do { prepared = try summary.map { try PreparedSummary.prepare($0.text, to: $0.path, for: directory) } } catch {
            throw CommandError("--summary: \(error); nothing was replaced", status: .ioError)
        }
        var bar = ProgressBar(label: "writing", total: files.count, enabled: showProgress)
        var index = 0
        var current = ""
        let summaryFailure: SummaryFileError?
        do {
            summaryFailure = try directory.commit(files, replacing: replacing, summary: prepared) { name, bytes in
                if name != current { current = name; index += 1 }
                bar.update(index - 1, detail: "\(name)  \(bytes.formatted(.byteCount(style: .file)))")
            }
        } catch {
            bar.finish()
            throw CommandError(error.description, status: .ioError)
        }
        bar.finish(done: files.count)
        if let summaryFailure {
            throw CommandError(
                "--summary: \(summaryFailure), after the report was written: \(directory.path) holds the new report, "
                    + "and \(summaryFailure.path) is as it was", status: .ioError)
        }
    }
}

/// The kinds of report a command writes into its directory, told apart by the files only that
/// kind writes.
enum ReportKind: Equatable {
    /// `train`, `generate` and `plot`: a run's files, page and figures.
    case run
    /// `sweep`: `sweep.json`, `runs/` and the sweep's page.
    case sweep
    /// `compare`: a page and figures of several runs.
    case comparison
    /// The `runs/` folder of a sweep: the runs' folders, and nothing else.
    case sweepRuns

    var name: String {
        switch self {
        case .run: "a run's report"
        case .sweep: "a sweep"
        case .comparison: "a comparison"
        case .sweepRuns: "a sweep's runs"
        }
    }

    /// The report of this kind, as the object of a sentence.
    var it: String {
        switch self {
        case .run: "the run"
        case .sweep: "the sweep"
        case .comparison: "the comparison"
        case .sweepRuns: "them"
        }
    }

    /// The kind of report `directory` holds and the file that tells it, or `nil` for a directory
    /// that is missing, empty or holds no report that tells its kind (a page and a loss figure
    /// alone are both a comparison's and a run's made elsewhere without predictions).
    static func of(directory: String) -> (ReportKind, String)? {
        let slash = directory.hasSuffix("/") ? directory : directory + "/"
        let exists = { (name: String) in FileManager.default.fileExists(atPath: slash + name) }
        if exists(SweepGrid.fileName) { return (.sweep, slash + SweepGrid.fileName) }
        let folder = URL(fileURLWithPath: directory).standardizedFileURL
        let sweepGrid = folder.deletingLastPathComponent().appendingPathComponent(SweepGrid.fileName).path
        if folder.lastPathComponent == SweepReport.runsFolder, FileManager.default.fileExists(atPath: sweepGrid) {
            return (.sweepRuns, sweepGrid)
        }
        // A run's prediction figure (also of `plot` and `generate --metrics`); a comparison's
        // tails (`tail-2.svg`), which a run's baseline figures have only after their prefix.
        let prediction = DrawnFigures.fileName(stem: TrainingFigures.stems[0], format: .svg)
        for name in [RunFiles.metricsName, prediction] where exists(name) { return (.run, slash + name) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if let tail = names.sorted().first(where: { $0.wholeMatch(of: /tail-[0-9]+\.svg/) != nil }) {
            return (.comparison, slash + tail)
        }
        return nil
    }
}
