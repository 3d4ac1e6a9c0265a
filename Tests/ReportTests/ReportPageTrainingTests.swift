import Foundation
import RNNCore
@testable import Report
import Testing

/// The words of a training run's page: verdict, facts and captions, from a hand-built run.
@Suite("The page of a training run")
struct ReportPageTrainingTests {
    /// 60 windows of 5 points. Loss 0.5 for steps 0–41, then 2⁻¹¹ (below 1e-3) from step 42; the
    /// rate halves from step 20. Real and predicted are equal except at the points in `errors`,
    /// where the prediction is 1 off.
    static func page(errors: [Int], losses: [Int: Float] = [:], tailSteps: Int = 2, steps: Int = 60) throws -> ReportPage {
        let timeStep = 5
        var prediction: [Float?] = Array(repeating: 0, count: steps * timeStep)
        for index in errors { prediction[index] = 1 }
        var config = TrainingConfiguration()
        config.timeStep = timeStep
        config.steps = steps
        let metrics = TrainingMetrics(
            config: config, loss: (0 ..< steps).map { losses[$0] ?? ($0 < 42 ? 0.5 : 0x1p-11) },
            learningRate: (0 ..< steps).map { $0 < 20 ? 0.01 : 0.005 },
            real: Array(repeating: 0, count: steps * timeStep), prediction: prediction)
        return try page(metrics, tailSteps: tailSteps)
    }

    /// The page of `metrics`, its figures drawn light and dark but written in no format.
    static func page(_ metrics: TrainingMetrics, tailSteps: Int) throws -> ReportPage {
        let input = TrainingFigureInput(metrics, tailSteps: tailSteps)
        let summary = TrainingSummary(metrics)
        let light = TrainingFigures(input, summary: summary)
        let drawn = try DrawnFigures(
            light: light.all, dark: TrainingFigures(input, summary: summary, theme: .dark).all,
            options: FigureOptions(formats: []))
        return ReportPage.training(
            title: "run", metrics: metrics, summary: summary, series: StepSeries(input), input: input, drawn: drawn,
            files: [], generated: nil)
    }

    @Test("the prediction caption says from which step the error stays below the threshold, and counts relapses")
    func predictionCaption() throws {
        // Errors in every window up to step 9 and once more in window 30 (points 150–154).
        let errors = Array(0 ..< 50) + [152]
        let caption = try #require(try Self.page(errors: errors).figures.first { $0.stem == "prediction" }).caption
        #expect(caption.contains("The error stays below 0.0316 from step 31 on, after 1 window above it"), "\(caption)")
        // An error in the last window: it never settles.
        let never = try #require(try Self.page(errors: [297]).figures.first { $0.stem == "prediction" }).caption
        #expect(never.contains("does not stay below 0.0316"), "\(never)")
    }

    @Test("the loss caption says which losses of zero or below the log scale leaves out")
    func nonPositiveLossesNamed() throws {
        func caption(_ losses: [Int: Float]) throws -> String {
            try #require(try Self.page(errors: [], losses: losses).figures.first { $0.stem == "loss" }).caption
        }
        #expect(try caption([7: 0]).hasSuffix(" The log scale cannot show a loss of zero or below: that of step 7 is left out."))
        #expect(try caption([9: -2, 3: 0, 50: -0.5]).hasSuffix(
            " The log scale cannot show a loss of zero or below: 3 steps' losses are left out, the first at step 3."))
        #expect(!(try caption([:]).contains("log scale cannot")))
    }

    @Test("a sin→cos run long enough for t to pass 2¹⁶ says where float32 time coarsens, which steps the loss up; a shorter one says nothing")
    func float32TimeNote() throws {
        // Step 20,860's window, from 20,860π = 65,533.6 to 20,861π = 65,536.7, is the first to pass 2¹⁶ = 65,536.
        #expect(Captions.float32TimeNote(steps: 20_860) == nil)
        let first = try #require(Captions.float32TimeNote(steps: 20_861))
        #expect(first.contains("from step 20,860 on, whose window passes t = 2¹⁶") && first.contains("(steps 20,860)"), "\(first)")
        let long = try #require(Captions.float32TimeNote(steps: 100_000))
        #expect(long.contains("(steps 20,860, 41,721, 83,443)"), "\(long)")
        let longer = try #require(Captions.float32TimeNote(steps: 200_000))
        #expect(longer.contains("(steps 20,860, 41,721, 83,443, …)"), "\(longer)")
        // The page of a short run has none.
        let caption = try #require(try Self.page(errors: []).figures.first { $0.stem == "loss" }).caption
        #expect(!caption.contains("float32"))
    }

    @Test("the tail caption gives the error over the last windows only")
    func tailCaption() throws {
        let caption = try #require(try Self.page(errors: [297]).figures.first { $0.stem == "prediction-tail" }).caption
        #expect(caption.contains("The last 2 windows close up"), "\(caption)")
        #expect(caption.contains("Mean squared error over these points: 0.1."), "\(caption)")  // 1 / 10
    }

    @Test("a run too short for the loss's moving average has a caption of one solid line, and says why it is not smoothed")
    func unsmoothedLossCaption() throws {
        // 60 steps: 1 % of the run on either side is less than a step.
        let caption = try #require(try Self.page(errors: []).figures.first { $0.stem == "loss" }).caption
        #expect(caption.hasPrefix("The loss of each step (solid line), on a log scale, not smoothed: a centred moving average over 2 % of 60 steps "
            + "would not reach one step on either side."), "\(caption)")
        for claim in ["light line", "dark line", "moving average over ±"] {
            #expect(!caption.contains(claim), "'\(claim)' in: \(caption)")
        }
    }

    @Test("a smoothed loss's caption names its lines faint and solid, as both themes draw them, never light and dark")
    func smoothedLossCaption() throws {
        // 500 steps: 1 % of the run on either side is 5 steps.
        let caption = try #require(try Self.page(errors: [], steps: 500).figures.first { $0.stem == "loss" }).caption
        #expect(caption.hasPrefix("The loss of each step (faint line) and its centred moving average over ±"), "\(caption)")
        #expect(caption.contains("(solid line), taken in log space"), "\(caption)")
        #expect(!caption.contains("light line") && !caption.contains("dark line"), "\(caption)")
        // What the words say of the lines holds in each theme: the raw loss thinner and translucent.
        for theme in [FigureTheme.light, .dark] {
            #expect(theme.rawLoss.color.alpha < 1 && theme.smoothedLoss.color.alpha == 1, "\(theme)")
            #expect(theme.rawLoss.width < theme.smoothedLoss.width, "\(theme)")
        }
    }

    @Test("the tail caption says what is drawn and the error measured, never that the prediction lies on the target, with one window in the singular")
    func tailCaptionClaimsNoFit() throws {
        // Every point of the last window 1 off: a prediction that is not on the cosine.
        let caption = try #require(try Self.page(errors: Array(295 ..< 300), tailSteps: 1).figures.first { $0.stem == "prediction-tail" }).caption
        #expect(caption.hasPrefix("The last window close up: the real cosine (wide blue line) and the network's prediction (thin orange line); "
            + "the gap between them is the prediction's error. Mean squared error over these points: 1."), "\(caption)")
        for claim in ["lies on", "trained network", "1 window"] {
            #expect(!caption.contains(claim), "'\(claim)' in: \(caption)")
        }
    }

    @Test("the captions name a CSV series' target column as a name, in quotation marks, even one with a comma")
    func targetColumnInCaptions() throws {
        var config = TrainingConfiguration()
        config.timeStep = 5
        config.steps = 6
        config.data = "room.csv"
        config.input = ["b"]
        config.target = "tar,get"
        let real: [Float?] = Array(repeating: 20, count: 30)
        let metrics = TrainingMetrics(
            config: config, loss: Array(repeating: 0.01, count: 6), learningRate: Array(repeating: 0.01, count: 6),
            real: real, prediction: real, evaluation: Evaluation(
                holdoutStart: 20, real: Array(repeating: 20, count: 25), prediction: Array(repeating: 21, count: 25), trainMSE: 1, holdoutMSE: 1))
        let page = try Self.page(metrics, tailSteps: 2)
        let captions = Dictionary(uniqueKeysWithValues: page.figures.map { ($0.stem, $0.caption) })
        #expect(captions["prediction"]?.hasPrefix("The real “tar,get” (wide blue line)") == true, "\(captions)")
        #expect(captions["prediction-tail"]?.hasPrefix("The last 2 windows close up: the real “tar,get” (wide blue line)") == true, "\(captions)")
        #expect(captions["holdout"]?.contains("the real “tar,get” (wide blue line)") == true, "\(captions)")
        for caption in captions.values {
            #expect(!caption.contains("the tar,get") && !caption.contains("real tar,get"), "\(caption)")
        }
    }

    @Test("on a CSV series the tail's error is in the file's units, squared, and says whether the loss is standardised; sin→cos's has no units")
    func tailErrorUnits() throws {
        for normalize in [true, false] {
            // 6 windows of 5 rows, the prediction 2 above the real value in the last one: over the
            // last 2 windows a mean squared error of 4 · 5 / 10 = 2.
            var config = TrainingConfiguration()
            config.timeStep = 5
            config.steps = 6
            config.data = "room.csv"
            config.input = ["heater_kw"]
            config.target = "indoor_c"
            config.normalize = normalize
            let real: [Float?] = Array(repeating: 20, count: 30)
            let metrics = TrainingMetrics(
                config: config, loss: Array(repeating: 0.01, count: 6), learningRate: Array(repeating: 0.01, count: 6),
                real: real, prediction: real.indices.map { $0 >= 25 ? 22 : 20 })
            let page = try Self.page(metrics, tailSteps: 2)
            let light = TrainingFigures(TrainingFigureInput(metrics, tailSteps: 2), summary: TrainingSummary(metrics))
            let units = ", in the file's units (“indoor_c”²), " + (normalize ? "not the loss's standardised ones" : "as the loss")
            let caption = try #require(page.figures.first { $0.stem == "prediction-tail" }).caption
            // Followed by the note that, without an evaluation, where the series starts over is not known.
            #expect(caption.contains(" Mean squared error over these points\(units): 2. Where the series starts over is not known"),
                    "\(caption)")
            // The figures' text alternatives say the same.
            #expect(light.predictionTail!.description.contains("Mean squared error between them\(units): 2."))
            #expect(light.prediction!.description.contains("Mean squared error between them\(units): 0.667."))
        }
        let sine = try #require(try Self.page(errors: [297]).figures.first { $0.stem == "prediction-tail" }).caption
        #expect(sine.hasSuffix(" Mean squared error over these points: 0.1."), "\(sine)")
    }

    @Test("an option's name is marked as one, in the hyperparameters and the config as written, and the page keeps it from breaking at its hyphens")
    func flagsDoNotBreak() throws {
        let html = try ReportTemplate.builtIn.render(try Self.page(errors: []))
        #expect(html.contains("code.flag { white-space: nowrap; }"))
        for flag in ["--learning-rate", "--hidden-size", "--lr-patience", "--clip-norm"] {
            #expect(html.contains("<td><code class=\"flag\">\(flag)</code></td>"), "\(flag)")
        }
        // Real hyphens, so that a copied name is an option the shell takes.
        #expect(!html.contains("\u{2011}"))
        // Made elsewhere: the flag beside a key of the config as written.
        let elsewhere = try MadeElsewhereTests.page(MadeElsewhereTests.document(#"{"loss": [1, 0.5], "config": {"hidden_size": 16}}"#))
        #expect(try ReportTemplate.builtIn.render(elsewhere).contains(" (<code class=\"flag\">--hidden-size</code>)"))
    }

    @Test("an option's name in running text (a caption, the verdict, what a file omits) is marked as in the tables, the rest escaped")
    func flagsInRunningText() throws {
        var page = try Self.page(errors: [])
        page.figures[0].caption = "Lower --learning-rate <i>or</i> --time-step, then --hidden-size."
        page.verdict = "--steps ran out; ---, a--b and --X are no options."
        page.origin = ReportPage.Origin(file: "m.json", omissions: "Give --init-weights & retry")
        let html = try ReportTemplate.builtIn.render(page)
        #expect(html.contains("Lower <code class=\"flag\">--learning-rate</code> &lt;i&gt;or&lt;/i&gt; "
            + "<code class=\"flag\">--time-step</code>, then <code class=\"flag\">--hidden-size</code>."), "\(html)")
        #expect(html.contains("\"><code class=\"flag\">--steps</code> ran out; ---, a--b and --X are no options.</p>"))
        #expect(html.contains(" Give <code class=\"flag\">--init-weights</code> &amp; retry</p>"))
        // No option's name in the page's text outside the markup.
        let text = html.replacingOccurrences(of: #"<code class="flag">--[a-z0-9-]+</code>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"(?s)<svg.*?</svg>|<style>.*?</style>|<!--.*?-->"#, with: "", options: .regularExpression)
        #expect(text.range(of: #"(^|[^a-z0-9-])--[a-z]"#, options: .regularExpression) == nil)
    }

    @Test("running text is cut at each option's name, and at nothing else")
    func optionMarkingParts() {
        func parts(_ text: String) -> [String] {
            OptionMarking.parts(text).map { part in (part["text"] as? String ?? "?") + "|" + (part["option"] as? String ?? "") }
        }
        #expect(parts("") == ["|"])
        #expect(parts("no options here") == ["no options here|"])
        #expect(parts("--seed 4") == ["|--seed", " 4|"])
        #expect(parts("lower --lr-patience, or (--num-layers)") == ["lower |--lr-patience", ", or (|--num-layers", ")|"])
        #expect(parts("a--b --- --X --x- --2") == ["a--b --- --X |--x", "- --2|"])
    }

    @Test("facts and rate changes: first step below 1e-3, the reduction at step 20")
    func factsAndRateChanges() throws {
        let page = try Self.page(errors: [297])
        let first = try #require(page.summary.first { $0.label == "First loss below 0.001" })
        #expect(first.value == "step 42")
        #expect(page.rateChanges.map(\.step) == ["20"])
        #expect(page.rateChanges.map(\.from) == ["0.01"] && page.rateChanges.map(\.to) == ["0.005"])
        #expect(!page.converged)  // the last 50 steps include steps 10–41 at 0.5
    }

    @Test("the page names the cell: in the network's description and first in the hyperparameters")
    func cellNamed() {
        #expect(ReportPage.architecture(TrainingConfiguration()) == "3-layer tanh RNN of width 32 with a linear head")
        #expect(ReportPage.architecture(TrainingConfiguration(hiddenSize: 16, numLayers: 2, cell: .lstm))
            == "2-layer LSTM of width 16 with a linear head")
        #expect(ReportPage.architecture(TrainingConfiguration(cell: .gru)) == "3-layer GRU of width 32 with a linear head")
        for cell in RecurrentCell.allCases {
            let settings = ReportPage.settings(TrainingConfiguration(cell: cell), initWeights: nil)
            let first = settings.first
            #expect(first?.key == "cell" && first?.flag == "--cell" && first?.value == cell.rawValue)
        }
    }

    @Test("a run on a CSV series states its errors without sin→cos's converged verdict; sin→cos keeps it")
    func dataVerdict() {
        var data = TrainingConfiguration()
        data.data = "series.csv"
        data.input = ["force"]
        data.target = "position"
        data.normalize = true
        let low: [Float?] = Array(repeating: 1e-5, count: 60)  // below sin→cos's 1e-3
        let evaluation = Evaluation(holdoutStart: 8, real: Array(repeating: 0, count: 10),
                                    prediction: Array(repeating: 0, count: 10), trainMSE: 0.02, holdoutMSE: 0.5)
        let evaluated = ReportPage.verdict(
            TrainingSummary(loss: low, learningRate: nil),
            metrics: TrainingMetrics(config: data, loss: low, evaluation: evaluation))
        #expect(evaluated.tone == .neutral)
        #expect(evaluated.text == "After training, the mean squared error is 0.02 on the 8 training rows and 0.5 on the "
            + "2 held-out rows, in standardised units, where always predicting the training rows' mean scores about 1 on them.")
        // Nothing held out; not standardised.
        data.normalize = false
        let whole = ReportPage.verdict(
            TrainingSummary(loss: low, learningRate: nil),
            metrics: TrainingMetrics(config: data, loss: low, evaluation: Evaluation(
                holdoutStart: 10, real: evaluation.real, prediction: evaluation.prediction, trainMSE: 0.02, holdoutMSE: nil)))
        #expect(whole.tone == .neutral)
        #expect(whole.text == "After training, the mean squared error is 0.02 on the 10 training rows (no row held out), "
            + "in the target's own units, squared.")
        // No evaluation recorded (a file of a run made elsewhere): the last steps' loss, still not judged.
        let unevaluated = ReportPage.verdict(
            TrainingSummary(loss: low, learningRate: nil), metrics: TrainingMetrics(config: data, loss: low))
        #expect(unevaluated.tone == .neutral && !unevaluated.text.contains("onverge"))
        #expect(unevaluated.text.hasPrefix("The mean loss of the last 50 steps is 1e-05"), "\(unevaluated.text)")
        // A diverged CSV run is still bad.
        let diverged: [Float?] = Array(repeating: nil, count: 60)
        let bad = ReportPage.verdict(
            TrainingSummary(loss: diverged, learningRate: nil), metrics: TrainingMetrics(config: data, loss: diverged))
        #expect(bad.tone == .bad && bad.text.hasPrefix("Diverged"))
        // sin→cos with the same loss converged.
        let sine = ReportPage.verdict(
            TrainingSummary(loss: low, learningRate: nil), metrics: TrainingMetrics(config: TrainingConfiguration(), loss: low))
        #expect(sine.tone == .good && sine.text.hasPrefix("Converged: "))
    }
}
