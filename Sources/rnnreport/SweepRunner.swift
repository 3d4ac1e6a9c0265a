import Foundation
import RNNCore
import Report

/// Trains a sweep's runs, `jobs` at a time, each on its own thread with its own trainer, and
/// writes each into `DIRECTORY/runs/NAME` (all or nothing) as soon as it is done.
struct SweepRunner {
    let directory: String
    let jobs: Int
    let showProgress: Bool
    /// The CSV series of the runs, read and windowed before any run starts.
    var series: SweepSeries? = nil
    /// Whether a run whose folder already holds it, complete and with the same settings, is kept
    /// rather than trained again (`--resume`).
    var resume = false
    /// Whether the sweep's report follows the runs into ``directory`` (not a shard's).
    var writesReport = true

    /// The folder of the runs' folders: `DIRECTORY/runs`.
    var runsFolder: String {
        SweepMerge.path(SweepReport.runsFolder, in: directory)
    }

    /// The folder of a run.
    func path(of run: SweepRun) -> String {
        SweepMerge.runPath(run, in: directory)
    }

    /// What ``run(_:)`` did: each run's folder as `--merge` reads it back, by run name, and how
    /// many runs it kept (`--resume`) rather than trained.
    struct Outcome {
        var readings: [String: SweepMerge.RunReading]
        var kept: Int
    }

    /// Trains and writes `runs` (with ``resume``, those not already complete in their folders),
    /// showing the runs done and the time left (``ProgressBar``) when ``showProgress``.
    ///
    /// - Throws: `CommandError` for the first run that could not be written; the runs already
    ///   written stay, the others are not started.
    /// - Returns: each run's folder as `--merge` reads it back (read by the thread that wrote
    ///   it, while the others train), by run name, and the number of runs kept.
    @discardableResult
    func run(_ all: [SweepRun]) throws -> Outcome {
        guard !all.isEmpty else { return Outcome(readings: [:], kept: 0) }
        // What killed sweeps left in runs/, for all these runs at once, rather than by each run.
        ReportDirectory.recoverStaleSiblings(named: all.map(\.name), inFolder: runsFolder)
        var kept: [String: SweepMerge.RunReading] = [:]
        if resume {
            // A folder as --merge would take it: the run's settings and all its steps, and its model.
            for (run, reading) in zip(all, SweepMerge.read(all, in: directory, threads: jobs)) {
                switch reading {
                case .success: kept[run.name] = reading
                case .failure(let problem):
                    // A folder of this grid's name that holds a finished run of other settings
                    // (a shared setting changed since): training would replace it.
                    if let other = problem.otherSettings { throw Self.otherSettings(run, other, in: path(of: run)) }
                }
            }
        }
        let runs = all.filter { kept[$0.name] == nil }
        guard !runs.isEmpty else { return Outcome(readings: kept, kept: kept.count) }
        try checkNoFileInPlace(of: runs)
        let state = SweepProgress(total: runs.count)
        // A signal leaves the runs written in runs/: the message counts them (those kept
        // included), in place of a line saying only that nothing was written to the sweep's
        // directory, which holds them. Set before any run starts, so that no run is written
        // without it.
        ReportDirectory.describeProgressOnInterrupt(in: directory) { [state, keptCount = kept.count, directory, runsFolder, writesReport] in
            let written = keptCount + state.writtenCount
            guard written > 0 else { return nil }
            return (writesReport ? "the sweep's report was not written to \(directory), but " : "")
                + "\(written) of \(all.count) runs had finished, written in \(runsFolder) (the same command with --resume trains only the others)"
        }
        defer { ReportDirectory.describeProgressOnInterrupt(nil) }
        let work: @Sendable () -> Void = { [self] in
            while let index = state.next() {
                let run = runs[index]
                do {
                    // The first run's folder proves that runs/ takes new files; the others'
                    // are on the same file system.
                    try train(run, probing: index == 0)
                    state.written()
                    state.finish(run.name, SweepMerge.read(run, in: directory))
                } catch {
                    state.fail(error)
                }
            }
            state.threadEnded()
        }
        // As many threads as the system gives, up to --jobs (a task limit may refuse some); with
        // none, the runs train on this thread.
        var threads = 0
        while threads < min(jobs, runs.count), DetachedThread.start(stackSize: 8 << 20, work) { threads += 1 }
        if threads == 0 {
            work()
            threads = 1
        }
        var bar = ProgressBar(label: "sweep", total: runs.count, enabled: showProgress)
        state.wait(threads: threads) { done in bar.update(done, detail: "runs") }
        bar.finish()
        if let error = state.error { throw error }
        return Outcome(readings: state.readings.merging(kept) { trained, _ in trained }, kept: kept.count)
    }

    /// Refuses, before any run trains, a file where `runs/` or a run's folder goes, which the
    /// run would fail on once trained (and the others with it).
    private func checkNoFileInPlace(of runs: [SweepRun]) throws {
        try SweepMerge.checkRunsFolder(in: directory, status: .cannotCreate)
        var isDirectory: ObjCBool = false
        for run in runs {
            let folder = path(of: run)
            // A link to a folder is a folder here, as a run's folder may be one.
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw CommandError("\(folder) is a file, where the folder of the run \(run.name) goes; remove or rename it",
                                   status: .cannotCreate)
            }
        }
    }

    /// The refusal of a run folder that holds a run of other settings than `run`'s, naming the
    /// settings that differ (`--steps 300 there, 100 here`).
    static func otherSettings(_ run: SweepRun, _ recorded: TrainingConfiguration, in folder: String) -> CommandError {
        let differences = TrainingSetting.allCases
            .filter { recorded.text(of: $0) != run.config.text(of: $0) }
            .map { "\($0.sweepOptionName) \(recorded.text(of: $0)) there, \(run.config.text(of: $0)) here" }
        let which = differences.isEmpty ? "its \(RunFiles.metricsName) records others" : differences.joined(separator: "; ")
        return CommandError(
            "\(folder) holds a run of other settings (\(which)): --resume keeps a sweep's runs "
                + "and adds others, it does not replace any; give the settings as the sweep was given them, or sweep into "
                + "another directory",
            status: .usage)
    }

    /// Trains one run exactly as `rnnreport train` does and writes its two files.
    private func train(_ run: SweepRun, probing: Bool) throws {
        let path = path(of: run)
        let folder: ReportDirectory
        do { folder = try ReportDirectory(path: path, probing: probing, recoveringSiblings: false) } catch {
            throw CommandError(error.description, status: .cannotCreate)
        }
        let trainer: Trainer
        do { trainer = try Trainer(config: run.config, series: series?.windows(for: run.config)) } catch {
            throw CommandError("run \(run.name): \(error.message(naming: \.optionName))", status: .usage)
        }
        let metrics = trainer.run()
        let files = RunFiles(trainer: trainer, metrics: metrics, initWeights: nil)
        do { try folder.commit(files.files) } catch {
            throw CommandError(error.description, status: .ioError)
        }
    }
}

/// What the threads of a sweep share: the next run to start, the runs done, the first error.
private final class SweepProgress: @unchecked Sendable {
    private let condition = NSCondition()
    private let total: Int
    private var started = 0
    private var done = 0
    private var ended = 0
    private var writtenRuns = 0
    private(set) var error: (any Error)?

    init(total: Int) { self.total = total }

    /// The index of the next run to start, or `nil` when all have started or a run failed.
    func next() -> Int? {
        condition.lock(); defer { condition.unlock() }
        guard error == nil, started < total else { return nil }
        started += 1
        return started - 1
    }

    /// The runs written so far (their folders committed; they may not be read back yet).
    var writtenCount: Int {
        condition.lock(); defer { condition.unlock() }
        return writtenRuns
    }

    /// Counts a run whose folder is committed.
    func written() {
        condition.lock(); writtenRuns += 1; condition.unlock()
    }

    /// The runs done, read back, by name.
    private(set) var readings: [String: SweepMerge.RunReading] = [:]

    func finish(_ name: String, _ reading: SweepMerge.RunReading) {
        condition.lock(); done += 1; readings[name] = reading; condition.broadcast(); condition.unlock()
    }

    func fail(_ error: any Error) {
        condition.lock()
        if self.error == nil { self.error = error }
        condition.broadcast(); condition.unlock()
    }

    func threadEnded() {
        condition.lock(); ended += 1; condition.broadcast(); condition.unlock()
    }

    /// Waits until every thread has ended, calling `update` with the runs done now and then.
    func wait(threads: Int, update: (Int) -> Void) {
        condition.lock()
        while ended < threads {
            let count = done
            condition.unlock()
            update(count)
            condition.lock()
            if ended < threads { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.2)) }
        }
        let count = done
        condition.unlock()
        update(count)
    }
}
