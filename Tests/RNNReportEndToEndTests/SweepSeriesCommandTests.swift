import Foundation
import RNNCore
@testable import Report
@testable import rnnreport
import Testing
import TestSupport

/// The fields of a CSV line, a quoted field (a comma list of columns) as one.
private func csvFields(_ line: String) -> [String] {
    var fields: [String] = [], field = "", quoted = false
    for character in line {
        if character == "\"" { quoted.toggle() } else if character == ",", !quoted { fields.append(field); field = "" } else { field.append(character) }
    }
    return fields + [field]
}

/// A small network on a short window: a few milliseconds a run.
private let small = ["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "40"]

/// The example series of the repository, as the sweep and train options name it.
private func example() throws -> [String] {
    ["--data", try Fixtures.url("series/room-temperature.csv").path, "--target", "indoor_c"]
}

/// 2 column sets × 2 holdouts × 2 seeds on the example series, standardised.
private func csvGrid() throws -> [String] {
    try example() + small + ["--input", "heater_kw;heater_kw,outdoor_c", "--holdout", "0,0.2", "--normalize", "--seeds", "0,1"]
}

@Suite("rnnreport sweep on a CSV series")
struct SweepSeriesCommandTests {
    @Test("each run of a CSV sweep holds the files rnnreport train writes with the same settings, byte for byte")
    func runsEqualTrain() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute(try csvGrid() + ["--output", sweep.path, "--quiet", "--jobs", "2"])
            let runs = try FileManager.default.contentsOfDirectory(atPath: sweep.appendingPathComponent("runs").path).sorted()
            #expect(runs == [
                "inputheater_kw-holdout0.0-seed0", "inputheater_kw-holdout0.0-seed1", "inputheater_kw-holdout0.2-seed0",
                "inputheater_kw-holdout0.2-seed1", "inputheater_kw_outdoor_c-holdout0.0-seed0", "inputheater_kw_outdoor_c-holdout0.0-seed1",
                "inputheater_kw_outdoor_c-holdout0.2-seed0", "inputheater_kw_outdoor_c-holdout0.2-seed1",
            ])
            for (input, holdout, seed, name) in [
                ("heater_kw,outdoor_c", "0.2", "1", "inputheater_kw_outdoor_c-holdout0.2-seed1"),
                ("heater_kw", "0", "0", "inputheater_kw-holdout0.0-seed0"),
            ] {
                let train = folder.appendingPathComponent("train-\(name)")
                try Train.execute(try example() + small + [
                    "--input", input, "--holdout", holdout, "--normalize", "--seed", seed, "--output", train.path, "--quiet",
                ])
                let trained = try tree(train)
                #expect(trained.keys.sorted() == ["metrics.json", "model.safetensors"])
                #expect(differences(trained, try tree(sweep.appendingPathComponent("runs/" + name))).isEmpty, "run \(name) differs from train")
            }
            let metrics = try TrainingMetrics(contentsOf: sweep.appendingPathComponent("runs/inputheater_kw-holdout0.2-seed0/metrics.json"))
            #expect(metrics.config.data == "room-temperature.csv", "the data is recorded as train records it")
            #expect(metrics.evaluation?.holdoutMSE != nil)
        }
    }

    @Test("a series from the --config file sweeps as train trains it from the same file")
    func seriesFromConfig() throws {
        try withTemporaryDirectory { folder in
            let config = folder.appendingPathComponent("config.json")
            let object: [String: Any] = [
                "data": try Fixtures.url("series/room-temperature.csv").path, "input": ["heater_kw", "outdoor_c"], "target": "indoor_c",
                "holdout": 0.25, "num_layers": 1, "time_step": 10, "steps": 30,
            ]
            try JSONSerialization.data(withJSONObject: object).write(to: config)
            let sweep = folder.appendingPathComponent("sweep"), train = folder.appendingPathComponent("train")
            let summary = folder.appendingPathComponent("summary.md")
            let result = try RNNReportBinary.run(["sweep", "--config", config.path, "--hidden-size", "8,16", "--normalize", "true,false",
                                                  "--seeds", "0,1", "--output", sweep.path, "--summary", summary.path])
            #expect(result.status == 0, "\(result)")
            try Train.execute(["--config", config.path, "--hidden-size", "16", "--no-normalize", "--seed", "1", "--output", train.path, "--quiet"])
            let run = sweep.appendingPathComponent("runs/h16-normfalse-seed1")
            let trained = try tree(train), swept = try tree(run)
            #expect(trained.count == 2 && differences(trained, swept).isEmpty, "differ: \(differences(trained, swept))")
            // Standardised and not, the losses are of different quantities: the report says so
            // beside its ranking, and so do the summary and the line on the terminal.
            let caveat = "Beware: the losses are squared errors of different quantities (indoor_c in room-temperature.csv, "
                + "standardised; indoor_c in room-temperature.csv), so the ranking compares unlike numbers."
            let page = try String(contentsOf: sweep.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(page.contains(caveat), "\(page)")
            #expect(try summary.text().split(separator: "\n", omittingEmptySubsequences: false)[2].hasSuffix(" " + caveat))
            #expect(result.standardOutput.contains("seeds) (losses of different quantities: see the report); wrote"), "\(result)")
        }
    }

    @Test("the line on the terminal names the best configuration over 1 seed, not 1 seeds, ranked by held-out MSE or by the last loss")
    func oneSeed() throws {
        try withTemporaryDirectory { folder in
            for (holdout, words) in [("0.2", "(median held-out MSE "), ("0", "(median last-40 loss ")] {
                let result = try RNNReportBinary.run(["sweep"] + (try example()) + small + [
                    "--input", "heater_kw", "--learning-rate", "0.005,0.01", "--holdout", holdout, "--seeds", "0",
                    "--output", folder.appendingPathComponent("sweep-\(holdout)").path,
                ])
                #expect(result.status == 0, "\(result)")
                #expect(result.standardOutput.contains(words) && result.standardOutput.contains(" over 1 seed); wrote "), "\(result)")
            }
        }
    }

    @Test("a CSV sweep's directory is the same with --jobs 1, --jobs 2, and 2 shards (the file named another way) + --merge")
    func jobsAndShards() throws {
        try withTemporaryDirectory { folder in
            let one = folder.appendingPathComponent("one"), two = folder.appendingPathComponent("two")
            let sharded = folder.appendingPathComponent("sharded")
            try Sweep.execute(try csvGrid() + ["--output", one.path, "--quiet", "--jobs", "1"])
            try Sweep.execute(try csvGrid() + ["--output", two.path, "--quiet", "--jobs", "2"])
            let a = try tree(one)
            #expect(a.count == 16 + 8 * 3, "\(a.keys.sorted())")
            let b = try tree(two)
            #expect(differences(a, b).isEmpty, "differ: \(differences(a, b))")
            // The second shard names the file through another path: the grid records its name only.
            let file = try Fixtures.url("series/room-temperature.csv")
            let other = file.deletingLastPathComponent().path + "/./../series/" + file.lastPathComponent
            try Sweep.execute(try csvGrid() + ["--output", sharded.path, "--quiet", "--shard", "1/2"])
            var shard2 = try csvGrid()
            shard2[1] = other
            try Sweep.execute(shard2 + ["--output", sharded.path, "--quiet", "--shard", "2/2"])
            try Sweep.execute(["--merge", sharded.path, "--quiet"])
            let c = try tree(sharded)
            #expect(differences(a, c).isEmpty, "differ: \(differences(a, c))")
        }
    }

    @Test("the report of a CSV sweep speaks in the target's name, ranks by held-out MSE and shows train and held-out MSE")
    func report() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep"), summary = folder.appendingPathComponent("summary.md")
            try Sweep.execute(try csvGrid() + ["--output", sweep.path, "--quiet", "--summary", summary.path])
            let page = try String(contentsOf: sweep.appendingPathComponent("report.html"), encoding: .utf8)
            for words in ["predict indoor_c from", "room-temperature.csv", "Train MSE", "Held-out MSE", "held-out rows after training",
                          "Held-out MSE of “indoor_c”, every run", "<code class=\"flag\">--holdout</code>", "<code class=\"flag\">--normalize</code>",
                          "<th><code class=\"flag\">--input</code></th>", "<th><code class=\"flag\">--holdout</code></th>"] {
                #expect(page.contains(words), "'\(words)' not on the page")
            }
            #expect(!page.contains("predict cos(t)"), "the page of a CSV sweep says it predicts cos(t)")
            // Other inputs, the same target, standardised alike: losses in the same units.
            let summaryText = try String(contentsOf: summary, encoding: .utf8)
            #expect(!page.contains("Beware") && !summaryText.contains("Beware"))
            let names = try FileManager.default.contentsOfDirectory(atPath: sweep.path)
            for name in names where name.hasSuffix(".svg") {
                let figure = try String(contentsOf: sweep.appendingPathComponent(name), encoding: .utf8)
                #expect(!figure.contains("cos(t)") && !figure.contains("π"), "\(name) speaks of sin→cos")
                if !name.hasPrefix("sweep-loss") { #expect(figure.contains("indoor_c"), "\(name) does not name the target") }
            }
            #expect(names.contains("sweep-holdout-mse.png") && names.contains("best-holdout.png") && names.contains("best-prediction-tail.png"))
            #expect(!names.contains("sweep-last-loss.png"))
            // summary.csv: ranked by the median held-out MSE; a configuration with no held-out rows last.
            let table = try String(contentsOf: sweep.appendingPathComponent("summary.csv"), encoding: .utf8)
            let rows = table.split(separator: "\n").map { csvFields(String($0)) }
            let header = rows[0]
            #expect(header.contains("median_train_mse") && header.contains("median_holdout_mse"), "\(header)")
            let column = try #require(header.firstIndex(of: "median_holdout_mse"))
            let trainColumn = try #require(header.firstIndex(of: "median_train_mse"))
            let holdouts = rows.dropFirst().map { Double($0[column]) }
            #expect(holdouts.count == 4)
            let ranked = holdouts.compactMap { $0 }
            #expect(ranked.count == 2 && ranked == ranked.sorted(), "\(holdouts)")
            #expect(holdouts.prefix(2).allSatisfy { $0 != nil } && holdouts.suffix(2).allSatisfy { $0 == nil }, "\(holdouts)")
            #expect(rows.dropFirst().allSatisfy { Double($0[trainColumn]) != nil }, "every configuration has a train MSE")
            // The median held-out MSE is the median of the runs' own.
            let best = rows[1][1]
            let mses = try (0 ... 1).map { seed in
                try #require(try TrainingMetrics(contentsOf: sweep.appendingPathComponent("runs/\(best)-seed\(seed)/metrics.json")).evaluation?.holdoutMSE)
            }
            #expect(Double(rows[1][column]) == (mses[0] + mses[1]) / 2)
            let markdown = try String(contentsOf: summary, encoding: .utf8)
            #expect(markdown.contains("| train MSE | held-out MSE |") && markdown.contains("median held-out MSE of “indoor_c”"), "\(markdown)")
        }
    }

    @Test("a CSV sweep without held-out rows has no converged verdict: no column, no red seed for it, no converged in summary.csv")
    func noVerdict() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep"), summary = folder.appendingPathComponent("summary.md")
            try Sweep.execute(try example() + ["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "20",
                                               "--input", "heater_kw", "--seeds", "0,1",
                                                       "--output", sweep.path, "--quiet", "--summary", summary.path])
            let page = try String(contentsOf: sweep.appendingPathComponent("report.html"), encoding: .utf8)
            for words in ["<th>Converged</th>", "did not converge", "runs converged", "converged on"] {
                #expect(!page.contains(words), "'\(words)': the page of a CSV sweep judges convergence")
            }
            #expect(page.contains("A run on a CSV series has no converged or not-converged verdict"))
            #expect(!page.contains("class=\"failed\""), "a seed in red for a finite loss")
            #expect(page.contains("a seed in red has a loss that is not finite over its last steps."))
            #expect(page.contains("<th>Median last-20 loss</th>"))
            #expect(page.contains("rows per training window") && page.contains("epochs without improvement"))
            let table = try String(contentsOf: sweep.appendingPathComponent("summary.csv"), encoding: .utf8)
            #expect(table.hasPrefix("rank,configuration,runs,median_train_mse,median_holdout_mse,last_steps,median_last_loss,"), "\(table)")
            let markdown = try String(contentsOf: summary, encoding: .utf8)
            #expect(!markdown.contains("converged on") && !markdown.contains("| converged |"), "\(markdown)")
            let svg = try String(contentsOf: sweep.appendingPathComponent("sweep-last-loss.svg"), encoding: .utf8)
            #expect(!svg.contains("converged"), "a 1e-3 line or a converged count on a series' figure")
        }
    }

    @Test("the grid table of a sin→cos sweep lists no CSV setting")
    func noSeriesSettingsWithoutData() throws {
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute(small + ["--learning-rate", "0.005,0.02", "--seeds", "0", "--output", sweep.path, "--quiet"])
            let page = try String(contentsOf: sweep.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(page.contains("<code class=\"flag\">--hidden-size</code>"))
            for flag in ["--data", "--input", "--target", "--holdout", "--normalize"] {
                #expect(!page.contains("<code>\(flag)</code>"), "\(flag) is listed")
            }
            #expect(!page.contains("Held-out MSE"))
        }
    }

    @Test("bad data stops a sweep before any run, as it stops train: 65, the same message, naming the file, line and column", arguments: [
        ("x,y\n1,2\n2,abc\n3,4\n", [], [], ["series.csv", "line 3", "column \"y\"", "\"abc\" is not a number"]),
        ("x,z\n1,2\n2,3\n3,4\n", [], [], ["series.csv", "line 1", "column \"y\"", "no such column"]),
        ("", [], [], ["series.csv", "the file is empty"]),
        ("x,y\n1,2\n2,3\n", [], [], ["series.csv", "fewer than one window of time_step 3"]),
        // Only the second series of the grid is wrong: still refused before the first run.
        ("x,y\n1,2\n1,3\n1,5\n1,7\n", ["--normalize", "false,true"], ["--normalize"],
         ["series.csv", "column \"x\"", "constant (1.0)", "--normalize"]),
        ("x,y\n1,2\n2,3\n3,5\n4,7\n5,11\n6,13\n", ["--holdout", "0,0.6"], ["--holdout", "0.6"], ["series.csv", "4 of them held out", "--holdout"]),
    ] as [(String, [String], [String], [String])])
    func badData(text: String, sweepExtra: [String], trainExtra: [String], words: [String]) throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("out")
            let arguments = try DataCommandTests.run(on: text, in: folder, extra: sweepExtra) + ["--seeds", "0,1", "--output", output.path, "--quiet"]
            let sweep = Sweep.failure(arguments)
            #expect(sweep?.code == 65, "\(String(describing: sweep))")
            for word in words + ["--data file"] {
                #expect(sweep?.message.contains(word) == true, "'\(word)' not in: \(String(describing: sweep))")
            }
            #expect(!FileManager.default.fileExists(atPath: output.path), "the sweep created its directory")
            let train = Train.failure(
                try DataCommandTests.run(on: text, in: folder, extra: trainExtra) + ["--output", folder.appendingPathComponent("train").path, "--quiet"])
            #expect(train?.code == 65 && train?.message == sweep?.message, "train: \(String(describing: train)); sweep: \(String(describing: sweep))")
        }
    }

    @Test("a series' list is refused (64) when the --config file gives no data either, as train refuses the flag; with its data it sweeps")
    func seriesListsNeedData() throws {
        try withTemporaryDirectory { folder in
            let config = folder.appendingPathComponent("config.json")
            try Data(#"{"steps": 20}"#.utf8).write(to: config)
            for list in [["--normalize", "false"], ["--normalize", "true,false"], ["--input", "x"]] {
                let result = try RNNReportBinary.run(["sweep", "--config", config.path, "--seeds", "0"] + list
                    + ["--output", folder.appendingPathComponent("out").path])
                #expect(result.status == 64, "\(list): \(result)")
                #expect(result.standardError.contains("Error: \(list[0]) applies to a CSV series: give the file with --data FILE.csv"),
                        "\(list): \(result)")
                #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path), "\(list)")
            }
            // train refuses the flag alike, with or without a --config file that gives no data.
            for configArguments in [[], ["--config", config.path]] {
                let train = try RNNReportBinary.run(["train", "--steps", "20", "--no-normalize", "--output", folder.appendingPathComponent("t").path]
                    + configArguments)
                #expect(train.status == 64 && train.standardError.contains("--normalize applies to a CSV series: give the file with --data FILE.csv"),
                        "\(configArguments): \(train)")
                #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("t").path))
            }
        }
    }

    @Test("--target's list is separated by ';': a target with a comma names no column, and a sweep's refusal says so (train's does not)")
    func targetList() throws {
        try withTemporaryDirectory { folder in
            let file = try Fixtures.url("series/room-temperature.csv").path
            let data = ["--data", file, "--input", "heater_kw"]
            let comma = Sweep.failure(data + small + ["--target", "indoor_c,outdoor_c", "--seeds", "0", "--output", folder.appendingPathComponent("a").path])
            #expect(comma?.message == "--data file \(file): line 1, column \"indoor_c,outdoor_c\": no such column; the header's columns are "
                + "\"minute\", \"heater_kw\", \"outdoor_c\", \"indoor_c\"; a sweep's --target list separates its values with ';', not ',' "
                + "(--target 'indoor_c;outdoor_c' sweeps each of those columns)", "\(String(describing: comma))")
            #expect(comma?.code == 65)
            // train has no list: no hint; nor has a sweep's target without a comma.
            let train = Train.failure(data + small + ["--target", "indoor_c,outdoor_c", "--output", folder.appendingPathComponent("t").path])
            #expect(train?.code == 65 && train?.message.hasSuffix("\"outdoor_c\", \"indoor_c\"") == true, "\(String(describing: train))")
            let missing = Sweep.failure(data + small + ["--target", "indoor", "--seeds", "0", "--output", folder.appendingPathComponent("b").path])
            #expect(missing?.code == 65 && missing?.message.contains("';'") == false, "\(String(describing: missing))")
            // With ';' the two targets are swept.
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute(data + small + ["--target", "indoor_c;outdoor_c", "--seeds", "0", "--output", sweep.path, "--quiet"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: sweep.appendingPathComponent("runs").path).count == 2)
            // The help states each list's separator, and that --data is one file.
            let help = Sweep.helpMessage(columns: 1000)
            #expect(help.contains("A list separates its values with commas, but --input's and --target's with ';';"), "\(help)")
            #expect(help.contains("--data takes one file, not a list."), "\(help)")
            #expect(help.contains("--target 'indoor_c;outdoor_c'"), "\(help)")
            #expect(!help.contains("--seeds, --data,"), "--data listed among the lists: \(help)")
        }
    }

    @Test("a missing --data file is 66, a list of files 64, before the sweep's directory is made")
    func missingAndListedFiles() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("out")
            let missing = Sweep.failure(["--data", folder.appendingPathComponent("nowhere.csv").path, "--input", "x", "--target", "y",
                                         "--seeds", "0,1", "--output", output.path, "--quiet"])
            #expect(missing?.code == 66 && missing?.message.contains("nowhere.csv") == true, "\(String(describing: missing))")
            let result = try RNNReportBinary.run(["sweep", "--data", "a.csv,b.csv", "--input", "x", "--target", "y", "--output", output.path])
            #expect(result.status == 64 && result.standardError.contains("one CSV file"), "\(result)")
            let unknownColumns = try RNNReportBinary.run(["sweep", "--input", "x", "--output", output.path])
            #expect(unknownColumns.status == 64 && unknownColumns.standardError.contains("--input"), "\(unknownColumns)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }
}
