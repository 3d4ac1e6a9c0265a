import Foundation
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

    @Test("the loss figure smooths the runs long enough for the moving average and only them, and its description and the page's caption say which")
    func smoothingOfEachRun() throws {
        // The default smoothing, 2 % of a run: ±1 step from 100 steps on.
        let short = ComparisonTestRuns.run("short", ComparisonTestRuns.metrics(steps: 20))
        let long = ComparisonTestRuns.run("long", ComparisonTestRuns.metrics(steps: 200))
        let average = "each run's centred moving average over 2 % of its steps, taken in log space (solid line), over its loss per step (faint line)"
        let reach = "for a centred moving average over 2 % of its steps to reach one step on either side"

        let mixed = ComparisonFigures([long, short], options: FigureOptions())
        #expect(mixed.smoothed == [true, false])
        // The long run's loss per step (faint), then each run's solid line.
        #expect(mixed.loss.chart.panels[0].series.map(\.count) == [200, 200, 20])
        let sentence = ": \(average), except “short”, too short for the average to reach one step on either side, drawn as its loss per step alone (solid line)."
        #expect(mixed.loss.chart.description.contains("on a log scale" + sentence), "\(mixed.loss.chart.description)")
        let page = String(decoding: try ComparisonReport(runs: [long, short]).files[0].data(), as: UTF8.self)
        let escaped = sentence.replacingOccurrences(of: "'", with: "&#39;")
        #expect(page.contains("The loss of every run on a log scale" + escaped), "the caption")

        let two = ComparisonFigures([short, long, ComparisonTestRuns.run("fifty", ComparisonTestRuns.metrics(steps: 50))], options: FigureOptions())
        #expect(two.smoothed == [false, true, false])
        #expect(two.loss.chart.description.contains(
            ": \(average), except “short” and “fifty”, too short for the average to reach one step on either side, drawn as their loss per step alone (solid line)."),
            "\(two.loss.chart.description)")

        let shortOnly = ComparisonFigures([short, ComparisonTestRuns.run("fifty", ComparisonTestRuns.metrics(steps: 50))], options: FigureOptions())
        #expect(shortOnly.smoothed == [false, false])
        #expect(shortOnly.loss.chart.panels[0].series.count == 2)
        #expect(shortOnly.loss.chart.description.contains(
            "on a log scale: each run's loss per step (solid line), not smoothed: no run is long enough \(reach)."), "\(shortOnly.loss.chart.description)")

        let longOnly = ComparisonFigures([long, ComparisonTestRuns.run("again", ComparisonTestRuns.metrics(steps: 100))], options: FigureOptions())
        #expect(longOnly.smoothed == [true, true])
        #expect(longOnly.loss.chart.description.contains("on a log scale: \(average)."), "\(longOnly.loss.chart.description)")

        var unsmoothed = FigureOptions()
        unsmoothed.smoothing = 0
        let none = ComparisonFigures([long, short], options: unsmoothed)
        #expect(none.smoothed == [false, false])
        #expect(none.loss.chart.description.contains("on a log scale: each run's loss per step (solid line), not smoothed."), "\(none.loss.chart.description)")
    }

    @Test("a series run's tail is drawn in its target's name, a sin→cos run's in cos(t)")
    func tailQuantity() {
        let runs = [ComparisonTestRuns.run("plant", Self.seriesMetrics()), ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics())]
        let figures = ComparisonFigures(runs, options: FigureOptions())
        #expect(figures.tails[0]?.chart.panels[0].yAxis.label == "“temperature”")
        #expect(figures.tails[0]?.chart.description.contains("the real “temperature”") == true)
        #expect(figures.tails[1]?.chart.panels[0].yAxis.label == "cos(t)")
        #expect(runs.map(\.task) == ["predicts temperature from power in plant.csv", "reads sin(t) and predicts cos(t)"])
    }

    @Test("a series run's tail breaks where its series starts over (its evaluation gives the training rows), a sin→cos run's does not")
    func tailRestarts() throws {
        // 20 steps of 5 rows over 30 training rows: 6 windows, restarts at steps 6, 12 and 18;
        // the tail of 10 windows, from point 50 (step 10), holds two of them.
        var series = Self.seriesMetrics()
        series.evaluation = Evaluation(
            holdoutStart: 30, real: Array(repeating: 0, count: 40), prediction: Array(repeating: 0, count: 40),
            trainMSE: 0, holdoutMSE: 0)
        let runs = [ComparisonTestRuns.run("plant", series), ComparisonTestRuns.run("sine", ComparisonTestRuns.metrics())]
        let figures = ComparisonFigures(runs, options: FigureOptions())
        let plant = try #require(figures.tails[0]).chart.panels[0]
        #expect(plant.series.map(\.breaks) == [[10, 40], [10, 40]])
        #expect(abs(plant.series[0].x(at: 10) - 12) < 1e-9 && abs(plant.series[0].x(at: 40) - 18) < 1e-9)
        #expect(plant.markers.map(\.positions) == [[12, 18]])
        #expect(try #require(figures.tails[0]).chart.description.contains("The series starts over at steps 12 and 18 "))
        let sine = try #require(figures.tails[1]).chart.panels[0]
        #expect(sine.series.map(\.breaks).joined().isEmpty && sine.markers.isEmpty)
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
