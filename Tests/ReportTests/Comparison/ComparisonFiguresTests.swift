import Charts
import RNNCore
import Testing
@testable import Report

/// What the comparison's figures call a run's values and steps: its own target and window.
@Suite("Comparison figures")
struct ComparisonFiguresTests {
    /// The small run of ComparisonTestRuns, as a run on a CSV series predicting `temperature`.
    static func seriesMetrics() -> TrainingMetrics {
        var metrics = ComparisonTestRuns.metrics()
        metrics.config.data = "plant.csv"
        metrics.config.input = ["power"]
        metrics.config.target = "temperature"
        return metrics
    }

    @Test("a series run's tail is drawn in its target's name, a sin→cos run's in cos(t)")
    func tailQuantity() {
        let runs = [ComparisonTestRuns.run("plant", Self.seriesMetrics()), ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics())]
        let figures = ComparisonFigures(runs, options: FigureOptions())
        #expect(figures.tails[0]?.chart.panels[0].yAxis.label == "temperature")
        #expect(figures.tails[0]?.chart.description.contains("the real temperature") == true)
        #expect(figures.tails[1]?.chart.panels[0].yAxis.label == "cos(t)")
        #expect(runs.map(\.task) == ["predicts temperature from power in plant.csv", "reads sin(t) and predicts cos(t)"])
    }

    @Test("a run that recorded no real and predicted values gets no tail figure, not an empty one; the others keep their run's number")
    func noPoints() {
        var lossOnly = ComparisonTestRuns.metrics()
        lossOnly.real = nil
        lossOnly.prediction = nil
        let runs = [ComparisonTestRuns.run("loss", lossOnly), ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics())]
        let figures = ComparisonFigures(runs, options: FigureOptions())
        #expect(figures.tails[0] == nil)
        #expect(figures.all.map(\.stem) == ["loss", "tail-2"])
    }

    @Test("the loss's x axis names the step when every run's step is the same, and only then")
    func stepLabel() {
        let sine = ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics())
        let plant = ComparisonTestRuns.run("plant", Self.seriesMetrics())
        #expect(ComparisonFigures([sine, sine], options: FigureOptions()).loss.chart.xAxis.label == "training step (a window of π)")
        #expect(ComparisonFigures([plant, plant], options: FigureOptions()).loss.chart.xAxis.label == "training step (a window of 5 rows)")
        #expect(ComparisonFigures([plant, sine], options: FigureOptions()).loss.chart.xAxis.label == "training step")
    }

    @Test("the page's subtitle names one task once, or each task with its number of runs")
    func subtitle() {
        let sine = ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics())
        let plant = ComparisonTestRuns.run("plant", Self.seriesMetrics())
        #expect(ComparisonPage.subtitle([sine]) == "1 training run of a recurrent network that reads sin(t) and predicts cos(t), one window of π per step.")
        #expect(ComparisonPage.subtitle([plant, plant]) == "2 training runs of a recurrent network that predicts temperature from power in plant.csv.")
        #expect(ComparisonPage.subtitle([plant, sine, sine])
            == "3 training runs of recurrent networks: 1 on temperature from power in plant.csv; 2 on sin(t) → cos(t).")
    }
}
