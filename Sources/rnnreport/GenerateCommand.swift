import ArgumentParser
import Foundation
import RNNCore
import Report

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train, draw the figures and write the HTML report, in one command.",
        discussion: """
            Trains exactly as `rnnreport train` does, draws the figures as `rnnreport plot` does, \
            and writes into the --output directory:

              report.html        one self-contained page: summary, figures, hyperparameters
              prediction.svg     real and predicted cos(t), whole run (and .png)
              prediction-tail.*  the same, last --tail-steps windows
              loss.*             the loss curve
              holdout.*          with --data: the whole series after training, real against
                                 predicted, the held-out rows shaded
              metrics.json       what each step recorded
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
            byte for byte as metrics.json; there is no model.safetensors. --check works the same \
            way. Training options do not apply.
            """
    )

    static let defaultTitle = "sin(t) → cos(t): a recurrent network learns the cosine"

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Make the report of a run made elsewhere from its metrics file instead of training (see above).",
        valueName: "file"), completion: .file(extensions: ["json"]))
    var metrics: String?

    @OptionGroup(title: "Training")
    var training: TrainingOptions

    @OptionGroup(title: "Figures")
    var figures: FigureArguments

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory of the report; created if missing.", valueName: "dir"), completion: .directory)
    var output = "output"

    @Option(help: ArgumentHelp(
        "Title of the page. (default: \"\(defaultTitle)\", with --data \"TARGET from INPUT: a recurrent network learns FILE\", or with --metrics \"A run made elsewhere: FILE\" with the file's name)",
        valueName: "text"))
    var title: String?

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

    @Flag(name: .shortAndLong, help: "Print nothing but errors and, with --check, differences.")
    var quiet = false

    func validate() throws {
        if let title, title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("the --title is empty; give a title, or leave out --title for the default")
        }
        if metrics != nil, let first = training.given.first {
            throw ValidationError(
                "\(first) is a training option, and --metrics makes the report of a run trained elsewhere; leave out \(training.given.joined(separator: ", "))")
        }
        try OutputDirectory.validate(path: output)
    }

    func run() throws {
        try FigureFonts.check()
        if let metrics {
            return try report(ofMetrics: metrics)
        }
        // Everything that can be wrong with the input is found before training starts.
        let config = try training.configuration()
        let series = try training.series(for: config)
        let initial = try training.initialParameters(for: config)
        let options = TrainingReport.Options(
            title: title ?? Self.title(for: config), template: try loadTemplate(), figures: try figures.options(),
            generated: try Self.sourceDate())
        let directory = check ? nil : try OutputDirectory(path: output)

        let clock = ContinuousClock()
        let start = clock.now
        let run = try trainWithProgress(
            config: config, series: series, initialParameters: initial, initWeights: training.initWeights, showProgress: !quiet)
        let report: TrainingReport
        do { report = try TrainingReport(run: run, options: options) } catch let error as ReportTemplateError {
            throw CommandError("\(error)", status: .badData)
        } catch {
            throw CommandError("cannot make the report: \(error)", status: .software)
        }
        let files = report.files
        let elapsed = clock.now - start

        if let directory {
            try directory.write(files, replacing: TrainingReport.fileNames, showProgress: !quiet)
            if !quiet {
                print("wrote \(directory.path(TrainingReport.pageName)) and \(files.count - 1) other files in " +
                      "\(String(format: "%.2f", elapsed.seconds)) s: \(report.summary.line)\(run.metrics.evaluation.map { ", " + $0.summaryLine } ?? "")")
            }
        } else {
            try compare(files)
        }
    }

    /// `generate --metrics`: the report of a run made elsewhere, read from its metrics file.
    private func report(ofMetrics path: String) throws {
        let (document, data) = try readMetricsFile(path, quiet: quiet)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let options = TrainingReport.Options(
            title: title ?? "A run made elsewhere: \(fileName)", template: try loadTemplate(),
            figures: try figures.options(), generated: try Self.sourceDate())
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
            try directory.write(report.files, replacing: TrainingReport.fileNames, showProgress: !quiet)
            if !quiet {
                print("wrote \(directory.path(TrainingReport.pageName)) and \(report.files.count - 1) other files "
                      + "from \(path): \(report.summary.line)"
                      + (document.metrics.evaluation.map { ", " + $0.summaryLine } ?? ""))
            }
        } else {
            try compare(report.files)
        }
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
    private func compare(_ files: [ReportFile]) throws {
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
        if problems.isEmpty {
            if !quiet { print("\(output): all \(files.count) files are up to date") }
            return
        }
        for problem in problems { printError(problem) }
        printError("\(output) is out of date: \(problems.count) of \(files.count) files; regenerate it with `rnnreport generate` and the same options")
        throw ExitCode(1)
    }
}
