import Foundation
import RNNCore
@testable import Report
import Testing

/// The figures and page of a run made elsewhere, from what its metrics file has.
@Suite("The report of a run made elsewhere")
struct MadeElsewhereTests {
    static func document(_ json: String) throws -> MetricsDocument {
        try MetricsDocument(jsonData: Data(json.utf8))
    }

    static func page(_ document: MetricsDocument) throws -> ReportPage {
        let input = TrainingFigureInput(document)
        let summary = TrainingSummary(loss: input.loss, learningRate: input.learningRate)
        let figures = TrainingFigures(input, summary: summary)
        let drawn = try DrawnFigures(
            light: figures.all, dark: TrainingFigures(input, summary: summary, theme: .dark).all,
            options: FigureOptions(formats: []))
        return ReportPage.madeElsewhere(
            title: "t", document: document, fileName: "m.json", summary: summary, series: StepSeries(input),
            input: input, drawn: drawn, files: [], generated: nil)
    }

    @Test("the loss alone: only the loss figure, no panels under it, an axis that counts steps only")
    func lossOnlyFigures() throws {
        let figures = TrainingFigures(TrainingFigureInput(try Self.document(#"{"loss": [1, 0.5, 0.25]}"#)))
        #expect(figures.prediction == nil && figures.predictionTail == nil)
        #expect(figures.all.map(\.stem) == ["loss"])
        #expect(figures.loss.chart.panels.count == 1 && figures.loss.size.height == 400)
        #expect(figures.loss.chart.xAxis.label == "training step")
        // A time step the file gives is a window of that many points.
        let windows = TrainingFigures(TrainingFigureInput(try Self.document(#"{"config": {"time_step": 7}, "loss": [1]}"#)))
        #expect(windows.loss.chart.xAxis.label == "training step (a window of π, 7 points)")
    }

    @Test("the clip threshold is drawn only where the file's config gives it")
    func clipThreshold() throws {
        let without = TrainingFigures(TrainingFigureInput(try Self.document(#"{"loss": [1, 0.5], "grad_norm": [2, 0.5]}"#)))
        #expect(without.loss.chart.panels.map(\.yAxis.label) == ["MSE loss", "gradient norm"])
        #expect(without.loss.chart.panels[1].levels.isEmpty, "no default threshold the run may not have had")
        let with = TrainingFigures(TrainingFigureInput(
            try Self.document(#"{"config": {"clip_norm": 0.75}, "loss": [1, 0.5], "grad_norm": [2, 0.5]}"#)))
        #expect(with.loss.chart.panels[1].levels.map(\.value) == [0.75])
    }

    @Test("points without a config: the prediction figures, windows of real.count / steps points")
    func pointsWithoutConfig() throws {
        let document = try Self.document(#"{"loss": [1, 0.5], "real": [1, 0, -1, 0], "prediction": [0.5, 0, -0.5, 0]}"#)
        let figures = TrainingFigures(TrainingFigureInput(document))
        #expect(figures.all.map(\.stem) == ["prediction", "prediction-tail", "loss"])
        #expect(figures.loss.chart.xAxis.label == "training step (a window of π, 2 points)")
    }

    @Test("a file whose config names a CSV series: figures in the target's name and rows, the held-out figure from its evaluation")
    func csvRunFigures() throws {
        let document = try Self.document(#"""
            {"config": {"time_step": 2, "data": "s.csv", "input": ["force"], "target": "position", "holdout": 0.25},
             "loss": [1, 0.5], "real": [1, 0, -1, 0], "prediction": [0.5, 0, -0.5, 0],
             "evaluation": {"holdout_start": 3, "real": [1, 0, -1, 0], "prediction": [0.5, 0, -0.5, 0.25],
                            "train_mse": 0.1, "holdout_mse": 0.2}}
            """#)
        let figures = TrainingFigures(TrainingFigureInput(document))
        #expect(figures.all.map(\.stem) == ["prediction", "prediction-tail", "loss", "holdout"])
        for figure in [figures.prediction, figures.predictionTail, figures.loss] {
            #expect(figure?.chart.xAxis.label == "training step (a window of 2 rows)")
        }
        #expect(figures.prediction?.chart.title == "Real and predicted “position”, whole run")
        // No sin→cos threshold on the error panel, in its text or in the caption.
        #expect(figures.prediction?.chart.panels.last?.levels.isEmpty == true)
        #expect(figures.prediction?.chart.description.contains("0.0316") == false)
        #expect(figures.predictionTail?.chart.title.hasPrefix("Real and predicted “position”, last") == true)
        let page = try Self.page(document)
        #expect(page.figures.map(\.stem) == ["prediction", "prediction-tail", "loss", "holdout"])
        let holdout = try #require(page.figures.last).caption
        #expect(holdout.contains("The shaded rows, 3 to 3, were held out of training"), "\(holdout)")
        let prediction = try #require(page.figures.first).caption
        #expect(prediction.contains("on a log scale.") && !prediction.contains("0.0316"), "no threshold: \(prediction)")
        // 3 training rows hold one window of 2: the series starts over at every step.
        #expect(prediction.hasSuffix(" The series starts over at step 1 (every step trains on the one window of the training rows): "
            + "the lines are broken there, not joined from the last training row to the first."), "\(prediction)")
        #expect(page.summary.map(\.label).suffix(2) == ["Train MSE", "Held-out MSE"])
        #expect(page.verdictTone == .neutral && page.data?.file == "s.csv" && page.data?.shape == "4 rows")
        // Without a target, the figures still do not speak of cos(t).
        let unnamed = TrainingFigures(TrainingFigureInput(try Self.document(#"{"config": {"data": "s.csv", "time_step": 5}, "loss": [1]}"#)))
        #expect(unnamed.loss.chart.xAxis.label == "training step (a window of 5 rows)")
    }

    @Test("the page: where the run came from, what the file lacks, the config as written; no hyperparameters")
    func page() throws {
        let document = try Self.document(#"""
            {"source": "keras 3", "init_weights": "w.h5", "loss": [1, 0.5], "learning_rate": [0.1, 0.05],
             "config": {"num_layers": 2, "hidden_size": 16, "optimizer": "sgd"}}
            """#)
        let page = try Self.page(document)
        #expect(page.hyperparameters.isEmpty)
        #expect(page.architecture == ReportPage.architecture(document.metrics.config))
        #expect(page.origin?.file == "m.json" && page.origin?.source == "keras 3" && page.origin?.initWeights == "w.h5")
        #expect(page.origin?.omissions == "The file has no grad_norm and no real or prediction; the page leaves out what they would show.")
        #expect(page.writtenConfig.map(\.key) == ["num_layers", "hidden_size", "optimizer"])
        #expect(page.writtenConfig.map(\.flag) == ["--num-layers", "--hidden-size", nil])
        #expect(page.writtenConfig[2].value == #""sgd""#)
        #expect(page.recordsLearningRate && page.rateChanges.count == 1)

        let html = try ReportTemplate.builtIn.render(page)
        let architecture = try #require(page.architecture)
        #expect(html.contains("The report of a run made elsewhere, a \(architecture), read from <code>m.json</code>"))
        #expect(html.contains("which says it was made by keras 3."))
        #expect(html.contains("Its initial weights came from <code>w.h5</code>."))
        #expect(!html.contains("id=\"hyperparameters\""))
        #expect(html.contains("id=\"configuration\""))
        #expect(html.contains("Learning-rate changes (ReduceLROnPlateau): 1"))
    }

    @Test("the page of a file with one series: its architecture unknown, a single omission in the singular")
    func pageSingular() throws {
        let document = try Self.document(
            #"{"config": {"hidden_size": 16}, "loss": [1, 0.5], "learning_rate": [0.1, 0.1], "real": [1, 2, 3, 4], "prediction": [1, 2, 3, 4]}"#)
        let page = try Self.page(document)
        #expect(page.architecture == nil, "a width without a number of layers is no architecture")
        #expect(page.origin?.omissions == "The file has no grad_norm: the page leaves out what it would show.")
        let html = try ReportTemplate.builtIn.render(page)
        #expect(html.contains("The report of a run made elsewhere, read from <code>m.json</code>."))
        #expect(html.contains("The learning rate was never reduced."))
    }
}
