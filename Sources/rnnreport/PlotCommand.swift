import ArgumentParser
import CairoCharts
import Foundation
import RNNCore
import Report

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw the figures of a training run as SVG and PNG.",
        discussion: """
            Reads the --metrics file (metrics.json from `rnnreport train`, or any file of that \
            shape, such as the PyTorch reference traces) and writes its figures into the \
            --output directory, each as .svg, .dark.svg and .png, with metrics.csv:

              prediction       real and predicted cos(t) over the whole run, and the error
                               of each window
              prediction-tail  the same over the last --tail-steps windows
              loss             loss per step on a log scale, raw and smoothed; under it the
                               learning rate and the gradient norm
              holdout          of a run on a CSV series: the whole series, real and
                               predicted after training, the held-out rows shaded

            Only "loss" is required: the prediction figures are drawn when the file has "real" \
            and "prediction", the loss figure's panels when it has "learning_rate" and \
            "grad_norm", and the holdout figure when it has an "evaluation". Keys metrics do not use are ignored and listed once on standard error. \
            A missing value (null, NaN, Infinity) leaves a gap in a line. The same input gives \
            the same bytes, run after run, and the files are replaced only once all of them have \
            been drawn. Into the directory of a run's report, plot draws that run's figures anew \
            (the --metrics file is its metrics.json), keeping the page's other files; a directory \
            that holds another run's report is refused. `rnnreport generate --metrics` makes the \
            whole report of such a file.
            """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Metrics to plot: metrics.json from `rnnreport train`, or a file of the same shape.", valueName: "file"),
        completion: .file(extensions: ["json"]))
    var metrics: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory to write the figures into; created if missing.", valueName: "dir"), completion: .directory)
    var output: String

    @OptionGroup(title: "Figures")
    var figures: FigureArguments

    @Flag(name: .shortAndLong, help: "Print nothing but errors and warnings.")
    var quiet = false

    func validate() throws {
        try OutputDirectory.validate(path: output, for: .run)
    }

    func run() throws {
        try OutputDirectory.refuseFile(output)
        try FigureFonts.check()
        let (document, data) = try readMetricsFile(metrics, quiet: quiet)
        let directory = try OutputDirectory(path: output)
        let ownReport = try Self.checkReport(in: directory, output: output, metrics: metrics, data: data)
        let files: [ReportFile]
        do {
            files = try TrainingReport.figureFiles(of: document, options: try figures.options())
        } catch let error as ChartImageError {
            throw CommandError("cannot draw the figures: \(error)", status: .software)
        }
        // Into a folder of figures alone, the figures of formats not drawn this time go with the
        // rest; into the run's own report, whose page links them, they stay.
        try directory.write(files, replacing: ownReport ? [] : TrainingReport.figureFileNames, showProgress: !quiet)
        if !quiet {
            print("wrote \(files.count) files into \(output): \(files.map(\.name).joined(separator: ", "))")
        }
    }

    /// Whether `directory` holds the report of the run of `--metrics` (its metrics.json, with the
    /// same bytes), whose figures are then drawn anew beside its page; `false` for a folder without
    /// a run's metrics.json (none, or a file of that name that is not a run's metrics).
    ///
    /// - Throws: `CommandError` (64) when it holds another run's report: its page, metrics.json
    ///   and model would stay beside figures of another run.
    static func checkReport(in directory: OutputDirectory, output: String, metrics: String, data: Data) throws -> Bool {
        let recordedPath = directory.path(RunFiles.metricsName)
        guard let recorded = try? InputFile.contents(of: recordedPath) else { return false }
        if recorded == data { return true }
        // A metrics.json that is no run's (the user's own file of that name) is no report.
        guard (try? MetricsDocument(jsonData: recorded)) != nil else { return false }
        throw CommandError(
            "--output \(output) holds the report of another run (\(recordedPath) is not --metrics \(metrics)): its page, "
                + "metrics.json and model would stay beside figures of this one; write the figures into another directory, "
                + "or make this run's whole report there with generate --metrics \(metrics) --output \(output)",
            status: .usage)
    }
}
