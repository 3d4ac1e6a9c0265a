import CairoCharts
import Foundation
import RNNCore

/// The report of a training run as files: `report.html`, the figures in each format,
/// `metrics.csv`, `metrics.json` and `model.safetensors`, in that order (a report of a run made
/// elsewhere has no `model.safetensors`).
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
                .init(name: MetricsCSV.fileName, description: Self.tableDescription),
                .init(name: RunFiles.modelName, description: "the trained weights under PyTorch's state_dict names"),
            ],
            generated: options.generated, data: run.series)
        let thisRun = ComparedRun(label: "this run", origin: "this run", metrics: run.metrics)
        var baselineFiles: [ReportFile] = []
        if let baseline = options.baseline {
            let named = ComparedRun(
                label: "baseline", origin: baseline.origin, metrics: baseline.metrics, recordedSettings: baseline.recordedSettings,
                recordsInitWeights: baseline.recordsInitWeights)
            let differences = BaselineDifferences(run: thisRun, baseline: named)
            let light = ComparisonFigures([thisRun, named], options: options.figures, stemPrefix: Self.baselinePrefix, theme: .light)
            let dark = ComparisonFigures([thisRun, named], options: options.figures, stemPrefix: Self.baselinePrefix, theme: .dark)
            let drawnBaseline = try DrawnFigures(light: light.all, dark: dark.all, options: options.figures, inline: true)
            func tailCaption(_ run: ComparedRun) -> String {
                "The real \(run.quantity) (wide grey band) and the prediction (thin line) over the last windows"
            }
            var lossCaption = "The loss of this run and of the baseline on a log scale"
                + ComparisonFigures.lossDrawing(names: ["this run", "the baseline"], smoothed: light.smoothed, smoothing: options.figures.smoothing)
                + "; under it, the learning rates."
            if let unlike = differences.unlikeLosses {
                lossCaption += " " + unlike.sentence + ": the two lines are not comparable."
            }
            page.baseline = ReportPage.Baseline(
                origin: baseline.origin, source: baseline.source, differences: differences,
                // A tail figure is left out when its run recorded no prediction (a baseline of the loss alone).
                figures: [.init(light.loss, caption: lossCaption, drawn: drawnBaseline)]
                    + [light.tails[0].map { .init($0, caption: tailCaption(thisRun) + " of this run.", drawn: drawnBaseline) },
                       light.tails[1].map { .init($0, caption: tailCaption(named) + " of the baseline, \(baseline.origin).", drawn: drawnBaseline) }]
                    .compactMap { $0 })
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

    /// Draws the figures and renders the page of a run made elsewhere, from its metrics file
    /// (`generate --metrics`): nothing is trained.
    ///
    /// The files are the page, the figures whose data the file has, `metrics.csv`, and the
    /// metrics file itself as `metrics.json`, byte for byte, so that the folder holds what its
    /// page was made from. There is no `model.safetensors`: a metrics file has no weights.
    ///
    /// - Parameters:
    ///   - document: the metrics file, read.
    ///   - data: its bytes, copied into the report as `metrics.json`.
    ///   - fileName: its name without the folder, which the page shows.
    /// - Throws: ``ChartImageError`` if a figure cannot be drawn, ``ReportTemplateError`` if the
    ///   page cannot be rendered.
    public init(document: MetricsDocument, data: Data, fileName: String, options: Options) throws {
        let input = TrainingFigureInput(document, tailSteps: options.figures.tailSteps, smoothing: options.figures.smoothing)
        let summary = TrainingSummary(loss: input.loss, learningRate: input.learningRate)
        let series = StepSeries(input)
        let drawn = try Self.draw(input, summary: summary, series: series, options: options.figures, inline: true)
        let page = ReportPage.madeElsewhere(
            title: options.title, document: document, fileName: fileName, summary: summary, series: series,
            input: input, drawn: drawn,
            files: [
                .init(name: RunFiles.metricsName, description: "the metrics file this report was made from, \(fileName), copied byte for byte"),
                .init(name: MetricsCSV.fileName, description: Self.tableDescription),
            ],
            generated: options.generated)
        let html = Data(try options.template.render(page).utf8)
        files = [ReportFile(name: Self.pageName, data: html)] + drawn.files
            + [MetricsCSV.file(series), ReportFile(name: RunFiles.metricsName, data: data)]
        self.summary = summary
        baselineDifferences = nil
        markdown = Self.markdown(title: options.title, metrics: document.metrics, baseline: nil)
    }

    /// The files of every figure a report may have, in every format, and `metrics.csv`: what
    /// `rnnreport plot` writes, and so replaces, whichever of them it writes this time.
    public static let figureFileNames: Set<String> = Set(TrainingFigures.stems.flatMap { stem in
        [DrawnFigures.fileName(stem: stem, format: .svg), DrawnFigures.fileName(stem: stem, format: .svg, theme: .dark),
         DrawnFigures.fileName(stem: stem, format: .png)]
    } + [MetricsCSV.fileName])

    /// Every file a report may have (the page, ``figureFileNames``, the baseline's figures,
    /// `metrics.json` and `model.safetensors`): what `rnnreport generate` replaces, whichever of them it writes this
    /// time, so that no figure or model of a previous report stays beside a page that does not
    /// show it.
    public static let fileNames: Set<String> = figureFileNames.union(baselineFigureFileNames)
        .union([pageName, RunFiles.metricsName, RunFiles.modelName])

    /// The files of the baseline's figures (`generate --baseline`): a comparison's figures of the
    /// run and its baseline (``ComparisonFigures``: the loss, and a tail per run), their stems
    /// after ``baselinePrefix``, in every format.
    public static let baselineFigureFileNames: Set<String> = Set(["loss", "tail-1", "tail-2"].flatMap { name in
        let stem = baselinePrefix + name
        return [DrawnFigures.fileName(stem: stem, format: .svg), DrawnFigures.fileName(stem: stem, format: .svg, theme: .dark),
                DrawnFigures.fileName(stem: stem, format: .png)]
    })

    /// What `metrics.csv` holds, as the page's list of files says it.
    private static let tableDescription =
        "what the figures draw for each step, as a table: loss, smoothed loss, learning rate, gradient norm, error of the window"

    /// The Markdown summary of a run (`--summary`): a results table, and the differences from
    /// the baseline when there is one.
    public static func markdown(title: String, metrics: TrainingMetrics, baseline: ComparedRun?) -> String {
        let thisRun = ComparedRun(label: "this run", origin: "this run", metrics: metrics)
        let tables = ComparisonTables([thisRun])
        var text = "## \(Markdown.text(title))\n\n" + tables.results.markdown.text
        if let note = tables.noVerdictNote { text += "\n" + Markdown.text(note) + "\n" }
        if let baseline {
            let named = ComparedRun(
                label: "baseline", origin: baseline.origin, metrics: baseline.metrics, recordedSettings: baseline.recordedSettings,
                recordsInitWeights: baseline.recordsInitWeights)
            text += "\nAgainst the baseline \(Markdown.code(baseline.origin)) (\(Markdown.text(baseline.source))):\n\n"
                + BaselineDifferences(run: thisRun, baseline: named).markdown
        }
        return text
    }

    /// What the stems of the baseline's figures start with: `baseline-loss`, `baseline-tail-1`.
    public static let baselinePrefix = "baseline-"

    /// The figures of any run's metrics (a run of rnnreport's or a PyTorch trace), in each format
    /// and as dark SVGs, and `metrics.csv`.
    public static func figureFiles(of metrics: TrainingMetrics, options: FigureOptions) throws(ChartImageError) -> [ReportFile] {
        try figureFiles(of: TrainingFigureInput(metrics, tailSteps: options.tailSteps, smoothing: options.smoothing), options: options)
    }

    /// The figures of a metrics file whose data it has (`rnnreport plot`), in each format and as
    /// dark SVGs, and `metrics.csv`.
    public static func figureFiles(of document: MetricsDocument, options: FigureOptions) throws(ChartImageError) -> [ReportFile] {
        try figureFiles(of: TrainingFigureInput(document, tailSteps: options.tailSteps, smoothing: options.smoothing), options: options)
    }

    private static func figureFiles(of input: TrainingFigureInput, options: FigureOptions) throws(ChartImageError) -> [ReportFile] {
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
