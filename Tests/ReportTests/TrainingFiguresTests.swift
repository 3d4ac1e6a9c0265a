import Charts
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
        #expect(figures.prediction.title == "Real and predicted cos(t), whole run")
        #expect(figures.predictionTail.title == "Real and predicted cos(t), last 3 windows")
        #expect(figures.loss.title == "Training loss")
        for figure in [figures.prediction, figures.predictionTail] {
            #expect(figure.chart.xAxis.label == "time step" && figure.chart.xAxis.integerTicks)
            #expect(figure.chart.yAxis.label == "cos(t)" && figure.chart.yAxis.scale == .linear)
            #expect(figure.chart.series.map(\.label) == ["real", "predicted"])
        }
        #expect(figures.loss.chart.xAxis.label == "training step")
        #expect(figures.loss.chart.yAxis.label == "MSE loss (log scale)")
        #expect(figures.loss.chart.yAxis.scale == .log10)
    }

    @Test("the whole run and the tail cover the right time steps")
    func ranges() {
        let figures = TrainingFigures(input())
        let whole = figures.prediction.chart.series[0]
        #expect(whole.count == 100 && whole.xStart == 0 && whole[99] == 99)
        // The last 3 windows of 5 points: time steps 85…99, at their own x.
        let tail = figures.predictionTail.chart.series
        #expect(tail.map(\.count) == [15, 15])
        #expect(tail.map(\.xStart) == [85, 85])
        #expect(tail[0][0] == 85 && tail[1][0] == 86)
        #expect(tail[0].x(at: 14) == 99)
    }

    @Test("more tail windows than the run has shows the whole run")
    func longTail() {
        let figures = TrainingFigures(input(steps: 4, tailSteps: 10))
        #expect(figures.predictionTail.title == "Real and predicted cos(t), last 4 windows")
        #expect(figures.predictionTail.chart.series[0].count == 20)
        #expect(TrainingFigures(input(steps: 1, tailSteps: 10)).predictionTail.title == "Real and predicted cos(t), last window")
    }

    @Test("loss: raw and debiased EMA, markers where the learning rate went down")
    func loss() throws {
        let rates: [Double?] = [0.01, 0.01, 0.005, 0.005, nil, 0.0025, 0.0025, 0.005, 0.00125, 0.00125]
        let figures = TrainingFigures(input(steps: 10, learningRate: rates))
        let chart = figures.loss.chart
        // Ten steps: the smoothing memory is its minimum of 2 steps, weight 0.5.
        #expect(chart.series.map(\.label) == ["loss per step", "smoothed (EMA 0.5)"])
        let raw = chart.series[0]
        let smoothed = chart.series[1]
        #expect(raw.count == 10 && raw[0] == 1 && raw[1] == 0.5)
        // Debiased EMA with weight 0.5: the first value is the first loss; the second is
        // (0.25 × 1 + 0.5 × 0.5) / (1 − 0.25) = 2/3.
        #expect(smoothed[0] == 1)
        #expect(try abs(#require(smoothed[1]) - 2.0 / 3) < 1e-15)
        // Lower than the last recorded rate at steps 2, 5 (after a missing rate) and 8; the rise
        // at step 7 is not a reduction.
        #expect(chart.markers.map(\.positions) == [[2, 5, 8]])
        #expect(chart.markers.first?.label == "learning rate reduced")
    }

    @Test("the smoothing weight keeps a long run's curve smooth")
    func smoothingWeight() {
        // Memory of steps / 50, at least 2: weight 1 − 1 / memory.
        #expect(TrainingFigures.smoothingWeight(steps: 500) == 0.9)
        #expect(TrainingFigures.smoothingWeight(steps: 40) == 0.5)
        #expect(TrainingFigures.smoothingWeight(steps: 2_000) == 0.975)
        #expect(TrainingFigures.smoothingWeight(steps: 50_000) == 0.999)
    }

    @Test("descriptions state what the figure shows")
    func descriptions() {
        let figures = TrainingFigures(input(steps: 20, learningRate: [0.01] + Array(repeating: 0.005, count: 19)))
        // Prediction is real + 1 everywhere: mean squared error 1.
        #expect(figures.prediction.description.contains("each of the 100 time steps of the run (20 windows of 5 points)"))
        #expect(figures.prediction.description.contains("Mean squared error between them: 1."))
        #expect(figures.predictionTail.description.contains("time steps 85 to 99"))
        #expect(figures.loss.description.contains("from 1 at step 0 to 0.05 at step 19"))
        #expect(figures.loss.description.contains("reduced once, at step 1 (dashed lines), from 0.01 to 0.005"))
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
        #expect(figures.prediction.description.contains("Mean squared error between them: 2.5."))  // (4 + 16) / 8
        #expect(figures.predictionTail.description.contains("time steps 6 to 7"))
        #expect(figures.predictionTail.description.contains("Mean squared error between them: 8."))  // 16 / 2
    }

    @Test("gaps and empty runs give figures, not traps")
    func degenerate() {
        let empty = TrainingFigures(TrainingFigureInput(timeStep: 0, real: [], prediction: [], loss: [], tailSteps: 0))
        #expect(empty.all.count == 3)
        #expect(empty.prediction.description.contains("No time step has both"))
        #expect(empty.loss.description.contains("No step has a finite loss"))
        let diverged = TrainingFigures(TrainingFigureInput(
            timeStep: 2, real: [1, 0, -1, 0], prediction: [1, nil, .nan, .infinity], loss: [0.5, nil], tailSteps: 1))
        #expect(diverged.prediction.description.contains("3 predicted values are missing or not finite"))
        #expect(diverged.loss.description.contains("1 step has no finite loss and leaves a gap."))
        #expect(diverged.prediction.chart.series[1][1] == nil)
    }
}
