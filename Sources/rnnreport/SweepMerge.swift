import ArgumentParser
import Foundation
import RNNCore
import Report

/// Reading a sweep's runs back from its directory, and writing its report: the last step of an
/// unsharded sweep, and all of `sweep --merge`.
enum SweepMerge {
    /// The folder of a run in a sweep directory.
    static func runPath(_ run: SweepRun, in directory: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + SweepReport.runsFolder + "/" + run.name
    }

    /// Writes the grid's `sweep.json` into `directory` (created if missing), as every shard does;
    /// refuses a directory that holds another grid.
    static func writeGrid(_ grid: SweepGrid, into directory: String) throws {
        let data = grid.jsonData()
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + SweepGrid.fileName
        if let existing = FileManager.default.contents(atPath: path), existing != data {
            throw CommandError(
                "\(path) is the grid of another sweep; give each sweep a directory of its own (or remove it)",
                status: .cannotCreate)
        }
        do { try SharedFile.write(data, as: SweepGrid.fileName, in: directory) } catch {
            throw CommandError(error.description, status: .cannotCreate)
        }
    }

    /// Reads every run's metrics and checks that each is complete: both files, the run's settings,
    /// every step.
    ///
    /// - Throws: `ExitCode(1)` after naming each run that is missing or incomplete.
    static func results(_ grid: SweepGrid, in directory: String) throws -> SweepResults {
        var problems: [String] = []
        let results = SweepResults(grid: grid) { run in
            let folder = runPath(run, in: directory)
            let empty = TrainingMetrics(config: run.config, loss: [], learningRate: [], gradNorm: [], real: [], prediction: [])
            guard FileManager.default.fileExists(atPath: folder) else {
                problems.append("missing: \(run.name) (no folder \(folder))")
                return empty
            }
            guard FileManager.default.fileExists(atPath: folder + "/" + RunFiles.modelName) else {
                problems.append("incomplete: \(run.name) (no \(RunFiles.modelName))")
                return empty
            }
            let metrics: TrainingMetrics
            do { metrics = try TrainingMetrics(contentsOf: URL(fileURLWithPath: folder + "/" + RunFiles.metricsName)) } catch {
                problems.append("incomplete: \(run.name) (\(RunFiles.metricsName): \(error))")
                return empty
            }
            guard metrics.config == run.config else {
                problems.append("different: \(run.name) (its \(RunFiles.metricsName) has other settings than sweep.json's)")
                return empty
            }
            guard metrics.completedSteps == run.config.steps else {
                problems.append("incomplete: \(run.name) (\(metrics.completedSteps) of \(run.config.steps) steps)")
                return empty
            }
            return metrics
        }
        guard problems.isEmpty else {
            for problem in problems.prefix(200) { printError(problem) }
            if problems.count > 200 { printError("… and \(problems.count - 200) more") }
            printError("\(directory): \(problems.count) of \(grid.runs.count) runs are missing or incomplete; "
                + "run the shards that hold them again (the same command), then merge")
            throw ExitCode(1)
        }
        return results
    }

    /// Draws the report of the results and commits it into the sweep directory, keeping `runs/`.
    static func writeReport(_ results: SweepResults, into directory: OutputDirectory, showProgress: Bool) throws {
        var best: TrainingMetrics?
        if let run = results.bestRun {
            let path = directory.path(SweepReport.runsFolder + "/" + run.run.name + "/" + RunFiles.metricsName)
            do { best = try TrainingMetrics(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw CommandError("\(path): \(error)", status: .badData)
            }
        }
        let report: SweepReport
        do { report = try SweepReport(results: results, best: best) } catch {
            throw CommandError("the sweep's report cannot be made: \(error)", status: .software)
        }
        try directory.write(report.files, showProgress: showProgress)
    }

    /// The outcome in a line, for the terminal.
    static func line(_ results: SweepResults) -> String {
        let runs = results.grid.runs.count
        guard let best = results.configurations.first, let median = best.medianLast else {
            return "no run has a loss for its last 50 steps"
        }
        return "\(results.convergedCount) of \(runs) converged; best \(best.label) "
            + "(\(best.converged)/\(best.runs.count) seeds, median last-50 loss \(String(format: "%.3g", median)))"
    }
}
