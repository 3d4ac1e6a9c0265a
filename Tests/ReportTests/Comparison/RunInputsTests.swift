import Foundation
import RNNCore
@testable import Report
import Testing
import TestSupport

@Suite("reading the runs to compare")
struct RunInputsTests {
    private func write(_ metrics: TrainingMetrics, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try metrics.jsonData().write(to: url)
    }

    @Test("a run directory, a metrics file and a PyTorch trace, each named by its directory or file, with its source")
    func kinds() throws {
        try withTemporaryDirectory { folder in
            try write(ComparisonTestRuns.metrics(), to: folder.appendingPathComponent("mine/metrics.json"))
            try write(ComparisonTestRuns.metrics(seed: 2), to: folder.appendingPathComponent("other/metrics.json"))
            let trace = try Fixtures.url("small.trace.json")
            let runs = try RunInputs.read([
                folder.appendingPathComponent("mine").path, folder.appendingPathComponent("other/metrics.json").path, trace.path,
            ])
            #expect(runs.map(\.label) == ["mine", "other", "small.trace"])
            #expect(runs[1].metrics.config.seed == 2)
            #expect(runs[2].source == "pytorch 2.15.0+cu132 float32")
            #expect(runs[2].metrics.config.hiddenSize == 8)
            #expect(runs[0].origin == folder.appendingPathComponent("mine").path)
        }
    }

    @Test("a sweep directory gives its runs in the order of their names, named by them")
    func sweep() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            for (name, seed) in [("lr0.01-seed1", 1), ("lr0.005-seed0", 0), ("lr0.01-seed0", 0)] {
                try write(ComparisonTestRuns.metrics(seed: UInt64(seed)), to: sweep.appendingPathComponent("runs/\(name)/metrics.json"))
            }
            try Data("{}".utf8).write(to: sweep.appendingPathComponent("sweep.json"))
            let runs = try RunInputs.read([sweep.path])
            #expect(runs.map(\.label) == ["lr0.005-seed0", "lr0.01-seed0", "lr0.01-seed1"])
            #expect(runs[0].origin == sweep.path + "/runs/lr0.005-seed0")
        }
    }

    @Test("a sweep whose runs/ lacks runs its sweep.json lists compares the others, with a warning naming those left out")
    func sweepWithRunsMissing() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            let grid = try SweepGrid(base: TrainingConfiguration(), lists: [(.learningRate, "0.005,0.01"), (.steps, "20"), (.seed, "0..3")])
            try FileManager.default.createDirectory(at: sweep, withIntermediateDirectories: true)
            try grid.jsonData().write(to: sweep.appendingPathComponent("sweep.json"))
            let names = grid.runs.map(\.name)
            #expect(names.count == 8)
            for name in names where name != names[5] {
                try write(ComparisonTestRuns.metrics(), to: sweep.appendingPathComponent("runs/\(name)/metrics.json"))
            }
            var warnings: [String] = []
            let runs = try RunInputs.read([sweep.path], warn: { warnings.append($0) })
            #expect(runs.count == 7)
            #expect(warnings == ["\(sweep.path)/sweep.json lists 8 runs, and 1 of them is not in \(sweep.path)/runs/ (\(names[5])): "
                + "the comparison leaves it out"])
            // Every run there: no warning.
            try write(ComparisonTestRuns.metrics(), to: sweep.appendingPathComponent("runs/\(names[5])/metrics.json"))
            warnings = []
            #expect(try RunInputs.read([sweep.path], warn: { warnings.append($0) }).count == 8)
            #expect(warnings.isEmpty)
        }
    }

    @Test("the warning names up to four runs left out, then the first three and how many more")
    func missingRunsWarning() {
        func names(_ missing: [String]) -> String {
            let text = RunInputs.missingRunsWarning(sweep: "s", listed: 10, missing: missing)
            return String(text[text.range(of: "(")!.upperBound ..< text.range(of: "):")!.lowerBound])
        }
        #expect(names(["a", "b"]) == "a and b")
        #expect(names(["a", "b", "c", "d"]) == "a, b, c and d")
        #expect(names(["a", "b", "c", "d", "e", "f"]) == "a, b, c and 3 more")
        #expect(RunInputs.missingRunsWarning(sweep: "s/", listed: 10, missing: ["a", "b"])
            == "s/sweep.json lists 10 runs, and 2 of them are not in s/runs/ (a and b): the comparison leaves them out")
    }

    @Test("two runs of the same name in different folders get distinct names")
    func sameName() throws {
        try withTemporaryDirectory { folder in
            for parent in ["a", "b"] {
                try write(ComparisonTestRuns.metrics(), to: folder.appendingPathComponent("\(parent)/run/metrics.json"))
            }
            let runs = try RunInputs.read(["a", "b"].map { folder.appendingPathComponent("\($0)/run").path })
            #expect(runs.map(\.label) == ["a/run", "b/run"])
        }
    }

    @Test("a run given twice, by any path (itself, its metrics.json, a link, its sweep), is a repeat of the first; its names stay short")
    func repeats() throws {
        try withTemporaryDirectory { folder in
            let run = folder.appendingPathComponent("t1")
            try write(ComparisonTestRuns.metrics(), to: run.appendingPathComponent("metrics.json"))
            try write(ComparisonTestRuns.metrics(seed: 2), to: folder.appendingPathComponent("other/metrics.json"))
            let sweep = folder.appendingPathComponent("sweep")
            try write(ComparisonTestRuns.metrics(), to: sweep.appendingPathComponent("runs/seed0/metrics.json"))
            try Data("{}".utf8).write(to: sweep.appendingPathComponent("sweep.json"))
            let link = folder.appendingPathComponent("link")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: run)
            let runs = try RunInputs.read([run.path, folder.appendingPathComponent("other").path, run.path + "/metrics.json",
                                           link.path, sweep.path, sweep.path + "/runs/seed0"])
            // A sweep's run is named from the sweep (sweep/seed0), given alone from its path (runs/seed0).
            #expect(runs.map(\.label) == ["t1", "other", "t1 #2", "link", "sweep/seed0", "runs/seed0"])
            let repeats = RunInputs.repeats(in: runs)
            #expect(repeats.map { "\($0.first.label) \($0.again.label)" } == ["t1 t1 #2", "t1 link", "sweep/seed0 runs/seed0"])
            #expect(repeats.first?.again.file == run.appendingPathComponent("metrics.json").resolvingSymlinksInPath().path)
            #expect(RunInputs.repeats(in: try RunInputs.read([run.path, folder.appendingPathComponent("other").path])).isEmpty)
        }
    }

    @Test("a missing path, a folder that is not a run, malformed metrics and an unfinished sweep run are named")
    func refusals() throws {
        try withTemporaryDirectory { folder in
            let missing = folder.appendingPathComponent("nothing").path
            #expect(throws: RunInputError(.missing, path: missing, reason: "it does not exist")) { try RunInputs.read([missing]) }

            let empty = folder.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let notARun = #expect(throws: RunInputError.self) { try RunInputs.read([empty.path]) }
            #expect(notARun?.kind == .notARun && notARun?.description.hasPrefix(empty.path + ": not a run") == true, "\(String(describing: notARun))")

            let bad = folder.appendingPathComponent("bad.json")
            try Data("{\"loss\": [1, 2".utf8).write(to: bad)
            let malformed = #expect(throws: RunInputError.self) { try RunInputs.read([bad.path]) }
            #expect(malformed?.kind == .notARun && malformed?.path == bad.path, "\(String(describing: malformed))")

            let sweep = folder.appendingPathComponent("sweep")
            try write(ComparisonTestRuns.metrics(), to: sweep.appendingPathComponent("runs/done/metrics.json"))
            try FileManager.default.createDirectory(at: sweep.appendingPathComponent("runs/unfinished"), withIntermediateDirectories: true)
            let unfinished = #expect(throws: RunInputError.self) { try RunInputs.read([sweep.path]) }
            #expect(unfinished?.kind == .missing && unfinished?.path == sweep.path + "/runs/unfinished", "\(String(describing: unfinished))")
        }
    }
}
