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
        /// A run to compare this one with: its loss and prediction are drawn beside this run's,
        /// and the page gets a table of the differences. `nil` (the default) leaves the report as
        /// it is without one, byte for byte.
        public var baseline: ComparedRun?

        public init(
            title: String, template: ReportTemplate = .builtIn, figures: FigureOptions = FigureOptions(), generated: String? = nil,
            baseline: ComparedRun? = nil
        ) {
            self.title = title
            self.template = template
            self.figures = figures
            self.generated = generated
            self.baseline = baseline
        }
    }

    /// Every file, page first.
    public let files: [ReportFile]
    /// The run's headline numbers, as the page states them.
    public let summary: TrainingSummary
    /// How the run differs from the baseline, when there is one.
    public let baselineDifferences: BaselineDifferences?
    /// A Markdown summary (`--summary`): the run's results, and the differences from the baseline.
    public let markdown: String

    /// Draws the figures and renders the page of a finished run.
    ///
    /// - Throws: ``ChartImageError`` if a figure cannot be drawn, ``ReportTemplateError`` if the
    ///   page cannot be rendered.
    public init(run: RunFiles, options: Options) throws {
        let input = TrainingFigureInput(run.metrics, tailSteps: options.figures.tailSteps, smoothing: options.figures.smoothing)
        let summary = TrainingSummary(loss: input.loss, learningRate: input.learningRate)
        let series = StepSeries(input)
        let drawn = try Self.draw(input, summary: summary, series: series, options: options.figures, inline: true)
        var page = ReportPage.training(
            title: options.title, metrics: run.metrics, summary: summary, series: series, input: input, drawn: drawn,
            files: [
                .init(name: RunFiles.metricsName, description: "loss, learning rate and gradient norm of every step; real and predicted values of every point"
                    + (run.metrics.evaluation == nil ? "" : "; the evaluation over the whole series after training")),
                .init(name: MetricsCSV.fileName, description: "what the figures draw for each step, as a table: loss, smoothed loss, learning rate, gradient norm, error of the window"),
                .init(name: RunFiles.modelName, description: "the trained weights under PyTorch's state_dict names"),
            ],
            generated: options.generated, data: run.series)
        let thisRun = ComparedRun(label: "this run", origin: "this run", metrics: run.metrics)
        var baselineFiles: [ReportFile] = []
        if let baseline = options.baseline {
            let named = ComparedRun(label: "baseline", origin: baseline.origin, metrics: baseline.metrics)
            let differences = BaselineDifferences(run: thisRun, baseline: named)
            let light = ComparisonFigures([thisRun, named], options: options.figures, stemPrefix: Self.baselinePrefix, theme: .light)
            let dark = ComparisonFigures([thisRun, named], options: options.figures, stemPrefix: Self.baselinePrefix, theme: .dark)
            let drawnBaseline = try DrawnFigures(light: light.all, dark: dark.all, options: options.figures, inline: true)
            let tailCaption = "The real cos(t) (wide grey band) and the prediction (thin line) over the last windows"
            page.baseline = ReportPage.Baseline(
                origin: baseline.origin, source: baseline.source, differences: differences,
                figures: [
                    .init(light.loss, caption: "The loss of this run and of the baseline on a log scale, each as its centred moving average (solid) over its loss per step (faint); under it, the learning rates.", drawn: drawnBaseline),
                    .init(light.tails[0], caption: tailCaption + " of this run.", drawn: drawnBaseline),
                    .init(light.tails[1], caption: tailCaption + " of the baseline, \(baseline.origin).", drawn: drawnBaseline),
                ])
            baselineFiles = drawnBaseline.files
            baselineDifferences = differences
        } else {
            baselineDifferences = nil
        }
        let html = Data(try options.template.render(page).utf8)
        files = [ReportFile(name: Self.pageName, data: html)] + drawn.files + baselineFiles
            + [MetricsCSV.file(series)] + run.files
        self.summary = summary
        markdown = Self.markdown(title: options.title, metrics: run.metrics, baseline: options.baseline)
    }

    /// The Markdown summary of a run (`--summary`): a results table, and the differences from
    /// the baseline when there is one.
    public static func markdown(title: String, metrics: TrainingMetrics, baseline: ComparedRun?) -> String {
        let thisRun = ComparedRun(label: "this run", origin: "this run", metrics: metrics)
        var text = "## \(MarkdownTable.escape(title))\n\n" + ComparisonTables([thisRun]).results.markdown.text
        if let baseline {
            let named = ComparedRun(label: "baseline", origin: baseline.origin, metrics: baseline.metrics)
            text += "\nAgainst the baseline `\(baseline.origin)` (\(MarkdownTable.escape(baseline.source))):\n\n"
                + BaselineDifferences(run: thisRun, baseline: named).markdown
        }
        return text
    }

    /// What the stems of the baseline's figures start with: `baseline-loss`, `baseline-tail-1`.
    public static let baselinePrefix = "baseline-"

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
