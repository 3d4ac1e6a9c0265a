import ArgumentParser
import CairoCharts
import Foundation
import RNNCore
import Report

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the figures of a training run as SVG and PNG.",
        discussion: """
            Reads the --metrics file (metrics.json from `rnnreport train`, or any file of that \
            shape, such as the PyTorch reference traces) and writes three figures into the \
            --output directory, each as .svg and .png (1000 × 400 CSS pixels):

              prediction       real and predicted cos(t) over the whole run
              prediction-tail  the same over the last --tail-steps windows
              loss             loss per step on a log scale, raw and smoothed (EMA)

            Dashed lines in the loss figure mark where the learning rate was reduced. A missing \
            value (null) leaves a gap in a line. The same input gives the same bytes, run after \
            run, and the files are replaced only once all of them have been drawn.
            """
    )

    /// A file format the command can write.
    enum Format: String, CaseIterable {
        case svg
        case png
    }

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "Metrics to plot: metrics.json from `rnnreport train`, or a file of the same shape.", valueName: "file"))
    var metrics: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory to write the figures into; created if missing.", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp(
        "Formats to write, separated by commas: svg, png, or both.", valueName: "list"))
    var formats = "svg,png"

    @Option(help: ArgumentHelp(
        "Windows (training steps) shown in prediction-tail; more than the run has shows all of it.",
        valueName: "n"))
    var tailSteps = TrainingFigureInput.defaultTailSteps

    @Option(help: ArgumentHelp(
        "Device pixels per CSS pixel in the PNG files: 1 gives 1000 × 400 pixels, 2 gives 2000 × 800 for high-density screens (1 to \(ChartImageRenderer.maximumScale)).",
        valueName: "n"))
    var pngScale = 1

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        _ = try parsedFormats()
        guard tailSteps >= 1 else {
            throw ValidationError("invalid --tail-steps \(tailSteps): expected a positive integer")
        }
        guard (1 ... ChartImageRenderer.maximumScale).contains(pngScale) else {
            throw ValidationError("invalid --png-scale \(pngScale): expected an integer from 1 to \(ChartImageRenderer.maximumScale)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("output path \(output) is a file, not a directory")
        }
    }

    func run() throws {
        let formats = try parsedFormats()
        let run: TrainingMetrics
        do { run = try TrainingMetrics(contentsOf: URL(fileURLWithPath: metrics)) } catch {
            throw CommandError("\(error)")
        }
        let figures = TrainingFigures(TrainingFigureInput(
            timeStep: run.config.timeStep, real: run.real, prediction: run.prediction, loss: run.loss,
            learningRate: run.learningRate, tailSteps: tailSteps))
        var names: [String] = []
        var requests: [ChartImageRequest] = []
        for figure in figures.all {
            for format in formats {
                names.append(figure.stem + "." + format.rawValue)
                requests.append(ChartImageRequest(chart: figure.chart, format: imageFormat(format, stem: figure.stem)))
            }
        }
        let files: [(name: String, data: Data)]
        do {
            files = Array(zip(names, try ChartImageRenderer().images(requests)))
        } catch {
            throw CommandError("cannot draw the figures: \(error)")
        }
        let directory = try OutputDirectory(path: output)
        try directory.write(files)
        if !quiet {
            for file in files {
                print("wrote \(directory.path(file.name)) (\(file.data.count.formatted(.byteCount(style: .file))))")
            }
        }
    }

    /// How to draw a figure in `format`: SVG ids prefixed with the figure's stem, so that the
    /// three SVGs can share a page; PNG at `--png-scale`.
    private func imageFormat(_ format: Format, stem: String) -> ChartImageRequest.Format {
        switch format {
        case .svg: .svg(form: .document, idPrefix: stem + "-")
        case .png: .png(scale: pngScale)
        }
    }

    /// The formats of `--formats`, in order, without repeats.
    private func parsedFormats() throws -> [Format] {
        var result: [Format] = []
        for name in formats.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = Format(rawValue: trimmed) else {
                throw ValidationError("invalid --formats entry '\(name)': expected svg or png, separated by commas")
            }
            if !result.contains(format) { result.append(format) }
        }
        return result
    }
}
