import CairoCharts
import Foundation
import RNNCore

/// The report of a training run as files: `report.html`, the figures in each format,
/// `metrics.json` and `model.safetensors`, in that order.
///
/// `rnnreport generate` writes these files and `generate --check` compares them with a folder;
/// `rnnreport plot` writes only ``figureFiles(of:options:)``.
public struct TrainingReport: Sendable {
    public static let pageName = "report.html"

    /// What the page and figures look like.
    public struct Options: Sendable {
        /// The page title.
        public var title: String
        /// The template the page is rendered with.
        public var template: ReportTemplate
        public var figures: FigureOptions
        /// The date to show on the page (from `SOURCE_DATE_EPOCH`), or `nil` to show none.
        public var generated: String?

        public init(title: String, template: ReportTemplate = .builtIn, figures: FigureOptions = FigureOptions(), generated: String? = nil) {
            self.title = title
            self.template = template
            self.figures = figures
            self.generated = generated
        }
    }

    /// Every file, page first.
    public let files: [ReportFile]
    /// The run's headline numbers, as the page states them.
    public let summary: TrainingSummary

    /// Draws the figures and renders the page of a finished run.
    ///
    /// - Throws: ``ChartImageError`` if a figure cannot be drawn, ``ReportTemplateError`` if the
    ///   page cannot be rendered.
    public init(run: RunFiles, options: Options) throws {
        let input = TrainingFigureInput(run.metrics, tailSteps: options.figures.tailSteps)
        let summary = TrainingSummary(loss: input.loss, learningRate: input.learningRate)
        let drawn = try DrawnFigures(TrainingFigures(input, summary: summary).all, options: options.figures, inline: true)
        let page = ReportPage.training(
            title: options.title, metrics: run.metrics, summary: summary, input: input, drawn: drawn,
            files: [
                .init(name: RunFiles.metricsName, description: "loss, learning rate and gradient norm of every step; real and predicted values of every point"),
                .init(name: RunFiles.modelName, description: "the trained weights under PyTorch's state_dict names"),
            ],
            generated: options.generated)
        let html = Data(options.template.render(page).utf8)
        files = [ReportFile(name: Self.pageName, data: html)] + drawn.files + run.files
        self.summary = summary
    }

    /// The figures of any run's metrics (a run of rnnreport's or a PyTorch trace), in each format.
    public static func figureFiles(of metrics: TrainingMetrics, options: FigureOptions) throws(ChartImageError) -> [ReportFile] {
        let input = TrainingFigureInput(metrics, tailSteps: options.tailSteps)
        let summary = TrainingSummary(loss: input.loss, learningRate: input.learningRate)
        return try DrawnFigures(TrainingFigures(input, summary: summary).all, options: options).files
    }
}
