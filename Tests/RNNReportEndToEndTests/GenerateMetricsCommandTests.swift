import ArgumentParser
import Foundation
import RNNCore
@testable import rnnreport
import Testing
import TestSupport

/// `rnnreport generate --metrics FILE` (the report of a run made elsewhere), `plot` on the same
/// files, and `--config` given a metrics file.
@Suite("rnnreport generate --metrics")
struct GenerateMetricsCommandTests {
    /// A run of which only the loss is known, one value not finite.
    static let lossOnly = #"{"loss": [0.5, 0.25, NaN, 0.125, 0.0625, 0.03125]}"#

    /// Writes `json` as `name` in `folder`.
    static func write(_ json: String, _ name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(json.utf8).write(to: url)
        return url
    }

    /// The links of a page to files beside it.
    static func links(_ html: String) -> Set<String> {
        Set(HTML.captures(##"href="([^"#][^"]*)""##, in: html))
    }

    /// The `<section>` of the page whose heading has id `id`, if there is one.
    static func section(_ id: String, in html: String) -> String? {
        HTML.matches(#"<section aria-labelledby="\#(id)">[\s\S]*?</section>"#, in: html).first
    }

    @Test("a loss-only file: the loss figure alone, no learning-rate panel or section, no hyperparameters, no dangling link")
    func lossOnlyReport() throws {
        try withTemporaryDirectory { folder in
            let input = try Self.write(Self.lossOnly, "run.json", in: folder)
            let output = folder.appendingPathComponent("report")
            try Generate.execute(["--metrics", input.path, "--output", output.path, "--quiet"])

            let names = try FolderSnapshot(output).names
            #expect(names == ["loss.dark.svg", "loss.png", "loss.svg", "metrics.csv", "metrics.json", "report.html"])
            #expect(try Data(contentsOf: output.appendingPathComponent("metrics.json")) == Data(Self.lossOnly.utf8),
                    "the metrics file is copied byte for byte")

            let html = try output.appendingPathComponent("report.html").text()
            #expect(HTML.captures(#"<figure id="figure-([^"]+)""#, in: html) == ["loss"])
            let links = Self.links(html)
            #expect(links == ["loss.svg", "loss.dark.svg", "loss.png", "metrics.json", "metrics.csv"])
            for link in links { #expect(output.appendingPathComponent(link).exists, "\(link) is linked but missing") }
            #expect(!html.contains("model.safetensors"))
            // What the file lacks is left out, and said.
            #expect(!html.contains("Learning-rate changes") && !html.contains("learning rate was never reduced"))
            #expect(Self.section("hyperparameters", in: html) == nil)
            #expect(Self.section("configuration", in: html) == nil)
            #expect(html.contains("The report of a run made elsewhere, read from <code>run.json</code>."))
            #expect(html.contains("The file has no learning_rate, no grad_norm, no real or prediction and no config; "
                + "the page leaves out what they would show."))
            #expect(!html.contains("trained to read sin(t)"))
            #expect(try HTML.element("title", in: html) == "A run made elsewhere: run.json")
            #expect(html.contains("Diverged: 1 of the last 6 steps has a loss that is not finite."))
            // The loss figure has no panel under it (its text is drawn as glyphs: its height and
            // description say so).
            let svg = try output.appendingPathComponent("loss.svg").text()
            #expect(svg.contains(#"height="400px""#))
            let description = try #require(HTML.captures(#"<desc id="loss-desc">([^<]*)</desc>"#, in: svg).first)
            #expect(description.contains("6 steps") && !description.contains("learning rate") && !description.contains("gradient norm"))
            // metrics.csv keeps its columns, empty where the file has nothing.
            let csv = try output.appendingPathComponent("metrics.csv").text().split(separator: "\n")
            #expect(csv.first == "step,loss,loss_smoothed,learning_rate,grad_norm,window_rmse")
            #expect(csv.count == 7 && csv[1] == "0,0.5,,,," && csv[3] == "2,,,,,")
        }
    }

    @Test("a PyTorch trace: every figure, its source, and its config as written, a key rnnreport does not know included")
    func traceReport() throws {
        try withTemporaryDirectory { folder in
            let trace = try Fixtures.url("gru-small.trace.json")
            let output = folder.appendingPathComponent("report")
            try Generate.execute(["--metrics", trace.path, "--output", output.path, "--quiet", "--title", "GRU"])
            let html = try output.appendingPathComponent("report.html").text()
            #expect(HTML.captures(#"<figure id="figure-([^"]+)""#, in: html) == ["prediction", "prediction-tail", "loss"])
            #expect(html.contains("read from <code>gru-small.trace.json</code>, which says it was made by pytorch 2.15.0+cu132 float32."))
            #expect(!html.contains("The file has no"))
            #expect(html.contains("Learning-rate changes") || html.contains("The learning rate was never reduced."))
            #expect(Self.section("hyperparameters", in: html) == nil)
            let configuration = try #require(Self.section("configuration", in: html))
            let keys = HTML.captures(#"<tr><td><code>([^<]+)</code></td>"#, in: configuration)
            #expect(keys == ["hidden_size", "num_layers", "time_step", "steps", "learning_rate", "clip_norm",
                             "lr_factor", "lr_patience", "seed", "cell"])
            #expect(try HTML.row(containing: "<code>cell</code>", in: configuration).contains(">&quot;gru&quot;<"))
            #expect(try HTML.row(containing: "<code>hidden_size</code>", in: configuration).contains("(<code class=\"flag\">--hidden-size</code>)"))
            #expect(try Data(contentsOf: output.appendingPathComponent("metrics.json")) == Data(contentsOf: trace))
            for link in Self.links(html) { #expect(output.appendingPathComponent(link).exists, "\(link) is linked but missing") }
            let loss = try output.appendingPathComponent("loss.svg").text()
            #expect(loss.contains(#"height="560px""#))
            #expect(loss.contains("The panel under it shows the learning rate") && loss.contains("clipped to 1 (dashed line)"))
        }
    }

    @Test("a trace of a CSV run: the held-out figure, the MSEs, figures in the target's name and rows, no sin→cos verdict")
    func csvTraceReport() throws {
        try withTemporaryDirectory { folder in
            let trace = try Fixtures.url("series/oscillator.trace.json")
            let output = folder.appendingPathComponent("report")
            let run = try RNNReportBinary.run(["generate", "--metrics", trace.path, "--output", output.path])
            #expect(run.status == 0 && run.standardError.isEmpty, "evaluation is not an ignored key: \(run)")
            #expect(run.standardOutput.contains(", train MSE ") && run.standardOutput.contains(", held-out MSE "), "\(run)")
            let html = try output.appendingPathComponent("report.html").text()
            #expect(HTML.captures(#"<figure id="figure-([^"]+)""#, in: html) == ["prediction", "prediction-tail", "loss", "holdout"])
            for name in ["holdout.svg", "holdout.dark.svg", "holdout.png"] {
                #expect(output.appendingPathComponent(name).exists, "\(name) is missing")
            }
            #expect(html.contains("<dt>Train MSE</dt>") && html.contains("<dt>Held-out MSE</dt>"))
            #expect(html.contains("<code>oscillator.csv</code>: 600 rows;"), "the data section, its rows from the evaluation")
            // The verdict states the errors and does not judge them by sin→cos's threshold.
            let verdict = try #require(HTML.matches(#"<p class="verdict[^"]*">[^<]*</p>"#, in: html).first)
            #expect(verdict.hasPrefix(#"<p class="verdict neutral">After training, the mean squared error is "#), "\(verdict)")
            #expect(verdict.contains("on the 480 training rows and ") && verdict.contains(" on the 120 held-out rows, in standardised units"))
            #expect(!html.contains("onverge") && !html.contains("First loss below"))
            // The prediction figures speak of the target and its rows, as those of a trained CSV run do.
            for stem in ["prediction", "prediction-tail", "loss"] {
                let svg = try output.appendingPathComponent("\(stem).svg").text()
                #expect(!svg.contains("cos(t)") && !svg.contains("window of π"), "\(stem).svg speaks of sin→cos")
            }
            let prediction = try output.appendingPathComponent("prediction.svg").text()
            #expect(prediction.contains("Real and predicted “position”, whole run"))
            let holdout = try output.appendingPathComponent("holdout.svg").text()
            #expect(holdout.contains("Rows 480 to 599 (120 rows), shaded, were held out of training"))
        }
    }

    @Test("a report without the held-out figure replaces the holdout files of the previous one")
    func replacesStaleHoldout() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("report")
            try Generate.execute(["--metrics", try Fixtures.url("series/oscillator.trace.json").path, "--output", output.path, "--quiet"])
            #expect(try FolderSnapshot(output).names.contains("holdout.png"))
            let input = try Self.write(Self.lossOnly, "run.json", in: folder)
            try Generate.execute(["--metrics", input.path, "--output", output.path, "--quiet"])
            #expect(try FolderSnapshot(output).names == [
                "loss.dark.svg", "loss.png", "loss.svg", "metrics.csv", "metrics.json", "report.html",
            ])
        }
    }

    @Test("config keys are shown as given: in the file's order, values as written, unknown keys marked")
    func configAsGiven() throws {
        try withTemporaryDirectory { folder in
            let json = #"{"config": {"zeta": [1, 2.50], "hidden_size": 8, "alpha": "x<y", "clip_norm": 2.0}, "loss": [1, 0.5]}"#
            let input = try Self.write(json, "m.json", in: folder)
            let output = folder.appendingPathComponent("report")
            try Generate.execute(["--metrics", input.path, "--output", output.path, "--quiet"])
            let html = try output.appendingPathComponent("report.html").text()
            let configuration = try #require(Self.section("configuration", in: html))
            #expect(HTML.captures(#"<tr><td><code>([^<]+)</code></td>"#, in: configuration) == ["zeta", "hidden_size", "alpha", "clip_norm"])
            #expect(HTML.captures(#"<td class="value num">([^<]*)</td>"#, in: configuration)
                == ["[1, 2.50]", "8", "&quot;x&lt;y&quot;", "2.0"])
            #expect(try HTML.row(containing: "<code>zeta</code>", in: configuration).contains("not a setting rnnreport knows"))
            // Half a network's shape is no architecture: the page names none.
            #expect(html.contains("The report of a run made elsewhere, read from"))
            #expect(html.contains("The file has no learning_rate, no grad_norm and no real or prediction;"))
        }
    }

    @Test("unknown keys are ignored and listed once on standard error, by generate, --check and plot")
    func ignoredKeysListedOnce() throws {
        try withTemporaryDirectory { folder in
            let json = #"{"wall_time": 12.5, "loss": [1, 0.5], "notes": {"loss": "x"}}"#
            let input = try Self.write(json, "m.json", in: folder)
            let output = folder.appendingPathComponent("report")
            let message = "--metrics file \(input.path): ignored keys: wall_time, notes\n"
            let generate = try RNNReportBinary.run(["generate", "--metrics", input.path, "--output", output.path])
            #expect(generate.status == 0 && generate.standardError == message, "\(generate)")
            let check = try RNNReportBinary.run(["generate", "--metrics", input.path, "--output", output.path, "--check"])
            #expect(check.status == 0 && check.standardError == message, "\(check)")
            #expect(check.standardOutput.contains("all 6 files are up to date"), "\(check)")
            let plot = try RNNReportBinary.run(["plot", "--metrics", input.path, "--output", folder.appendingPathComponent("figures").path])
            #expect(plot.status == 0 && plot.standardError == message, "\(plot)")
            let quiet = try RNNReportBinary.run(["plot", "--metrics", input.path, "--output", folder.appendingPathComponent("figures").path, "--quiet"])
            #expect(quiet.status == 0 && quiet.standardError.isEmpty, "\(quiet)")
        }
    }

    @Test("--check with --metrics compares the report of the file with the folder")
    func check() throws {
        try withTemporaryDirectory { folder in
            let input = try Self.write(Self.lossOnly, "run.json", in: folder)
            let output = folder.appendingPathComponent("report")
            try Generate.execute(["--metrics", input.path, "--output", output.path, "--quiet"])
            let before = try FolderSnapshot(output)
            try Generate.execute(["--metrics", input.path, "--output", output.path, "--check", "--quiet"])
            // Another file of the same name makes another report.
            try Data(#"{"loss": [0.5, 0.25]}"#.utf8).write(to: input)
            #expect(Generate.failure(["--metrics", input.path, "--output", output.path, "--check", "--quiet"])?.code == 1)
            #expect(try FolderSnapshot(output) == before, "--check writes nothing")
        }
    }

    @Test("a file without loss, or with a loss of the wrong kind, is refused naming the key, before anything is written")
    func refusedFiles() throws {
        try withTemporaryDirectory { folder in
            let cases: [(String, [String])] = [
                (#"{"config": {"time_step": 2}, "real": [1, 2], "prediction": [1, 2]}"#, ["missing key 'loss'"]),
                (#"{"loss": "0.5"}"#, ["loss: expected an array, found a string"]),
                (#"{"loss": [0.5, true]}"#, ["loss[1]: expected a number"]),
                (#"{"loss": [1, 2], "real": [1, 2, 3]}"#, ["real is given without prediction"]),
                (#"{"loss": [0.5, 0.25, 0.1, -1.0]}"#, ["loss[3]: -1 is negative; the loss is a mean squared error"]),
                (#"{"loss": [0.5, 0.4, 0.3, 0.2, 0.1, 1e40]}"#, ["loss[5]: 1e40 is beyond the range of a float (at most 3.4028235e38)"]),
            ]
            for (json, words) in cases {
                let input = try Self.write(json, "bad.json", in: folder)
                let failure = Generate.expectRefusal(["--metrics", input.path], in: folder, mentioning: ["--metrics file", "bad.json"] + words, json)
                #expect(failure?.code == 65, "\(json): \(failure?.description ?? "")")
                #expect(failure?.message.contains("Array<") == false && failure?.message.contains("Optional") == false)
                let plot = Plot.failure(["--metrics", input.path, "--output", folder.appendingPathComponent("out").path])
                #expect(plot?.code == 65 && plot?.message == failure?.message, "plot says the same: \(plot?.description ?? "")")
            }
        }
    }

    @Test("a trace whose config gives a setting the report computes with out of range is refused (65) by every reader, naming the file, the key and the range, before anything is written",
          arguments: [("time_step", "1", "expected an integer from 2 to 1000000"), ("steps", "4294967296", "recorded points (steps × time_step)"),
                      ("clip_norm", "-1", "expected a finite number greater than 0")])
    func settingOutOfRange(key: String, value: String, expected: String) throws {
        try withTemporaryDirectory { folder in
            // The small trace, one point a step for a time_step of 1.
            var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: try Fixtures.url("small.trace.json"))) as? [String: Any])
            var config = try #require(object["config"] as? [String: Any])
            config[key] = NSNumber(value: Int64(value)!)
            object["config"] = config
            if key == "time_step" {
                for series in ["real", "prediction"] { object[series] = Array((object[series] as? [Any] ?? []).prefix(40)) }
            }
            let input = folder.appendingPathComponent("bad.json")
            try JSONSerialization.data(withJSONObject: object).write(to: input)
            let words = [input.path, "invalid config.\(key) \(key == "clip_norm" ? "-1.0" : value)", expected]
            let output = folder.appendingPathComponent("out")
            for (name, failure) in [
                ("generate --metrics", Generate.failure(["--metrics", input.path, "--output", output.path])),
                ("plot", Plot.failure(["--metrics", input.path, "--output", output.path])),
                ("compare", Compare.failure([input.path, "--output", output.path])),
                ("--baseline", Generate.failure(smallRun + ["--baseline", input.path, "--output", output.path])),
            ] {
                expectFailure(failure, mentioning: words, name)
                #expect(failure?.code == 65, "\(name): \(String(describing: failure))")
                #expect(!output.exists, "\(name)")
            }
            // The folder's metrics.json that --check --tolerance compares with.
            let run = try trainSmallRun(in: folder)
            try FileManager.default.removeItem(at: run.appendingPathComponent("metrics.json"))
            try FileManager.default.copyItem(at: input, to: run.appendingPathComponent("metrics.json"))
            let check = Generate.failure(["--check", "--tolerance", "0.01"] + smallRun + ["--output", run.path])
            expectFailure(check, mentioning: ["cannot check", "invalid config.\(key)", expected], "--check --tolerance")
            #expect(check?.code == 65, "--check --tolerance: \(String(describing: check))")
        }
    }

    @Test("training options, --threads, --kernels, --baseline and --tolerance do not go with --metrics: a usage error naming them; --summary does")
    func trainingOptionsRefused() throws {
        try withTemporaryDirectory { folder in
            let input = try Self.write(Self.lossOnly, "run.json", in: folder)
            let failure = Generate.expectRefusal(
                ["--metrics", input.path, "--hidden-size", "8", "--seed", "2"], in: folder,
                mentioning: ["--hidden-size is a training option", "leave out --hidden-size, --seed"])
            #expect(failure?.code == 64)
            // A series' options too, alone or with a file, rather than be told to come with one.
            for series in [["--normalize"], ["--holdout", "0.5"], ["--data", "x.csv"], ["--input", "a"]] {
                let refused = Generate.expectRefusal(["--metrics", input.path] + series, in: folder,
                                                     mentioning: ["\(series[0]) is a training option", "leave out \(series[0])"])
                #expect(refused?.code == 64)
            }
            // --threads and --kernels set how a run is trained: none is.
            for (speed, named) in [(["--threads", "2"], "--threads"), (["--kernels", "sse2"], "--kernels"),
                                   (["--threads", "1", "--kernels", "auto"], "--threads, --kernels")] {
                let refused = Generate.expectRefusal(["--metrics", input.path] + speed, in: folder,
                                                     mentioning: ["\(speed[0]) sets how a run is trained", "leave out \(named)"])
                #expect(refused?.code == 64)
            }
            // --baseline and --tolerance compare with a run trained now: none here.
            let baseline = Generate.expectRefusal(
                ["--metrics", input.path, "--baseline", input.path], in: folder,
                mentioning: ["--baseline compares with a run trained now", "leave out --baseline"])
            #expect(baseline?.code == 64)
            let tolerance = Generate.expectRefusal(
                ["--metrics", input.path, "--check", "--tolerance", "0.01"], in: folder,
                mentioning: ["--tolerance compares with a run trained now"])
            #expect(tolerance?.code == 64)
            // --summary writes the file's results as Markdown.
            let summary = folder.appendingPathComponent("summary.md")
            try Generate.execute(["--metrics", input.path, "--output", folder.appendingPathComponent("r").path,
                                  "--summary", summary.path, "--quiet", "--title", "Loss only"])
            let markdown = try summary.text()
            #expect(markdown.hasPrefix("## Loss only\n\n|"), "\(markdown)")
        }
    }

    @Test("a report replaces the figures and model of the previous one that it does not write; the user's files stay")
    func replacesStaleFiles() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("report")
            try Generate.execute(smallRun + ["--steps", "3", "--output", output.path, "--quiet"])
            try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
            try Data("mine".utf8).write(to: output.appendingPathComponent("prediction.pdf"))
            let input = try Self.write(Self.lossOnly, "run.json", in: folder)
            try Generate.execute(["--metrics", input.path, "--output", output.path, "--quiet"])
            #expect(try FolderSnapshot(output).names == [
                "loss.dark.svg", "loss.png", "loss.svg", "metrics.csv", "metrics.json", "notes.txt", "prediction.pdf", "report.html",
            ])

            // plot replaces the figures, not the metrics file it may be reading or the page.
            let figures = folder.appendingPathComponent("figures")
            let trace = try Fixtures.url("small.trace.json")
            try Plot.execute(["--metrics", trace.path, "--output", figures.path, "--quiet"])
            try Data("{}".utf8).write(to: figures.appendingPathComponent("metrics.json"))
            try Plot.execute(["--metrics", input.path, "--output", figures.path, "--formats", "svg", "--quiet"])
            #expect(try FolderSnapshot(figures).names == ["loss.dark.svg", "loss.svg", "metrics.csv", "metrics.json"])
        }
    }

    @Test("a report of the folder's own metrics.json keeps the model beside it, the same bytes, however the path is written")
    func ownMetricsKeepModel() throws {
        try withTemporaryDirectory { folder in
            let run = folder.appendingPathComponent("run")
            try Train.execute(smallRun + ["--steps", "3", "--output", run.path, "--quiet"])
            let model = try FolderSnapshot(run).contents("model.safetensors")
            let metrics = try FolderSnapshot(run).contents("metrics.json")
            for path in [run.appendingPathComponent("metrics.json").path, run.path + "/../run/./metrics.json"] {
                try Generate.execute(["--metrics", path, "--output", run.path, "--title", "Renamed", "--quiet"])
                let snapshot = try FolderSnapshot(run)
                #expect(snapshot.names.contains("report.html"))
                #expect(try snapshot.contents("model.safetensors") == model, "\(path)")
                #expect(try snapshot.contents("metrics.json") == metrics)
            }
            // A copy of the file elsewhere is another run's report: the model goes.
            let copy = folder.appendingPathComponent("copy.json")
            try metrics.write(to: copy)
            try Generate.execute(["--metrics", copy.path, "--output", run.path, "--quiet"])
            #expect(try !FolderSnapshot(run).names.contains("model.safetensors"))
            // rnnreport's own run keeps the title it was trained with; another program's is "made elsewhere".
            #expect(try HTML.element("title", in: run.appendingPathComponent("report.html").text()) == Generate.defaultTitle)
            let trace = folder.appendingPathComponent("trace")
            try Generate.execute(["--metrics", try Fixtures.url("small.trace.json").path, "--output", trace.path, "--quiet"])
            #expect(try HTML.element("title", in: trace.appendingPathComponent("report.html").text()) == "A run made elsewhere: small.trace.json")
        }
    }

    @Test("plot of a loss-only file draws the loss figure alone")
    func plotLossOnly() throws {
        try withTemporaryDirectory { folder in
            let input = try Self.write(Self.lossOnly, "run.json", in: folder)
            let output = folder.appendingPathComponent("figures")
            try Plot.execute(["--metrics", input.path, "--output", output.path, "--quiet"])
            #expect(try FolderSnapshot(output).names == ["loss.dark.svg", "loss.png", "loss.svg", "metrics.csv"])
        }
    }

    @Test("--config takes a metrics file's config: a trace trains as it was trained, flags still override")
    func configFromMetrics() throws {
        try withTemporaryDirectory { folder in
            let trace = try Fixtures.url("small.trace.json")
            let output = folder.appendingPathComponent("run")
            try Train.execute(["--config", trace.path, "--steps", "3", "--output", output.path, "--quiet"])
            let metrics = try TrainingMetrics(contentsOf: output.appendingPathComponent("metrics.json"))
            var expected = try TrainingMetrics(jsonData: Fixtures.data("small.trace.json")).config
            expected.steps = 3
            #expect(metrics.config == expected)

            // The config is read as strictly as a file of settings: a key rnnreport does not know is named.
            let unknown = try Self.write(#"{"config": {"hidden_size": 8, "colour": "red"}, "loss": []}"#, "m.json", in: folder)
            Train.expectRefusal(["--config", unknown.path], in: folder,
                                mentioning: ["--config file \(unknown.path) (a metrics file: its config)", "unknown key 'colour'"])
        }
    }

    @Test("--config of a CSV run's metrics keeps its series (data, input, target) unless a flag overrides it")
    func configOfCSVRun() throws {
        let trace = try Fixtures.url("series/oscillator.trace.json")
        let config = try Generate.parse(["--config", trace.path]).training.configuration()
        #expect(config.data == "oscillator.csv" && config.input == ["force"] && config.target == "position")
        #expect(config.holdout == 0.2 && config.normalize)
        let overridden = try Generate.parse(["--config", trace.path, "--target", "velocity"]).training.configuration()
        #expect(overridden.target == "velocity" && overridden.data == "oscillator.csv")
        // No training option is given by default: --metrics takes none.
        #expect(try Generate.parse(["--metrics", trace.path]).training.given.isEmpty)
    }
}
