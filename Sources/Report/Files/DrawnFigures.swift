import CairoCharts
import Foundation

/// The figures of a run drawn to bytes, under the file names and SVG ids of a report.
///
/// This is the one place that names a figure's files (`stem.svg`, `stem.png`) and prefixes its SVG
/// ids (`stem-`), so that several figures share a page without clashing ids.
public struct DrawnFigures: Sendable {
    /// The figures, in reading order.
    public let figures: [Figure]
    /// Each figure in each format, in figure order and then format order.
    public let files: [ReportFile]
    /// Each figure as an SVG fragment to inline in a page, by stem; empty unless asked for.
    public let inlineSVG: [String: String]
    /// The formats the files were written in.
    public let formats: [FigureFormat]

    /// Draws `figures` (concurrently; the bytes are the same as drawing them one at a time).
    ///
    /// - Parameters:
    ///   - inline: also draw each figure as an SVG fragment for a page.
    /// - Throws: ``ChartImageError`` when a figure cannot be drawn.
    public init(_ figures: [Figure], options: FigureOptions, inline: Bool = false) throws(ChartImageError) {
        // Where each image goes: a file, or the inline fragment of a figure.
        enum Destination {
            case file(String)
            case inline(stem: String)
        }
        var requests: [ChartImageRequest] = []
        var destinations: [Destination] = []
        for figure in figures {
            let prefix = Self.idPrefix(stem: figure.stem)
            for format in options.formats {
                destinations.append(.file(Self.fileName(stem: figure.stem, format: format)))
                switch format {
                case .svg: requests.append(.init(chart: figure.chart, format: .svg(form: .document, idPrefix: prefix)))
                case .png: requests.append(.init(chart: figure.chart, format: .png(scale: options.pngScale)))
                }
            }
            if inline {
                destinations.append(.inline(stem: figure.stem))
                requests.append(.init(chart: figure.chart, format: .svg(form: .fragment, idPrefix: prefix)))
            }
        }
        var files: [ReportFile] = []
        var inlineSVG: [String: String] = [:]
        for (destination, data) in zip(destinations, try ChartImageRenderer().images(requests)) {
            switch destination {
            case .file(let name): files.append(ReportFile(name: name, data: data))
            case .inline(let stem): inlineSVG[stem] = String(decoding: data, as: UTF8.self)
            }
        }
        self.figures = figures
        self.files = files
        self.inlineSVG = inlineSVG
        self.formats = options.formats
    }

    /// The name of a figure's file: `prediction.svg`.
    public static func fileName(stem: String, format: FigureFormat) -> String {
        stem + "." + format.rawValue
    }

    /// What every SVG id of a figure starts with: `prediction-`.
    public static func idPrefix(stem: String) -> String {
        stem + "-"
    }

    /// The name of `figure`'s file in `format`, if that format was written.
    func fileName(of figure: Figure, _ format: FigureFormat) -> String? {
        formats.contains(format) ? Self.fileName(stem: figure.stem, format: format) : nil
    }
}
