import ArgumentParser
import Foundation
import Report
@testable import rnnreport
import Testing
import TestSupport

/// What the commands promise about their output folder: a bad path is refused before training,
/// messages are in our words, a signal leaves the previous report whole, and what a killed run
/// left is removed by the next one.
@Suite("Output folder: paths, signals, crashes")
struct OutputSafetyTests {
    // MARK: - Refused before training

    /// Runs the built binary with a terminal as its standard error (through script(1)), so that the
    /// progress bar is drawn the moment training starts: its "training" label in the output is
    /// the proof that training started.
    private func runOnTerminal(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        let command = ([try RNNReportBinary.url().path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try runProcess(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
                              workingDirectory: folder)
    }

    @Test("a bad output path fails before training, naming the problem in our words", arguments: [
        ("afile", "cannot write the report to afile: afile is a file, not a directory"),
        ("afile/sub", "cannot write the report to afile/sub: afile is a file, not a directory"),
        ("dangling", "cannot write the report to dangling: dangling is a symbolic link to /nowhere, which does not exist"),
        ("/proc/nope", "cannot write the report to /proc/nope: it is on the kernel's proc file system"),
        ("/proc/self", "cannot write the report to /proc/self: it is on the kernel's proc file system"),
        ("/sys/kernel", "cannot write the report to /sys/kernel: it is on the kernel's sysfs file system"),
    ])
    func badPathBeforeTraining(_ output: String, _ message: String) throws {
        try withTemporaryDirectory { folder in
            try Data().write(to: folder.appendingPathComponent("afile"))
            try FileManager.default.createSymbolicLink(
                atPath: folder.appendingPathComponent("dangling").path, withDestinationPath: "/nowhere")
            // The control: with a good path, the progress bar shows.
            let good = try runOnTerminal(["generate", "--steps", "20", "-o", "good"], in: folder)
            #expect(good.status == 0 && good.standardOutput.contains("training"), "\(good)")
            try FileManager.default.removeItem(at: folder.appendingPathComponent("good"))

            // 100000 steps train for about 13 s; the run must stop before the first of them.
            let result = try runOnTerminal(["generate", "--steps", "100000", "-o", output], in: folder)
            #expect(result.status == 73, "\(result)")  // cannot create output
            #expect(result.standardOutput.contains(message), "\(result)")
            #expect(!result.standardOutput.contains("training"), "training started: \(result)")
            #expect(!result.standardOutput.contains("NSCocoaErrorDomain"), "\(result)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["afile", "dangling"])
        }
    }

    @Test("an --output that is a file exits 73, as one through a file does, for every command that writes, naming the path; generate --check, which reads it, 66 for both")
    func outputThatIsAFile() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("afile")
            try Data("mine".utf8).write(to: file)
            let run = try trainSmallRun(in: folder)
            let metrics = run.appendingPathComponent("metrics.json").path
            for path in [file.path, file.path + "/sub"] {
                let cases: [(String, CommandFailure?)] = [
                    ("train", Train.failure(smallRun + ["--output", path])),
                    ("generate", Generate.failure(smallRun + ["--output", path])),
                    ("plot", Plot.failure(["--metrics", metrics, "--output", path])),
                    ("sweep", Sweep.failure(smallRun + ["--seeds", "0,1", "--output", path])),
                    ("compare", Compare.failure([run.path, "--output", path])),
                ]
                for (command, failure) in cases {
                    #expect(failure?.code == 73, "\(command) -o \(path): \(String(describing: failure))")
                    #expect(failure?.message.hasPrefix("cannot write the report to \(path): ") == true, "\(command): \(String(describing: failure))")
                    #expect(failure?.message.hasSuffix("afile is a file, not a directory") == true, "\(command): \(String(describing: failure))")
                }
            }
            let check = Generate.failure(smallRun + ["--check", "--output", file.path])
            #expect(check?.code == 66, "\(String(describing: check))")
            #expect(check?.message == "cannot check \(file.path): it is a file, not a directory; --check compares with the report in a directory")
            for path in [file.path + "/sub", file.path + "/sub/deeper"] {
                let through = Generate.failure(smallRun + ["--check", "--output", path])
                #expect(through?.code == 66, "\(String(describing: through))")
                #expect(through?.message == "cannot check \(path): \(file.path) is a file, not a directory; --check compares with the report in a directory")
            }
            #expect(try Data(contentsOf: file) == Data("mine".utf8))
            #expect(try FolderSnapshot(folder).names == ["afile", "run"])
        }
    }

    @Test("PathWalk finds the file an output path is or leads through, outermost first, through links, whatever the slashes; nothing on a path of directories or one that stops existing")
    func firstFileOnThePath() throws {
        try withTemporaryDirectory { folder in
            let root = folder.path
            try Data("x".utf8).write(to: folder.appendingPathComponent("afile"))
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("d/e"), withIntermediateDirectories: true)
            try Data("y".utf8).write(to: folder.appendingPathComponent("d/e/f"))
            try FileManager.default.createSymbolicLink(atPath: root + "/tofile", withDestinationPath: root + "/afile")
            try FileManager.default.createSymbolicLink(atPath: root + "/todir", withDestinationPath: root + "/d")
            let cases: [(String, String?)] = [
                (root + "/afile", root + "/afile"),
                (root + "/afile/", root + "/afile"),
                (root + "/afile/sub/deeper", root + "/afile"),
                (root + "//afile//sub", root + "/afile"),
                (root + "/d/e/f/g", root + "/d/e/f"),
                (root + "/tofile/sub", root + "/tofile"),
                (root + "/todir/e/f", root + "/todir/e/f"),
                (root + "/d/e", nil),
                (root + "/todir", nil),
                (root + "/missing/afile", nil),
                ("/", nil),
            ]
            for (path, expected) in cases {
                #expect(PathWalk.firstNonDirectory(in: path) == expected, "\(path)")
            }
        }
    }

    @Test("on a terminal, writing shows which file is being written and how much of it; with --quiet nothing")
    func progressWhileWriting() throws {
        try withTemporaryDirectory { folder in
            let shown = try runOnTerminal(["train", "--steps", "2000", "-o", "run"], in: folder)
            #expect(shown.status == 0, "\(shown)")
            #expect(shown.standardOutput.contains("writing"), "\(shown)")
            #expect(shown.standardOutput.contains("metrics.json"), "\(shown)")
            let quiet = try runOnTerminal(["train", "--steps", "2000", "-o", "run", "--quiet"], in: folder)
            #expect(quiet.status == 0 && !quiet.standardOutput.contains("writing"), "\(quiet)")
        }
    }

    @Test("a directory or a link to nothing named as an input file is said in our words")
    func inputFiles() throws {
        try withTemporaryDirectory { folder in
            let link = folder.appendingPathComponent("dangling").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/nowhere")
            let output = ["--output", folder.appendingPathComponent("out").path]
            let cases: [(CommandFailure?, String)] = [
                (Plot.failure(["--metrics", folder.path] + output), "cannot read --metrics file \(folder.path): it is a directory, not a file"),
                (Generate.failure(["--config", folder.path] + output), "cannot read --config file \(folder.path): it is a directory, not a file"),
                (Generate.failure(["--template", folder.path] + output), "cannot read --template file \(folder.path): it is a directory, not a file"),
                (Train.failure(["--init-weights", folder.path] + output), "cannot read --init-weights file \(folder.path): it is a directory, not a file"),
                (Plot.failure(["--metrics", link] + output), "\(link): it is a symbolic link to /nowhere, which does not exist"),
                (Generate.failure(["--config", link] + output), "\(link): it is a symbolic link to /nowhere, which does not exist"),
            ]
            for (failure, message) in cases {
                expectFailure(failure, mentioning: [message])
                #expect(failure?.message.contains("NSCocoaErrorDomain") == false, "\(String(describing: failure))")
            }
            #expect(!folder.appendingPathComponent("out").exists)
        }
    }

    // MARK: - Signals and crashes

    /// Starts `rnnreport generate` for a long run into `report`, and returns once it has prepared
    /// the folder (its staging folder is there), so that it is training when this returns.
    private func startLongRun(into report: URL, standardError: URL, steps: Int = 100_000, arguments: [String] = []) throws -> Process {
        try Data().write(to: standardError)
        let process = Process()
        process.executableURL = try RNNReportBinary.url()
        process.arguments = ["generate", "--quiet", "--steps", "\(steps)", "--seed", "2", "--output", report.path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: standardError)
        try process.run()
        // Polls for the staging folder; gives up (and fails) if the run never gets there.
        for _ in 0..<6000 where process.isRunning {
            if try !staging(beside: report).isEmpty { return process }
            usleep(10_000)
        }
        if process.isRunning { process.terminate() }
        throw SubprocessError(description: "generate did not prepare \(report.path): \(try standardError.text())")
    }

    /// The staging folders beside `report`.
    private func staging(beside report: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: report.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(report.lastPathComponent).rnnreport-") }
    }

    @Test("SIGTERM, SIGINT and SIGHUP during training: exit 143, 130 or 129, the previous report as it was, nothing left",
          arguments: [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT"), (SIGHUP, "SIGHUP")])
    func interrupted(_ signal: Int32, _ name: String) throws {
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            try Generate.execute(smallRun + ["--output", report.path, "--quiet"])
            try Data("mine".utf8).write(to: report.appendingPathComponent("notes.txt"))
            let before = try FolderSnapshot(report)

            let errors = folder.appendingPathComponent("stderr")
            let process = try startLongRun(into: report, standardError: errors)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 128 + signal)
            let message = try errors.text()
            #expect(message.contains("interrupted (\(name)): nothing was written to \(report.path)"), "\(message)")
            #expect(try FolderSnapshot(report) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["report", "stderr"])
        }
    }

    @Test("a --summary that can no longer be written when the run is made replaces nothing: exit 74, the previous report and the summary as they were, nothing left",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr")))
    func summaryFailureReplacesNothing() throws {
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            try Generate.execute(smallRun + ["--output", report.path, "--quiet"])
            let before = try FolderSnapshot(report)
            let notes = folder.appendingPathComponent("notes")
            try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: false)
            let summary = notes.appendingPathComponent("summary.md")
            try Data("old\n".utf8).write(to: summary)

            // The summary's folder takes new files when it is checked, before any work; while the
            // run trains (stopped, so that it cannot finish first) it is marked immutable, where
            // no file can be made, by root either, as a full disk or a revoked permission would.
            let errors = folder.appendingPathComponent("stderr")
            let process = try startLongRun(into: report, standardError: errors, steps: 8000, arguments: ["--summary", summary.path])
            kill(process.processIdentifier, SIGSTOP)
            let chattr = URL(fileURLWithPath: "/usr/bin/chattr")
            let marked = try runProcess(chattr, ["+i", notes.path])
            defer { _ = try? runProcess(chattr, ["-i", notes.path]) }
            kill(process.processIdentifier, SIGCONT)
            try #require(marked.status == 0, "chattr +i: \(marked)")
            process.waitUntilExit()

            let message = try errors.text()
            #expect(process.terminationStatus == 74, "\(message)")
            #expect(message.hasPrefix("Error: --summary: cannot write \(summary.path): "), "\(message)")
            #expect(message.hasSuffix("; nothing was replaced\n"), "\(message)")
            #expect(try FolderSnapshot(report) == before, "the previous report is as it was")
            #expect(try summary.text() == "old\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: notes.path) == ["summary.md"])
            #expect(try staging(beside: report).isEmpty, "nothing left beside the report")
        }
    }

    @Test("a --summary is written with the report: beside the file it replaces until the report is in place, then over it, with its permissions; in the report's own folder too")
    func summaryWithTheReport() throws {
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            let summary = folder.appendingPathComponent("summary.md")
            try Data("old\n".utf8).write(to: summary)
            try #require(chmod(summary.path, 0o640) == 0)
            try Generate.execute(smallRun + ["--output", report.path, "--summary", summary.path, "--quiet"])
            #expect(try summary.text().hasPrefix("## "))
            var status = stat()
            try #require(lstat(summary.path, &status) == 0)
            #expect(status.st_mode & 0o7777 == 0o640)
            // Inside the report's folder, which is replaced: over the summary carried into the new one.
            let inside = report.appendingPathComponent("summary.md")
            try Data("old\n".utf8).write(to: inside)
            try Generate.execute(smallRun + ["--seed", "4", "--output", report.path, "--summary", inside.path, "--quiet"])
            #expect(try inside.text().hasPrefix("## "))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["report", "summary.md"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: report.path).filter { $0.hasPrefix(".") }.isEmpty)
        }
    }

    @Test("sweep --summary that can no longer be written when the report is made replaces nothing: exit 74, the previous report and the summary as they were")
    func sweepSummaryFailureReplacesNothing() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            // Runs of about a second each, so that the resumed sweep below is training when stopped.
            let grid = ["--steps", "6000", "--jobs", "1", "--quiet", "--output", sweep.path]
            try Sweep.execute(grid + ["--seeds", "0"])
            let runs = "runs"
            var before = try FolderSnapshot(sweep)
            before.entries[runs] = nil
            #expect(before.names.contains("report.html") && before.names.contains("sweep.json"), "\(before.names)")
            let notes = folder.appendingPathComponent("notes")
            try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: false)
            let summary = notes.appendingPathComponent("summary.md")
            try Data("old\n".utf8).write(to: summary)

            // The grid grows by a seed: the kept run and a new one make another report. The
            // summary's folder is there when the summary is checked, before any work; while the
            // new run trains (stopped, so that it cannot finish first) the folder is moved away,
            // and the summary can no longer be written beside its file.
            let errors = folder.appendingPathComponent("stderr")
            try Data().write(to: errors)
            let process = Process()
            process.executableURL = try RNNReportBinary.url()
            process.arguments = ["sweep"] + grid + ["--seeds", "0,1", "--resume", "--summary", summary.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            for _ in 0..<6000 where process.isRunning {
                if try !staging(beside: sweep).isEmpty { break }
                usleep(10_000)
            }
            kill(process.processIdentifier, SIGSTOP)
            let moved = folder.appendingPathComponent("notes-moved")
            let renamed = rename(notes.path, moved.path)
            kill(process.processIdentifier, SIGCONT)
            process.waitUntilExit()
            try #require(renamed == 0, "rename: \(String(cString: strerror(errno)))")

            let message = try errors.text()
            #expect(process.terminationStatus == 74, "\(message)")
            #expect(message.hasPrefix("Error: --summary: cannot write \(summary.path)"), "\(message)")
            #expect(message.hasSuffix("; nothing was replaced\n"), "\(message)")
            var after = try FolderSnapshot(sweep)
            after.entries[runs] = nil
            #expect(after == before, "the previous report is as it was")
            #expect(try moved.appendingPathComponent("summary.md").text() == "old\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: moved.path) == ["summary.md"])
            #expect(try staging(beside: sweep).isEmpty, "nothing left beside the sweep")
            #expect(!notes.exists)
        }
    }

    /// What a sweep with `arguments` (1 job, small runs, `--output` `folder`/sweep) says when a
    /// SIGTERM comes after two runs' folders are written, and how many folders are there then.
    private func interruptSweep(_ arguments: [String], in folder: URL) throws -> (message: String, folders: Int) {
        let sweep = folder.appendingPathComponent("sweep")
        let runs = sweep.appendingPathComponent("runs")
        let errors = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = try RNNReportBinary.url()
        process.arguments = ["sweep", "--quiet", "--jobs", "1", "--hidden-size", "8", "--num-layers", "1", "--steps", "400"]
            + arguments + ["--output", sweep.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        // Waits for two runs' folders (not staging ones), so that at least one run has been
        // counted as finished, and gives up if they never come.
        func written() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []).filter { !$0.hasPrefix(".") }
        }
        for _ in 0..<6000 where process.isRunning && written().count < 2 { usleep(10_000) }
        let early = (try? errors.text()) ?? ""
        try #require(process.isRunning, "the sweep ended before it could be interrupted: \(early)")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 143)
        let folders = written().count
        #expect(folders >= 2 && folders < 41)
        #expect(!FileManager.default.fileExists(atPath: sweep.appendingPathComponent("report.html").path))
        return (try errors.text(), folders)
    }

    @Test("SIGTERM during a sweep: exit 143, and the message counts the runs already written in runs/ instead of saying nothing was written")
    func interruptedSweep() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep"), runs = sweep.appendingPathComponent("runs")
            let (message, folders) = try interruptSweep(["--seeds", "0..40"], in: folder)
            // The count is of the runs finished and read back; one run (--jobs 1) may have been
            // written in the moment between.
            #expect((folders - 1 ... folders).contains {
                message.contains("interrupted (SIGTERM): the sweep's report was not written to \(sweep.path), but \($0) of 41 "
                                 + "runs had finished, written in \(runs.path) (the same command with --resume trains only the others)")
            }, "\(folders) folders: \(message)")
            // The line that would say nothing was written to the sweep's folder, which holds the
            // runs, is the count's.
            #expect(!message.contains("nothing was written to \(sweep.path)\n"), "\(message)")
        }
    }

    @Test("SIGINT during a new sweep's first runs: exit 130, and nothing is left, not even the sweep's folder or its runs/")
    func interruptedSweepBeforeAnyRun() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep"), runs = sweep.appendingPathComponent("runs")
            let errors = folder.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            let process = Process()
            process.executableURL = try RNNReportBinary.url()
            process.arguments = ["sweep", "--quiet", "--jobs", "2", "--seeds", "0,1", "--steps", "1000000", "--output", sweep.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            // Waits for both runs to stage their folders in runs/.
            func staged() -> [String] {
                ((try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []).filter { $0.hasPrefix(".") }
            }
            for _ in 0..<6000 where process.isRunning && staged().count < 2 { usleep(10_000) }
            try #require(process.isRunning && staged().count == 2, "the runs did not start: \((try? errors.text()) ?? "")")
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 130)
            let message = try errors.text()
            #expect(message.contains("interrupted (SIGINT): nothing was written to \(sweep.path)\n"), "\(message)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["stderr"])
        }
    }

    @Test("SIGTERM during a shard of a sweep, which writes no report: the message counts the runs written, and says nothing of a report")
    func interruptedShard() throws {
        try withTemporaryDirectory { folder in
            let runs = folder.appendingPathComponent("sweep/runs")
            let (message, folders) = try interruptSweep(["--seeds", "0..81", "--shard", "1/2"], in: folder)
            #expect((folders - 1 ... folders).contains {
                message.contains("interrupted (SIGTERM): \($0) of 41 runs had finished, written in \(runs.path) "
                                 + "(the same command with --resume trains only the others)")
            }, "\(folders) folders: \(message)")
            #expect(!message.contains("the sweep's report"), "\(message)")
        }
    }

    @Test("a run killed with SIGKILL leaves its staging folder, and the next run removes it")
    func killedRunCleanedUp() throws {
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            try Generate.execute(smallRun + ["--output", report.path, "--quiet"])
            let before = try FolderSnapshot(report)
            let process = try startLongRun(into: report, standardError: folder.appendingPathComponent("stderr"))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            #expect(try FolderSnapshot(report) == before)
            #expect(try staging(beside: report).count == 1, "the killed run had a staging folder")

            try Generate.execute(smallRun + ["--seed", "3", "--output", report.path, "--quiet"])
            #expect(try staging(beside: report).isEmpty)
            #expect(try FolderSnapshot(report).names == before.names)
            #expect(try FolderSnapshot(report).contents("model.safetensors") != before.contents("model.safetensors"))
        }
    }

    @Test("generate keeps a user's file in the output folder")
    func keepsUserFiles() throws {
        try withTemporaryDirectory { folder in
            try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
            try Generate.execute(smallRun + ["--output", folder.path, "--quiet"])
            try Generate.execute(smallRun + ["--seed", "3", "--output", folder.path, "--quiet"])
            #expect(try Data(contentsOf: folder.appendingPathComponent("notes.txt")) == Data("mine".utf8))
            #expect(try FolderSnapshot(folder).names.contains("report.html"))
        }
    }
}

/// A command's report goes into a directory of its own kind: a run's, a sweep's or a
/// comparison's, told apart by the files only that kind writes.
@Suite("Output folder: one kind of report per directory")
struct OutputKindTests {
    @Test("a report is refused, before any work, in a directory that holds another kind of report, which stays as it was")
    func otherKindRefused() throws {
        try withTemporaryDirectory { folder in
            let path = { (name: String) in folder.appendingPathComponent(name).path }
            try Generate.execute(smallRun + ["--output", path("run"), "--quiet"])
            try Sweep.execute(["--hidden-size", "4", "--num-layers", "1", "--time-step", "5", "--steps", "5",
                               "--seeds", "0,1", "--output", path("sweep"), "--quiet"])
            try Compare.execute([path("run"), path("sweep"), "--output", path("comparison"), "--quiet"])
            let before = try tree(folder)
            let cases: [(any ParsableCommand.Type, [String], String, String)] = [
                (Compare.self, [path("sweep")], "run", "holds a run's report (\(path("run"))/metrics.json), which a comparison"),
                (Compare.self, [path("run")], "sweep", "holds a sweep (\(path("sweep"))/sweep.json), which a comparison"),
                (Compare.self, [path("run")], "sweep/runs", "holds a sweep's runs (\(path("sweep"))/sweep.json), which a comparison"),
                (Generate.self, smallRun, "sweep", "holds a sweep (\(path("sweep"))/sweep.json), which a run's report"),
                (Generate.self, smallRun, "comparison", "holds a comparison (\(path("comparison"))/tail-1.svg), which a run's report"),
                (Train.self, smallRun, "sweep/runs", "holds a sweep's runs"),
                (Plot.self, ["--metrics", path("run/metrics.json")], "comparison", "holds a comparison"),
                (Sweep.self, ["--hidden-size", "4,8"], "run", "holds a run's report (\(path("run"))/metrics.json), which a sweep"),
                (Sweep.self, ["--hidden-size", "4,8"], "comparison", "holds a comparison"),
            ]
            for (command, arguments, output, words) in cases {
                let failure = command.failure(arguments + ["--output", path(output), "--quiet"])
                expectFailure(failure, mentioning: [words, "into a directory of its own"], "\(command) into \(output)")
                #expect(failure?.code == 64, "\(command) into \(output): \(String(describing: failure))")
            }
            #expect(differences(before, try tree(folder)).isEmpty)
            // Into its own kind's directory, each writes as before; a run's folder in a sweep is a run's.
            try Generate.execute(smallRun + ["--output", path("run"), "--quiet"])
            try Compare.execute([path("sweep"), "--output", path("comparison"), "--quiet"])
            try Train.execute(smallRun + ["--output", path("sweep/runs/seed0"), "--quiet"])
            // --check writes nothing, so it is not refused as a report written there would be.
            let check = Generate.failure(smallRun + ["--output", path("comparison"), "--check"])
            #expect(check?.code == 1, "\(String(describing: check))")
        }
    }
}
