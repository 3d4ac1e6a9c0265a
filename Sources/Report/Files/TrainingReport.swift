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
        let input = TrainingFigureInput(run.metrics, tailSteps: options.figures.tailSteps, smoothing: options.figures.smoothing)
        let summary = TrainingSummary(loss: input.loss, learningRate: input.learningRate)
        let series = StepSeries(input)
        let drawn = try Self.draw(input, summary: summary, series: series, options: options.figures, inline: true)
        let page = ReportPage.training(
            title: options.title, metrics: run.metrics, summary: summary, series: series, input: input, drawn: drawn,
            files: [
                .init(name: RunFiles.metricsName, description: "loss, learning rate and gradient norm of every step; real and predicted values of every point"
                    + (run.metrics.evaluation == nil ? "" : "; the evaluation over the whole series after training")),
                .init(name: MetricsCSV.fileName, description: "what the figures draw for each step, as a table: loss, smoothed loss, learning rate, gradient norm, error of the window"),
                .init(name: RunFiles.modelName, description: "the trained weights under PyTorch's state_dict names"),
            ],
            generated: options.generated, data: run.series)
        let html = Data(try options.template.render(page).utf8)
        files = [ReportFile(name: Self.pageName, data: html)] + drawn.files
            + [MetricsCSV.file(series)] + run.files
        self.summary = summary
    }

    /// The figures of any run's metrics (a run of rnnreport's or a PyTorch trace), in each format
    /// and as dark SVGs, and `metrics.csv`.
    public static func figureFiles(of metrics: TrainingMetrics, options: FigureOptions) throws(ChartImageError) -> [ReportFile] {
        let input = TrainingFigureInput(metrics, tailSteps: options.tailSteps, smoothing: options.smoothing)
        let summary = TrainingSummary(loss: input.loss, learningRate: input.learningRate)
        let series = StepSeries(input)
        return try draw(input, summary: summary, series: series, options: options, inline: false).files
            + [MetricsCSV.file(series)]
    }

    private static func draw(
        _ input: TrainingFigureInput, summary: TrainingSummary, series: StepSeries, options: FigureOptions, inline: Bool
    ) throws(ChartImageError) -> DrawnFigures {
        let points = PointSeries(input)
        let light = TrainingFigures(input, summary: summary, series: series, points: points, theme: .light)
        let dark = TrainingFigures(input, summary: summary, series: series, points: points, theme: .dark)
        return try DrawnFigures(light: light.all, dark: dark.all, options: options, inline: inline)
    }
}
