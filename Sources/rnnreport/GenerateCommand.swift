import ArgumentParser
import Foundation
import RNNCore
import Report

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Train, draw the figures and write the HTML report, in one command.",
        discussion: """
            Trains exactly as `rnnreport train` does, draws the figures as `rnnreport plot` does, \
            and writes into the --output directory:

              report.html        one self-contained page: summary, figures, hyperparameters
              prediction.svg     real and predicted cos(t), whole run (and .dark.svg, .png)
              prediction-tail.*  the same, last --tail-steps windows
              loss.*             the loss curve
              holdout.*          with --data: the whole series after training, real against
                                 predicted, the held-out rows shaded
              metrics.json       what each step recorded
              metrics.csv        a row per step of what the figures draw
              model.safetensors  the trained weights (PyTorch state_dict names)

            The same options give the same files, byte for byte: nothing in them depends on the \
            time or the machine, unless SOURCE_DATE_EPOCH is set, whose date the page then shows. \
            The directory is replaced as a whole once every file is ready, so a failed, interrupted \
            or killed run leaves the previous report as it was; other files in it are kept.

            With --check nothing is written: the report is made in memory and compared with the \
            --output directory, and the command exits with 1, naming each file that differs or is \
            missing, if they are not identical. CI runs it to keep a committed report current.

            With --metrics FILE nothing is trained: the report is that of a run made elsewhere, \
            from its metrics file (metrics.json of rnnreport's, a PyTorch trace, or any file of \
            that shape). Only "loss" is required; each figure whose data the file has is drawn \
            (prediction and prediction-tail need "real" and "prediction"; the loss figure's \
            learning-rate and gradient-norm panels need "learning_rate" and "grad_norm"), and the \
            page leaves out the others and says what the file lacks. Its "config" is shown key by \
            key as written, keys rnnreport does not know included, and its "source" where it has \
            one. Keys metrics do not use are ignored and listed once on standard error. The \
            directory gets report.html, the figures, metrics.csv and the file itself, copied \
            byte for byte as metrics.json; there is no model.safetensors (one already there is \
            kept when FILE is the directory's own metrics.json, whose run it is). --check works \
            the same way. Training options do not apply.

            With --check --tolerance R numbers are compared instead of bytes: the run is made again \
            and its loss at every step, and the mean loss of its last 50 steps, must be within a \
            relative R of the --output directory's metrics.json (0.01: 1 %), whose configuration \
            must be the same; with --data, so must its evaluation: the train and held-out MSE, and \
            the series' value in every row. The command exits with 1 naming what moved and by how much; the \
            figures' bytes are not compared, so a report made with another Cairo or font build passes.

            With --baseline DIR (a run directory or a metrics file) the page also draws that run's \
            loss and prediction beside this one's, with a table of the differences. A baseline that \
            is the --output directory, or inside it, is refused, since the report replaces it, \
            except with --check, which writes nothing. With --summary \
            FILE.md the results (and the differences from the baseline) are written as Markdown, \
            for $GITHUB_STEP_SUMMARY; with --check, what the check found too.
            """
    )

    static let defaultTitle = "sin(t) → cos(t): a recurrent network learns the cosine"

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Make the report of a run made elsewhere from its metrics file instead of training (see above).",
        valueName: "file"), completion: .file(extensions: ["json"]))
    var metrics: String?

    @OptionGroup(title: "Training")
    var training: TrainingOptions

    @OptionGroup(title: "Speed")
    var speed: ThreadsOption

    @OptionGroup(title: "Figures")
    var figures: FigureArguments

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory of the report; created if missing.", valueName: "dir"), completion: .directory)
    var output = "output"

    @Option(help: ArgumentHelp(
        "Title of the page. (default: \"\(defaultTitle)\", with --data \"TARGET from INPUT: a recurrent network learns FILE\", or with --metrics of a run of another program \"A run made elsewhere: FILE\" with the file's name)",
        valueName: "text"))
    var title: String?

    /// The title of the page of `--metrics`: rnnreport's own run (its `source`, with a `config`)
    /// is titled as when it was trained; a run of another program `A run made elsewhere: FILE`.
    static func title(ofMetrics document: MetricsDocument, fileName: String) -> String {
        let own = document.metrics.source?.hasPrefix("rnnreport ") == true && document.config != nil
        return own ? title(for: document.metrics.config) : "A run made elsewhere: \(fileName)"
    }

    /// The title of a run's page: `--title`, or one that names what it learns.
    static func title(for config: TrainingConfiguration) -> String {
        guard let file = config.data else { return defaultTitle }
        return "\(config.target ?? "target") from \(config.input.joined(separator: ", ")): a recurrent network learns \(file)"
    }

    @Option(help: ArgumentHelp(
        "A Mustache template to render the page with instead of the built-in one; start from a copy of templates/report.html.mustache.",
        valueName: "file"), completion: .file(extensions: ["mustache", "html"]))
    var template: String?

    @Flag(help: "Compare the report the options make with the one in the output directory instead of writing it; exit 1 if they differ.")
    var check = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --check: compare the loss of every step and the mean of the last 50 (with --data, also the train and held-out MSE and the series' values) with metrics.json within this relative change (0.01: 1 %), instead of every file's bytes.",
        valueName: "fraction"), transform: DecimalNumber.parse)
    var tolerance: DecimalNumber?

    @Option(help: ArgumentHelp(
        "A run to compare with (a run directory, or a metrics file such as a PyTorch trace): its loss and prediction are drawn beside this run's, with a table of the differences.",
        valueName: "dir"), completion: .file())
    var baseline: String?

    @Option(help: ArgumentHelp(
        "Also write the results as Markdown to this file (for $GITHUB_STEP_SUMMARY): a table of the run, the differences from --baseline, what --check found.",
        valueName: "file.md"), completion: .file(extensions: ["md"]))
    var summary: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors, warnings and, with --check, differences.")
    var quiet = false

    func validate() throws {
        if let title, title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("the --title is empty; give a title, or leave out --title for the default")
        }
        if metrics != nil, let first = training.given.first {
            throw ValidationError(
                "\(first) is a training option, and --metrics makes the report of a run trained elsewhere; leave out \(training.given.joined(separator: ", "))")
        }
        if metrics != nil, let first = speed.given.first {
            throw ValidationError(
                "\(first) sets how a run is trained, and --metrics makes the report of a run trained elsewhere; leave out \(speed.given.joined(separator: ", "))")
        }
        if metrics != nil {
            // Both compare with a run made now; --metrics makes none.
            for (given, name) in [(baseline != nil, "--baseline"), (tolerance != nil, "--tolerance")] where given {
                throw ValidationError("\(name) compares with a run trained now, and --metrics trains none; leave out \(name)")
            }
        } else {
            try training.validateFlags()
        }
        try OutputDirectory.validate(path: output, for: check ? nil : .run)
        // --check writes nothing, so a baseline in the folder it checks is only read.
        if let baseline, !check, let place = Self.place(of: baseline, in: output) {
            throw ValidationError(
                "--baseline \(baseline) is \(place == .same ? "" : "inside ")the --output directory \(output), whose report this run "
                + "replaces; copy the baseline elsewhere first and give the copy as --baseline, or give another --output")
        }
        if let tolerance {
            guard check else {
                throw ValidationError("--tolerance is for --check: give --check --tolerance \(tolerance.text), or leave out --tolerance")
            }
            guard tolerance.value.isFinite, tolerance.value >= 0 else {
                throw ValidationError("invalid --tolerance \(tolerance.text): expected a relative change of 0 or more, such as 0.01 for 1 %")
            }
        }
    }

    func run() throws {
        try OutputDirectory.refuseFile(output, checking: check)
        try FigureFonts.check()
        if let metrics {
            return try report(ofMetrics: metrics)
        }
        // Everything that can be wrong with the input is found before training starts.
        let config = try training.configuration()
        let series = try training.series(for: config)
        let initial = try training.initialParameters(for: config)
        let baselineRun = try loadBaseline()
        if let summary {
            try SummaryOption.validate(
                summary, output: output, makesOutput: !check,
                inputs: training.inputFiles + templateInput + SummaryOption.runInputs(baseline.map { [$0] } ?? []).map { ("the --baseline's metrics file", $0.path) })
        }
        let options = TrainingReport.Options(
            title: title ?? Self.title(for: config), template: try loadTemplate(), figures: try figures.options(), generated: try Self.sourceDate(),
            baseline: baselineRun)
        let recorded = tolerance == nil ? nil : try recordedMetrics(config: config)
        let directory = check ? nil : try OutputDirectory(path: output)

        speed.apply()
        let clock = ContinuousClock()
        let start = clock.now
        let run = try trainWithProgress(
            config: config, series: series, initialParameters: initial, initWeights: training.initWeights,
            threads: speed.resolve(), showProgress: !quiet)
        if let recorded, let tolerance {
            try compareNumbers(recorded: recorded, run: run.metrics, tolerance: tolerance.value, title: options.title, baseline: baselineRun)
            return
        }
        let report: TrainingReport
        do { report = try TrainingReport(run: run, options: options) } catch let error as ReportTemplateError {
            throw CommandError("\(error)", status: .badData)
        } catch {
            throw CommandError("cannot make the report: \(error)", status: .software)
        }
        let files = report.files
        let elapsed = clock.now - start

        if let directory {
            try directory.write(files, replacing: TrainingReport.fileNames, summary: summary.map { (report.markdown, $0) }, showProgress: !quiet)
            if !quiet {
                print("wrote \(directory.path(TrainingReport.pageName)) and \(files.count - 1) other files in " +
                      "\(String(format: "%.2f", elapsed.seconds)) s: \(report.summary.line)\(run.metrics.evaluation.map { ", " + $0.summaryLine } ?? "")")
            }
        } else {
            try compare(files, markdown: report.markdown)
        }
    }

    /// Where a file or folder stands to a folder.
    enum Place { case same, inside }

    /// Whether the file or folder at `path` is the folder `folder`, or inside it, by its real path
    /// (symbolic links and `..` resolved) and each of its parent folders compared with `folder` as
    /// files (device and inode), however either is written; `nil` when it is neither, or either
    /// does not exist.
    static func place(of path: String, in folder: String) -> Place? {
        guard !path.isEmpty, !folder.isEmpty, let real = realpath(path, nil) else { return nil }
        var current = String(cString: real)
        free(real)
        var place = Place.same
        while true {
            if isSameFile(current, folder) { return place }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
            place = .inside
        }
    }

    /// The --template file, for the files --summary must not replace.
    private var templateInput: [(role: String, path: String)] { template.map { [("the --template file", $0)] } ?? [] }

    /// `generate --metrics`: the report of a run made elsewhere, read from its metrics file.
    private func report(ofMetrics path: String) throws {
        let (document, data) = try readMetricsFile(path, quiet: quiet)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let options = TrainingReport.Options(
            title: title ?? Self.title(ofMetrics: document, fileName: fileName), template: try loadTemplate(),
            figures: try figures.options(), generated: try Self.sourceDate())
        if let summary {
            try SummaryOption.validate(summary, output: output, makesOutput: !check, inputs: [("the --metrics file", path)] + templateInput)
        }
        // The folder's own metrics.json: the weights beside it are that run's, and stay.
        let ownMetrics = isSameFile(path, (output as NSString).appendingPathComponent(RunFiles.metricsName))
        let directory = check ? nil : try OutputDirectory(path: output)
        let report: TrainingReport
        do {
            report = try TrainingReport(document: document, data: data, fileName: fileName, options: options)
        } catch let error as ReportTemplateError {
            throw CommandError("\(error)", status: .badData)
        } catch {
            throw CommandError("cannot make the report: \(error)", status: .software)
        }
        if let directory {
            let replacing = ownMetrics ? TrainingReport.fileNames.subtracting([RunFiles.modelName]) : TrainingReport.fileNames
            try directory.write(report.files, replacing: replacing, summary: summary.map { (report.markdown, $0) }, showProgress: !quiet)
            if !quiet {
                print("wrote \(directory.path(TrainingReport.pageName)) and \(report.files.count - 1) other files "
                      + "from \(path): \(report.summary.line)"
                      + (document.metrics.evaluation.map { ", " + $0.summaryLine } ?? ""))
            }
        } else {
            try compare(report.files, markdown: report.markdown)
        }
    }

    /// The run of `--baseline`, read before any training.
    ///
    /// - Throws: `CommandError`: 66 when it is missing, 65 when it is not a run, 64 when it names
    ///   several runs (a sweep).
    private func loadBaseline() throws -> ComparedRun? {
        guard let baseline else { return nil }
        let runs: [ComparedRun]
        do { runs = try RunInputs.read([baseline], warn: { printError("warning: --baseline \($0)") }) } catch {
            let status: CommandError.Status = switch error.kind {
            case .missing: .noInput
            case .notARun: .badData
            case .tooMany, .emptyPath: .usage
            }
            throw CommandError("--baseline \(error)", status: status)
        }
        guard runs.count == 1 else {
            throw CommandError(
                "--baseline \(baseline) holds \(runs.count) runs (a sweep); name one of them, such as \(runs[0].origin)", status: .usage)
        }
        return runs[0]
    }

    /// The metrics.json of the --output directory, for `--check --tolerance`, read before any
    /// training; a configuration other than the options' is found here too.
    ///
    /// - Throws: `CommandError` (66 missing, 65 malformed, or a setting given as `null`, which
    ///   records no value to compare the options with), or `ExitCode(1)` after naming each
    ///   setting whose value differs.
    private func recordedMetrics(config: TrainingConfiguration) throws -> TrainingMetrics {
        let path = metricsPath
        let data: Data
        do { data = try InputFile.contents(of: path) } catch {
            throw CommandError("cannot check \(path): \(error.reason); --check --tolerance compares with the metrics.json of --output",
                               status: .noInput)
        }
        let document: MetricsDocument
        do { document = try MetricsDocument(jsonData: data) } catch {
            throw CommandError("cannot check \(path): \(error)", status: .badData)
        }
        // A setting written as null is not recorded (a report shows it so): read as its default,
        // it would pass for the options' value, or differ from it, without either being known.
        let nulls = document.nullSettings
        if !nulls.isEmpty {
            let keys = nulls.map { "\"\($0.key)\"" }
            let named = keys.count == 1 ? keys[0] : keys.dropLast().joined(separator: ", ") + " and " + keys[keys.count - 1]
            throw CommandError(
                "cannot check \(path): its config gives \(named) as null, which records no value to compare "
                    + "\(nulls.map(\.optionName).joined(separator: ", ")) with; write the value the run was trained with, "
                    + "or regenerate the report with `rnnreport generate`",
                status: .badData)
        }
        let recorded = document.metrics
        let differing = ToleranceCheck.differingSettings(recorded.config, config)
        if !differing.isEmpty {
            // An unset setting (no --data) reads as "not set", not as an empty value.
            func shown(_ text: String) -> String { text.isEmpty ? "not set" : text }
            for setting in differing {
                printError("differs: \(setting.key) is \(shown(recorded.config.text(of: setting))) in \(path), "
                    + "\(shown(config.text(of: setting))) from the options (\(setting.optionName))")
            }
            printError("\(path) was made with another configuration; give the same settings, or regenerate it")
            throw ExitCode(1)
        }
        return recorded
    }

    /// The metrics.json of the --output directory, as the user should read its path.
    private var metricsPath: String {
        output.hasSuffix("/") ? output + RunFiles.metricsName : output + "/" + RunFiles.metricsName
    }

    /// `--check --tolerance`: compares the numbers of the run made now with those recorded, and
    /// throws `ExitCode(1)` after naming what moved by more than the tolerance.
    private func compareNumbers(
        recorded: TrainingMetrics, run: TrainingMetrics, tolerance: Double, title: String, baseline: ComparedRun?
    ) throws {
        let path = metricsPath
        let result = ToleranceCheck(recorded: recorded, recomputed: run, tolerance: tolerance)
        let percent = ToleranceCheck.percent(tolerance)
        var lines: [String] = []
        if result.passed {
            let line = result.passedLine(path: path)
            lines.append(line)
            if !quiet { print(line) }
        } else {
            for problem in result.problems {
                lines.append("moved: \(problem)")
                printError("moved: \(problem)")
            }
            printError("\(path) is not within \(percent) of the run the options make; regenerate it with `rnnreport generate` and the same options if the change is intended")
        }
        if let summary {
            let check = result.passed
                ? "**Check passed** against \(Markdown.code(path)), within \(percent):\n\n" + lines.map { "- \(Markdown.text($0))\n" }.joined()
                : "**Check failed** against \(Markdown.code(path)), within \(percent):\n\n" + lines.map { "- \(Markdown.text($0))\n" }.joined()
            try SummaryOption.write(
                TrainingReport.markdown(title: title, metrics: run, baseline: baseline) + "\n" + check, to: summary)
        }
        if !result.passed { throw ExitCode(1) }
    }

    /// The template of `--template`, or the built-in one.
    private func loadTemplate() throws -> ReportTemplate {
        guard let template else { return .builtIn }
        let data = try readInput(template, role: "--template file")
        guard let source = String(validating: data, as: UTF8.self) else {
            throw CommandError("--template file \(template) is not UTF-8 text", status: .badData)
        }
        do { return try ReportTemplate(source: source, origin: template) } catch {
            throw CommandError("\(error)", status: .badData)
        }
    }

    /// The date of `SOURCE_DATE_EPOCH` (seconds since 1970, UTC), as `2026-11-26`, or `nil` when it is not set.
    static func sourceDate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        guard let text = environment["SOURCE_DATE_EPOCH"], !text.isEmpty else { return nil }
        let invalid = CommandError(
            "SOURCE_DATE_EPOCH is '\(text)'; expected a whole number of seconds since 1970-01-01, before the year 10000",
            status: .usage)
        // 253402300800 is 10000-01-01T00:00:00Z.
        guard let seconds = Int64(text), seconds >= 0, seconds < 253_402_300_800 else { throw invalid }
        var time = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { throw invalid }
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    /// Compares the files with those of the output directory; throws `ExitCode(1)` after naming
    /// each one that differs or is missing.
    private func compare(_ files: [ReportFile], markdown: String) throws {
        let folder = URL(fileURLWithPath: output, isDirectory: true)
        var problems: [String] = []
        for file in files {
            let url = folder.appendingPathComponent(file.name)
            switch file.matches(fileAt: url.path) {
            case nil: problems.append("missing: \(url.path)")
            case false?: problems.append("differs: \(url.path)")
            case true?: break
            }
        }
        if let summary {
            let check = problems.isEmpty
                ? "**Check passed**: all \(files.count) files of \(Markdown.code(output)) are up to date.\n"
                : "**Check failed**: \(problems.count) of \(files.count) files of \(Markdown.code(output)) "
                    + "\(problems.count == 1 ? "differs or is" : "differ or are") missing:\n\n"
                    + problems.map { "- \(Markdown.text($0))\n" }.joined()
            try SummaryOption.write(markdown + "\n" + check, to: summary)
        }
        if problems.isEmpty {
            if !quiet { print("\(output): all \(files.count) files are up to date") }
            return
        }
        for problem in problems { printError(problem) }
        printError("\(output) is out of date: \(problems.count) of \(files.count) files; regenerate it with `rnnreport generate` and the same options")
        throw ExitCode(1)
    }
}
