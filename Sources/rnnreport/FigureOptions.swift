import ArgumentParser
import CairoCharts
import Foundation
import RNNCore
import Report

/// The figure options shared by `plot` and `generate`, and the drawing they control.
struct FigureOptions: ParsableArguments {
    /// A file format the figures can be written in.
    enum Format: String, CaseIterable {
        case svg
        case png
    }

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

    func validate() throws {
        _ = try parsedFormats()
        guard tailSteps >= 1 else {
            throw ValidationError("invalid --tail-steps \(tailSteps): expected a positive integer")
        }
        guard (1 ... ChartImageRenderer.maximumScale).contains(pngScale) else {
            throw ValidationError("invalid --png-scale \(pngScale): expected an integer from 1 to \(ChartImageRenderer.maximumScale)")
        }
    }

    /// The formats of `--formats`, in order, without repeats.
    func parsedFormats() throws -> [Format] {
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

    /// The three figures of a run, drawn in the chosen formats, and, when `inline` is set, each
    /// also as an SVG fragment to place in a page.
    func draw(_ metrics: TrainingMetrics, inline: Bool = false) throws -> DrawnFigures {
        let formats = try parsedFormats()
        let input = TrainingFigureInput(
            timeStep: metrics.config.timeStep, real: metrics.real, prediction: metrics.prediction,
            loss: metrics.loss, learningRate: metrics.learningRate, tailSteps: tailSteps)
        let figures = TrainingFigures(input)
        var names: [String] = []
        var requests: [ChartImageRequest] = []
        for figure in figures.all {
            // SVG ids are prefixed with the figure's stem, so that the three can share a page.
            for format in formats {
                names.append(figure.stem + "." + format.rawValue)
                switch format {
                case .svg: requests.append(.init(chart: figure.chart, format: .svg(form: .document, idPrefix: figure.stem + "-")))
                case .png: requests.append(.init(chart: figure.chart, format: .png(scale: pngScale)))
                }
            }
            if inline {
                requests.append(.init(chart: figure.chart, format: .svg(form: .fragment, idPrefix: figure.stem + "-")))
            }
        }
        let images: [Data]
        do { images = try ChartImageRenderer().images(requests) } catch {
            throw CommandError("cannot draw the figures: \(error)")
        }
        var drawn = DrawnFigures(input: input, figures: figures, formats: formats)
        var index = 0
        for figure in figures.all {
            for _ in formats {
                drawn.files.append((names[drawn.files.count], images[index]))
                index += 1
            }
            if inline {
                drawn.inlineSVG[figure.stem] = String(decoding: images[index], as: UTF8.self)
                index += 1
            }
        }
        return drawn
    }
}

/// Figures drawn by ``FigureOptions/draw(_:inline:)``.
struct DrawnFigures {
    /// The values the figures were drawn from.
    var input: TrainingFigureInput
    var figures: TrainingFigures
    var formats: [FigureOptions.Format]
    /// The image files, named `stem.format`, in figure order.
    var files: [(name: String, data: Data)] = []
    /// Each figure as an SVG fragment, by stem; empty unless asked for.
    var inlineSVG: [String: String] = [:]
}
