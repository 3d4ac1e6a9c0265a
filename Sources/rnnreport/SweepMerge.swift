import ArgumentParser
import Foundation
import RNNCore
import Report

/// Reading a sweep's runs back from its directory, and writing its report: the last step of an
/// unsharded sweep, and all of `sweep --merge`.
enum SweepMerge {
    /// `name` in `directory`, as the user should read it (`sweep/sweep.json`, `sweep/runs`).
    static func path(_ name: String, in directory: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + name
    }

    /// The folder of a run in a sweep directory.
    static func runPath(_ run: SweepRun, in directory: String) -> String {
        path(SweepReport.runsFolder + "/" + run.name, in: directory)
    }

    /// Refuses a sweep directory whose `runs` is a file: said once, rather than as every run's
    /// folder missing (`--merge`) or after the runs trained (a sweep).
    static func checkRunsFolder(in directory: String, status: CommandError.Status) throws {
        let folder = path(SweepReport.runsFolder, in: directory)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CommandError("\(folder) is a file, not the folder of the sweep's runs; remove or rename it", status: status)
        }
    }

    /// Writes the grid's `sweep.json` into `directory` (created if missing), as every shard does;
    /// refuses a directory that holds another grid.
    static func writeGrid(_ grid: SweepGrid, into directory: String) throws {
        let data = grid.jsonData()
        try checkGrid(grid, in: directory, sharded: true)
        do { try SharedFile.write(data, as: SweepGrid.fileName, in: directory) } catch {
            throw CommandError(error.description, status: .cannotCreate)
        }
    }

    /// A run's loss and held-out evaluation as read back from its folder, or what is wrong with
    /// the folder.
    typealias RunReading = Result<RunOutcome, RunProblem>

    /// What the report keeps of a run: the loss of every step, and on a CSV series the train and
    /// held-out MSE.
    struct RunOutcome {
        var loss: [Float?]
        var trainMSE: Double?
        var holdoutMSE: Double?
        var evaluated: Bool
    }

    /// A run that is missing or incomplete, in words (`missing: lr0.005-seed1 (…)`).
    struct RunProblem: Error {
        var text: String
        /// The settings the folder's `metrics.json` records, when they are not the run's.
        var otherSettings: TrainingConfiguration? = nil
    }

    /// Reads a run's folder back, as `--merge` does: both files, the run's settings, every step.
    static func read(_ run: SweepRun, in directory: String) -> RunReading {
        let folder = runPath(run, in: directory)
        guard FileManager.default.fileExists(atPath: folder) else {
            return .failure(RunProblem(text: "missing: \(run.name) (no folder \(folder))"))
        }
        guard FileManager.default.fileExists(atPath: folder + "/" + RunFiles.modelName) else {
            return .failure(RunProblem(text: "incomplete: \(run.name) (no \(RunFiles.modelName))"))
        }
        let metrics: TrainingMetrics
        do { metrics = try TrainingMetrics(contentsOf: URL(fileURLWithPath: folder + "/" + RunFiles.metricsName)) } catch {
            return .failure(RunProblem(text: "incomplete: \(run.name) (\(RunFiles.metricsName): \(error))"))
        }
        guard metrics.config == run.config else {
            return .failure(RunProblem(text: "different: \(run.name) (its \(RunFiles.metricsName) has other settings than sweep.json's)",
                                       otherSettings: metrics.config))
        }
        guard metrics.completedSteps == run.config.steps else {
            return .failure(RunProblem(text: "incomplete: \(run.name) (\(metrics.completedSteps) of \(run.config.steps) steps)"))
        }
        return .success(RunOutcome(
            loss: metrics.loss, trainMSE: metrics.evaluation?.trainMSE, holdoutMSE: metrics.evaluation?.holdoutMSE,
            evaluated: metrics.evaluation != nil))
    }

    /// Refuses a directory that holds another grid's `sweep.json`, whose runs would mix with
    /// this grid's: a usage error (64), as every `--output` that holds another report is. A
    /// shard's grid must be the directory's even with `--resume`, which grows a grid only unsharded.
    static func checkGrid(_ grid: SweepGrid, in directory: String, sharded: Bool = false) throws {
        let path = path(SweepGrid.fileName, in: directory)
        if let existing = FileManager.default.contents(atPath: path), existing != grid.jsonData() {
            throw CommandError(
                sharded
                    ? "\(directory) holds another sweep: \(path) is the grid of another sweep, and every shard of a sweep is given the same grid, with --resume too; "
                        + "to grow the sweep, run it without --shard and with --resume, or give each sweep a directory of its own (another --output)"
                    : "\(directory) holds another sweep: \(path) is the grid of another sweep; give this one a directory of its own (another --output), "
                        + "or add --resume to grow that sweep into this grid (--resume keeps its runs, when this grid holds every one of them)",
                status: .usage)
        }
    }

    /// Refuses a directory whose `runs/` holds runs that `grid` leaves out: the report would leave
    /// them out while a comparison of the directory takes them in. A grid may grow on resuming,
    /// not shrink; and a sweep stopped before its report left its runs without `sweep.json`.
    ///
    /// - Throws: `CommandError` (64, usage), as for an `--output` that holds another sweep's grid,
    ///   naming the runs and the choices: remove their folders, or sweep into another directory.
    static func checkNoRunLeftOut(_ grid: SweepGrid, in directory: String, resuming: Bool) throws {
        let folder = path(SweepReport.runsFolder, in: directory)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let inGrid = Set(grid.runs.map(\.name))
        let left = entries.filter { name in
            var isDirectory: ObjCBool = false
            // Names starting with a dot are what a killed run left staged, which the run recovers.
            return !name.hasPrefix(".") && !inGrid.contains(name)
                && FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
        guard let first = left.first else { return }
        // A run this grid holds under another name: most often a list cut to one value, which
        // then is part of every run's settings and of none's name.
        if let (old, new) = renamedRun(left, grid: grid, in: directory) {
            throw CommandError(
                "\(folder)/\(old) has the settings of this grid's run \(new), under another name: the runs' names hold "
                    + "the settings given more than one value, so a list with fewer values names the runs otherwise; "
                    + "give the lists as the sweep in \(directory) was given them (its \(SweepGrid.fileName) holds its runs), "
                    + "or sweep into another directory",
                status: .usage)
        }
        let named = left.count == 1 ? first : "\(left.count) runs, \(left.prefix(3).joined(separator: ", "))\(left.count > 3 ? ", …" : "")"
        let why = resuming
            ? "--resume keeps a sweep's runs and adds others, it does not drop any"
            : "the report would leave \(left.count == 1 ? "it" : "them") out, and a comparison of the folder takes \(left.count == 1 ? "it" : "them") in"
        throw CommandError(
            "\(folder) holds \(named) that this grid leaves out; \(why): remove \(left.count == 1 ? "its folder" : "their folders"), "
                + "or sweep into another directory",
            status: .usage)
    }

    /// The first of the runs `names` (folders of `directory`'s runs/ that `grid` does not name)
    /// whose settings are those of a run of `grid` by another name, with that name. The settings
    /// are the directory's `sweep.json`'s where it names the run, else the run's `metrics.json`'s,
    /// read only where the grid has a run whose name's parts are all in the folder's
    /// (`seed0` in `lr0.02-seed0`), and for a few such runs: this is the path of a refusal.
    static func renamedRun(_ names: [String], grid: SweepGrid, in directory: String) -> (String, String)? {
        let recorded = FileManager.default.contents(atPath: path(SweepGrid.fileName, in: directory))
            .flatMap { try? SweepGrid(jsonData: $0) }
            .map { Dictionary($0.runs.map { ($0.name, $0.config) }, uniquingKeysWith: { first, _ in first }) } ?? [:]
        let gridParts = grid.runs.map { Set($0.name.split(separator: "-")) }
        var read = 0
        for name in names {
            var config = recorded[name]
            let parts = Set(name.split(separator: "-"))
            if config == nil, read < 5, gridParts.contains(where: { $0.isSubset(of: parts) }) {
                read += 1
                let file = URL(fileURLWithPath: path(SweepReport.runsFolder + "/" + name + "/" + RunFiles.metricsName, in: directory))
                config = try? TrainingMetrics(contentsOf: file).config
            }
            if let config, let run = grid.runs.first(where: { $0.config == config }) { return (name, run.name) }
        }
        return nil
    }

    /// Reads every run's folder back (on `threads` threads; the runs in `readings` were read
    /// already, by the threads that wrote them) and checks that each is complete.
    ///
    /// - Throws: `ExitCode(1)` after naming each run that is missing or incomplete, in grid order.
    static func results(_ grid: SweepGrid, in directory: String, readings: [String: RunReading] = [:], threads: Int) throws -> SweepResults {
        try checkRunsFolder(in: directory, status: .badData)
        let runs = grid.runs
        let unread = runs.filter { readings[$0.name] == nil }
        var fresh = zip(unread, read(unread, in: directory, threads: threads)).makeIterator()
        let all = runs.map { run in readings[run.name] ?? fresh.next()!.1 }
        let problems = all.compactMap { reading -> String? in
            if case .failure(let problem) = reading { problem.text } else { nil }
        }
        guard problems.isEmpty else {
            for problem in problems.prefix(200) { printError(problem) }
            if problems.count > 200 { printError("… and \(problems.count - 200) more") }
            printError("\(directory): \(problems.count) of \(Sweep.runs(grid.runs.count)) \(problems.count == 1 ? "is" : "are") missing or incomplete; "
                + "run the shards that hold them again (the same command), then merge")
            throw ExitCode(1)
        }
        var outcomes: [String: RunOutcome] = [:]
        for (run, reading) in zip(runs, all) { if case .success(let outcome) = reading { outcomes[run.name] = outcome } }
        return SweepResults(grid: grid) { run in
            let outcome = outcomes[run.name]
            // Only the MSEs of the evaluation are kept: the report needs no run's whole series.
            let evaluation = outcome.flatMap { $0.evaluated ? $0 : nil }.map {
                Evaluation(holdoutStart: 0, real: [], prediction: [], trainMSE: $0.trainMSE, holdoutMSE: $0.holdoutMSE)
            }
            return TrainingMetrics(config: run.config, loss: outcome?.loss ?? [], evaluation: evaluation)
        }
    }

    /// Each of `runs`' folders read back, in their order, on `threads` threads (`threads` slices
    /// of the runs, each read on a thread of its own).
    static func read(_ runs: [SweepRun], in directory: String, threads: Int) -> [RunReading] {
        let store = ReadingStore(count: runs.count)
        let slices = max(1, min(threads, runs.count))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            for index in stride(from: slice, to: runs.count, by: slices) {
                store.set(index, read(runs[index], in: directory))
            }
        }
        return store.readings
    }

    /// Draws the report of the results and commits it into the sweep directory, keeping `runs/`;
    /// with `summary`, the path of `--summary`, its Markdown is written in full before the report
    /// replaces the previous one and renamed into place right after (see `OutputDirectory.write`).
    static func writeReport(
        _ results: SweepResults, into directory: OutputDirectory, threads: Int, showProgress: Bool, summary: String? = nil
    ) throws {
        var best: TrainingMetrics?
        if let run = results.bestRun {
            let path = directory.path(SweepReport.runsFolder + "/" + run.run.name + "/" + RunFiles.metricsName)
            do { best = try TrainingMetrics(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw CommandError("\(path): \(error)", status: .badData)
            }
        }
        let report: SweepReport
        do { report = try SweepReport(results: results, best: best, threads: threads) } catch {
            throw CommandError("the sweep's report cannot be made: \(error)", status: .software)
        }
        try directory.write(report.files, summary: summary.map { (SweepReport.markdown(results), $0) }, showProgress: showProgress)
    }

    /// The outcome in a line, for the terminal; with a word of caution when the runs' losses are
    /// of different quantities (``SweepResults/lossUnits``).
    static func line(_ results: SweepResults) -> String {
        let caution = results.lossUnits.count > 1 ? " (losses of different quantities: see the report)" : ""
        return outcome(results) + caution
    }

    /// "1 seed", "3 seeds".
    private static func seeds(_ count: Int) -> String {
        "\(count) seed\(count == 1 ? "" : "s")"
    }

    private static func outcome(_ results: SweepResults) -> String {
        let runs = results.grid.runs.count
        if let best = results.configurations.first, best.ranksByHoldout, let median = best.medianHoldoutMSE {
            return "best \(best.label) (median held-out MSE \(String(format: "%.3g", median)), train "
                + "\(best.medianTrainMSE.map { String(format: "%.3g", $0) } ?? "–") over \(seeds(best.runs.count)))"
        }
        guard let best = results.configurations.first, let median = best.medianLast else {
            return "no run has a finite loss over its last steps"
        }
        guard results.judged else {
            // A run on a CSV series has no converged or not-converged verdict.
            return "best \(best.label) (median \(results.lastLossName) \(String(format: "%.3g", median)) over \(seeds(best.runs.count)))"
        }
        return "\(results.convergedCount) of \(runs) converged; best \(best.label) "
            + "(\(best.converged)/\(best.runs.count) seeds, median \(results.lastLossName) \(String(format: "%.3g", median)))"
    }
}

/// The readings of a sweep's runs, filled in from several threads.
private final class ReadingStore: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [SweepMerge.RunReading]

    init(count: Int) {
        storage = Array(repeating: .failure(SweepMerge.RunProblem(text: "")), count: count)
    }

    func set(_ index: Int, _ reading: SweepMerge.RunReading) {
        lock.lock(); storage[index] = reading; lock.unlock()
    }

    var readings: [SweepMerge.RunReading] {
        lock.lock(); defer { lock.unlock() }
        return storage
    }
}
