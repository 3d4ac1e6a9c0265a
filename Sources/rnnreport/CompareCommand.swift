import ArgumentParser
import CairoCharts
import Foundation
import Report

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs: their losses, predictions, settings and results in one report.",
        discussion: """
            Each RUN is a run directory (what `rnnreport train` or `generate` wrote: it holds \
            metrics.json), a metrics file (metrics.json, or a file of its shape such as a PyTorch \
            trace, seed0.trace.json), or a sweep directory (sweep.json and runs/NAME/metrics.json: \
            each of its runs, in the order of their names). At most \(RunInputs.maximumRuns) runs.

            Writes into the --output directory:

              report.html   one self-contained page: the runs, their results, the
                            settings that differ, and the figures
              loss.*        every run's loss (log scale), its learning rate under it
              tail-N.*      run N's real and predicted cos(t), last --tail-steps windows

            Each run is named by its directory or file (lengthened by the folders above it when two \
            would share a name) and its source (what made it). A run given twice (the same path, or \
            the same metrics file by another path) is compared with itself (as NAME and NAME #2 for \
            the same path), with a warning on standard error, even with --quiet. Runs that a sweep's \
            sweep.json lists and its runs/ does not hold are left out, with a warning too. With --summary FILE.md, the results \
            and the settings that differ are also written as Markdown, for $GITHUB_STEP_SUMMARY.
            """
    )

    @Argument(help: ArgumentHelp("Runs to compare: run directories, metrics files, sweep directories.", valueName: "run"),
              completion: .file())
    var runs: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory of the comparison report; created if missing.", valueName: "dir"),
            completion: .directory)
    var output: String

    @Option(help: ArgumentHelp("Title of the page.", valueName: "text"))
    var title: String = ComparisonReport.defaultTitle

    @Option(help: ArgumentHelp(
        "Also write the results as Markdown to this file (for $GITHUB_STEP_SUMMARY or a pull-request comment); replaced as a whole.",
        valueName: "file.md"), completion: .file(extensions: ["md"]))
    var summary: String?

    @OptionGroup(title: "Figures")
    var figures: FigureArguments

    @Flag(name: .shortAndLong, help: "Print nothing but errors and warnings.")
    var quiet = false

    func validate() throws {
        guard !runs.isEmpty else {
            throw ValidationError("name at least one run to compare: a run directory, a metrics file or a sweep directory")
        }
        guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("the --title is empty; give a title, or leave out --title for the default")
        }
        try OutputDirectory.validate(path: output, for: nil)
        let target = URL(fileURLWithPath: output).standardizedFileURL.path
        if let run = runs.first(where: { URL(fileURLWithPath: $0).standardizedFileURL.path == target }) {
            throw ValidationError("--output \(output) is the run \(run) itself; write the comparison into another directory")
        }
        try OutputDirectory.checkKind(of: output, for: .comparison)
    }

    func run() throws {
        try OutputDirectory.refuseFile(output)
        try FigureFonts.check()
        let options = try figures.options()
        if let summary { try SummaryOption.validate(summary, output: output, inputs: SummaryOption.runInputs(runs)) }
        let compared: [ComparedRun]
        // A sweep with runs missing from its runs/ is compared without them: said, even with
        // --quiet, as a run given twice is.
        do { compared = try RunInputs.read(runs, warn: { printError("warning: \($0)") }) } catch {
            let status: CommandError.Status = switch error.kind {
            case .missing: .noInput
            case .notARun: .badData
            case .tooMany, .emptyPath: .usage
            }
            throw CommandError("cannot compare \(error)", status: status)
        }
        // A run given twice is compared with itself: allowed (a page of one run is too), but
        // most likely a mistake, so said even with --quiet, which quiets standard output.
        for (first, again) in RunInputs.repeats(in: compared) {
            // Not by the paths: a sweep's run given through the sweep and by its own path has one.
            printError("warning: the same run is given twice (\(again.file ?? again.origin)): it is compared with itself, "
                + "as '\(first.label)' and '\(again.label)'")
        }
        let directory = try OutputDirectory(path: output)
        let report: ComparisonReport
        do {
            report = try ComparisonReport(runs: compared, title: title, figures: options, generated: try Generate.sourceDate())
        } catch let error as ChartImageError {
            throw CommandError("cannot draw the figures: \(error)", status: .software)
        } catch {
            throw CommandError("cannot make the comparison: \(error)", status: .software)
        }
        try directory.write(report.files, summary: summary.map { (report.markdown, $0) }, showProgress: !quiet)
        if !quiet {
            print("compared \(compared.count) run\(compared.count == 1 ? "" : "s") (\(compared.map(\.label).joined(separator: ", "))): "
                + "wrote \(directory.path(ComparisonReport.pageName)) and \(report.files.count - 1) figure files"
                + (summary.map { " and \($0)" } ?? ""))
        }
    }
}
