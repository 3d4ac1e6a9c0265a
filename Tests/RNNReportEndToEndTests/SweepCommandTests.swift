import ArgumentParser
import Foundation
import RNNCore
@testable import Report
@testable import rnnreport
import Testing
import TestSupport

/// A small grid: 2 learning rates × 3 seeds of the small network (a few milliseconds a run).
private let smallGrid = ["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "60",
                         "--learning-rate", "0.005,0.02", "--seeds", "0..2"]

@Suite("rnnreport sweep")
struct SweepCommandTests {
    @Test("--config takes a run's metrics.json, as train does: its config is every run's base, and each run is train's from the same file")
    func configFromMetrics() throws {
        try withTemporaryDirectory { folder in
            let first = folder.appendingPathComponent("first")
            try Train.execute(["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "30",
                               "--lr-factor", "0.25", "--output", first.path, "--quiet"])
            let metrics = first.appendingPathComponent("metrics.json")
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute(["--config", metrics.path, "--learning-rate", "0.005,0.02", "--seeds", "1", "--output", sweep.path, "--quiet"])
            let train = folder.appendingPathComponent("train")
            try Train.execute(["--config", metrics.path, "--learning-rate", "0.02", "--seed", "1", "--output", train.path, "--quiet"])
            let trained = try tree(train), run = try tree(sweep.appendingPathComponent("runs/lr0.02-seed1"))
            #expect(trained.count == 2 && differences(trained, run).isEmpty)
            let swept = try TrainingMetrics(contentsOf: sweep.appendingPathComponent("runs/lr0.005-seed1/metrics.json")).config
            #expect(swept.hiddenSize == 8 && swept.steps == 30 && swept.lrFactor == 0.25 && swept.seed == 1)
            // A metrics file with a key given twice is refused as train refuses it, named as one.
            let text = try metrics.text().replacingOccurrences(of: #""config":{"#, with: #""config":{"steps": 5, "#)
            #expect(text.contains(#""steps": 5, "#))
            let twice = folder.appendingPathComponent("twice.json")
            try Data(text.utf8).write(to: twice)
            let failure = Sweep.expectRefusal(["--config", twice.path, "--learning-rate", "0.005,0.02"], in: folder, mentioning: [
                "--config file \(twice.path) (a metrics file: its config): line 1, column "])
            #expect(failure?.code == 65)
        }
    }

    @Test("each run's folder holds the files rnnreport train writes with the same settings, byte for byte")
    func runsEqualTrain() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute(smallGrid + ["--output", sweep.path, "--quiet", "--jobs", "2"])
            for (rate, seed) in [("0.005", "0"), ("0.02", "2")] {
                let train = folder.appendingPathComponent("train-\(rate)-\(seed)")
                try Train.execute(["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "60",
                                   "--learning-rate", rate, "--seed", seed, "--output", train.path, "--quiet"])
                let run = sweep.appendingPathComponent("runs/lr\(rate)-seed\(seed)")
                let trained = try tree(train)
                #expect(trained.keys.sorted() == ["metrics.json", "model.safetensors"])
                #expect(differences(trained, try tree(run)).isEmpty, "run lr\(rate)-seed\(seed) differs from train")
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: sweep.path).sorted()
            #expect(names == [
                "best-prediction-tail.dark.svg", "best-prediction-tail.png", "best-prediction-tail.svg", "report.html", "runs",
                "summary.csv", "sweep-last-loss.dark.svg", "sweep-last-loss.png", "sweep-last-loss.svg",
                "sweep-loss.dark.svg", "sweep-loss.png", "sweep-loss.svg", "sweep.json",
            ])
            let runs = try FileManager.default.contentsOfDirectory(atPath: sweep.appendingPathComponent("runs").path).sorted()
            #expect(runs == ["lr0.005-seed0", "lr0.005-seed1", "lr0.005-seed2", "lr0.02-seed0", "lr0.02-seed1", "lr0.02-seed2"])
            #expect(try !FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.hasPrefix(".") }, "a staging folder was left")
            let page = try String(contentsOf: sweep.appendingPathComponent("report.html"), encoding: .utf8)
            for run in runs { #expect(page.contains("href=\"runs/\(run)/metrics.json\""), "no link to \(run)") }
        }
    }

    @Test("a sweep run again removes what its killed runs left in runs/, and only theirs")
    func staleRunsRecovered() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            let runs = sweep.appendingPathComponent("runs")
            // A run of this grid killed while it wrote its folder, and one of another grid's.
            for name in [".lr0.02-seed1.rnnreport-staging-999999", ".lr0.5-seed1.rnnreport-staging-999999"] {
                try FileManager.default.createDirectory(at: runs.appendingPathComponent(name), withIntermediateDirectories: true)
                try Data("partial".utf8).write(to: runs.appendingPathComponent(name + "/metrics.json"))
            }
            try Sweep.execute(smallGrid + ["--output", sweep.path, "--quiet", "--jobs", "2"])
            let names = try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted()
            #expect(names == [
                ".lr0.5-seed1.rnnreport-staging-999999",
                "lr0.005-seed0", "lr0.005-seed1", "lr0.005-seed2", "lr0.02-seed0", "lr0.02-seed1", "lr0.02-seed2",
            ])
        }
    }

    @Test("a run folder that is a symbolic link: what its killed run left beside the link's target is removed too")
    func staleRunsBesideLinkTargetRecovered() throws {
        try withTemporaryDirectory { folder in
            let runs = folder.appendingPathComponent("sweep/runs")
            let scratch = folder.appendingPathComponent("scratch")
            // The run's folder is kept elsewhere (another disk), under another name; the run was
            // killed while it wrote it, so its staging folder is beside the target, not in runs/.
            let stale = scratch.appendingPathComponent(".big.rnnreport-staging-999999")
            try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
            try Data("partial".utf8).write(to: stale.appendingPathComponent("metrics.json"))
            try FileManager.default.createDirectory(at: scratch.appendingPathComponent("big"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(
                atPath: runs.appendingPathComponent("lr0.02-seed1").path, withDestinationPath: scratch.appendingPathComponent("big").path)
            try Sweep.execute(smallGrid + ["--output", folder.appendingPathComponent("sweep").path, "--quiet", "--jobs", "2"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["big"])
            #expect(FileManager.default.fileExists(atPath: runs.appendingPathComponent("lr0.02-seed1/metrics.json").path))
        }
    }

    @Test("--jobs 1 and --jobs 2 give the same directory, byte for byte")
    func jobsDoNotMatter() throws {
        try withTemporaryDirectory { folder in
            let one = folder.appendingPathComponent("one"), two = folder.appendingPathComponent("two")
            try Sweep.execute(smallGrid + ["--output", one.path, "--quiet", "--jobs", "1"])
            try Sweep.execute(smallGrid + ["--output", two.path, "--quiet", "--jobs", "2"])
            let a = try tree(one), b = try tree(two)
            #expect(a.count == 13 + 6 * 3)
            #expect(differences(a, b).isEmpty, "differ: \(differences(a, b))")
        }
    }

    @Test("3 shards and --merge give the same directory as one sweep; merging before the last shard names its runs")
    func shardsAndMerge() throws {
        try withTemporaryDirectory { folder in
            let whole = folder.appendingPathComponent("whole"), sharded = folder.appendingPathComponent("sharded")
            try Sweep.execute(smallGrid + ["--output", whole.path, "--quiet"])
            for index in 1 ... 2 {
                try Sweep.execute(smallGrid + ["--output", sharded.path, "--quiet", "--shard", "\(index)/3"])
            }
            let shardTwo = try FileManager.default.contentsOfDirectory(atPath: sharded.appendingPathComponent("runs").path).sorted()
            #expect(shardTwo == ["lr0.005-seed0", "lr0.005-seed1", "lr0.02-seed0", "lr0.02-seed1"])
            let early = Sweep.failure(["--merge", sharded.path, "--quiet"])
            #expect(early?.code == 1, "\(String(describing: early))")
            #expect(!FileManager.default.fileExists(atPath: sharded.appendingPathComponent("report.html").path))

            try Sweep.execute(smallGrid + ["--output", sharded.path, "--quiet", "--shard", "3/3"])
            try Sweep.execute(["--merge", sharded.path, "--quiet"])
            let a = try tree(whole), b = try tree(sharded)
            #expect(differences(a, b).isEmpty, "differ: \(differences(a, b))")
        }
    }

    @Test("--resume keeps the complete runs, trains the missing and the incomplete ones, and gives the whole sweep's bytes")
    func resume() throws {
        try withTemporaryDirectory { folder in
            let whole = folder.appendingPathComponent("whole"), resumed = folder.appendingPathComponent("resumed")
            try Sweep.execute(smallGrid + ["--output", whole.path, "--quiet"])
            // As a sweep stopped part way: shard 1 of 2 (seeds 0 and 2 of 0.005, seed 1 of 0.02),
            // one of them without its model.
            let shard = try RNNReportBinary.run(["sweep"] + smallGrid + ["--output", resumed.path, "--shard", "1/2"])
            // The line scripts read (scripts/slurm-test does).
            #expect(shard.standardOutput.hasPrefix("shard 1/2: trained 3 of 6 runs into \(resumed.path)/runs; "), "\(shard)")
            let resumedShard = try RNNReportBinary.run(["sweep"] + smallGrid + ["--output", resumed.path, "--shard", "1/2", "--resume"])
            #expect(resumedShard.standardOutput.hasPrefix("shard 1/2: trained 0 of 6 runs into \(resumed.path)/runs, kept 3 already complete; "), "\(resumedShard)")
            try FileManager.default.removeItem(at: resumed.appendingPathComponent("runs/lr0.02-seed1/model.safetensors"))
            func inode(_ run: String) throws -> Int? {
                try FileManager.default.attributesOfItem(atPath: resumed.appendingPathComponent("runs/\(run)/metrics.json").path)[.systemFileNumber] as? Int
            }
            let kept = try inode("lr0.005-seed0"), broken = try inode("lr0.02-seed1")
            let result = try RNNReportBinary.run(["sweep"] + smallGrid + ["--output", resumed.path, "--resume", "--jobs", "2"])
            #expect(result.status == 0, "\(result)")
            #expect(result.standardOutput.hasPrefix("trained 4 runs, kept 2 already complete: "), "\(result)")
            #expect(try inode("lr0.005-seed0") == kept, "a complete run was written again")
            #expect(try inode("lr0.02-seed1") != broken, "the incomplete run was kept")
            let a = try tree(whole), b = try tree(resumed)
            #expect(differences(a, b).isEmpty, "differ: \(differences(a, b))")
            // Everything complete: nothing is trained, and the report is the same.
            let again = try RNNReportBinary.run(["sweep"] + smallGrid + ["--output", resumed.path, "--resume"])
            #expect(again.standardOutput.hasPrefix("trained 0 runs, kept 6 already complete: "), "\(again)")
            #expect(differences(a, try tree(resumed)).isEmpty)
            // A grid grown by a value: only its runs are trained, and the report is the grown grid's.
            let grown = ["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "60",
                         "--learning-rate", "0.005,0.02,0.01", "--seeds", "0..2"]
            let growing = try RNNReportBinary.run(["sweep"] + grown + ["--output", resumed.path, "--resume"])
            #expect(growing.standardOutput.hasPrefix("trained 3 runs, kept 6 already complete: "), "\(growing)")
            #expect(try inode("lr0.005-seed0") == kept)
            let full = folder.appendingPathComponent("grown")
            try Sweep.execute(grown + ["--output", full.path, "--quiet"])
            #expect(differences(try tree(full), try tree(resumed)).isEmpty)
            // Without --resume every run is trained again (and the grid must be the directory's).
            try Sweep.execute(grown + ["--output", resumed.path, "--quiet"])
            #expect(try inode("lr0.005-seed0") != kept)
            let other = Sweep.failure(smallGrid + ["--output", resumed.path, "--quiet"])
            // Another report in --output is a usage error (64), as for every other kind of report.
            expectFailure(other, mentioning: ["\(resumed.path) holds another sweep", "the grid of another sweep", "another --output",
                                              "--resume keeps its runs, when this grid holds every one of them"])
            #expect(other?.code == 64)
            // A grid may not shrink on resuming: the report would leave out runs that a comparison
            // of the directory takes in. Refused before anything is trained or written, as a usage
            // error (64) like another sweep's grid: the folder holds another sweep's runs.
            let before = try tree(resumed)
            let shrunk = Sweep.failure(smallGrid + ["--output", resumed.path, "--quiet", "--resume"])
            #expect(shrunk?.message == "\(resumed.path)/runs holds 3 runs, lr0.01-seed0, lr0.01-seed1, lr0.01-seed2 that this grid "
                + "leaves out; --resume keeps a sweep's runs and adds others, it does not drop any: remove their folders, or sweep "
                + "into another directory")
            #expect(shrunk?.code == 64)
            #expect(differences(before, try tree(resumed)).isEmpty)
            for seed in 0 ... 2 { try FileManager.default.removeItem(at: resumed.appendingPathComponent("runs/lr0.01-seed\(seed)")) }
            let fewer = try RNNReportBinary.run(["sweep"] + smallGrid + ["--output", resumed.path, "--resume"])
            #expect(fewer.standardOutput.hasPrefix("trained 0 runs, kept 6 already complete: "), "\(fewer)")
            #expect(differences(a, try tree(resumed)).isEmpty)
            // Without --resume too: a sweep stopped before its report leaves runs/ without the
            // sweep.json that would tell another grid's.
            let stopped = folder.appendingPathComponent("stopped")
            try FileManager.default.copyItem(at: resumed, to: stopped)
            try FileManager.default.removeItem(at: stopped.appendingPathComponent("sweep.json"))
            let smaller = Sweep.failure(["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "60",
                                         "--learning-rate", "0.005,0.01", "--seeds", "0..2", "--output", stopped.path, "--quiet"])
            #expect(smaller?.message == "\(stopped.path)/runs holds 3 runs, lr0.02-seed0, lr0.02-seed1, lr0.02-seed2 that this grid "
                + "leaves out; the report would leave them out, and a comparison of the folder takes them in: remove their folders, "
                + "or sweep into another directory")
            #expect(smaller?.code == 64)
            // A list cut to one value takes that setting out of the runs' names: the refusal says
            // that the run is there under another name, from sweep.json or, without it, from the
            // run's metrics.json.
            let explained = "has the settings of this grid's run seed0, under another name: the runs' names hold the settings "
                + "given more than one value, so a list with fewer values names the runs otherwise; give the lists as the sweep in "
            let cut = ["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "60", "--seeds", "0..2", "--quiet"]
            let untouched = try tree(resumed)
            let one = Sweep.failure(cut + ["--learning-rate", "0.005", "--output", resumed.path, "--resume"])
            #expect(one?.message == "\(resumed.path)/runs/lr0.005-seed0 \(explained)\(resumed.path) was given them "
                + "(its sweep.json holds its runs), or sweep into another directory")
            #expect(one?.code == 64)
            let unrecorded = Sweep.failure(cut + ["--learning-rate", "0.02", "--output", stopped.path])
            #expect(unrecorded?.message.hasPrefix("\(stopped.path)/runs/lr0.02-seed0 \(explained)") == true, "\(String(describing: unrecorded))")
            #expect(differences(untouched, try tree(resumed)).isEmpty)
            // A shared setting changed: the grid's runs have their names and other settings, and
            // --resume refuses to replace them, naming what differs, before anything is trained.
            let changed = Sweep.failure(smallGrid.map { $0 == "60" ? "40" : $0 } + ["--output", resumed.path, "--resume"])
            #expect(changed?.message == "\(resumed.path)/runs/lr0.005-seed0 holds a run of other settings (--steps 60 there, 40 here): "
                + "--resume keeps a sweep's runs and adds others, it does not replace any; give the settings as the sweep was "
                + "given them, or sweep into another directory")
            #expect(changed?.code == 64)
            #expect(differences(untouched, try tree(resumed)).isEmpty)
            // --merge trains nothing, so it takes no --resume.
            let merge = Sweep.failure(["--merge", resumed.path, "--resume"])
            expectFailure(merge, mentioning: ["--merge", "--resume"])
            #expect(merge?.code == 64)
        }
    }

    @Test("a grid of more than 100000 runs, and a range of more than 100000 seeds, are refused (64) before any work, as the README's Limits table says")
    func limits() throws {
        try withTemporaryDirectory { folder in
            let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("README.md")
            let limits = try #require(try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "### Limits\n").dropFirst().first?
                .components(separatedBy: "\n\n").dropFirst().first)
            for (arguments, message, row) in [
                (["--learning-rate", "0.001,0.002", "--seeds", "0..99999"],
                 "the grid: 2 × 100000 seeds is more than 100000 runs; split it into several sweeps", "| a sweep's grid | 100,000 runs"),
                (["--seeds", "0..49999,50000..100000"],
                 "the grid: 100001 seeds is more than 100000 runs; split it into several sweeps", "| a sweep's grid | 100,000 runs"),
                (["--seeds", "0..100000"], "--seeds: the range 0..100000 has more than 100000 seeds", "| a range of `--seeds` | 100,000 seeds"),
            ] {
                let refused = Sweep.expectRefusal(arguments, in: folder, mentioning: [])
                #expect(refused?.message == message, "\(String(describing: refused))")
                #expect(refused?.code == 64)
                let line = limits.split(separator: "\n").first { $0.hasPrefix(row) }
                #expect(line != nil, "no row \(row) in the Limits table: \(limits)")
                if !message.contains("100001") { #expect(line?.contains("`\(message)`") == true, "\(message) not in \(String(describing: line))") }
            }
            // At the limit, the grid is made.
            #expect(try Sweep.grid(base: TrainingConfiguration(), lists: [(.seed, "0..99999")]).runs.count == SweepGrid.maximumRuns)
        }
    }

    @Test("an empty --merge, --output or --summary path is a usage error (64) naming the option, before any work")
    func emptyPaths() throws {
        try withTemporaryDirectory { folder in
            let merge = Sweep.failure(["--merge", ""])
            #expect(merge?.message == "the --merge path is empty; name the sweep's directory, for example '.'", "\(String(describing: merge))")
            #expect(merge?.code == 64)
            let output = folder.appendingPathComponent("out").path
            let cases: [(CommandFailure?, String)] = [
                (Sweep.failure(smallGrid + ["--output", ""]), "the output path is empty"),
                (Sweep.failure(smallGrid + ["--output", output, "--summary", ""]), "--summary: the path is empty"),
                (Sweep.failure(["--merge", output, "--summary", ""]), "--summary: the path is empty"),
                (Compare.failure([try Fixtures.url("small.trace.json").path, "--output", ""]), "the output path is empty"),
                (Compare.failure([try Fixtures.url("small.trace.json").path, "--output", output, "--summary", ""]), "--summary: the path is empty"),
                (Generate.failure(smallRun + ["--output", ""]), "the output path is empty"),
                (Generate.failure(smallRun + ["--output", output, "--summary", ""]), "--summary: the path is empty"),
                (Train.failure(smallRun + ["--output", ""]), "the output path is empty"),
                (Plot.failure(["--metrics", try Fixtures.url("small.trace.json").path, "--output", ""]), "the output path is empty"),
            ]
            for (failure, words) in cases {
                expectFailure(failure, mentioning: [words])
                #expect(failure?.code == 64, "\(String(describing: failure))")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }

    @Test("merging an incomplete directory names each missing or incomplete run, exits 1 and writes nothing")
    func incompleteMerge() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute(smallGrid + ["--output", sweep.path, "--quiet", "--shard", "1/2"])
            // Shard 1 of 2 holds seeds 0 and 2 of 0.005 and seed 1 of 0.02; break one of them.
            let broken = sweep.appendingPathComponent("runs/lr0.02-seed1/model.safetensors")
            try FileManager.default.removeItem(at: broken)
            let before = try tree(sweep)
            let result = try RNNReportBinary.run(["sweep", "--merge", sweep.path])
            #expect(result.status == 1, "\(result)")
            for missing in ["missing: lr0.005-seed1", "missing: lr0.02-seed0", "missing: lr0.02-seed2", "incomplete: lr0.02-seed1"] {
                #expect(result.standardError.contains(missing), "'\(missing)' not in: \(result.standardError)")
            }
            #expect(result.standardError.contains("4 of 6 runs are missing or incomplete"), "\(result.standardError)")
            #expect(differences(before, try tree(sweep)).isEmpty, "the failed merge changed the directory")
            // The other shard done, one run is missing: "is", not "are".
            try Sweep.execute(smallGrid + ["--output", sweep.path, "--quiet", "--shard", "2/2"])
            let one = try RNNReportBinary.run(["sweep", "--merge", sweep.path])
            #expect(one.status == 1, "\(one)")
            #expect(one.standardError.hasSuffix("\(sweep.path): 1 of 6 runs is missing or incomplete; run the shards that hold them again "
                + "(the same command), then merge\n"), "\(one.standardError)")
        }
    }

    @Test("a file where runs/ or a run's folder goes is refused before any run trains, naming it; --merge says runs/ is a file once")
    func fileInPlaceOfRuns() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            try FileManager.default.createDirectory(at: sweep.appendingPathComponent("runs"), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: sweep.appendingPathComponent("runs/lr0.02-seed1"))
            let run = Sweep.failure(smallGrid + ["--output", sweep.path, "--quiet"])
            #expect(run?.message == "\(sweep.path)/runs/lr0.02-seed1 is a file, where the folder of the run lr0.02-seed1 goes; remove or rename it")
            #expect(run?.code == 73)
            // Not one run was trained.
            #expect(try FileManager.default.contentsOfDirectory(atPath: sweep.appendingPathComponent("runs").path) == ["lr0.02-seed1"])
            try FileManager.default.removeItem(at: sweep.appendingPathComponent("runs"))
            try Data("x".utf8).write(to: sweep.appendingPathComponent("runs"))
            let runs = Sweep.failure(smallGrid + ["--output", sweep.path, "--quiet", "--shard", "1/2"])
            #expect(runs?.message == "\(sweep.path)/runs is a file, not the folder of the sweep's runs; remove or rename it")
            let merge = Sweep.failure(["--merge", sweep.path])
            #expect(merge?.message == "\(sweep.path)/runs is a file, not the folder of the sweep's runs; remove or rename it")
            #expect(merge?.code == 65)
        }
    }

    @Test("inside a Slurm array task the shard comes from SLURM_ARRAY_TASK_*")
    func slurmShard() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            let result = try RNNReportBinary.run(
                ["sweep"] + smallGrid + ["--output", sweep.path],
                extraEnvironment: ["SLURM_ARRAY_TASK_ID": "12", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_STEP": "2"])
            #expect(result.status == 0, "\(result)")
            #expect(result.standardOutput.contains("shard 2/3"), "\(result)")
            let runs = try FileManager.default.contentsOfDirectory(atPath: sweep.appendingPathComponent("runs").path).sorted()
            #expect(runs == ["lr0.005-seed1", "lr0.02-seed1"])
            #expect(try SweepShard.fromSlurm(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "3"]) == SweepShard(index: 1, count: 3))
            #expect(try SweepShard.fromSlurm([:]) == nil)
            #expect(throws: ValidationError.self) { try SweepShard.fromSlurm(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "3"]) }
            #expect(throws: ValidationError.self) { try SweepShard.fromSlurm(["SLURM_ARRAY_TASK_ID": "1"]) }
            // A one-task array (`sbatch --array=3` to run a failed task again) would be the whole
            // grid: refused, with the --shard that task was, and --shard still overrides it.
            let one = ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": "3", "SLURM_ARRAY_TASK_COUNT": "1"]
            let rerun = try RNNReportBinary.run(["sweep"] + smallGrid + ["--output", folder.appendingPathComponent("one").path],
                                                extraEnvironment: one)
            #expect(rerun.status == 64, "\(rerun)")
            #expect(rerun.standardError.contains("this Slurm array has one task (SLURM_ARRAY_TASK_COUNT=1, task 3), which would train "
                + "the whole grid as one shard; to run one shard of an earlier array again, give it as --shard I/N"), "\(rerun)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("one").path))
            let given = try RNNReportBinary.run(["sweep"] + smallGrid + ["--output", folder.appendingPathComponent("one").path, "--shard", "2/3"],
                                                extraEnvironment: one)
            #expect(given.status == 0 && given.standardOutput.hasPrefix("shard 2/3: trained 2 of 6 runs"), "\(given)")
        }
    }

    @Test("bad lists and options are usage errors naming the option, before any run starts", arguments: [
        (["--learning-rate", "0.01,abc"], ["--learning-rate", "'abc' is not a number"]),
        (["--hidden-size", "8,0"], ["--hidden-size", "0"]),
        (["--seeds", "3..1"], ["--seeds", "3..1"]),
        (["--seed", "1"], ["--seed", "--seeds LIST"]),
        (["--learning-rate", "0.01", "--learning-rate", "0.02"], ["--learning-rate", "more than once"]),
        (["--hidden-sise", "8"], ["unknown option '--hidden-sise'"]),
        (["--shard", "4/3"], ["--shard"]),
        (["--shard", "2"], ["--shard", "I/N"]),
        (["--jobs", "0"], ["--jobs"]),
        (["--steps"], ["--steps needs a list"]),
        (["--data", "a.csv,b.csv", "--input", "x", "--target", "y"], ["--data", "one CSV file"]),
        (["--normalize", "yes,no"], ["--normalize", "'yes'"]),
        (["--normalize", "maybe"], ["--normalize: 'maybe' is not true or false; it takes true, false, or both as the list true,false"]),
        // A series' setting without a series, as train refuses it, even at its default value.
        (["--normalize", "false"], ["--normalize applies to a CSV series: give the file with --data FILE.csv"]),
        (["--no-normalize"], ["--normalize applies to a CSV series: give the file with --data FILE.csv"]),
        (["--holdout", "0", "--steps", "20"], ["--holdout applies to a CSV series: give the file with --data FILE.csv"]),
    ])
    func badArguments(arguments: [String], words: [String]) throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("out")
            let result = try RNNReportBinary.run(["sweep"] + arguments + ["--output", output.path])
            #expect(result.status == 64, "\(arguments): \(result)")
            for word in words { #expect(result.standardError.contains(word), "'\(word)' not in: \(result.standardError)") }
            #expect(!FileManager.default.fileExists(atPath: output.path), "\(arguments) created the output")
        }
    }

    @Test("--merge of a directory without sweep.json is a missing input (66); one with another grid is refused, sharded or not")
    func mergeInputs() throws {
        try withTemporaryDirectory { folder in
            let result = try RNNReportBinary.run(["sweep", "--merge", folder.appendingPathComponent("none").path])
            #expect(result.status == 66 && result.standardError.contains("sweep.json"), "\(result)")
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute(smallGrid + ["--output", sweep.path, "--quiet", "--shard", "1/3"])
            let other = try RNNReportBinary.run(["sweep", "--steps", "20", "--seeds", "0,1", "--shard", "1/2", "--output", sweep.path])
            #expect(other.status == 64 && other.standardError.contains("grid of another sweep"), "\(other)")
            // A shard with --resume keeps the directory's grid: the message says so, and how to grow it.
            let grown = try RNNReportBinary.run(["sweep"] + smallGrid.map { $0 == "0..2" ? "0..3" : $0 }
                + ["--shard", "1/3", "--resume", "--output", sweep.path])
            #expect(grown.status == 64 && grown.standardError.contains("grid of another sweep, and every shard of a sweep is given the "
                + "same grid, with --resume too; to grow the sweep, run it without --shard and with --resume"), "\(grown)")
            let whole = try RNNReportBinary.run(["sweep", "--steps", "20", "--seeds", "0,1", "--output", sweep.path])
            #expect(whole.status == 64 && whole.standardError.contains("\(sweep.path) holds another sweep"), "\(whole)")
            #expect(!FileManager.default.fileExists(atPath: sweep.appendingPathComponent("runs/seed0").path), "a run of the other grid was written")
        }
    }

    @Test("runs of 20 steps: the terminal, the page, summary.csv and the summary name the last-20 loss, never the last 50")
    func shortRuns() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep"), summary = folder.appendingPathComponent("summary.md")
            let result = try RNNReportBinary.run(["sweep", "--hidden-size", "8", "--num-layers", "1", "--time-step", "10",
                                                  "--steps", "20", "--seeds", "0,1", "--output", sweep.path, "--summary", summary.path])
            #expect(result.status == 0, "\(result)")
            #expect(result.standardOutput.contains("median last-20 loss"), "\(result)")
            let page = try String(contentsOf: sweep.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(page.contains("<th>Median last-20 loss</th>"))
            #expect(page.contains("the mean loss of the last 20 steps"))
            #expect(!page.contains("last-50") && !page.contains("last 50"), "the page names 50 steps of runs of 20")
            let table = try String(contentsOf: sweep.appendingPathComponent("summary.csv"), encoding: .utf8)
            #expect(table.hasPrefix("rank,configuration,runs,converged,last_steps,median_last_loss,min_last_loss,max_last_loss,"), "\(table)")
            let rows = table.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            #expect(rows.count == 2 && rows[1][4] == "20", "\(table)")
            let markdown = try String(contentsOf: summary, encoding: .utf8)
            #expect(markdown.contains("median last-20 loss") && !markdown.contains("50"), "\(markdown)")
        }
    }

    @Test("help sweep shows a list of each kind by example, and each example is a list the sweep takes")
    func helpShowsLists() throws {
        let help = try RNNReportBinary.run(["help", "sweep"])
        #expect(help.status == 0, "\(help)")
        let examples = ["--hidden-size 16,32", "--learning-rate 0.002,5e-3", "--cell rnn,lstm", "--normalize true,false",
                        "--seeds 0..3,10", "--input 'a;a,b'"]
        for example in examples {
            #expect(help.standardOutput.contains("  \(example)  "), "\(example) is not shown: \(help.standardOutput)")
        }
        // As a shell passes them; a series' lists with a file and a target, which are read later.
        for example in examples {
            let list = example.split(separator: " ", maxSplits: 1).map { $0.replacingOccurrences(of: "'", with: "") }
            let series = list[0] == "--input" ? ["--data", "d.csv", "--target", "y"]
                : list[0] == "--normalize" ? ["--data", "d.csv", "--input", "x", "--target", "y"] : []
            #expect(throws: Never.self, "\(example)") { _ = try Sweep.parse(list + series + ["--output", "sweep"]) }
        }
        let seeds = try Sweep.grid(base: TrainingConfiguration(), lists: Sweep.parseLists(["--seeds", "0..3,10"]))
        #expect(seeds.runs.map(\.name) == ["seed0", "seed1", "seed2", "seed3", "seed10"])
    }

    @Test("--summary writes the table in Markdown")
    func markdownSummary() throws {
        try withTemporaryDirectory { folder in
            let summary = folder.appendingPathComponent("summary.md")
            try Sweep.execute(smallGrid + ["--output", folder.appendingPathComponent("sweep").path, "--quiet", "--summary", summary.path])
            let text = try String(contentsOf: summary, encoding: .utf8)
            #expect(text.hasPrefix("## Sweep of 6 runs\n"))
            #expect(text.contains("| `lr0.02` ") && text.contains("| `lr0.005` "), "\(text)")
            // In the sweep's folder (expectRefusal's --output), not as one of its files, nor as
            // its runs/ folder.
            let sweep = folder.appendingPathComponent("out").path
            for name in ["runs", "summary.csv"] {
                let failure = Sweep.expectRefusal(smallGrid + ["--summary", sweep + "/" + name], in: folder, mentioning: [
                    "--summary \(sweep)/\(name): the report writes its own files in \(sweep) (.html, .svg, .png, .json, .csv, "
                        + ".safetensors and runs/): name the summary another way, such as summary.md"])
                #expect(failure?.code == 64, "\(name)")
            }
        }
    }
}
