import Report
import Testing

/// The words of a training run's page: verdict, facts and captions, from a hand-built run.
@Suite("The page of a training run")
struct ReportPageTrainingTests {
    /// 60 windows of 5 points. Loss 0.5 for steps 0–41, then 2⁻¹¹ (below 1e-3) from step 42; the
    /// rate halves from step 20. Real and predicted are equal except at time step 297 (last window).
    static func page() -> ReportPage {
        let timeStep = 5
        var prediction: [Float?] = Array(repeating: 0, count: 60 * timeStep)
        prediction[297] = 1
        let input = TrainingFigureInput(
            timeStep: timeStep, real: Array(repeating: 0, count: 60 * timeStep), prediction: prediction,
            loss: (0 ..< 60).map { $0 < 42 ? 0.5 : 0x1p-11 },
            learningRate: (0 ..< 60).map { $0 < 20 ? 0.01 : 0.005 }, tailSteps: 2)
        return ReportPage.training(
            title: "run", architecture: "RNN", settings: [], input: input, figures: TrainingFigures(input),
            inlineSVG: [:], svgFiles: false, pngFiles: false, files: [], version: "test", generated: nil)
    }

    @Test("the prediction caption names the first step below 1e-3 and its first time step")
    func predictionCaption() throws {
        let caption = try #require(Self.page().figures.first { $0.stem == "prediction" }).caption
        // Step 42's window starts at time step 42 × 5 = 210.
        #expect(caption.contains("first fell below 0.001 at step 42, time step 210;"), "\(caption)")
    }

    @Test("the tail caption gives the error over the last windows only")
    func tailCaption() throws {
        let caption = try #require(Self.page().figures.first { $0.stem == "prediction-tail" }).caption
        #expect(caption.contains("The last 2 windows close up"), "\(caption)")
        #expect(caption.contains("Mean squared error over these time steps: 0.1."), "\(caption)")  // 1 / 10
    }

    @Test("facts and rate changes: first step below 1e-3, the reduction at step 20")
    func factsAndRateChanges() throws {
        let page = Self.page()
        let first = try #require(page.summary.first { $0.label == "First loss below 0.001" })
        #expect(first.value == "step 42")
        #expect(page.rateChanges.map(\.step) == ["20"])
        #expect(page.rateChanges.map(\.from) == ["0.01"] && page.rateChanges.map(\.to) == ["0.005"])
        #expect(!page.converged)  // the last 50 steps include steps 10–41 at 0.5
    }
}
