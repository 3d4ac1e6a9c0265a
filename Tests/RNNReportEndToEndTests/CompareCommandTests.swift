import Foundation
import RNNCore
@testable import Report
@testable import rnnreport
import Testing
import TestSupport

/// `rnnreport compare`, and what `generate` does against a baseline and with a tolerance.
@Suite("rnnreport compare")
struct CompareCommandTests {
    private static let stems = ["loss", "tail-1", "tail-2"]

    @Test("a run on a CSV series is drawn in its target's name: no cos(t) in its figure, its task in the subtitle")
    func seriesRun() throws {
        try withTemporaryDirectory { folder in
            let series = folder.appendingPathComponent("room")
            try Train.execute(DataCommandTests.exampleRun + ["--output", series.path, "--quiet"])
            let sine = folder.appendingPathComponent("sine")
            try Train.execute(smallRun + ["--output", sine.path, "--quiet"])
            let output = folder.appendingPathComponent("comparison")
            try Compare.execute([series.path, sine.path, "--output", output.path, "--quiet"])

            let html = try output.appendingPathComponent("report.html").text()
            #expect(html.contains("2 training runs of recurrent networks: 1 on indoor_c from heater_kw, outdoor_c "
                + "in room-temperature.csv; 1 on sin(t) → cos(t)."), "\(html.prefix(4000))")
            #expect(html.contains("the real “indoor_c” (wide grey band)"))
            let seriesTail = try output.appendingPathComponent("tail-1.svg").text()
            #expect(seriesTail.contains("indoor_c") && !seriesTail.contains("cos(t)"))
            let sineTail = try output.appendingPathComponent("tail-2.svg").text()
            #expect(sineTail.contains("cos(t)"))
            // The series run has no converged verdict and no first step below 1e-3; the sin→cos run has both.
            let summary = folder.appendingPathComponent("summary.md")
            try Compare.execute([series.path, sine.path, "--output", output.path, "--summary", summary.path, "--quiet"])
            let summaryText = try summary.text()
            // The results' rows: the first of each run (the table of settings that differ follows).
            let rows = summaryText.split(separator: "\n").filter { $0.hasPrefix("| room |") || $0.hasPrefix("| sine |") }.prefix(2)
                .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
            try #require(rows.count == 2, "\(summaryText)")
            // Between the mean of the last steps and them, the series run's train and held-out MSE.
            #expect(Double(rows[0][5]) != nil && Double(rows[0][6]) != nil, "\(rows[0])")
            #expect(rows[0][7] == "–" && rows[0][9] == "–", "\(rows[0])")
            #expect(rows[1][5] == "–" && rows[1][6] == "–", "\(rows[1])")
            #expect(rows[1][9] == "no" && rows[1][7] == "never", "\(rows[1])")
            #expect(try output.appendingPathComponent("report.html").text()
                .contains("A run on a CSV series has no converged or not-converged verdict"))
        }
    }

    /// A metrics file `name` in `folder` of the losses of the run in `run`, with `config` (JSON)
    /// as its config, or none: a file made elsewhere that records little.
    static func losses(of run: URL, with config: String?, as name: String, in folder: URL) throws -> URL {
        let metrics = try TrainingMetrics(contentsOf: run.appendingPathComponent("metrics.json"))
        let losses = metrics.loss.map { $0.map { "\($0)" } ?? "null" }.joined(separator: ",")
        let file = folder.appendingPathComponent(name)
        try Data("{\"loss\":[\(losses)]\(config.map { ",\"config\":\($0)" } ?? "")}".utf8).write(to: file)
        return file
    }

    @Test("a metrics file without config: its settings are not recorded, never defaults, and it gets no empty tail figure")
    func metricsWithoutConfig() throws {
        try withTemporaryDirectory { folder in
            let run = try trainSmallRun(in: folder)
            let lossOnly = try Self.losses(of: run, with: nil, as: "lossonly.json", in: folder)
            let output = folder.appendingPathComponent("comparison"), summary = folder.appendingPathComponent("summary.md")
            try Compare.execute([run.path, lossOnly.path, "--output", output.path, "--summary", summary.path, "--quiet"])
            let html = try output.appendingPathComponent("report.html").text()
            #expect(!html.contains("The same in every run"), "defaults passed off as shared settings")
            #expect(html.contains("<td class=\"numeric num\">not recorded</td>"))
            #expect(!html.contains("<td class=\"numeric num\">500</td>"), "the default steps shown as the file's")
            let text = try summary.text()
            #expect(text.contains("| lossonly | not recorded | not recorded |"), "\(text)")
            // Its tail figure would be empty: left out, the run's own keeps its number.
            let names = try FileManager.default.contentsOfDirectory(atPath: output.path)
            #expect(names.contains("tail-1.svg") && !names.contains { $0.hasPrefix("tail-2") }, "\(names.sorted())")
            #expect(!html.contains("figure-tail-2"))
        }
    }

    @Test("a metrics file whose config gives one setting: its cell is an RNN's and its init_weights not recorded, in compare and against a baseline")
    func partialConfig() throws {
        try withTemporaryDirectory { folder in
            let run = try trainSmallRun(in: folder)
            let partial = try Self.losses(of: run, with: #"{"hidden_size":8}"#, as: "partial.json", in: folder)
            let output = folder.appendingPathComponent("comparison"), summary = folder.appendingPathComponent("summary.md")
            try Compare.execute([run.path, partial.path, "--output", output.path, "--summary", summary.path, "--quiet"])
            let text = try summary.text()
            let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("| run | num_layers |") }, "\(text)")
            let columns = header.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let row = try #require(text.split(separator: "\n").last { $0.hasPrefix("| partial |") })
                .split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(row[columns.firstIndex(of: "init_weights")!] == "not recorded", "\(text)")
            // A config without cell is an RNN's, as the traces' format has it: the same in both.
            #expect(!columns.contains("cell") && !columns.contains("hidden_size"), "recorded, and the same in both: \(text)")
            #expect(text.contains("`cell rnn`"), "\(text)")
            // Against it as a baseline.
            let report = folder.appendingPathComponent("report")
            try Generate.execute(smallRun + ["--baseline", partial.path, "--output", report.path, "--quiet"])
            let html = try report.appendingPathComponent("report.html").text()
            #expect(!html.contains("cell rnn (baseline not recorded)") && html.contains("num_layers 1 (baseline not recorded)"))
        }
    }

    @Test("config.steps against the losses: a run stopped early is compared as such, one with more losses than steps is refused (65)")
    func stepsAgainstLosses() throws {
        try withTemporaryDirectory { folder in
            let run = try trainSmallRun(in: folder)
            let metrics = try TrainingMetrics(contentsOf: run.appendingPathComponent("metrics.json"))
            let losses = metrics.loss.map { $0.map { "\($0)" } ?? "null" }.joined(separator: ",")
            let killed = folder.appendingPathComponent("killed.json")
            try Data("{\"loss\":[\(losses)],\"config\":{\"hidden_size\":8,\"steps\":9999}}".utf8).write(to: killed)
            let summary = folder.appendingPathComponent("summary.md")
            try Compare.execute([run.path, killed.path, "--output", folder.appendingPathComponent("c").path, "--summary", summary.path, "--quiet"])
            let text = try summary.text()
            #expect(text.contains("| 40 of 9999 |"), "\(text)")
            #expect(!text.contains("| 9999 |"), "\(text)")
            // generate --metrics says so beside the file's config.steps.
            let report = folder.appendingPathComponent("report")
            try Generate.execute(["--metrics", killed.path, "--output", report.path, "--quiet"])
            #expect(try report.appendingPathComponent("report.html").text().contains("the run stopped early: the file records 40 of its 9,999"))

            let more = folder.appendingPathComponent("more.json")
            try Data("{\"loss\":[\(losses)],\"config\":{\"steps\":39}}".utf8).write(to: more)
            let words = ["loss has 40 values but config.steps is 39"]
            #expect(Compare.expectRefusal([run.path, more.path], in: folder, mentioning: words)?.code == 65)
            #expect(Generate.expectRefusal(["--metrics", more.path], in: folder, mentioning: words)?.code == 65)
            #expect(Plot.expectRefusal(["--metrics", more.path], in: folder, mentioning: words)?.code == 65)
            #expect(Generate.expectRefusal(smallRun + ["--baseline", more.path], in: folder, mentioning: words)?.code == 65)
        }
    }

    @Test("compares an rnnreport run with a PyTorch trace: the page names both and their sources, the summary has both rows")
    func runAndTrace() throws {
        try withTemporaryDirectory { folder in
            let run = folder.appendingPathComponent("small-run")
            try Train.execute(smallRun + ["--seed", "3", "--output", run.path, "--quiet"])
            let trace = try Fixtures.url("small.trace.json")
            let output = folder.appendingPathComponent("comparison")
            let summary = folder.appendingPathComponent("summary.md")
            try Compare.execute([run.path, trace.path, "--output", output.path, "--summary", summary.path, "--quiet"])

            let names = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
            #expect(names == (["report.html"] + Self.stems.flatMap { ["\($0).svg", "\($0).dark.svg", "\($0).png"] }).sorted())
            let html = try output.appendingPathComponent("report.html").text()
            #expect(html.contains("<strong>small-run</strong>: <code>\(run.path)</code>, made by rnnreport 0.1.0 float32"))
            #expect(html.contains("<strong>small.trace</strong>: <code>\(trace.path)</code>, made by pytorch 2.15.0+cu132 float32"))
            // The same settings (the trace is the small network's, seed 3), but for what the trace
            // does not record: its initial weights, which came from PyTorch's generator.
            #expect(!html.contains("Every run has the same settings."))

            let text = try summary.text()
            #expect(text.hasPrefix("## Comparison of training runs\n\n2 runs compared"))
            #expect(text.contains("\n| small-run | rnnreport 0.1.0 float32 | "))
            #expect(text.contains("\n| small.trace | pytorch 2.15.0+cu132 float32 | "))
            #expect(text.contains("| run | init_weights |\n| --- | --- |\n| small-run | seeded |\n"
                + "| small.trace | not recorded |\n"), "\(text)")
            let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(!siblings.contains { $0.hasPrefix(".summary.md") }, "a temporary summary was left: \(siblings)")

            // The same inputs give the same bytes.
            let again = folder.appendingPathComponent("again")
            try Compare.execute([run.path, trace.path, "--output", again.path, "--quiet"])
            for name in names {
                #expect(try Data(contentsOf: output.appendingPathComponent(name)) == Data(contentsOf: again.appendingPathComponent(name)),
                        "\(name) differs between two comparisons")
            }
        }
    }

    @Test("a missing run is named with status 66; a folder that is not a run, or a malformed file, with 65; none at all is a usage error")
    func badInputs() throws {
        try withTemporaryDirectory { folder in
            let trace = try Fixtures.url("small.trace.json").path
            let missing = folder.appendingPathComponent("nope").path
            let result = Compare.expectRefusal([trace, missing], in: folder, mentioning: [missing, "does not exist"])
            #expect(result?.code == 66)

            let empty = folder.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            #expect(Compare.expectRefusal([empty.path], in: folder, mentioning: [empty.path, "not a run"])?.code == 65)

            let notMetrics = folder.appendingPathComponent("notes.json")
            try Data("[1, 2, 3]".utf8).write(to: notMetrics)
            #expect(Compare.expectRefusal([notMetrics.path], in: folder, mentioning: [notMetrics.path, "not the metrics of a run"])?.code == 65)

            // A file that is no JSON at all, such as the CSV series a run trained on: told what
            // compare takes, with no hint about hexadecimal numbers for its 'x'.
            let series = folder.appendingPathComponent("sine.csv")
            try Data("x,y\n0.1,0.5\n".utf8).write(to: series)
            let seriesRefusal = Compare.failure([series.path, "--output", folder.appendingPathComponent("out").path])
            #expect(seriesRefusal?.message == "cannot compare \(series.path): not the metrics of a run: it starts with 'x', where a metrics.json "
                + "starts with '{'; name a run directory, a run's metrics.json or a sweep directory", "\(String(describing: seriesRefusal))")
            #expect(seriesRefusal?.code == 65)
            let binary = folder.appendingPathComponent("figure.png")
            try Data([0xEF, 0xBB, 0xBF, 0x0A, 0x89, 0x50, 0x4E, 0x47]).write(to: binary)
            #expect(Compare.failure([binary.path, "--output", folder.appendingPathComponent("out").path])?.message
                .hasSuffix("not the metrics of a run: it starts with byte 0x89, where a metrics.json starts with '{'; name a run directory, a run's metrics.json or a sweep directory") == true)

            // A run of no step has nothing to compare, as a baseline either.
            let noStep = folder.appendingPathComponent("nostep.json")
            try Data(#"{"loss": []}"#.utf8).write(to: noStep)
            let refusal = Compare.failure([trace, noStep.path, "--output", folder.appendingPathComponent("out").path])
            #expect(refusal?.message == "cannot compare \(noStep.path): it records no training step (its loss is empty): there is nothing to compare")
            #expect(refusal?.code == 65)
            let baseline = Generate.failure(smallRun + ["--baseline", noStep.path, "--output", folder.appendingPathComponent("out").path])
            #expect(baseline?.message.contains("it records no training step (its loss is empty)") == true, "\(String(describing: baseline))")
            #expect(baseline?.code == 65)

            // A negative loss is no mean squared error: refused, not ranked best nor taken as a baseline.
            let negative = folder.appendingPathComponent("negative.json")
            try Data(#"{"loss": [0.5, 0.25, 0.1, -1.0, -1.0], "config": {"hidden_size": 8}}"#.utf8).write(to: negative)
            let negativeRefusal = Compare.failure([trace, negative.path, "--output", folder.appendingPathComponent("out").path])
            #expect(negativeRefusal?.message == "cannot compare \(negative.path): not the metrics of a run: "
                + "not a metrics file: loss[3]: -1 is negative; the loss is a mean squared error", "\(String(describing: negativeRefusal))")
            #expect(negativeRefusal?.code == 65)
            let negativeBaseline = Generate.failure(smallRun + ["--baseline", negative.path, "--output", folder.appendingPathComponent("out").path])
            #expect(negativeBaseline?.message.contains("loss[3]: -1 is negative; the loss is a mean squared error") == true,
                    "\(String(describing: negativeBaseline))")
            #expect(negativeBaseline?.code == 65)

            #expect(Compare.expectRefusal([], in: folder, mentioning: ["at least one run"])?.code == 64)
        }
    }

    @Test("a --summary that cannot be written (73, /proc's and /sys's folders too) or that is a directory (64), and an --output that is one of the runs (64), are refused before any work")
    func refusedOutputs() throws {
        try withTemporaryDirectory { folder in
            let trace = try Fixtures.url("small.trace.json").path
            let summary = folder.appendingPathComponent("no-such-folder/summary.md").path
            let result = Compare.expectRefusal([trace, "--summary", summary], in: folder, mentioning: ["--summary", summary, "does not exist"])
            #expect(result?.code == 73)
            // A directory where the file should be is a usage error, as a report's file name is.
            let folderAsSummary = Compare.expectRefusal([trace, "--summary", folder.path], in: folder, mentioning: ["is a directory"])
            #expect(folderAsSummary?.code == 64)
            // A folder where no file can be made, though access() lets root write it: found by
            // making one, before the report is written (it was 74 after it, the report replaced).
            for (place, reason) in [("/proc/x.md", "its folder /proc cannot be written"), ("/sys/x.md", "its folder /sys cannot be written")] {
                let special = Compare.expectRefusal([trace, "--summary", place], in: folder, mentioning: ["--summary", reason])
                #expect(special?.code == 73)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains("probe") })

            let run = try trainSmallRun(in: folder)
            let before = try FolderSnapshot(run)
            let same = Compare.failure([trace, run.path + "/", "--output", run.path])
            expectFailure(same, mentioning: ["--output", "is the run", "another directory"])
            #expect(same?.code == 64)
            #expect(try FolderSnapshot(run) == before)
        }
    }

    @Test("--summary follows a symbolic link to the file it names, which is replaced (or created) in its own folder while the link stays a link")
    func summaryThroughLinks() throws {
        try withTemporaryDirectory { folder in
            let trace = try Fixtures.url("small.trace.json").path
            let output = folder.appendingPathComponent("cmp")
            func compare(summary: String) throws {
                try Compare.execute([trace, "--output", output.path, "--summary", summary, "--quiet"])
            }
            // A link to a file: the file is replaced, the link stays; as one to nothing, whose
            // file is created, and one in another folder, through a link to that folder.
            let notes = folder.appendingPathComponent("notes")
            try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
            let target = notes.appendingPathComponent("target.md"), link = folder.appendingPathComponent("link.md")
            try Data("old\n".utf8).write(to: target)
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "notes/target.md")
            try compare(summary: link.path)
            #expect(Self.type(link) == S_IFLNK, "the link was replaced by a file")
            let written = try target.text()
            #expect(written.hasPrefix("## Comparison of training runs\n"), "\(written)")
            let dangling = folder.appendingPathComponent("dangling.md")
            try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "notes/new.md")
            #expect(throws: Never.self) { try compare(summary: dangling.path) }
            #expect(Self.type(dangling) == S_IFLNK)
            #expect(Self.type(notes.appendingPathComponent("new.md")) == S_IFREG)
            let notesLink = folder.appendingPathComponent("notes-link")
            try FileManager.default.createSymbolicLink(atPath: notesLink.path, withDestinationPath: notes.path)
            #expect(throws: Never.self) { try compare(summary: notesLink.path + "/through.md") }
            #expect(Self.type(notes.appendingPathComponent("through.md")) == S_IFREG)
            // No temporary file is left beside the files.
            #expect(try FolderSnapshot(notes).names == ["new.md", "target.md", "through.md"])

            // A link into the report's folder, to one of its files, is refused as that file's name is.
            let before = try FolderSnapshot(output)
            let intoReport = folder.appendingPathComponent("page.md")
            try FileManager.default.createSymbolicLink(atPath: intoReport.path, withDestinationPath: "cmp/report.html")
            let refused = Compare.failure([trace, "--output", output.path, "--summary", intoReport.path])
            #expect(refused?.message == "--summary \(intoReport.path): leads to \(output.resolvingSymlinksInPath().path)/report.html, but the report "
                + "writes its own files in \(output.path) (.html, .svg, .png, .json, .csv, .safetensors): name the summary another way, such as summary.md",
                "\(String(describing: refused))")
            #expect(refused?.code == 64)
            #expect(try FolderSnapshot(output) == before)
            // A link to a directory is a directory.
            let folderLink = folder.appendingPathComponent("folder.md")
            try FileManager.default.createSymbolicLink(atPath: folderLink.path, withDestinationPath: notes.path)
            let toFolder = Compare.failure([trace, "--output", output.path, "--summary", folderLink.path])
            #expect(toFolder?.message == "--summary: cannot write \(folderLink.path): it leads to \(notes.resolvingSymlinksInPath().path), "
                + "and it is a directory; name a file, such as summary.md", "\(String(describing: toFolder))")
            #expect(toFolder?.code == 64)
        }
    }

    @Test("--summary writes a FIFO, or a descriptor of the command's own such as standard output, straight through, replacing neither")
    func summaryIntoStreams() throws {
        try withTemporaryDirectory { folder in
            let trace = try Fixtures.url("small.trace.json").path
            let output = folder.appendingPathComponent("cmp")
            // A FIFO is written into, as its reader expects, and stays a FIFO.
            let fifo = folder.appendingPathComponent("summary.fifo")
            try #require(mkfifo(fifo.path, 0o600) == 0)
            let received = Received()
            let reader = Thread {
                // Opening for reading waits for the writer; reading ends when it closes.
                let descriptor = open(fifo.path, O_RDONLY)
                guard descriptor >= 0 else { return received.set(nil) }
                defer { close(descriptor) }
                var data = Data(), buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = read(descriptor, &buffer, buffer.count)
                    if count < 0 && errno == EINTR { continue }
                    if count <= 0 { break }
                    data.append(contentsOf: buffer[0 ..< count])
                }
                received.set(data)
            }
            reader.start()
            #expect(throws: Never.self) { try Compare.execute([trace, "--output", output.path, "--summary", fifo.path, "--quiet"]) }
            for _ in 0 ..< 300 where received.data == nil { usleep(10_000) }
            #expect(received.data.map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("## Comparison of training runs\n") == true)
            #expect(Self.type(fifo) == S_IFIFO, "the FIFO was replaced")
            // Standard output (here a pipe) gets it before the line that says what was written.
            // /dev/fd/1 leads where /dev/stdout does (/proc/self/fd/1), and a build that replaced
            // it would fail to, where it would replace the machine's /dev/stdout when run as root.
            let printed = try RNNReportBinary.run(["compare", trace, "--output", output.path, "--summary", "/dev/fd/1"])
            #expect(printed.status == 0, "\(printed)")
            #expect(printed.standardOutput.hasPrefix("## Comparison of training runs\n"), "\(printed)")
            #expect(printed.standardOutput.contains("\ncompared 1 run (small.trace): wrote "), "\(printed)")
            // A descriptor open for reading only (3, from the shell) is refused before any work.
            let input = try runProcess(URL(fileURLWithPath: "/bin/sh"), [
                "-c", #"exec "$0" "$@" 3</dev/null"#, try RNNReportBinary.url().path,
                "compare", trace, "--output", folder.appendingPathComponent("other").path, "--summary", "/dev/fd/3",
            ])
            #expect(input.status == 73, "\(input)")
            #expect(input.standardError.contains("--summary: cannot write /dev/fd/3: it is descriptor 3 of this process, which is not open for writing"),
                    "\(input)")
            #expect(!folder.appendingPathComponent("other").exists)
        }
    }

    @Test("--summary over a file keeps its permissions; one marked immutable or append-only is refused before any work")
    func summaryOverAFile() throws {
        try withTemporaryDirectory { folder in
            let trace = try Fixtures.url("small.trace.json").path
            let summary = folder.appendingPathComponent("private.md")
            try Data("old\n".utf8).write(to: summary)
            try #require(chmod(summary.path, 0o640) == 0)
            try Compare.execute([trace, "--output", folder.appendingPathComponent("cmp").path, "--summary", summary.path, "--quiet"])
            #expect(try summary.text().hasPrefix("## Comparison of training runs\n"))
            var status = stat()
            try #require(lstat(summary.path, &status) == 0)
            #expect(status.st_mode & 0o7777 == 0o640, "mode \(String(status.st_mode & 0o7777, radix: 8))")

            // A rename cannot replace a file marked so: refused with 73 before the report is made.
            let chattr = URL(fileURLWithPath: "/usr/bin/chattr")
            for (flag, mark) in [("+i", "immutable (chattr +i)"), ("+a", "append-only (chattr +a)")] {
                let locked = folder.appendingPathComponent("locked\(flag.dropFirst()).md")
                try Data("kept\n".utf8).write(to: locked)
                let marked = try runProcess(chattr, [flag, locked.path])
                try #require(marked.status == 0, "chattr \(flag): \(marked)")
                defer { _ = try? runProcess(chattr, ["-" + flag.dropFirst(), locked.path]) }
                let output = folder.appendingPathComponent("cmp-\(flag.dropFirst())")
                let refused = Compare.failure([trace, "--output", output.path, "--summary", locked.path])
                #expect(refused?.message == "--summary: cannot write \(locked.path): the file is marked \(mark), so it cannot be replaced",
                        "\(String(describing: refused))")
                #expect(refused?.code == 73)
                #expect(!output.exists)
                #expect(try locked.text() == "kept\n")
            }
        }
    }

    @Test("--summary that is a file the command reads (a run's metrics.json, the baseline's, --config, --template) is refused (64) before any work, through a link too")
    func summaryOverAnInput() throws {
        try withTemporaryDirectory { folder in
            let run = try trainSmallRun(in: folder)
            let metrics = run.appendingPathComponent("metrics.json")
            let before = try FolderSnapshot(run)
            let link = folder.appendingPathComponent("link.md")
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: metrics.path)
            for summary in [metrics.path, link.path] {
                let compared = Compare.failure([run.path, "--output", folder.appendingPathComponent("cmp").path, "--summary", summary])
                #expect(compared?.message == "--summary \(summary) is the run's metrics file \(metrics.path), which this command reads and the "
                    + "summary would replace; name the summary another way, such as summary.md", "\(String(describing: compared))")
                #expect(compared?.code == 64)
            }
            let baseline = Generate.failure(smallRun + ["--baseline", run.path, "--output", folder.appendingPathComponent("new").path,
                                                         "--summary", metrics.path])
            #expect(baseline?.message.hasPrefix("--summary \(metrics.path) is the --baseline's metrics file \(metrics.path),") == true,
                    "\(String(describing: baseline))")
            #expect(baseline?.code == 64)
            let config = Generate.failure(["--config", metrics.path, "--output", folder.appendingPathComponent("new").path, "--summary", metrics.path])
            #expect(config?.message.hasPrefix("--summary \(metrics.path) is the --config file \(metrics.path),") == true, "\(String(describing: config))")
            let template = folder.appendingPathComponent("page.mustache")
            try Data("<p>{{title}}</p>".utf8).write(to: template)
            let templated = Generate.failure(["--metrics", metrics.path, "--template", template.path,
                                              "--output", folder.appendingPathComponent("new").path, "--summary", template.path])
            #expect(templated?.message.hasPrefix("--summary \(template.path) is the --template file") == true, "\(String(describing: templated))")
            #expect(try FolderSnapshot(run) == before)
            #expect(try template.text() == "<p>{{title}}</p>")
            #expect(!folder.appendingPathComponent("new").exists && !folder.appendingPathComponent("cmp").exists)
        }
    }

    /// The type of what is at `url` (`S_IFLNK`, `S_IFREG`, `S_IFIFO`, …), a last link not followed; 0 for nothing.
    private static func type(_ url: URL) -> mode_t {
        var status = stat()
        return lstat(url.path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    /// What a reader thread received, read by the test's thread.
    private final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Data?
        var data: Data? { lock.lock(); defer { lock.unlock() }; return stored }
        func set(_ data: Data?) { lock.lock(); stored = data ?? Data(); lock.unlock() }
    }

    @Test("--summary shows a run's name and a metrics file's source as written, not as HTML; a path with a backtick stays one code span")
    func summaryOfUntrustedText() throws {
        try withTemporaryDirectory { folder in
            // A metrics file whose source is a script, and a run whose folder's name has markup in it.
            let traceURL = try Fixtures.url("small.trace.json")
            var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: traceURL)) as? [String: Any])
            object["source"] = "<script>alert(1)</script>"
            let script = folder.appendingPathComponent("script.json")
            try JSONSerialization.data(withJSONObject: object).write(to: script)
            let run = folder.appendingPathComponent("rün <b>&\"x'")
            try Train.execute(smallRun + ["--output", run.path, "--quiet"])
            let summary = folder.appendingPathComponent("summary.md")
            try Compare.execute([run.path, script.path, "--output", folder.appendingPathComponent("cmp").path, "--summary", summary.path, "--quiet"])
            let text = try summary.text()
            #expect(text.contains("\n| rün &lt;b&gt;&amp;\"x' | rnnreport "), "\(text)")
            #expect(text.contains("\n| script | &lt;script&gt;alert(1)&lt;/script&gt; | "), "\(text)")
            #expect(!text.contains("<script>") && !text.contains("<b>"), "\(text)")

            // generate: the title as text, the baseline's path as a code span however many backticks it holds.
            let base = folder.appendingPathComponent("base`line")
            try Train.execute(smallRun + ["--output", base.path, "--quiet"])
            try Generate.execute(smallRun + ["--learning-rate", "0.01", "--baseline", base.path, "--title", "A <i>run</i> & more",
                                             "--output", folder.appendingPathComponent("new").path, "--summary", summary.path, "--quiet"])
            let generated = try summary.text()
            #expect(generated.hasPrefix("## A &lt;i&gt;run&lt;/i&gt; &amp; more\n"), "\(generated)")
            #expect(generated.contains("Against the baseline ``\(base.path)`` (rnnreport 0.1.0 float32):"), "\(generated)")
        }
    }

    @Test("the same run twice, given by a relative path: short names on the page, and a warning on standard error, even with --quiet")
    func sameRunTwice() throws {
        try withTemporaryDirectory { folder in
            try Train.execute(smallRun + ["--output", folder.appendingPathComponent("t1").path, "--quiet"])
            let result = try RNNReportBinary.run(["compare", "t1", "t1", "-o", "cdup", "-q"], workingDirectory: folder)
            #expect(result.status == 0, "\(result)")
            let file = folder.appendingPathComponent("t1/metrics.json").resolvingSymlinksInPath().path
            #expect(result.standardError == "warning: the same run is given twice (\(file)): it is compared with itself, as 't1' and 't1 #2'\n",
                    "\(result)")
            #expect(result.standardOutput.isEmpty, "\(result)")
            let html = try folder.appendingPathComponent("cdup/report.html").text()
            #expect(html.contains("<strong>t1</strong>: <code>t1</code>") && html.contains("<strong>t1 #2</strong>: <code>t1</code>"))
            let absolute = String(folder.resolvingSymlinksInPath().path.dropFirst())
            #expect(!html.contains(absolute) && !html.contains(String(folder.path.dropFirst())), "the page names the runs by their whole path")
            // Two different runs: no warning.
            try Train.execute(smallRun + ["--seed", "1", "--output", folder.appendingPathComponent("t2").path, "--quiet"])
            let two = try RNNReportBinary.run(["compare", "t1", "t2", "-o", "c2", "-q"], workingDirectory: folder)
            #expect(two.status == 0 && two.standardError.isEmpty, "\(two)")
        }
    }

    @Test("a sweep directory whose runs/ lacks a run its sweep.json lists: the others are compared, with a warning naming it, status 0")
    func sweepWithRunMissing() throws {
        try withTemporaryDirectory { folder in
            let run = try trainSmallRun(in: folder)
            let sweep = folder.appendingPathComponent("sweep")
            let grid = try SweepGrid(base: TrainingConfiguration(), lists: [(.learningRate, "0.005,0.01"), (.steps, "40"), (.seed, "0..3")])
            try FileManager.default.createDirectory(at: sweep.appendingPathComponent("runs"), withIntermediateDirectories: true)
            try grid.jsonData().write(to: sweep.appendingPathComponent("sweep.json"))
            let removed = grid.runs[2].name
            for name in grid.runs.map(\.name) where name != removed {
                let folder = sweep.appendingPathComponent("runs/\(name)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: run.appendingPathComponent("metrics.json"), to: folder.appendingPathComponent("metrics.json"))
            }
            let result = try RNNReportBinary.run(["compare", "sweep", "-o", "c", "-q"], workingDirectory: folder)
            #expect(result.status == 0, "\(result)")
            #expect(result.standardError == "warning: sweep/sweep.json lists 8 runs, and 1 of them is not in sweep/runs/ (\(removed)): "
                + "the comparison leaves it out\n", "\(result)")
            #expect(try folder.appendingPathComponent("c/tail-7.svg").exists && !folder.appendingPathComponent("c/tail-8.svg").exists)
        }
    }

    @Test("a sweep directory is compared run by run")
    func sweepDirectory() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            for rate in ["0.005", "0.01"] {
                try Train.execute(smallRun + ["--learning-rate", rate, "--output", sweep.appendingPathComponent("runs/lr\(rate)").path, "--quiet"])
            }
            try Data("{}".utf8).write(to: sweep.appendingPathComponent("sweep.json"))
            let output = folder.appendingPathComponent("comparison")
            let summary = folder.appendingPathComponent("summary.md")
            try Compare.execute([sweep.path, "--output", output.path, "--summary", summary.path, "--quiet"])
            let text = try summary.text()
            #expect(text.contains("Settings that differ:\n\n| run | learning_rate |\n| --- | ---: |\n| lr0.005 | 0.005 |\n| lr0.01 | 0.01 |\n"), "\(text)")
            #expect(output.appendingPathComponent("tail-2.svg").exists)
        }
    }
}

@Suite("rnnreport generate against a baseline")
struct BaselineTests {
    /// Rewrites the loss of every step in `folder/metrics.json`, multiplied by `factor`.
    private func scaleLoss(in folder: URL, by factor: Float) throws {
        let url = folder.appendingPathComponent("metrics.json")
        var metrics = try TrainingMetrics(jsonData: Data(contentsOf: url))
        metrics.loss = metrics.loss.map { $0.map { $0 * factor } }
        try metrics.jsonData().write(to: url)
    }

    @Test("--check --tolerance: a 1 % change of the loss passes at 0.05 and fails at 0.001, naming the loss, the step and the change")
    func tolerance() throws {
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            try Generate.execute(smallRun + ["--output", report.path, "--quiet"])
            try scaleLoss(in: report, by: 1.01)
            // The figures' bytes do not matter to a check with a tolerance.
            try Data("not a figure".utf8).write(to: report.appendingPathComponent("loss.svg"))

            let loose = try RNNReportBinary.run(["generate"] + smallRun + ["--output", report.path, "--check", "--tolerance", "0.05"])
            #expect(loose.status == 0, "\(loose)")
            #expect(loose.standardOutput.contains("the loss of all 40 steps is within 5 %"), "\(loose)")

            let summary = folder.appendingPathComponent("check.md")
            let strict = try RNNReportBinary.run(["generate"] + smallRun + [
                "--output", report.path, "--check", "--tolerance", "0.001", "--summary", summary.path])
            #expect(strict.status == 1, "\(strict)")
            #expect(strict.standardError.contains("moved: the loss moved by more than 0.1 % at 40 of 40 steps; most at step"), "\(strict)")
            #expect(strict.standardError.contains("(−1 %)") || strict.standardError.contains("(−0.99"), "\(strict)")
            #expect(strict.standardError.contains("moved: the mean loss of the last 40 steps moved by more than 0.1 %"), "\(strict)")
            let text = try summary.text()
            #expect(text.contains("**Check failed** against"), "\(text)")
            #expect(text.contains("| this run | rnnreport 0.1.0 float32 |"), "\(text)")

            // Byte-exact without --tolerance: the figure written over fails it.
            let exact = try RNNReportBinary.run(["generate"] + smallRun + ["--output", report.path, "--check"])
            #expect(exact.status == 1 && exact.standardError.contains("loss.svg"), "\(exact)")
        }
    }

    @Test("--check --tolerance 1000 is said as 100,000 %, its thousands separated as a factor's are, not as 1e+05 %")
    func largeTolerance() throws {
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            try Generate.execute(smallRun + ["--output", report.path, "--quiet"])
            let check = ["generate"] + smallRun + ["--output", report.path, "--check", "--tolerance", "1000"]
            let same = try RNNReportBinary.run(check)
            #expect(same.status == 0, "\(same)")
            #expect(same.standardOutput.contains("the loss of all 40 steps is the same as recorded, within 100,000 %"), "\(same)")

            // The recorded loss 5,000 times smaller: the run made now is 5,000 times it.
            try scaleLoss(in: report, by: 1.0 / 5000)
            let summary = folder.appendingPathComponent("check.md")
            let moved = try RNNReportBinary.run(check + ["--summary", summary.path])
            #expect(moved.status == 1, "\(moved)")
            #expect(moved.standardError.contains("moved: the loss moved by more than 100,000 % at 40 of 40 steps"), "\(moved)")
            #expect(moved.standardError.contains("5,000× the recorded value"), "\(moved)")
            #expect(moved.standardError.contains("is not within 100,000 % of the run the options make"), "\(moved)")
            let text = try summary.text()
            #expect(text.contains("within 100,000 %:"), "\(text)")
            for output in [same.standardOutput, moved.standardError, text] {
                #expect(!output.contains("e+05"), "\(output)")
            }
        }
    }

    @Test("--check --tolerance with other settings than metrics.json names the setting, before training")
    func otherConfiguration() throws {
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            try Generate.execute(smallRun + ["--output", report.path, "--quiet"])
            let result = try RNNReportBinary.run(["generate"] + smallRun + [
                "--learning-rate", "0.01", "--output", report.path, "--check", "--tolerance", "0.05"])
            #expect(result.status == 1, "\(result)")
            #expect(result.standardError.contains("differs: learning_rate is 0.005 in"), "\(result)")
            #expect(result.standardError.contains("0.01 from the options (--learning-rate)"), "\(result)")
        }
    }

    @Test("--check --tolerance names a setting the options leave unset as not set, not as an empty value")
    func unsetSetting() throws {
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            try Generate.execute(DataCommandTests.exampleRun + ["--output", report.path, "--quiet"])
            let result = try RNNReportBinary.run(["generate", "--num-layers", "1", "--hidden-size", "8",
                "--time-step", "30", "--steps", "40", "--output", report.path, "--check", "--tolerance", "0.05"])
            #expect(result.status == 1, "\(result)")
            #expect(result.standardError.contains(
                "differs: data is room-temperature.csv in \(report.path)/metrics.json, not set from the options (--data)"),
                "\(result)")
        }
    }

    @Test("--check --tolerance of a --data run compares its evaluation: held-out rows edited since fail it, naming the held-out MSE; plain --check fails too")
    func toleranceEvaluation() throws {
        try withTemporaryDirectory { folder in
            // A copy of the example, whose held-out rows (480 to 599) the training never reads.
            let data = folder.appendingPathComponent("room-temperature.csv")
            try FileManager.default.copyItem(at: DataCommandTests.example, to: data)
            var run = DataCommandTests.exampleRun
            run[1] = data.path
            let report = folder.appendingPathComponent("report")
            try Generate.execute(run + ["--output", report.path, "--quiet"])

            let same = try RNNReportBinary.run(["generate"] + run + ["--output", report.path, "--check", "--tolerance", "0.01"])
            #expect(same.status == 0, "\(same)")
            #expect(same.standardOutput.contains(", as recorded)"), "\(same)")
            #expect(same.standardOutput.contains("the loss of all 40 steps is the same as recorded, within 1 %; the evaluation of its 600 rows too (train MSE "),
                    "\(same)")

            // 50 more in indoor_c, the target, in every held-out row.
            let lines = try data.text().split(separator: "\n", omittingEmptySubsequences: false)
            let edited = lines.enumerated().map { index, line -> String in
                guard index >= 481, !line.isEmpty else { return String(line) }
                var fields = line.split(separator: ",").map(String.init)
                fields[3] = String(Double(fields[3])! + 50)
                return fields.joined(separator: ",")
            }
            try Data(edited.joined(separator: "\n").utf8).write(to: data)

            let summary = folder.appendingPathComponent("check.md")
            let moved = try RNNReportBinary.run(["generate"] + run + [
                "--output", report.path, "--check", "--tolerance", "0.01", "--summary", summary.path])
            #expect(moved.status == 1, "\(moved)")
            #expect(!moved.standardOutput.contains("the same as recorded"), "\(moved)")
            #expect(moved.standardError.contains("moved: the series' real value moved by more than 1 % at 120 of 600 rows (the data file changed); most at row 599: recorded 13.728, now 63.728 (+364 %)"),
                    "\(moved)")
            #expect(moved.standardError.contains("moved: the held-out MSE moved by more than 1 %: recorded "), "\(moved)")
            #expect(!moved.standardError.contains("the train MSE moved"), "\(moved)")
            #expect(!moved.standardError.contains("the loss moved"), "the training rows are the same: \(moved)")
            #expect(moved.standardError.contains("is not within 1 % of the run the options make"), "\(moved)")
            let text = try summary.text()
            #expect(text.contains("**Check failed** against") && text.contains("held-out MSE moved by more than 1 %"), "\(text)")

            // Byte-exact --check finds it too: metrics.json (its evaluation) and the held-out figure differ.
            let exact = try RNNReportBinary.run(["generate"] + run + ["--output", report.path, "--check"])
            #expect(exact.status == 1, "\(exact)")
            #expect(exact.standardError.contains("differs: \(report.path)/metrics.json"), "\(exact)")
        }
    }

    @Test("--tolerance needs --check and a fraction of 0 or more; --check --tolerance needs a metrics.json")
    func toleranceRefusals() throws {
        try withTemporaryDirectory { folder in
            expectFailure(Generate.failure(smallRun + ["--tolerance", "0.1", "--output", folder.path]), mentioning: ["--tolerance is for --check"])
            expectFailure(Generate.failure(smallRun + ["--check", "--tolerance", "-1", "--output", folder.path]), mentioning: ["invalid --tolerance -1"])
            expectFailure(Generate.failure(smallRun + ["--check", "--tolerance", "nan", "--output", folder.path]), mentioning: ["The value 'nan' is invalid for '--tolerance <fraction>': expected a number in decimal digits"])
            let missing = Generate.failure(smallRun + ["--check", "--tolerance", "0.1", "--output", folder.appendingPathComponent("none").path])
            expectFailure(missing, mentioning: ["metrics.json", "does not exist"])
            #expect(missing?.code == 66)
        }
    }

    @Test("--check --tolerance refuses (65) a metrics.json whose config gives settings as null, naming them, rather than reading them as their defaults")
    func nullSetting() throws {
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            try Generate.execute(smallRun + ["--output", report.path, "--quiet"])
            let metrics = report.appendingPathComponent("metrics.json")
            let written = try metrics.text()
            // Both are the defaults the options leave: read as defaults, the check would pass.
            #expect(written.contains("\"learning_rate\":0.005,") && written.contains("\"lr_factor\":0.5,"), "\(written.prefix(300))")
            let edited = written.replacingOccurrences(of: "\"learning_rate\":0.005,", with: "\"learning_rate\":null,")
                .replacingOccurrences(of: "\"lr_factor\":0.5,", with: "\"lr_factor\":null,")
            try Data(edited.utf8).write(to: metrics)

            let result = try RNNReportBinary.run(["generate"] + smallRun + ["--output", report.path, "--check", "--tolerance", "0.05"])
            #expect(result.status == 65, "\(result)")
            #expect(result.standardError == "Error: cannot check \(metrics.path): its config gives \"learning_rate\" and \"lr_factor\" as null, "
                + "which records no value to compare --learning-rate, --lr-factor with; write the value the run was trained with, "
                + "or regenerate the report with `rnnreport generate`\n", "\(result)")
            #expect(result.standardOutput.isEmpty, "\(result)")
            // The report of the file itself still shows the settings as not recorded.
            #expect(try metrics.text() == edited)
        }
    }

    @Test("--baseline that is the --output directory, or inside it, however named, is refused (64) before any work; with --check it is only read")
    func baselineInOutput() throws {
        try withTemporaryDirectory { folder in
            let base = folder.appendingPathComponent("bl")
            try Generate.execute(smallRun + ["--output", base.path, "--quiet"])
            let before = try FolderSnapshot(base)
            let link = folder.appendingPathComponent("link")
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: base.path)
            let metrics = base.appendingPathComponent("metrics.json").path
            let cases: [(baseline: String, output: String, inside: Bool)] = [
                (base.path, base.path, false),
                (base.path + "/", base.path, false),
                (folder.path + "/bl/../bl", base.path, false),
                (link.path, base.path, false),
                (base.path, link.path, false),
                (metrics, base.path, true),
                (link.path + "/metrics.json", folder.path + "/./bl", true),
            ]
            for (baseline, output, inside) in cases {
                let failure = Generate.failure(smallRun + ["--seed", "4", "--baseline", baseline, "--output", output])
                expectFailure(failure, mentioning: [
                    "--baseline \(baseline) is \(inside ? "inside " : "")the --output directory \(output), whose report this run replaces; "
                        + "copy the baseline elsewhere first and give the copy as --baseline"], "\(baseline) in \(output)")
                #expect(failure?.code == 64, "\(baseline) in \(output)")
            }
            // The binary too, before any training.
            let binary = try RNNReportBinary.run(["generate"] + smallRun + ["--seed", "4", "--baseline", base.path, "--output", base.path])
            #expect(binary.status == 64, "\(binary)")
            #expect(binary.standardError.contains("--baseline \(base.path) is the --output directory"), "\(binary)")
            #expect(try FolderSnapshot(base) == before, "the baseline was left as it was")

            // --check writes nothing: a run checked against its own folder, shown against it.
            let check = try RNNReportBinary.run(["generate"] + smallRun + [
                "--baseline", base.path, "--output", base.path, "--check", "--tolerance", "0.01"])
            #expect(check.status == 0, "\(check)")
            #expect(try FolderSnapshot(base) == before)

            // A folder whose name only begins with the output's is not inside it.
            let other = folder.appendingPathComponent("bl2")
            try FileManager.default.copyItem(at: base, to: other)
            try Generate.execute(smallRun + ["--baseline", other.path, "--output", base.path, "--quiet"])
            #expect(base.appendingPathComponent("baseline-loss.svg").exists)
        }
    }

    @Test("--baseline draws the baseline beside the run and tabulates the differences; --summary has them too")
    func baseline() throws {
        try withTemporaryDirectory { folder in
            let base = folder.appendingPathComponent("base")
            try Generate.execute(smallRun + ["--output", base.path, "--quiet"])
            let report = folder.appendingPathComponent("report")
            let summary = folder.appendingPathComponent("summary.md")
            try Generate.execute(smallRun + ["--learning-rate", "0.01", "--baseline", base.path, "--summary", summary.path,
                                             "--output", report.path, "--quiet"])
            for stem in ["baseline-loss", "baseline-tail-1", "baseline-tail-2"] {
                for suffix in [".svg", ".dark.svg", ".png"] {
                    #expect(report.appendingPathComponent(stem + suffix).exists, "no \(stem + suffix)")
                }
            }
            let html = try report.appendingPathComponent("report.html").text()
            #expect(html.contains("<h2 id=\"baseline\">Against the baseline</h2>"))
            #expect(html.contains("The baseline is <code>\(base.path)</code>, made by rnnreport 0.1.0 float32. Settings that differ: <code>learning_rate 0.01 (baseline 0.005)</code>."))
            #expect(html.contains("<tr><td>final loss</td>"))
            #expect(html.contains("id=\"figure-baseline-tail-2\""))
            #expect(html.contains("id=\"baseline-loss-dark-"), "the baseline's loss figure in dark colours")

            let text = try summary.text()
            #expect(text.contains("Against the baseline `\(base.path)` (rnnreport 0.1.0 float32):\n\n|  | this run | baseline | change |\n"), "\(text)")
            #expect(text.contains("\n| final loss | "), "\(text)")
            #expect(text.contains("Settings that differ: `learning_rate 0.01 (baseline 0.005)`."), "\(text)")

            // Against itself: no change anywhere.
            let same = folder.appendingPathComponent("same")
            try Generate.execute(smallRun + ["--baseline", base.path, "--summary", summary.path, "--output", same.path, "--quiet"])
            let sameText = try summary.text()
            #expect(sameText.contains("| final loss | "), "\(sameText)")
            for line in sameText.split(separator: "\n") where ["| final loss", "| best loss", "| mean of last", "| first step", "| learning-rate"].contains(where: line.hasPrefix) {
                #expect(line.hasSuffix("| none |"), "\(line)")
            }
            // The report without --baseline has none of it, byte for byte as before.
            let plain = folder.appendingPathComponent("plain")
            try Generate.execute(smallRun + ["--output", plain.path, "--quiet"])
            #expect(try Data(contentsOf: plain.appendingPathComponent("report.html")) == Data(contentsOf: base.appendingPathComponent("report.html")))
            #expect(!(try plain.appendingPathComponent("report.html").text()).contains("baseline"))
        }
    }

    @Test("--baseline with losses of another quantity: no loss compared, the quantities named, only the settings")
    func baselineOfAnotherQuantity() throws {
        try withTemporaryDirectory { folder in
            let base = folder.appendingPathComponent("room")
            try Generate.execute(DataCommandTests.exampleRun + ["--output", base.path, "--quiet"])
            let report = folder.appendingPathComponent("report"), summary = folder.appendingPathComponent("summary.md")
            try Generate.execute(smallRun + ["--baseline", base.path, "--summary", summary.path, "--output", report.path, "--quiet"])
            let html = try report.appendingPathComponent("report.html").text()
            let sentence = "The losses are squared errors of different quantities (cos(t); indoor_c in room-temperature.csv, standardised), "
                + "so no loss of one is compared with the other&#39;s; only the settings are."
            let section = try #require(html.range(of: "<h2 id=\"baseline\">").map { String(html[$0.lowerBound...]) })
            #expect(section.contains(sentence) || section.contains(sentence.replacingOccurrences(of: "&#39;", with: "'")), "\(section.prefix(1500))")
            for words in ["<tr><td>final loss</td>", "now reached", " %</td>", "first step below"] {
                #expect(!section.contains(words), "'\(words)' against a loss of another quantity")
            }
            #expect(section.contains("data – (baseline room-temperature.csv)"))
            let text = try summary.text()
            #expect(text.contains("The losses are squared errors of different quantities (cos(t); indoor_c in room-temperature.csv, standardised)"), "\(text)")
            let against = try #require(text.range(of: "Against the baseline").map { String(text[$0.lowerBound...]) })
            #expect(!against.contains("| final loss |") && !against.contains("%"), "\(against)")
        }
    }

    @Test("--baseline of a file without config: its settings are not recorded, and its empty tail figure is left out")
    func baselineWithoutConfig() throws {
        try withTemporaryDirectory { folder in
            let run = folder.appendingPathComponent("run")
            try Train.execute(smallRun + ["--steps", "20", "--output", run.path, "--quiet"])
            let lossOnly = folder.appendingPathComponent("lossonly.json")
            let metrics = try TrainingMetrics(contentsOf: run.appendingPathComponent("metrics.json"))
            try Data("{\"loss\":[\(metrics.loss.map { $0.map { "\($0)" } ?? "null" }.joined(separator: ","))]}".utf8).write(to: lossOnly)
            let report = folder.appendingPathComponent("report")
            try Generate.execute(smallRun + ["--baseline", lossOnly.path, "--output", report.path, "--quiet"])
            let html = try report.appendingPathComponent("report.html").text()
            #expect(html.contains("steps 40 (baseline not recorded)"))
            #expect(html.contains("cell rnn (baseline not recorded)"))
            #expect(!html.contains("(baseline 500)") && !html.contains("(baseline 32)"))
            let names = try FileManager.default.contentsOfDirectory(atPath: report.path)
            #expect(names.contains("baseline-tail-1.svg") && !names.contains { $0.hasPrefix("baseline-tail-2") }, "\(names.sorted())")
            #expect(!html.contains("figure-baseline-tail-2"))
        }
    }

    @Test("--baseline that is missing (66) or a sweep of several runs (64) is refused before training")
    func baselineRefusals() throws {
        try withTemporaryDirectory { folder in
            let missing = folder.appendingPathComponent("nope").path
            let result = Generate.expectRefusal(smallRun + ["--baseline", missing], in: folder, mentioning: ["--baseline", missing])
            #expect(result?.code == 66)
            let sweep = folder.appendingPathComponent("sweep")
            for seed in ["0", "1"] {
                try Train.execute(smallRun + ["--seed", seed, "--output", sweep.appendingPathComponent("runs/s\(seed)").path, "--quiet"])
            }
            let several = Generate.expectRefusal(smallRun + ["--baseline", sweep.path], in: folder, mentioning: ["holds 2 runs"])
            #expect(several?.code == 64)
        }
    }
}
