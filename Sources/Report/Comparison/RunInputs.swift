import Foundation
import RNNCore

/// Reads the runs a comparison names: run directories, metrics files and sweep directories.
///
/// - A **run directory** holds `metrics.json` (what `rnnreport train` or `generate` writes).
/// - A **metrics file** is a `metrics.json`, or any file of its shape, such as a PyTorch trace
///   (`seed0.trace.json`).
/// - A **sweep directory** holds `sweep.json` and `runs/NAME/metrics.json`; each of its runs is
///   compared, in the order of their names.
///
/// A run is named by its directory (`lr0.005-seed3`) or its file without `.json`
/// (`seed0.trace`); see ``RunLabels`` for runs that would share a name.
public enum RunInputs {
    /// The most runs one comparison takes: every run gets a figure of its own, and its colour
    /// and line style must stay distinct in the loss figure.
    public static let maximumRuns = 60

    /// The runs at `paths`, in the order given (a sweep's runs in the order of their names).
    ///
    /// - Parameter warn: called with a warning, in words, for what is compared without being
    ///   wrong: a sweep whose `sweep.json` lists runs that its `runs/` does not hold
    ///   (``missingRunsWarning(sweep:listed:missing:)``), which are left out.
    /// - Throws: ``RunInputError`` naming the first path that is missing, not a run, or malformed.
    public static func read(_ paths: [String], warn: (String) -> Void = { _ in }) throws(RunInputError) -> [ComparedRun] {
        var found: [(components: [String], origin: String, file: String, document: MetricsDocument)] = []
        for path in paths {
            for run in try runs(at: path, warn: warn) {
                found.append(run)
                if found.count > maximumRuns {
                    throw RunInputError(.tooMany, path: path, reason:
                        "more than \(maximumRuns) runs in all; a comparison takes at most \(maximumRuns), each drawn in a distinct colour and line")
                }
            }
        }
        let labels = RunLabels.distinct(found.map(\.components))
        return zip(labels, found).map { label, run in
            ComparedRun(
                label: label, origin: run.origin, metrics: run.document.metrics,
                recordedSettings: ComparedRun.recorded(in: run.document),
                recordsInitWeights: ComparedRun.recordsInitWeights(in: run.document), file: run.file)
        }
    }

    /// Each run that is a run given before it again (the same metrics file, however named: a
    /// path given twice, a run and its metrics.json, a sweep and one of its runs), with the first
    /// time it was given, in the order given.
    public static func repeats(in runs: [ComparedRun]) -> [(first: ComparedRun, again: ComparedRun)] {
        var firsts: [String: Int] = [:]
        return runs.indices.compactMap { index in
            guard let file = runs[index].file else { return nil }
            if let first = firsts[file] { return (runs[first], runs[index]) }
            firsts[file] = index
            return nil
        }
    }

    /// The runs at one path, with the path components they are named from.
    private static func runs(at path: String, warn: (String) -> Void) throws(RunInputError) -> [(components: [String], origin: String, file: String, document: MetricsDocument)] {
        guard !path.isEmpty else { throw RunInputError(.emptyPath, path: "''", reason: "the path is empty; name a run's folder or its metrics.json") }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let components = url.pathComponents.filter { $0 != "/" }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            // A dangling link, a missing file: InputFile's words.
            do { _ = try InputFile.contents(of: path) } catch { throw RunInputError(.missing, path: path, reason: error.reason) }
            throw RunInputError(.missing, path: path, reason: "it does not exist")
        }
        guard isDirectory.boolValue else {
            let name = url.lastPathComponent
            let named = name == RunFiles.metricsName
                ? Array(components.dropLast())
                : components.dropLast() + [name.hasSuffix(".json") ? String(name.dropLast(5)) : name]
            return [(named.isEmpty ? [name] : named, path, resolved(path), try metrics(at: path, shownAs: path))]
        }
        let metricsPath = url.appendingPathComponent(RunFiles.metricsName).path
        if FileManager.default.fileExists(atPath: metricsPath) {
            return [(components.isEmpty ? ["/"] : components, path, resolved(metricsPath),
                     try metrics(at: metricsPath, shownAs: join(path, RunFiles.metricsName)))]
        }
        let runsURL = url.appendingPathComponent(sweepRunsName, isDirectory: true)
        var runsIsDirectory: ObjCBool = false
        let hasRuns = FileManager.default.fileExists(atPath: runsURL.path, isDirectory: &runsIsDirectory) && runsIsDirectory.boolValue
        let hasSweep = FileManager.default.fileExists(atPath: url.appendingPathComponent(sweepFileName).path)
        guard hasRuns || hasSweep else {
            throw RunInputError(.notARun, path: path, reason:
                "not a run: a run directory holds \(RunFiles.metricsName), a sweep directory \(sweepFileName) and \(sweepRunsName)/")
        }
        guard hasRuns else {
            throw RunInputError(.missing, path: path, reason: "a sweep directory without its \(sweepRunsName)/ folder: no run has been written yet")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: runsURL.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw RunInputError(.missing, path: join(path, sweepRunsName), reason: "cannot list it")
        }
        var result: [(components: [String], origin: String, file: String, document: MetricsDocument)] = []
        for name in names {
            let runPath = join(join(path, sweepRunsName), name)
            var runIsDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: runsURL.appendingPathComponent(name).path, isDirectory: &runIsDirectory),
                  runIsDirectory.boolValue else { continue }
            let file = runsURL.appendingPathComponent(name).appendingPathComponent(RunFiles.metricsName).path
            guard FileManager.default.fileExists(atPath: file) else {
                throw RunInputError(.missing, path: runPath, reason:
                    "a run of the sweep without \(RunFiles.metricsName): it has not finished (merge the sweep first, or name the runs that are there)")
            }
            result.append((components + [name], runPath, resolved(file), try metrics(at: file, shownAs: join(runPath, RunFiles.metricsName))))
        }
        guard !result.isEmpty else {
            throw RunInputError(.notARun, path: path, reason: "a sweep directory with no runs in \(sweepRunsName)/")
        }
        // A run folder removed from runs/ leaves a comparison of the others: said, not refused.
        // (A sweep.json that cannot be read as a grid names no run, as before.)
        if hasSweep, let data = try? InputFile.contents(of: url.appendingPathComponent(sweepFileName).path),
           let grid = try? SweepGrid(jsonData: data) {
            let present = Set(result.map { $0.components.last ?? "" })
            let missing = grid.runs.map(\.name).filter { !present.contains($0) }
            if !missing.isEmpty {
                warn(missingRunsWarning(sweep: path, listed: grid.runs.count, missing: missing))
            }
        }
        return result
    }

    /// The warning for a sweep whose `sweep.json` lists `listed` runs of which `missing` are not
    /// in its `runs/`: the first few named, then how many more.
    static func missingRunsWarning(sweep path: String, listed: Int, missing: [String]) -> String {
        let shown = missing.count > 4 ? 3 : missing.count
        var names = missing.prefix(shown).joined(separator: ", ")
        if missing.count > shown {
            names += " and \(missing.count - shown) more"
        } else if let last = names.range(of: ", ", options: .backwards) {
            names.replaceSubrange(last, with: " and ")
        }
        let one = missing.count == 1
        return "\(join(path, sweepFileName)) lists \(listed) runs, and \(missing.count) of them \(one ? "is" : "are") not in "
            + "\(join(path, sweepRunsName))/ (\(names)): the comparison leaves \(one ? "it" : "them") out"
    }

    /// The name of a sweep's description file, and of the folder of its runs.
    static let sweepFileName = "sweep.json"
    static let sweepRunsName = "runs"

    /// Reads and checks one metrics file.
    private static func metrics(at path: String, shownAs shown: String) throws(RunInputError) -> MetricsDocument {
        let data: Data
        do { data = try InputFile.contents(of: path) } catch {
            throw RunInputError(.missing, path: shown, reason: error.reason)
        }
        // A file that is not JSON at all (a CSV series, a page) is told what a run is, rather
        // than where its JSON went wrong.
        if let first = firstByteOutsideJSON(data) {
            throw RunInputError(.notARun, path: shown, reason: "not the metrics of a run: it starts with \(first), where a metrics.json starts "
                + "with '{'; name a run directory, a run's \(RunFiles.metricsName) or a sweep directory")
        }
        let document: MetricsDocument
        do { document = try MetricsDocument(jsonData: data) } catch {
            throw RunInputError(.notARun, path: shown, reason: "not the metrics of a run: \(error)")
        }
        // No step, no loss to set beside the others'.
        guard !document.metrics.loss.isEmpty else {
            throw RunInputError(.notARun, path: shown, reason: "it records no training step (its loss is empty): there is nothing to compare")
        }
        return document
    }

    /// The first byte of `data` after a byte-order mark and white space, described (`'x'`,
    /// `byte 0x89`), when it can start neither a JSON object nor an array; `nil` otherwise, and
    /// for a file of nothing but white space, which the JSON reader names.
    static func firstByteOutsideJSON(_ data: Data) -> String? {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.first(where: { !" \t\r\n".utf8.contains($0) }),
              first != UInt8(ascii: "{"), first != UInt8(ascii: "[") else { return nil }
        return (0x21 ..< 0x7F).contains(first)
            ? "'\(Character(Unicode.Scalar(first)))'"
            : "byte 0x" + (first < 0x10 ? "0" : "") + String(first, radix: 16, uppercase: true)
    }

    /// The absolute path of the file at `path`, symbolic links resolved: the same for every way
    /// of naming one file.
    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// `directory/name`, without doubling a slash the user wrote.
    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
