import CairoCharts
import Charts
import Foundation

/// The figures of a run drawn to bytes, under the file names and SVG ids of a report.
///
/// This is the one place that names a figure's files (`stem.svg`, `stem.png`, and the dark
/// variant `stem.dark.svg`) and prefixes its SVG ids (`stem-`, `stem-dark-`), so that several
/// figures share a page without clashing ids.
public struct DrawnFigures: Sendable {
    /// The figures, in reading order, in their light colours.
    public let figures: [Figure]
    /// Each figure in each format, then its dark SVG, in figure order.
    public let files: [ReportFile]
    /// Each figure as an SVG fragment to inline in a page, light and dark, by stem; empty unless
    /// asked for.
    public let inlineSVG: [String: (light: String, dark: String)]
    /// The formats the files were written in.
    public let formats: [FigureFormat]

    /// Draws each figure, and its dark variant as SVG, on several threads (the bytes are the same
    /// as drawing them one at a time).
    ///
    /// An inline fragment is the SVG file's bytes from `<svg` on when SVG files are written (the
    /// same bytes as drawing it again: see ``ChartImageRenderer/fragment(ofDocument:)``), and is
    /// drawn on its own only when they are not.
    ///
    /// - Parameters:
    ///   - light: the figures for a light page.
    ///   - dark: the same figures for a dark page, in the same order.
    ///   - inline: also draw each figure as SVG fragments (light and dark) for a page.
    ///   - threads: the most threads that draw at once (`nil`: one per core).
    /// - Throws: ``ChartImageError`` when a figure cannot be drawn.
    public init(light: [Figure], dark: [Figure], options: FigureOptions, inline: Bool = false, threads: Int? = nil) throws(ChartImageError) {
        precondition(light.count == dark.count, "DrawnFigures: \(light.count) light figures and \(dark.count) dark ones")
        // Where each image goes: a file, an inline fragment of a figure, or both (an SVG file
        // whose fragment is inlined).
        struct Destination {
            var file: String?
            var inline: (stem: String, dark: Bool)?
        }
        let fragmentsFromFiles = inline && options.formats.contains(.svg)
        var jobs: [(request: ChartImageRequest, destination: Destination)] = []
        for (figure, darkFigure) in zip(light, dark) {
            let prefix = Self.idPrefix(stem: figure.stem)
            let darkPrefix = Self.idPrefix(stem: figure.stem, theme: .dark)
            for format in options.formats {
                switch format {
                case .svg:
                    jobs.append((.init(chart: figure.chart, format: .svg(form: .document, idPrefix: prefix), size: figure.size),
                                 Destination(file: Self.fileName(stem: figure.stem, format: .svg),
                                             inline: fragmentsFromFiles ? (figure.stem, false) : nil)))
                    jobs.append((.init(chart: darkFigure.chart, format: .svg(form: .document, idPrefix: darkPrefix), size: figure.size),
                                 Destination(file: Self.fileName(stem: figure.stem, format: .svg, theme: .dark),
                                             inline: fragmentsFromFiles ? (figure.stem, true) : nil)))
                case .png:
                    jobs.append((.init(chart: figure.chart, format: .png(scale: options.pngScale), size: figure.size),
                                 Destination(file: Self.fileName(stem: figure.stem, format: .png))))
                }
            }
            if inline && !fragmentsFromFiles {
                jobs.append((.init(chart: figure.chart, format: .svg(form: .fragment, idPrefix: prefix), size: figure.size),
                             Destination(inline: (figure.stem, false))))
                jobs.append((.init(chart: darkFigure.chart, format: .svg(form: .fragment, idPrefix: darkPrefix), size: figure.size),
                             Destination(inline: (figure.stem, true))))
            }
        }
        let images = try ChartImageRenderer().images(jobs.map(\.request), threads: threads)
        var files: [ReportFile] = []
        var fragments: [String: (light: String, dark: String)] = [:]
        for (job, data) in zip(jobs, images) {
            if let name = job.destination.file {
                files.append(ReportFile(name: name, data: data))
            }
            if let (stem, dark) = job.destination.inline {
                let fragment = job.destination.file == nil ? data : ChartImageRenderer.fragment(ofDocument: data)
                guard let fragment else { throw .unexpectedSVG }
                let text = String(decoding: fragment, as: UTF8.self)
                var pair = fragments[stem] ?? ("", "")
                if dark { pair.dark = text } else { pair.light = text }
                fragments[stem] = pair
            }
        }
        self.figures = light
        self.files = files
        self.inlineSVG = fragments
        self.formats = options.formats
    }

    /// The name of a figure's file: `prediction.svg`, or `prediction.dark.svg` for the dark theme.
    public static func fileName(stem: String, format: FigureFormat, theme: FigureTheme = .light) -> String {
        theme == .light ? stem + "." + format.rawValue : stem + "." + theme.rawValue + "." + format.rawValue
    }

    /// What every SVG id of a figure starts with: `prediction-`, or `prediction-dark-`.
    public static func idPrefix(stem: String, theme: FigureTheme = .light) -> String {
        theme == .light ? stem + "-" : stem + "-" + theme.rawValue + "-"
    }

    /// The name of `figure`'s file in `format`, if that format was written.
    func fileName(of figure: Figure, _ format: FigureFormat, theme: FigureTheme = .light) -> String? {
        formats.contains(format) ? Self.fileName(stem: figure.stem, format: format, theme: theme) : nil
    }
}
