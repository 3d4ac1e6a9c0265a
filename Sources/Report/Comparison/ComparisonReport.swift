import CairoCharts
import Foundation
import RNNCore

/// The report of a comparison as files: `report.html`, then the loss figure and one tail figure
/// per run, in each format and as dark SVGs.
///
/// `rnnreport compare` writes these files; ``markdown`` is its `--summary`.
public struct ComparisonReport: Sendable {
    public static let pageName = "report.html"
    public static let defaultTitle = "Comparison of training runs"

    /// Every file, page first.
    public let files: [ReportFile]
    /// The tables the page shows.
    public let tables: ComparisonTables
    /// A Markdown summary: the results table and the settings that differ.
    public let markdown: String

    /// Draws the figures and renders the page of a comparison.
    ///
    /// - Parameters:
    ///   - runs: at least one run, in the order to show them.
    ///   - title: the page's title.
    ///   - figures: formats, PNG scale, tail windows and smoothing.
    ///   - generated: the date to show on the page, or `nil` for none.
    /// - Throws: ``ChartImageError`` if a figure cannot be drawn, ``ReportTemplateError`` if the
    ///   page cannot be rendered.
    public init(runs: [ComparedRun], title: String = defaultTitle, figures: FigureOptions = FigureOptions(), generated: String? = nil) throws {
        precondition(!runs.isEmpty, "ComparisonReport: no runs")
        let light = ComparisonFigures(runs, options: figures, theme: .light)
        let dark = ComparisonFigures(runs, options: figures, theme: .dark)
        let drawn = try DrawnFigures(light: light.all, dark: dark.all, options: figures, inline: true)
        let tables = ComparisonTables(runs)
        let page = ComparisonPage(
            title: title, runs: runs, tables: tables,
            loss: .init(light.loss, caption: Self.lossCaption(runs, figures: figures, smoothed: light.smoothed), drawn: drawn),
            tails: zip(light.tails, runs).compactMap { figure, run in
                figure.map {
                    .init($0, caption: "\(run.origin) (\(run.source)): the real \(run.quantity) (wide grey band) and the prediction (thin line).", drawn: drawn)
                }
            },
            generated: generated)
        let html = try ReportTemplate.builtInComparison.render(context: page.templateContext)
        files = [ReportFile(name: Self.pageName, data: Data(html.utf8))] + drawn.files
        self.tables = tables
        markdown = Self.markdown(title: title, runs: runs, tables: tables)
    }

    private static func lossCaption(_ runs: [ComparedRun], figures: FigureOptions, smoothed: [Bool]) -> String {
        var text = "The loss of every run on a log scale"
            + ComparisonFigures.lossDrawing(names: runs.map { "“\($0.label)”" }, smoothed: smoothed, smoothing: figures.smoothing) + "."
        if runs.contains(where: { $0.metrics.learningRate != nil }) {
            text += " Under it, the learning rate each run used; a step down is a reduction by ReduceLROnPlateau."
        }
        return text
    }

    /// The Markdown summary of a comparison.
    static func markdown(title: String, runs: [ComparedRun], tables: ComparisonTables) -> String {
        var text = "## \(Markdown.text(title))\n\n"
        text += "\(ReportNumber.count(runs.count, "run", "runs")) compared"
        if let best = tables.best, let value = tables.rankingValue(of: runs[best]) {
            text += "; the lowest \(tables.rankingPhrase(for: runs[best])) is `\(ReportNumber.short(value))`, "
                + "of \(Markdown.text(runs[best].label))"
        } else if tables.lossUnits.count > 1 {
            text += "; " + Markdown.text(ComparisonPage.notRanked(tables))
        }
        text += ".\n\n" + tables.results.markdown.text
        if let note = tables.noVerdictNote { text += "\n" + Markdown.text(note) + "\n" }
        if let differing = tables.differingSettings {
            text += "\nSettings that differ:\n\n" + differing.markdown.text
        }
        if !tables.sharedSettings.isEmpty {
            text += "\nThe same in every run: " + tables.sharedSettings.map { Markdown.code($0) }.joined(separator: ", ") + ".\n"
        }
        if !tables.unrecordedSettings.isEmpty {
            text += "\nNot recorded in any run's metrics: " + tables.unrecordedSettings.map { Markdown.code($0) }.joined(separator: ", ") + ".\n"
        }
        return text
    }
}
