import Charts
import RNNCore

/// The page of a training run: the summary, the verdict and the captions, in words.
extension ReportPage {
    /// Builds the page of a run.
    ///
    /// - Parameters:
    ///   - title: the page title, as the user gave it.
    ///   - metrics: the run, for its configuration and provenance.
    ///   - summary: the run's headline numbers.
    ///   - series: what the figures draw for each step.
    ///   - input: the run's values, as the figures were drawn from them.
    ///   - drawn: the figures, with each one's inline SVG and the files written.
    ///   - files: the other files of the report's folder.
    ///   - data: the CSV series the run trained on, for its first rows, when the caller has it.
    static func training(
        title: String, metrics: TrainingMetrics, summary: TrainingSummary, series: StepSeries,
        input: TrainingFigureInput, drawn: DrawnFigures, files: [File], generated: String?, data: DataSeries? = nil
    ) -> ReportPage {
        let captions = Captions(summary: summary, series: series, input: input)
        let pageFigures = drawn.figures.map { figure in
            FigureEntry(
                stem: figure.stem, title: figure.title, caption: captions.caption(stem: figure.stem),
                svg: drawn.inlineSVG[figure.stem]?.light ?? "", darkSVG: drawn.inlineSVG[figure.stem]?.dark ?? "",
                svgFile: drawn.fileName(of: figure, .svg), darkSVGFile: drawn.fileName(of: figure, .svg, theme: .dark),
                pngFile: drawn.fileName(of: figure, .png))
        }
        let outcome = verdict(summary, metrics: metrics)
        return ReportPage(
            title: title, architecture: architecture(metrics.config), converged: summary.converged,
            verdict: outcome.text,
            summary: facts(summary, judged: metrics.config.data == nil) + evaluationFacts(metrics.evaluation),
            rateChanges: summary.rateChanges.map {
                RateChange(step: ReportNumber.count($0.step), from: ReportNumber.short($0.from), to: ReportNumber.short($0.to))
            },
            hyperparameters: settings(metrics.config, initWeights: metrics.initWeights),
            figures: pageFigures, files: files, version: RNNReportVersion.current, generated: generated,
            recordsLearningRate: summary.recordsLearningRate,
            task: task(metrics.config), data: dataSection(metrics, series: data),
            verdictTone: outcome.tone)
    }

    /// Builds the page of a run made elsewhere, from its metrics file: the same summary and
    /// figures as a run of rnnreport's (those whose data the file has), where the run came from,
    /// and its `config` as written instead of the table of hyperparameters.
    ///
    /// - Parameters:
    ///   - document: the metrics file as read.
    ///   - fileName: the file's name, without its folder (the page names it; a folder would make
    ///     the page depend on where the file was).
    ///   - the others: as for ``training(title:metrics:summary:series:input:drawn:files:generated:data:)``.
    static func madeElsewhere(
        title: String, document: MetricsDocument, fileName: String, summary: TrainingSummary, series: StepSeries,
        input: TrainingFigureInput, drawn: DrawnFigures, files: [File], generated: String?
    ) -> ReportPage {
        let metrics = document.metrics
        var page = training(
            title: title, metrics: metrics, summary: summary, series: series, input: input, drawn: drawn,
            files: files, generated: generated, data: nil)
        page.architecture = document.records(.hiddenSize) && document.records(.numLayers)
            ? architecture(metrics.config) : nil
        page.hyperparameters = []
        page.writtenConfig = (document.config ?? []).map { entry in
            let setting = TrainingSetting(rawValue: entry.key)
            var meaning = setting?.meaning(for: metrics.config) ?? "not a setting rnnreport knows; shown as written"
            if setting == .steps, document.stoppedEarly {
                meaning += "; the run stopped early: the file records \(ReportNumber.count(metrics.completedSteps)) "
                    + "of its \(ReportNumber.count(metrics.config.steps))"
            }
            return WrittenSetting(key: entry.key, value: entry.value, flag: setting?.optionName, meaning: meaning)
        }
        let missing = [
            ("learning_rate", metrics.learningRate == nil), ("grad_norm", metrics.gradNorm == nil),
            ("real or prediction", metrics.real == nil), ("config", document.config == nil),
        ].filter(\.1).map(\.0)
        page.origin = Origin(
            file: fileName, source: metrics.source, initWeights: metrics.initWeights,
            omissions: missing.isEmpty ? nil : "The file has no " + noneOf(missing)
                + (missing.count == 1 ? ": the page leaves out what it would show." : "; the page leaves out what they would show."))
        return page
    }

    /// "a", "a and no b", "a, no b and no c".
    private static func noneOf(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", no ") + " and no " + last
    }

    /// What the network was trained to do.
    static func task(_ config: TrainingConfiguration) -> String {
        guard let file = config.data else { return "read sin(t) and predict cos(t), one window of π per step" }
        let inputs = config.input.joined(separator: ", ")
        return "predict \(config.target ?? "the target") from \(inputs) in \(file), "
            + "one window of \(ReportNumber.count(config.timeStep, "row", "rows")) per step"
    }

    /// The data section of a run on a CSV series: from the series itself when given, otherwise
    /// from what metrics.json records.
    static func dataSection(_ metrics: TrainingMetrics, series: DataSeries?) -> DataSection? {
        let config = metrics.config
        guard let file = config.data else { return nil }
        let rows = series?.rowCount ?? metrics.evaluation?.rowCount
        var shape = rows.map { ReportNumber.count($0, "row", "rows") } ?? "rows not recorded"
        if let series { shape += " × " + ReportNumber.count(series.header.count, "column", "columns") }
        let inputLabel = config.input.count == 1 ? "input" : "inputs"
        let columns = "\(inputLabel) \(config.input.joined(separator: ", ")), target \(config.target ?? "not recorded")"
        var split = ""
        if let rows {
            let start = metrics.evaluation?.holdoutStart ?? Int(((1 - config.holdout) * Double(rows)).rounded(.down))
            let T = max(config.timeStep, 1)
            let windows = start / T
            let leftOver = start - windows * T
            split = "Trained on rows 0 to \(ReportNumber.count(max(start - 1, 0))) "
                + "(\(ReportNumber.count(windows, "window", "windows")) of \(ReportNumber.count(T, "row", "rows"))"
                + (leftOver > 0 ? "; the last \(ReportNumber.count(leftOver, "row", "rows")) of them, less than a window, not trained on" : "")
                + "); "
                + (start < rows
                    ? "rows \(ReportNumber.count(start)) to \(ReportNumber.count(rows - 1)) (\(ReportNumber.count(rows - start, "row", "rows")), holdout \(config.holdout)) held out."
                    : "no row held out.")
        }
        let scaling = config.normalize
            ? "Inputs and target standardised with the training rows' mean and standard deviation: the figures are in the file's own units, the loss and the summary's MSEs in standardised units."
            : "Values used as they are, without standardisation."
        return DataSection(
            file: file, shape: shape, split: split, columns: columns, scaling: scaling,
            header: series?.header ?? [], firstRows: series?.firstRows ?? [])
    }

    /// The evaluation's errors, for the summary.
    static func evaluationFacts(_ evaluation: Evaluation?) -> [Fact] {
        guard let evaluation else { return [] }
        let rows = evaluation.rowCount, start = evaluation.holdoutStart
        var facts = [Fact(
            label: "Train MSE", value: evaluation.trainMSE.map(ReportNumber.short) ?? "not finite",
            detail: "after training, rows 0 to \(ReportNumber.count(max(start - 1, 0)))")]
        if start < rows {
            facts.append(Fact(
                label: "Held-out MSE", value: evaluation.holdoutMSE.map(ReportNumber.short) ?? "not finite",
                detail: "rows \(ReportNumber.count(start)) to \(ReportNumber.count(rows - 1)), never trained on"))
        }
        return facts
    }

    /// The network in words: `3-layer tanh RNN of width 32 with a linear head`, `3-layer LSTM …`.
    static func architecture(_ config: TrainingConfiguration) -> String {
        let cell = config.cell == .rnn ? "tanh RNN" : config.cell.displayName
        return "\(config.numLayers)-layer \(cell) of width \(config.hiddenSize) with a linear head"
    }

    /// Every hyperparameter, as ``TrainingSetting`` defines it, then where the weights came from.
    static func settings(_ config: TrainingConfiguration, initWeights: String?) -> [Setting] {
        TrainingSetting.settings(of: config).map { setting in
            Setting(
                key: setting.key, flag: setting.optionName, value: config.text(of: setting),
                meaning: setting == .seed && initWeights != nil ? "unused: the weights come from a file" : setting.meaning(for: config))
        } + [Setting(
            key: "init_weights", flag: "--init-weights", value: initWeights ?? "seeded U(−1/√H, 1/√H)",
            meaning: "where the initial weights came from")]
    }

    /// The verdict of a run and how it reads.
    ///
    /// A sin→cos run converged when the mean loss of its last steps is below
    /// ``TrainingSummary/convergenceThreshold``. That threshold means nothing for a series of the
    /// user's own, whose loss is in its own units: the verdict of a run on a CSV series states its
    /// errors (those of the evaluation over the whole series, or the last steps' loss when none
    /// was recorded) without judging them. A run whose last losses are not finite diverged, either way.
    static func verdict(_ summary: TrainingSummary, metrics: TrainingMetrics) -> (text: String, tone: VerdictTone) {
        let steps = summary.lastSteps
        let threshold = ReportNumber.short(TrainingSummary.convergenceThreshold)
        guard let mean = summary.meanOfLastSteps else {
            let text = summary.steps == 0
                ? "No training step was recorded."
                : summary.nonFiniteInLastSteps == steps
                    ? "Diverged: the last \(ReportNumber.count(steps, "step has", "steps have")) a loss that is not finite."
                    : "Diverged: \(ReportNumber.count(summary.nonFiniteInLastSteps)) of the last \(ReportNumber.count(steps)) steps "
                        + (summary.nonFiniteInLastSteps == 1 ? "has" : "have") + " a loss that is not finite."
            return (text, .bad)
        }
        let last = steps == 1 ? "of the last step" : "of the last \(ReportNumber.count(steps)) steps"
        let config = metrics.config
        guard config.data != nil else {
            return summary.converged
                ? ("Converged: the mean loss \(last) is \(ReportNumber.short(mean)), below \(threshold).", .good)
                : ("Did not converge: the mean loss \(last) is \(ReportNumber.short(mean)), not below \(threshold).", .bad)
        }
        let units = config.normalize
            ? "in standardised units, where always predicting the training rows' mean scores about 1 on them"
            : "in the target's own units, squared"
        guard let evaluation = metrics.evaluation else {
            return ("The mean loss \(last) is \(ReportNumber.short(mean)) (\(units)); "
                + "no evaluation over the whole series was recorded.", .neutral)
        }
        func mse(_ value: Double?) -> String { value.map(ReportNumber.short) ?? "not finite" }
        let rows = evaluation.rowCount, start = evaluation.holdoutStart
        var text = "After training, the mean squared error is \(mse(evaluation.trainMSE)) on the "
            + "\(ReportNumber.count(start, "training row", "training rows"))"
        text += start < rows
            ? " and \(mse(evaluation.holdoutMSE)) on the \(ReportNumber.count(rows - start, "held-out row", "held-out rows"))"
            : " (no row held out)"
        return (text + ", \(units).", .neutral)
    }

    /// The summary's facts about the loss and the learning rate.
    ///
    /// - Parameter judged: whether sin→cos's convergence threshold applies (not for a run on a
    ///   CSV series, whose loss is in its own units).
    static func facts(_ summary: TrainingSummary, judged: Bool = true) -> [Fact] {
        // No step, no loss to state (the verdict says that none was recorded).
        guard summary.steps > 0 else { return [] }
        func loss(_ value: Double?) -> String { value.map(ReportNumber.short) ?? "not finite" }
        let tail = summary.lastSteps
        var facts = [
            Fact(label: "Final loss", value: loss(summary.finalLoss),
                 detail: summary.steps > 0 ? "step \(ReportNumber.count(summary.steps - 1))" : nil),
            Fact(label: "Best loss", value: loss(summary.bestLoss?.loss),
                 detail: summary.bestLoss.map { "step \(ReportNumber.count($0.step))" }),
            Fact(label: "Mean loss, last \(ReportNumber.count(tail, "step", "steps"))", value: loss(summary.meanOfLastSteps),
                 detail: judged && summary.converged ? "below \(ReportNumber.short(TrainingSummary.convergenceThreshold))" : nil),
        ]
        if judged {
            facts.append(Fact(
                label: "First loss below \(ReportNumber.short(TrainingSummary.convergenceThreshold))",
                value: summary.firstStepBelowThreshold.map { "step \(ReportNumber.count($0))" } ?? "never"))
        }
        if let initial = summary.initialLearningRate, let final = summary.finalLearningRate {
            let reductions = summary.reductionSteps.count
            facts.append(Fact(
                label: "Learning rate", value: ReportNumber.short(final),
                detail: reductions == 0
                    ? "never reduced"
                    : "from \(ReportNumber.short(initial)), \(ReportNumber.count(reductions, "reduction", "reductions"))"))
        }
        return facts
    }
}

/// What each figure shows, in the words of its caption.
struct Captions {
    let summary: TrainingSummary
    let series: StepSeries
    let input: TrainingFigureInput

    /// What the figures call the target in a sentence: `cosine` on sin→cos, or the CSV series'
    /// column name in quotation marks (`“tar,get”`), which the sentence around it cannot break.
    var target: String { input.targetName.map(TrainingFigureInput.quoted(column:)) ?? "cosine" }

    /// The caption of the figure of `stem`.
    func caption(stem: String) -> String {
        switch stem {
        case "prediction": prediction
        case "prediction-tail": predictionTail
        case "holdout": input.evaluation.map(holdout) ?? ""
        default: loss
        }
    }

    var prediction: String {
        var text = "The real \(target) (wide blue line) and the network's prediction (thin orange line) at each of the "
            + "\(ReportNumber.count(input.pointCount)) points, \(ReportNumber.count(input.timeStep)) per training step; "
            + "under them, the root mean squared error of each step's window, on a log scale."
            + input.restartNote(from: 0)
        // sin→cos's threshold means nothing for a series in its own units.
        guard input.targetName == nil else { return text }
        let error = ErrorSummary(rmse: series.windowRMSE ?? [])
        if let locked = error.lockedFrom {
            text += " The error stays below \(ReportNumber.short(ErrorSummary.threshold)) from step \(ReportNumber.count(locked)) on"
                + (error.relapses > 0 ? ", after \(ReportNumber.count(error.relapses, "window", "windows")) above it once it had first fallen below." : ".")
        } else {
            text += " The error does not stay below \(ReportNumber.short(ErrorSummary.threshold)): "
                + "the prediction has not locked on to the \(input.targetName ?? "cosine") by the end of the run."
        }
        return text
    }

    var predictionTail: String {
        let (windows, start) = input.tail
        let last = windows == 1 ? "The last window" : "The last \(ReportNumber.count(windows)) windows"
        var text = "\(last) close up: the real \(target) (wide blue line) and the network's prediction (thin orange line); "
            + "the gap between them is the prediction's error."
        let summary = PredictionSummary(input: input, from: start)
        if let error = summary.meanSquaredError {
            text += " Mean squared error over these points\(input.squaredErrorUnits): \(ReportNumber.short(error))."
        } else {
            text += " No point has both a real and a predicted value."
        }
        return text + input.restartNote(from: start)
    }

    func holdout(_ evaluation: Evaluation) -> String {
        let summary = HoldoutSummary(evaluation)
        let rows = summary.rows, start = summary.holdoutStart
        var text = "The trained network run once more over the whole series, from a zero state, in windows of "
            + "\(ReportNumber.count(input.timeStep)) rows with the state carried: the real \(target) (wide blue line) "
            + "and the prediction (thin orange line) at each of the \(ReportNumber.count(rows)) rows."
        if start < rows {
            text += " The shaded rows, \(ReportNumber.count(start)) to \(ReportNumber.count(rows - 1)), were held out of training: "
                + "how closely the prediction follows there is how well the network generalises."
        }
        func error(_ value: Double?) -> String { value.map(ReportNumber.short) ?? "none" }
        text += " Mean squared error in the target's units: \(error(summary.trainError)) on the training rows"
            + (start < rows ? ", \(error(summary.holdoutError)) on the held-out rows." : ".")
        return text
    }

    /// The clip threshold in the gradient norm's panel, as words to follow "the gradient norm
    /// before clipping": ` and the clip threshold`, or where it is when far off the panel.
    private var clipThreshold: String {
        guard let clipNorm = input.clipNorm else { return "" }
        let threshold = ReportNumber.short(clipNorm)
        return switch TrainingFigures.clipPlacement(input, series: series) ?? .inPanel {
        case .inPanel: " and the clip threshold"
        case .above: ", far below the clip threshold of \(threshold), which is above the panel and not drawn"
        case .below: ", far above the clip threshold of \(threshold), which is below the panel and not drawn"
        }
    }

    var loss: String {
        let halfWidth = input.smoothingHalfWidth
        var text: String
        if halfWidth > 0 {
            // Faint and solid, not light and dark: the dark theme draws the raw loss darker than
            // its average, on a dark background.
            text = "The loss of each step (faint line) and its centred moving average over "
                + "±\(ReportNumber.count(halfWidth, "step", "steps")) (solid line), taken in log space, on a log scale."
        } else {
            // No moving average: the loss per step is the figure's one line, drawn solid.
            text = "The loss of each step (solid line), on a log scale"
                + (input.smoothing > 0
                    ? ", not smoothed: a centred moving average over \(ReportNumber.short(input.smoothing * 100)) % of "
                        + "\(ReportNumber.count(input.loss.count, "step", "steps")) would not reach one step on either side."
                    : ".")
        }
        if input.learningRate != nil {
            let reductions = summary.reductionSteps.count
            text += " Under it, the learning rate each step used"
                + (reductions == 0 ? ", never reduced" : ", lowered \(ReportNumber.count(reductions, "time", "times")) by ReduceLROnPlateau")
                + (input.gradNorm == nil ? "." : "; at the bottom, the gradient norm before clipping\(clipThreshold).")
        } else if input.gradNorm != nil {
            text += " Under it, the gradient norm before clipping\(clipThreshold)."
        }
        if let best = summary.bestLoss, let final = summary.finalLoss {
            text += " Lowest loss \(ReportNumber.short(best.loss)) at step \(ReportNumber.count(best.step)); "
                + "final loss \(ReportNumber.short(final))."
        }
        if input.targetName == nil, input.knowsTimeStep, let note = Self.float32TimeNote(steps: input.loss.count) {
            text += " " + note
        }
        if let first = summary.firstNonPositiveStep {
            let count = summary.nonPositiveSteps
            text += " The log scale cannot show a loss of zero or below: "
                + (count == 1
                    ? "that of step \(ReportNumber.count(first)) is left out."
                    : "\(ReportNumber.count(count, "step's", "steps'")) losses are left out, the first at step \(ReportNumber.count(first)).")
        }
        return text
    }

    /// Why a long sin→cos run's loss steps up at steps 20,860, 41,721, 83,443, …: t is computed
    /// in float32, as the seed's script computes it, and from 2¹⁶ on a float32 holds it only to
    /// 1/128 (2¹⁷: 1/64, …), so that a window's points are no longer evenly spaced. `nil` for a
    /// run that ends before t reaches 2¹⁶.
    static func float32TimeNote(steps: Int) -> String? {
        // For each power of two from 2¹⁶ that the run reaches, the first step whose window, from kπ
        // to (k + 1)π, passes it.
        var crossings: [(exponent: Int, step: Int)] = []
        for exponent in 16 ... 62 {
            let step = Int((Double(sign: .plus, exponent: exponent, significand: 1) / Double.pi).rounded(.up)) - 1
            guard step < steps else { break }
            crossings.append((exponent, step))
        }
        guard let first = crossings.first else { return nil }
        let steps = crossings.prefix(3).map { ReportNumber.count($0.step) }.joined(separator: ", ")
            + (crossings.count > 3 ? ", …" : "")
        return "t is computed in float32, as in the seed's PyTorch script: from step \(ReportNumber.count(first.step)) on, "
            + "whose window passes t = 2¹⁶, it is held only to 1/128 (1/64 past 2¹⁷, and so on), so the points of a window are no longer "
            + "evenly spaced, and the loss steps up where each power of two is passed (steps \(steps)): the input's "
            + "precision, not the network, changes there."
    }
}
