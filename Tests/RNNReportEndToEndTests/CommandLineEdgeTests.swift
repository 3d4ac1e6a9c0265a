import ArgumentParser
import Foundation
@testable import rnnreport
import Testing
import TestSupport

/// The edges of the command line: negative numbers, repeated options, unknown commands, exit
/// statuses, completion of paths, an empty title. The built binary runs as a subprocess where the
/// behaviour lives in `main` (the check before parsing, and exit statuses).
@Suite("the command line's edges")
struct CommandLineEdgeTests {
    @Test("a negative number reaches the range check instead of reading as an option", arguments: [
        (["--hidden-size", "-3"], "invalid --hidden-size -3"),
        (["--learning-rate", "-1"], "invalid --learning-rate -1: expected a finite number greater than 0"),
        (["--steps", "-5"], "invalid --steps -5"),
        (["--seed", "-1"], "expected a whole number from 0 to 18446744073709551615"),
    ])
    func negativeNumbers(arguments: [String], words: String) throws {
        try withTemporaryDirectory { folder in
            let result = Train.expectRefusal(arguments, in: folder, mentioning: [words])
            #expect(result?.code == 64)
            #expect(result?.message.contains("Missing value") == false)
        }
    }

    @Test("sweep --jobs and --threads take a negative number to their range check too", arguments: [
        (Sweep.self as any ParsableCommand.Type, ["--hidden-size", "8", "--jobs", "-1"], "invalid --jobs -1: expected a whole number of 1 or more"),
        (Sweep.self, ["--hidden-size", "8", "-j", "-2"], "invalid --jobs -2: expected a whole number of 1 or more"),
        (Sweep.self, ["--hidden-size", "8", "--shard", "-1/3"], "invalid --shard -1/3: expected I from 1 to N"),
        (Train.self, ["--threads", "-1"], "invalid --threads -1: expected 0 (every core)"),
        (Generate.self, ["--threads", "-4"], "invalid --threads -4: expected 0 (every core)"),
    ])
    func negativeCounts(command: any ParsableCommand.Type, arguments: [String], words: String) throws {
        try withTemporaryDirectory { folder in
            let result = command.expectRefusal(arguments, in: folder, mentioning: [words])
            #expect(result?.code == 64)
            #expect(result?.message.contains("Missing value") == false)
        }
    }

    @Test("a whole-number option out of range is named with the text given, as a floating-point one is, and its range", arguments: [
        (Train.self as any ParsableCommand.Type, ["--hidden-size", "1e5"], "invalid --hidden-size 1e5: expected an integer from 1 to 4096"),
        (Train.self, ["--num-layers", "0.0e1"], "invalid --num-layers 0.0e1: expected an integer from 1 to 64"),
        (Train.self, ["--time-step", "1.0"], "invalid --time-step 1.0: expected an integer from 2 to 1000000"),
        (Train.self, ["--threads", "2E3"], "invalid --threads 2E3: expected 0 (every core) or a number of threads from 1 to 1024"),
        (Generate.self, ["--png-scale", "5e0"], "invalid --png-scale 5e0: expected an integer from 1 to 4"),
        (Plot.self, ["--metrics", "m.json", "--tail-steps", "-0e3"], "invalid --tail-steps -0e3: expected a positive integer"),
        (Sweep.self, ["--hidden-size", "8", "-j", "0e1"], "invalid --jobs 0e1: expected a whole number of 1 or more"),
    ] as [(any ParsableCommand.Type, [String], String)])
    func wholeNumberAsTyped(_ command: any ParsableCommand.Type, _ arguments: [String], _ message: String) throws {
        try withTemporaryDirectory { folder in
            let result = command.expectRefusal(arguments, in: folder, mentioning: [message])
            #expect(result?.code == 64, "\(String(describing: result))")
        }
    }

    @Test("a whole-number option takes exponent notation when the value is whole, as --config and a sweep's lists do")
    func wholeNumbersInExponentNotation() throws {
        let train = try Train.parseAsRoot(["--steps", "2e1", "--hidden-size", "1.6E1", "--time-step", "5", "--lr-patience", "0e5",
                                           "--threads", "2e0", "--output", "x"]) as! Train
        #expect(train.training.steps?.value == 20 && train.training.hiddenSize?.value == 16 && train.training.timeStep?.value == 5)
        #expect(train.training.lrPatience?.value == 0 && train.speed.threads == 2)
        let sweep = try Sweep.parseAsRoot(["--hidden-size", "8", "--jobs", "3e0", "--output", "x"]) as! Sweep
        #expect(sweep.jobs == 3)
        let seeded = try Train.parseAsRoot(["--seed", "1e3", "--output", "x"]) as! Train
        #expect(seeded.training.seed == 1000)
        let generate = try Generate.parseAsRoot(["--tail-steps", "2e1", "--png-scale", "2e0", "--output", "x"]) as! Generate
        #expect(generate.figures.tailSteps == 20 && generate.figures.pngScale == 2)
        try withTemporaryDirectory { folder in
            for (option, value) in [("--steps", "2.5"), ("--steps", "2.5e0"), ("--num-layers", "three"),
                                    ("--steps", "0x10"), ("--steps", "0x1e"), ("--hidden-size", "0xE"), ("--steps", "inf"),
                                    ("--threads", "1.5")] {
                let result = Train.expectRefusal([option, value], in: folder, mentioning: [
                    "The value '\(value)' is invalid for '\(option) <n>': expected a whole number, in digits or, when its value is whole, in exponent notation (2e3)"])
                #expect(result?.code == 64, "\(option) \(value)")
            }
            for (option, value) in [("--seed", "-1e3"), ("--seed", "2e19"), ("--seed", "0x10"), ("--seed", "1.5")] {
                let result = Train.expectRefusal([option, value], in: folder, mentioning: [
                    "The value '\(value)' is invalid for '--seed <n>': expected a whole number from 0 to 18446744073709551615"])
                #expect(result?.code == 64, "\(option) \(value)")
            }
            for (option, value) in [("--hidden-size", "1e19"), ("--steps", "99999999999999999999"), ("--steps", "1e400")] {
                let result = Train.expectRefusal([option, value], in: folder, mentioning: [
                    "The value '\(value)' is invalid for '\(option) <n>': the number is too large"])
                #expect(result?.code == 64, "\(option) \(value)")
            }
            let result = Sweep.expectRefusal(["--hidden-size", "8", "--jobs", "2.5"], in: folder, mentioning: [
                "The value '2.5' is invalid for '--jobs <n>': expected a whole number, in digits or, when its value is whole, in exponent notation (2e3)"])
            #expect(result?.code == 64)
        }
    }

    @Test("a decimal option's message quotes the text given, with the range; hexadecimal is refused, as for whole numbers")
    func decimalNumbersAsTyped() throws {
        let train = try Train.parseAsRoot(["--learning-rate", "5e-3", "--clip-norm", "1.5E0", "--lr-factor", ".5", "--output", "x"]) as! Train
        #expect(train.training.learningRate?.value == 0.005 && train.training.clipNorm?.value == 1.5 && train.training.lrFactor?.value == 0.5)
        let generate = try Generate.parseAsRoot(["--smoothing", "1e-2", "--check", "--tolerance", "0", "--output", "x"]) as! Generate
        #expect(generate.figures.smoothing == 0.01 && generate.tolerance?.value == 0)
        try withTemporaryDirectory { folder in
            // The range check names the value as typed, not as it was read (inf, 0.0, -0.1).
            for (arguments, message) in [
                (["--learning-rate", "1e400"], "invalid --learning-rate 1e400: expected a finite number greater than 0"),
                (["--clip-norm", "0"], "invalid --clip-norm 0: expected a finite number greater than 0"),
                (["--lr-factor", "1e0"], "invalid --lr-factor 1e0: expected a number greater than 0 and less than 1"),
                (["--data", "x.csv", "--input", "a", "--target", "b", "--holdout", "-1e-1"],
                 "invalid --holdout -1e-1: expected a fraction from 0 up to, but not including, 1"),
                (["--smoothing", "2e0"], "invalid --smoothing 2e0: expected a fraction of the run from 0 to 1"),
                (["--check", "--tolerance", "-1e-1"], "invalid --tolerance -1e-1: expected a relative change of 0 or more"),
            ] {
                let result = Generate.expectRefusal(arguments, in: folder, mentioning: [message])
                #expect(result?.code == 64, "\(arguments)")
            }
            // A number too close to 0 to be told from it is not taken as 0.
            let tiny = Generate.expectRefusal(["--learning-rate", "5e-400"], in: folder, mentioning: [
                "The value '5e-400' is invalid for '--learning-rate <rate>': the number is too close to 0 to be told from it"])
            #expect(tiny?.code == 64)
            // Hexadecimal floats, inf and nan, which Double(_:) reads, are refused like --hidden-size 0x10.
            for (option, valueName) in [("--learning-rate", "rate"), ("--clip-norm", "norm"), ("--lr-factor", "factor"),
                                        ("--holdout", "fraction"), ("--smoothing", "fraction"), ("--tolerance", "fraction")] {
                for value in ["0x1p-7", "0x10", "inf", "nan"] {
                    let result = Generate.expectRefusal([option, value], in: folder, mentioning: [
                        "The value '\(value)' is invalid for '\(option) <\(valueName)>': expected a number in decimal digits"])
                    #expect(result?.code == 64, "\(option) \(value)")
                }
            }
        }
    }

    @Test("an option that takes one value is refused when given twice, in any spelling")
    func repeatedOption() throws {
        try withTemporaryDirectory { folder in
            for arguments in [
                ["train", "-o", folder.path, "-o", folder.path],
                ["train", "--output=\(folder.path)", "-o", folder.path],
                ["generate", "--steps", "3", "--steps", "4"],
                // Long spellings only, one or both with its value attached.
                ["generate", "--steps=3", "--steps", "4", "--output=\(folder.path)"],
                ["train", "--output=\(folder.path)", "--steps", "3", "--output=\(folder.path)"],
                ["plot", "-m", "a.json", "--metrics", "b.json", "-o", folder.path],
            ] {
                let result = try RNNReportBinary.run(arguments)
                #expect(result.status == 64, "\(arguments): \(result)")
                #expect(result.standardError.contains("is given more than once"), "\(result)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
            }
            // A value that merely looks like an option name is not counted as one.
            #expect(throws: Never.self) {
                try CommandLineCheck.check(["generate", "--title", "--steps", "--steps", "3"], root: RNNReport.self)
            }
            // A flag may be repeated.
            #expect(throws: Never.self) {
                try CommandLineCheck.check(["train", "-q", "--quiet", "-o", "x"], root: RNNReport.self)
            }
        }
    }

    @Test("an argument that is not UTF-8 is refused (64) before any work, its bytes shown, rather than read as another path")
    func nonUTF8Argument() throws {
        try withTemporaryDirectory { folder in
            // The shell passes the bytes as they are; Process would take only Strings.
            let result = try runProcess(URL(fileURLWithPath: "/bin/sh"),
                                        ["-c", #""$0" generate --steps 3 --output "$(printf 'bad\377name')""#, try RNNReportBinary.url().path],
                                        workingDirectory: folder)
            #expect(result.status == 64, "\(result)")
            #expect(result.standardError.hasPrefix(#"Error: argument 5, 'bad\xffname', is not UTF-8 text"#), "\(result)")
            // Nothing was written, under the path as given or as Swift would have read it.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
        #expect(throws: Never.self) { try CommandLineCheck.checkEncoding([Array("généré".utf8), [0x41]]) }
        #expect(throws: (any Error).self) { try CommandLineCheck.checkEncoding([[0x41], [0xC3]]) }
    }

    @Test("an unknown command is refused, with the nearest one when it is close")
    func unknownCommands() throws {
        let help = try RNNReportBinary.run(["help", "nonexistent"])
        #expect(help.status == 64, "\(help)")
        #expect(help.standardError.contains("unknown command 'nonexistent'"), "\(help)")
        #expect(!help.standardError.contains("did you mean"))

        let typo = try RNNReportBinary.run(["genrate"])
        #expect(typo.status == 64, "\(typo)")
        #expect(typo.standardError.contains("did you mean 'generate'?"), "\(typo)")

        // A real command still gets its help, and so does help itself (ArgumentParser's).
        let real = try RNNReportBinary.run(["help", "plot"])
        #expect(real.status == 0 && real.standardOutput.contains("USAGE: rnnreport plot"), "\(real)")
        let helpHelp = try RNNReportBinary.run(["help", "help"])
        #expect(helpHelp.status == 0 && helpHelp.standardOutput.contains("USAGE: rnnreport help [<subcommands> ...]"), "\(helpHelp)")
        #expect(helpHelp.standardError.isEmpty, "\(helpHelp)")
    }

    @Test("exit statuses follow sysexits: usage 64, bad data 65, missing input 66, cannot create 73, drift 1")
    func exitStatuses() throws {
        try withTemporaryDirectory { folder in
            let malformed = folder.appendingPathComponent("bad.json")
            try Data(#"{"steps": 5"#.utf8).write(to: malformed)
            let outOfRange = folder.appendingPathComponent("range.json")
            try Data(#"{"steps": 0}"#.utf8).write(to: outOfRange)
            let aFile = folder.appendingPathComponent("a-file")
            try Data("x".utf8).write(to: aFile)
            let cases: [([String], Int32)] = [
                (["train", "--hidden-size", "0", "-o", folder.path], 64),
                (["train", "--config", malformed.path, "-o", folder.path], 65),
                (["train", "--config", outOfRange.path, "-o", folder.path], 65),
                (["plot", "-m", malformed.path, "-o", folder.path], 65),
                (["train", "--config", folder.appendingPathComponent("missing.json").path, "-o", folder.path], 66),
                (["train", "--init-weights", folder.path, "-o", folder.path], 66),
                (["generate", "--template", folder.appendingPathComponent("missing").path, "-o", folder.path], 66),
                (["train", "--steps", "2", "-o", aFile.appendingPathComponent("sub").path], 73),
            ]
            for (arguments, status) in cases {
                let result = try RNNReportBinary.run(arguments)
                #expect(result.status == status, "\(arguments): \(result)")
                #expect(!result.standardError.contains("NSCocoaErrorDomain"), "\(arguments): \(result)")
            }
            let report = folder.appendingPathComponent("report")
            let small = ["--hidden-size", "4", "--num-layers", "1", "--time-step", "5", "--steps", "3", "-o", report.path, "-q"]
            #expect(try RNNReportBinary.run(["generate"] + small).status == 0)
            #expect(try RNNReportBinary.run(["generate", "--check"] + small).status == 0)
            #expect(try RNNReportBinary.run(["generate", "--check", "--seed", "1"] + small).status == 1)
        }
    }

    @Test("an input path is explained in plain words")
    func inputPathsInPlainWords() throws {
        try withTemporaryDirectory { folder in
            let dangling = folder.appendingPathComponent("dangling.json")
            try FileManager.default.createSymbolicLink(
                atPath: dangling.path, withDestinationPath: folder.appendingPathComponent("gone").path)
            let fifo = folder.appendingPathComponent("fifo")
            #expect(mkfifo(fifo.path, 0o600) == 0)
            let cases: [([String], String)] = [
                // A FIFO would block a reader until something writes to it: refused at once.
                (["plot", "-m", fifo.path, "-o", folder.path], "it is not a regular file"),
                (["plot", "-m", folder.path, "-o", folder.path], "it is a directory, not a file"),
                (["plot", "-m", dangling.path, "-o", folder.path], "it is a symbolic link to \(folder.appendingPathComponent("gone").path), which does not exist"),
                (["plot", "-m", folder.appendingPathComponent("none.json").path, "-o", folder.path], "it does not exist"),
                (["train", "--config", folder.path, "-o", folder.path], "it is a directory, not a file"),
                (["generate", "--template", folder.path, "-o", folder.path], "it is a directory, not a file"),
            ]
            for (arguments, words) in cases {
                let result = try RNNReportBinary.run(arguments)
                #expect(result.status == 66, "\(arguments): \(result)")
                #expect(result.standardError.contains(words), "\(arguments): \(result)")
            }
        }
    }

    @Test("path options complete file and directory names", arguments: ["bash", "zsh", "fish"])
    func completion(shell: String) throws {
        let script = try RNNReportBinary.run(["--generate-completion-script", shell])
        #expect(script.status == 0)
        let text = script.standardOutput
        switch shell {
        case "bash":
            // Each path option's case completes files (with its extensions) or directories.
            for option in ["--config", "--init-weights", "--metrics", "--template", "--output"] {
                let entry = try #require(text.range(of: "'\(option)'"), "no completion for \(option)")
                let body = text[entry.upperBound...].prefix(200)
                #expect(body.contains("-f") || body.contains("-d") || body.contains("plusdirs"), "\(option): \(body)")
            }
        case "zsh":
            #expect(text.contains("_files"))
            #expect(text.contains("_files -/"))
        default:
            #expect(text.contains("__fish_complete_path") || text.contains("-F") || text.contains("__fish_complete_directories"))
        }
    }

    @Test("an empty title is refused")
    func emptyTitle() throws {
        try withTemporaryDirectory { folder in
            let result = Generate.expectRefusal(["--title", " "], in: folder, mentioning: ["--title is empty"])
            #expect(result?.code == 64)
        }
    }

    @Test("an empty path of a file to read is a usage error (64) naming the option, as an empty --output is, not a missing file (66)")
    func emptyInputPaths() throws {
        try withTemporaryDirectory { folder in
            let trace = try Fixtures.url("small.trace.json").path
            for (arguments, words) in [
                (["--template", ""], "cannot read --template file: the path is empty; name a file"),
                (["--config", ""], "cannot read --config file: the path is empty; name a file"),
                (["--init-weights", ""], "cannot read --init-weights file: the path is empty; name a file"),
                (["--metrics", ""], "cannot read --metrics file: the path is empty; name a file"),
                (["--data", "", "--input", "x", "--target", "y"], "cannot read --data file: the path is empty; name a file"),
                (["--baseline", ""], "--baseline '': the path is empty; name a run's folder or its metrics.json"),
            ] {
                let result = Generate.expectRefusal(arguments, in: folder, mentioning: [words], "\(arguments)")
                #expect(result?.code == 64, "\(arguments): \(String(describing: result))")
            }
            let compared = Compare.expectRefusal([trace, ""], in: folder, mentioning: ["cannot compare '': the path is empty; name a run's folder or its metrics.json"])
            #expect(compared?.code == 64)
        }
    }

    @Test("sweep --help's usage names the options the README's usage block names for it, --config, --resume and --summary among them")
    func sweepUsage() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        // The usage block: `rnnreport sweep …` lines and the lines that continue them.
        let block = try #require(text.components(separatedBy: "## Usage\n\n```\n").dropFirst().first?.components(separatedBy: "```").first)
        var readmeLines: [String] = [], inSweep = false
        for line in block.split(separator: "\n") {
            if line.hasPrefix("rnnreport ") { inSweep = line.hasPrefix("rnnreport sweep ") }
            if inSweep { readmeLines.append(String(line)) }
        }
        let help = RNNReport.helpMessage(for: Sweep.self, columns: 80)
        let usage = try #require(help.components(separatedBy: "USAGE: ").dropFirst().first?.components(separatedBy: "\n\n").first)
        func words(_ text: String) -> [String] { text.split(whereSeparator: \.isWhitespace).map(String.init) }
        #expect(words(usage) == words(readmeLines.joined(separator: " ")), "help: \(usage)\nREADME: \(readmeLines)")
        for option in ["--config FILE", "[--resume]", "[--summary FILE.md]", "--merge DIR [--jobs N] [--summary FILE.md] [--quiet]"] {
            #expect(usage.contains(option), "\(option) not in \(usage)")
        }
    }

    @Test("every command's help reads as prose: no paragraph line holds a run of spaces (a joined source line)",
          arguments: [RNNReport.self, Generate.self, Train.self, Plot.self, Sweep.self, Compare.self] as [ParsableCommand.Type])
    func helpParagraphs(command: ParsableCommand.Type) {
        let help = RNNReport.helpMessage(for: command, columns: 80)
        // Paragraphs start in the first column; tables and options are indented and align with spaces.
        let joined = help.split(separator: "\n").filter { line in
            line.first.map { $0 != " " } == true && line.contains("  ")
        }
        #expect(joined.isEmpty, "\(command._commandName): \(joined)")
        // ArgumentParser leaves the usage line unwrapped; every other line fits the 80 columns asked for.
        let wide = help.split(separator: "\n").filter { !$0.hasPrefix("USAGE:") && $0.count > 80 }
        #expect(wide.isEmpty, "\(command._commandName): lines wider than 80 columns: \(wide)")
    }

    @Test("every option with a default says it in --help, the whole-number ones too, whose parsing hides it from ArgumentParser",
          arguments: [Generate.self, Train.self, Plot.self, Compare.self] as [ParsableCommand.Type])
    func helpDefaults(command: ParsableCommand.Type) {
        let help = RNNReport.helpMessage(for: command, columns: 1000)
        // Each option's block: its line, and the indented lines its text wraps onto.
        var options: [String] = []
        for line in help.split(separator: "\n") {
            if line.hasPrefix("  -") { options.append(String(line)) }
            else if line.hasPrefix("   "), !options.isEmpty { options[options.count - 1] += " " + line.trimmingCharacters(in: .whitespaces) }
        }
        // Options without a default: files, columns, a tolerance that has none, and flags.
        let none = ["--data", "--input", "--target", "--init-weights", "--config", "--metrics", "--output", "--template",
                    "--tolerance", "--baseline", "--summary", "--check", "--quiet", "--version", "--help"]
        let missing = options.filter { block in
            let name = block.split(separator: " ").first { $0.hasPrefix("--") }.map(String.init) ?? block
            return !block.contains("default: ") && !none.contains(name)
        }
        #expect(missing.isEmpty, "\(command._commandName): \(missing)")
    }

    @Test("a format given twice in --formats is refused, as any option given twice is")
    func formatsTwice() throws {
        try withTemporaryDirectory { folder in
            let result = Generate.expectRefusal(["--formats", "svg,png,SVG"], in: folder,
                                                mentioning: ["invalid --formats 'svg,png,SVG': svg is given twice; give each format once"])
            #expect(result?.code == 64)
        }
    }
}
