import ArgumentParser
import CairoCharts
import Foundation
import Report

/// The figure options shared by `plot` and `generate`.
struct FigureArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Formats to write, separated by commas: svg, png, or both.", valueName: "list"))
    var formats = "svg,png"

    // Optional, with the default in the help, so that a message can quote the text given.
    @Option(name: .customLong("tail-steps"), parsing: .unconditional, help: ArgumentHelp(
        "Windows (training steps) shown in the figures of the last windows (prediction-tail; compare's tail-1, tail-2, …); more than the run has shows all of it. (default: \(TrainingFigureInput.defaultTailSteps))",
        valueName: "n"), transform: WholeNumber.parse)
    var tailStepsOption: WholeNumber?

    /// The windows of the last windows' figure: `--tail-steps`, or the default.
    var tailSteps: Int { tailStepsOption?.value ?? TrainingFigureInput.defaultTailSteps }

    @Option(name: .customLong("png-scale"), parsing: .unconditional, help: ArgumentHelp(
        "Device pixels per CSS pixel in the PNG files: 1 draws each figure at its size on the page (1000 pixels wide; compare's small multiples 500), 2 at twice its width and height for high-density screens (1 to \(ChartImageRenderer.maximumScale)). (default: 1)",
        valueName: "n"), transform: WholeNumber.parse)
    var pngScaleOption: WholeNumber?

    /// The PNG files' scale: `--png-scale`, or 1.
    var pngScale: Int { pngScaleOption?.value ?? 1 }

    // Optional, with the default in the help, so that a message can quote the text given.
    @Option(name: .customLong("smoothing"), parsing: .unconditional, help: ArgumentHelp(
        "Width of the loss's centred moving average, as a fraction of the run (0.02: a window of 2 %, 1 % on each side); 0 turns it off. (default: \(TrainingFigureInput.defaultSmoothing))",
        valueName: "fraction"), transform: DecimalNumber.parse)
    var smoothingOption: DecimalNumber?

    /// The loss's smoothing: `--smoothing`, or the default.
    var smoothing: Double { smoothingOption?.value ?? TrainingFigureInput.defaultSmoothing }

    func validate() throws {
        _ = try options()
    }

    /// The options as the report takes them.
    ///
    /// - Throws: `ValidationError` naming the option that is out of range.
    func options() throws -> FigureOptions {
        var parsed: [FigureFormat] = []
        for name in formats.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = FigureFormat(rawValue: trimmed) else {
                throw ValidationError("invalid --formats entry '\(name)': expected svg or png, separated by commas")
            }
            guard !parsed.contains(format) else {
                throw ValidationError("invalid --formats '\(formats)': \(trimmed) is given twice; give each format once")
            }
            parsed.append(format)
        }
        guard tailSteps >= 1 else {
            throw ValidationError("invalid --tail-steps \(tailStepsOption?.text ?? "\(tailSteps)"): expected a positive integer")
        }
        guard (1 ... ChartImageRenderer.maximumScale).contains(pngScale) else {
            throw ValidationError("invalid --png-scale \(pngScaleOption?.text ?? "\(pngScale)"): expected an integer from 1 to \(ChartImageRenderer.maximumScale)")
        }
        guard smoothing.isFinite, smoothing >= 0, smoothing <= 1 else {
            throw ValidationError("invalid --smoothing \(smoothingOption?.text ?? "\(smoothing)"): expected a fraction of the run from 0 to 1")
        }
        return FigureOptions(formats: parsed, pngScale: pngScale, tailSteps: tailSteps, smoothing: smoothing)
    }
}
