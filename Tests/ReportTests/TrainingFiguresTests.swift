import Charts
import Foundation
import RNNCore
@testable import Report
import Testing

@Suite("The three figures")
struct TrainingFiguresTests {
    /// A run of `steps` windows of `timeStep` points: real = point index, prediction = index + 1.
    private func input(steps: Int = 20, timeStep: Int = 5, tailSteps: Int = 3, learningRate: [Double?]? = nil) -> TrainingFigureInput {
        let points = steps * timeStep
        return TrainingFigureInput(
            timeStep: timeStep,
            real: (0 ..< points).map { Float($0) },
            prediction: (0 ..< points).map { Float($0 + 1) },
            loss: (0 ..< steps).map { Float(1) / Float($0 + 1) },
            learningRate: learningRate ?? Array(repeating: 0.01, count: steps),
            tailSteps: tailSteps)
    }

    @Test("stems, titles and axes")
    func names() {
        let figures = TrainingFigures(input())
        #expect(figures.all.map(\.stem) == ["prediction", "prediction-tail", "loss"])
        #expect(figures.prediction!.title == "Real and predicted cos(t), whole run")
        #expect(figures.predictionTail!.title == "Real and predicted cos(t), last 3 windows")
        #expect(figures.loss.title == "Training loss")
        for figure in [figures.prediction!, figures.predictionTail!] {
            #expect(figure.chart.xAxis.integerTicks)
            #expect(figure.chart.yAxis.label == "cos(t)" && figure.chart.yAxis.scale == .linear)
            #expect(figure.chart.panels[0].series.map(\.label) == ["real", "predicted"])
        }
        #expect(figures.prediction!.chart.panels.map(\.yAxis.label) == ["cos(t)", "RMSE per window"])
        #expect(figures.predictionTail!.chart.panels.count == 1)
        #expect(figures.loss.chart.panels.map(\.yAxis.label) == ["MSE loss", "learning rate"])
    }

    @Test("the whole run and the tail cover the right points")
    func ranges() {
        let figures = TrainingFigures(input())
        let whole = figures.prediction!.chart.series[0]
        #expect(whole.count == 100 && whole.xStart == 0 && whole[99] == 99)
        // The last 3 windows of 5 points: points 85…99, at steps 17 to 19.8.
        let tail = figures.predictionTail!.chart.series
        #expect(tail.map(\.count) == [15, 15])
        #expect(tail.map(\.xStart) == [17, 17])
        #expect(tail[0][0] == 85 && tail[1][0] == 86)
        #expect(abs(tail[0].x(at: 14) - 19.8) < 1e-12)
    }

    @Test("more tail windows than the run has shows the whole run")
    func longTail() {
        let figures = TrainingFigures(input(steps: 4, tailSteps: 10))
        #expect(figures.predictionTail!.title == "Real and predicted cos(t), last 4 windows")
        #expect(figures.predictionTail!.chart.series[0].count == 20)
        #expect(TrainingFigures(input(steps: 1, tailSteps: 10)).predictionTail!.title == "Real and predicted cos(t), last window")
    }

    @Test("loss: raw and smoothed over ±1 % of the run, then the learning rate as a step line, then the gradient norm and the clip threshold")
    func loss() throws {
        let rates: [Double?] = [0.01, 0.01, 0.005, 0.005, nil, 0.0025, 0.0025, 0.005, 0.00125, 0.00125]
        var run = input(steps: 10, learningRate: rates)
        run.gradNorm = [2, 1.5, 1, 0.5, 0.25, 0.2, 0.1, 0.1, 0.05, 0.05]
        run.clipNorm = 1
        run.smoothing = 0.2  // ±1 step of 10
        let chart = TrainingFigures(run).loss.chart
        #expect(chart.panels.count == 3)
        #expect(chart.panels.map(\.yAxis.scale) == [.log10, .log10, .log10])
        #expect(chart.panels[0].series.map(\.label) == ["loss per step", "centred mean of log loss, ±1 step"])
        let raw = chart.panels[0].series[0]
        let smoothed = chart.panels[0].series[1]
        #expect(raw.count == 10 && raw[0] == 1 && raw[1] == 0.5)
        // The geometric mean of 1 and 1/2 at the first step, of 1, 1/2 and 1/3 at the second.
        // (The losses are floats: 1/3 is 1e-8 off, which the tolerance allows.)
        #expect(try abs(#require(smoothed[0]) - (0.5).squareRoot()) < 1e-7)
        #expect(try abs(#require(smoothed[1]) - pow(1.0 / 6, 1.0 / 3)) < 1e-7)
        let rate = chart.panels[1].series[0]
        #expect(rate.interpolation == .step && rate.count == 10 && rate[4] == nil && rate[8] == 0.00125)
        #expect(chart.panels[2].series[0][0] == 2)
        #expect(chart.panels[2].levels.map(\.value) == [1])
        // No dashed line per reduction any more.
        #expect(chart.markers.isEmpty)
    }

    @Test("a run shorter than the smoothing window draws its loss per step as the main line, opaque, not as a faint backdrop")
    func unsmoothedLossIsTheMainLine() throws {
        // 20 steps: 1 % of the run on either side is less than a step, so there is no moving average.
        for theme in FigureTheme.allCases {
            let short = TrainingFigures(input(steps: 20), theme: theme).loss.chart
            #expect(short.panels[0].series.map(\.label) == ["loss per step"])
            let line = short.panels[0].series[0].style
            #expect(line.color.alpha == 1 && line.width >= 1.5, "\(theme): \(line)")
            #expect(line.color == theme.smoothedLoss.color, "\(theme): \(line)")
            // With a moving average the loss per step is faint behind it.
            let long = TrainingFigures(input(steps: 200), theme: theme).loss.chart
            #expect(long.panels[0].series.count == 2)
            #expect(long.panels[0].series[0].style.color.alpha < 0.5 && long.panels[0].series[1].style.color.alpha == 1)
        }
        // --smoothing 0 on a long run: the same.
        var unsmoothed = input(steps: 200)
        unsmoothed.smoothing = 0
        let panel = TrainingFigures(unsmoothed).loss.chart.panels[0]
        #expect(panel.series.count == 1 && panel.series[0].style.color.alpha == 1)
    }

    @Test("a clip threshold far above every gradient norm (1e300) is off the gradient norm's panel, and the texts say so; 1 is drawn")
    func farClipThreshold() throws {
        var run = input(steps: 10)
        run.gradNorm = [2, 1.5, 1, 0.5, 0.25, 0.2, 0.1, 0.1, 0.05, 0.05]
        run.clipNorm = 1e300
        let figure = TrainingFigures(run).loss
        let panel = figure.chart.panels[2]
        #expect(panel.levels.map(\.value) == [1e300])
        #expect(panel.placement(of: panel.levels[0]) == .above)
        #expect(TrainingFigures.clipPlacement(run, series: StepSeries(run)) == .above)
        #expect(figure.chart.description.contains("0 steps were clipped to 1e+300 (far above the panel, and not drawn)"), "\(figure.chart.description)")
        #expect(!figure.chart.description.contains("dashed line"))
        run.clipNorm = 1
        let drawn = TrainingFigures(run).loss
        #expect(drawn.chart.panels[2].placement(of: drawn.chart.panels[2].levels[0]) == .inPanel)
        #expect(drawn.chart.description.contains("2 steps were clipped to 1 (dashed line)"), "\(drawn.chart.description)")
    }

    @Test("a run without learning rates or gradient norms gets the loss panel alone")
    func lossAlone() {
        var run = input(steps: 10)
        run.learningRate = nil
        #expect(TrainingFigures(run).loss.chart.panels.count == 1)
        #expect(TrainingFigures(run).loss.size.height == 400)
    }

    @Test("every x axis counts training steps: point i of the run sits at step i / time_step")
    func xAxisCountsSteps() throws {
        let figures = TrainingFigures(input(steps: 20, timeStep: 5, tailSteps: 3))
        for figure in figures.all {
            #expect(figure.chart.xAxis.label == "training step (a window of π, 5 points)")
        }
        let real = figures.prediction!.chart.panels[0].series[0]
        #expect(real.x(at: 0) == 0 && abs(real.x(at: 7) - 1.4) < 1e-12)
        let tail = figures.predictionTail!.chart.panels[0].series[0]
        #expect(abs(tail.x(at: 0) - 17) < 1e-12)  // the last 3 of 20 windows start at step 17
        // The error panel: one RMSE per window, at the middle of its window.
        let error = figures.prediction!.chart.panels[1].series[0]
        #expect(error.count == 20 && error.x(at: 0) == 0.5)
        #expect(try #require(error[3]) == 1)  // prediction = real + 1 everywhere
    }

    @Test("descriptions state what the figure shows")
    func descriptions() {
        let figures = TrainingFigures(input(steps: 20, learningRate: [0.01] + Array(repeating: 0.005, count: 19)))
        // Prediction is real + 1 everywhere: mean squared error 1.
        #expect(figures.prediction!.description.contains("each of the 100 points of the run (20 windows of 5 points)"))
        #expect(figures.prediction!.description.contains("Mean squared error between them: 1."))
        #expect(figures.predictionTail!.description.contains("points 85 to 99"))
        #expect(figures.loss.description.contains("from 1 at step 0 to 0.05 at step 19"))
        #expect(figures.loss.description.contains("reduced once, at step 1, from 0.01 to 0.005"))
        // An error of 1 in every window: never below the threshold.
        #expect(figures.prediction!.description.contains("does not stay below 0.0316"))
    }

    @Test("the mean squared error counts every point its figure shows, the first one included")
    func errorOverEveryPoint() {
        // Four windows of 2 points; the prediction is off by 2 at the first point of the run and
        // by 4 at the first point of the last window (time step 6), right everywhere else.
        var prediction: [Float?] = Array(repeating: 0, count: 8)
        prediction[0] = 2
        prediction[6] = 4
        let figures = TrainingFigures(TrainingFigureInput(
            timeStep: 2, real: Array(repeating: 0, count: 8), prediction: prediction, loss: [1, 1, 1, 1], tailSteps: 1))
        #expect(figures.prediction!.description.contains("Mean squared error between them: 2.5."))  // (4 + 16) / 8
        #expect(figures.predictionTail!.description.contains("points 6 to 7"))
        #expect(figures.predictionTail!.description.contains("Mean squared error between them: 8."))  // 16 / 2
    }

    @Test("gaps and empty runs give figures, not traps")
    func degenerate() {
        let empty = TrainingFigures(TrainingFigureInput(timeStep: 0, real: [], prediction: [], loss: [], tailSteps: 0))
        #expect(empty.all.count == 3)
        #expect(empty.prediction!.description.contains("No point has both"))
        #expect(empty.loss.description.contains("No step has a finite loss"))
        let diverged = TrainingFigures(TrainingFigureInput(
            timeStep: 2, real: [1, 0, -1, 0], prediction: [1, nil, .nan, .infinity], loss: [0.5, nil], tailSteps: 1))
        #expect(diverged.prediction!.description.contains("3 predicted values are missing or not finite"))
        #expect(diverged.loss.description.contains("1 step has no finite loss and leaves a gap."))
        #expect(diverged.prediction!.chart.series[1][1] == nil)
    }

    /// A run on a CSV series of 25 rows, 20 of them training rows: 4 windows of 5 rows, so that
    /// step k trains on window k mod 4 and the series starts over at steps 4 and 8 of 10.
    private func seriesRun(steps: Int = 10, tailSteps: Int = 3, evaluated: Bool = true) -> TrainingFigureInput {
        var run = input(steps: steps, timeStep: 5, tailSteps: tailSteps)
        // Row r of the series holds r; step k's window holds rows 5(k mod 4) to 5(k mod 4) + 4.
        run.real = (0 ..< steps * 5).map { (point: Int) -> Float? in Float(point / 5 % 4 * 5 + point % 5) }
        run.prediction = run.real
        run.targetName = "level"
        if evaluated {
            run.evaluation = Evaluation(
                holdoutStart: 20, real: (0 ..< 25).map { Double($0) }, prediction: (0 ..< 25).map { Double($0) },
                trainMSE: 0, holdoutMSE: 0)
        }
        return run
    }

    @Test("a CSV series' target column is named in quotation marks in every figure's title, axis title and units, as the page's captions name it")
    func targetColumnQuoted() throws {
        var run = seriesRun()
        run.targetName = "tar,get"
        let figures = TrainingFigures(run)
        let prediction = try #require(figures.prediction), tail = try #require(figures.predictionTail), holdout = try #require(figures.holdout)
        #expect(prediction.title == "Real and predicted “tar,get”, whole run")
        #expect(tail.title.hasPrefix("Real and predicted “tar,get”, last"))
        #expect(holdout.title == "Real and predicted “tar,get” over the whole series, after training")
        for figure in [prediction, tail, holdout] {
            #expect(figure.chart.panels[0].yAxis.label == "“tar,get”")
            #expect(figure.description.contains("the real “tar,get”"), "\(figure.description)")
        }
        #expect(tail.description.contains("in the file's units (“tar,get”²)"), "\(tail.description)")
        for figure in figures.all {
            for text in [figure.title, figure.description] + figure.chart.panels.map(\.yAxis.label) + figure.chart.series.map(\.label) {
                #expect(!text.replacingOccurrences(of: "“tar,get”", with: "").contains("tar,get"), "unquoted in: \(text)")
            }
        }
        // sin→cos's quantity is not a column: no quotation marks.
        #expect(TrainingFigures(input()).prediction?.chart.panels[0].yAxis.label == "cos(t)")
    }

    @Test("on a CSV series the lines break where an epoch starts the series over, and only there")
    func restartsBreakTheLines() throws {
        let figures = TrainingFigures(seriesRun())
        // The whole run: points 20 and 40 (steps 4 and 8) start the series over.
        let whole = figures.prediction!.chart.panels[0]
        for line in whole.series {
            #expect(line.breaks == [20, 40])
            #expect(abs(line.x(at: 20) - 4) < 1e-9 && abs(line.x(at: 40) - 8) < 1e-9)
            // Every joined pair of points is consecutive rows; every break is a jump back to row 0.
            for index in 1 ..< line.count {
                let previous = try #require(line[index - 1]), value = try #require(line[index])
                #expect((value == previous + 1) != line.breaks.contains(index), "point \(index)")
            }
        }
        #expect(whole.markers.map(\.positions) == [[4, 8]])
        #expect(whole.markers.first?.label == "the series starts over")
        // The tail, steps 7 to 9 from point 35: one break, at step 8.
        let tail = figures.predictionTail!.chart.panels[0]
        #expect(tail.series.map(\.breaks) == [[5], [5]])
        #expect(abs(tail.series[0].x(at: 5) - 8) < 1e-12)
        #expect(tail.markers.map(\.positions) == [[8]])
        #expect(figures.predictionTail!.description.contains("The series starts over at step 8 (each epoch trains on the 4 windows"))
        #expect(figures.prediction!.description.contains("The series starts over at steps 4 and 8 "))
        // A tail that begins at the restart has nothing drawn before it to break from.
        let fromRestart = TrainingFigures(seriesRun(tailSteps: 2)).predictionTail!.chart.panels[0]
        #expect(fromRestart.series.map(\.breaks).joined().isEmpty && fromRestart.markers.isEmpty)
        #expect(!TrainingFigures(seriesRun(tailSteps: 2)).predictionTail!.description.contains("starts over"))
    }

    @Test("sin→cos windows follow on from each other; a CSV run without its training rows cannot say where it restarts, and its captions say so")
    func noRestarts() {
        for run in [input(), seriesRun(evaluated: false)] {
            let figures = TrainingFigures(run)
            for figure in [figures.prediction!, figures.predictionTail!] {
                #expect(figure.chart.panels[0].series.map(\.breaks).joined().isEmpty)
                #expect(figure.chart.panels[0].markers.isEmpty)
                #expect(!figure.description.contains("The series starts over"))
                // Lines joined across windows whose order is not known are not passed off as continuous.
                #expect(figure.description.contains("Where the series starts over is not known") == (run.targetName != nil),
                        "\(figure.description)")
            }
        }
        // The page's captions say it too; a single window has nothing to join.
        let unknown = seriesRun(evaluated: false)
        let captions = Captions(summary: TrainingSummary(loss: unknown.loss, learningRate: nil), series: StepSeries(unknown), input: unknown)
        #expect(captions.prediction.contains("Where the series starts over is not known"))
        #expect(!TrainingFigures(seriesRun(steps: 3, tailSteps: 1, evaluated: false)).predictionTail!.description.contains("not known"))
        // A run that ends inside its first epoch has nothing to break.
        #expect(TrainingFigures(seriesRun(steps: 4)).prediction!.chart.series.map(\.breaks).joined().isEmpty)
    }

    @Test("many restarts are listed briefly and break the lines, without a marker each")
    func manyRestarts() {
        // 100 steps: restarts every 4 steps from 4 to 96.
        let figures = TrainingFigures(seriesRun(steps: 100))
        let whole = figures.prediction!.chart.panels[0]
        #expect(whole.series[0].breaks == Array(stride(from: 20, to: 500, by: 20)))
        #expect(whole.markers.isEmpty)
        #expect(figures.prediction!.description.contains("The series starts over every 4 steps, at steps 4, 8, … 96 "))
    }

    @Test("every step axis stops at step 0, so that a run of one step does not show step -1")
    func stepAxesStartAtZero() {
        let figures = TrainingFigures(input(steps: 1, tailSteps: 1))
        for figure in figures.all { #expect(figure.chart.xAxis.minimum == 0, "\(figure.stem)") }
        let compared = ComparisonFigures(
            [ComparisonTestRuns.run("one", ComparisonTestRuns.metrics(steps: 1))], options: FigureOptions())
        for figure in compared.all { #expect(figure.chart.xAxis.minimum == 0, "\(figure.stem)") }
    }
}
