import RNNCore

/// The values of a training run that the figures show; plain arrays, as `metrics.json` holds them.
///
/// `nil` marks a missing or non-finite value, which leaves a gap in the line.
public struct TrainingFigureInput: Sendable {
    /// Points per training window; the real and predicted series have this many values per step.
    public var timeStep: Int
    /// The target cos(t) at every point of every window, flattened; `nil` when not recorded.
    public var real: [Float?]?
    /// The network's output at every point of every window, flattened; `nil` when not recorded.
    public var prediction: [Float?]?
    /// The loss of each training step.
    public var loss: [Float?]
    /// The learning rate each step used; `nil` when not recorded.
    public var learningRate: [Double?]?
    /// The total gradient norm of each step, before clipping; `nil` when not recorded.
    public var gradNorm: [Float?]?
    /// The clipping threshold, when known.
    public var clipNorm: Double?
    /// Whether ``timeStep`` is known: a metrics file of the loss alone, without `time_step` in
    /// its `config`, says nothing of the windows, and the axes then count steps only.
    public var knowsTimeStep = true
    /// How many of the last windows the zoomed figure shows.
    public var tailSteps: Int
    /// The width of the loss's moving average, as a fraction of the run (0 for none).
    public var smoothing: Double
    /// The target column's name, for a run on a CSV series; `nil` for sin→cos.
    public var targetName: String?
    /// The trained network over the whole series, for a run on a CSV series that recorded it.
    public var evaluation: Evaluation?
    /// Whether a run on a CSV series was trained on standardised values (`--normalize`), so that
    /// its loss is in other units than the figures' real and predicted values.
    public var normalized = false

    /// The default number of windows in the zoomed figure.
    public static let defaultTailSteps = 10
    /// The default smoothing: a window of 2 % of the run, 1 % on each side.
    public static let defaultSmoothing = 0.02

    /// - Parameters:
    ///   - timeStep: Points per window; a value below 1 is taken as 1.
    ///   - tailSteps: Windows in the zoomed figure; a value below 1 is taken as 1, and more than the
    ///     run has shows the whole run.
    ///   - smoothing: A fraction of the run from 0 to 1; anything else is taken as the default.
    public init(
        timeStep: Int, real: [Float?]?, prediction: [Float?]?, loss: [Float?], learningRate: [Double?]? = nil,
        gradNorm: [Float?]? = nil, clipNorm: Double? = nil,
        tailSteps: Int = TrainingFigureInput.defaultTailSteps, smoothing: Double = TrainingFigureInput.defaultSmoothing
    ) {
        self.timeStep = max(timeStep, 1)
        self.real = real
        self.prediction = prediction
        self.loss = loss
        self.learningRate = learningRate
        self.gradNorm = gradNorm
        self.clipNorm = clipNorm.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        self.tailSteps = max(tailSteps, 1)
        self.smoothing = smoothing.isFinite && smoothing >= 0 && smoothing <= 1 ? smoothing : Self.defaultSmoothing
    }
}

extension TrainingFigureInput {
    /// Whether the run recorded the real and predicted values, which the prediction figures draw.
    var hasPoints: Bool { real != nil && prediction != nil }

    /// What the real and predicted values are: the target column's name in quotation marks
    /// (``quoted(column:)``), or `cos(t)`.
    var quantity: String { targetName.map(Self.quoted(column:)) ?? "cos(t)" }

    /// A CSV column's name as the figures and the page write it, in titles, axis titles, legends,
    /// units and captions: in quotation marks (`“tar,get”`), so that a name with a comma or a
    /// space reads as one name.
    static func quoted(column name: String) -> String { "“\(name)”" }

    /// The units of a mean squared error between the real and predicted values, as a phrase to
    /// follow "Mean squared error": empty for sin→cos (a cosine has none), `, in the file's units
    /// (“indoor_c”²), not the loss's standardised ones` on a CSV series.
    var squaredErrorUnits: String {
        guard targetName != nil else { return "" }
        return ", in the file's units (\(quantity)²)" + (normalized ? ", not the loss's standardised ones" : ", as the loss")
    }

    /// One step's window in words: `a window of π, 30 points`, or `a window of 20 rows`.
    var windowText: String {
        targetName == nil
            ? "a window of π, \(ReportNumber.count(timeStep)) points"
            : "a window of \(ReportNumber.count(timeStep, "row", "rows"))"
    }
}

extension TrainingFigureInput {
    /// For a run on a CSV series, the number of training windows W: step k trains on window
    /// k mod W, so the series starts over from its first row at every step that is a multiple of
    /// W. `nil` for sin→cos, whose windows follow on from each other, and for a run that does not
    /// record its training rows (an `evaluation`'s `holdout_start`).
    var windowsPerEpoch: Int? {
        guard targetName != nil, let evaluation, evaluation.holdoutStart >= timeStep else { return nil }
        return evaluation.holdoutStart / timeStep
    }

    /// The steps, after the first, at which training starts the series over (window 0 of a new
    /// epoch) and whose first point therefore does not follow on from the point before it, among
    /// the windows the figures draw; empty when the windows are one continuous stretch.
    var restartSteps: [Int] {
        guard let windows = windowsPerEpoch else { return [] }
        return Array(stride(from: windows, to: pointCount / timeStep, by: windows))
    }

    /// The indices, in a series of the run's points drawn from point `start`, at which the line
    /// must break: the first point of each window that starts the series over, strictly after
    /// `start` (the window at `start` follows nothing drawn).
    func restartBreaks(from start: Int) -> [Int] {
        restartSteps.map { $0 * timeStep - start }.filter { $0 > 0 }
    }

    /// Whether the run is on a CSV series but its metrics file does not record its training rows
    /// (no `evaluation`): the number of windows in an epoch, and so where the series starts over,
    /// cannot be known. The `config` does not give it: it holds the holdout fraction and the
    /// window's length, but not the number of rows they are taken of.
    var restartsUnknown: Bool { targetName != nil && evaluation == nil }

    /// The restart steps within the points from `start` on, as a sentence for a caption, or an
    /// empty string when there are none: ` The series starts over at step 1,504 (…)`. For a run
    /// whose restarts are not known (``restartsUnknown``), drawn over more than one window, a
    /// sentence that says so.
    func restartNote(from start: Int) -> String {
        if restartsUnknown {
            guard pointCount - start > timeStep else { return "" }
            return " Where the series starts over is not known: the file records no evaluation, and so not the "
                + "number of training rows, nor how many windows an epoch has. The lines join each window to the one "
                + "before it, as if it followed on, which the first window of an epoch does not: it follows the last "
                + "training row."
        }
        let steps = restartSteps.filter { $0 * timeStep > start }
        guard let first = steps.first, let last = steps.last, let windows = windowsPerEpoch else { return "" }
        let epoch = windows == 1
            ? "every step trains on the one window of the training rows"
            : "each epoch trains on the \(ReportNumber.count(windows)) windows of the training rows in order"
        let at: String
        switch steps.count {
        case 1: at = "at step \(ReportNumber.count(first))"
        case 2: at = "at steps \(ReportNumber.count(first)) and \(ReportNumber.count(last))"
        case 3: at = "at steps \(steps.dropLast().map { ReportNumber.count($0) }.joined(separator: ", ")) and \(ReportNumber.count(last))"
        default:
            at = "every \(ReportNumber.count(windows, "step", "steps")), at steps \(ReportNumber.count(first)), "
                + "\(ReportNumber.count(steps[1])), … \(ReportNumber.count(last))"
        }
        return " The series starts over \(at) (\(epoch)): the lines are broken there, "
            + "not joined from the last training row to the first."
    }

    /// Number of points: the longer of the real and predicted series.
    var pointCount: Int { max(real?.count ?? 0, prediction?.count ?? 0) }

    /// What the zoomed figure shows: the last `tailSteps` windows (all of them if the run is
    /// shorter), from point `start`.
    var tail: (windows: Int, start: Int) {
        let windows = min(tailSteps, max(pointCount / timeStep, 1))
        return (windows, pointCount - min(windows * timeStep, pointCount))
    }

    /// Steps on each side of the loss's moving average: half the smoothing fraction of the run,
    /// rounded down; 0 for no smoothing.
    var smoothingHalfWidth: Int {
        Int((smoothing / 2 * Double(loss.count)).rounded(.down))
    }
}

extension TrainingFigureInput {
    /// The values of a metrics file: those of its run, with the clip threshold only where its
    /// `config` gives one.
    public init(
        _ document: MetricsDocument, tailSteps: Int = TrainingFigureInput.defaultTailSteps,
        smoothing: Double = TrainingFigureInput.defaultSmoothing
    ) {
        self.init(document.metrics, tailSteps: tailSteps, smoothing: smoothing)
        if !document.records(.clipNorm) { clipNorm = nil }
        knowsTimeStep = document.records(.timeStep) || hasPoints
    }

    /// The values of a run's metrics.
    public init(
        _ metrics: TrainingMetrics, tailSteps: Int = TrainingFigureInput.defaultTailSteps,
        smoothing: Double = TrainingFigureInput.defaultSmoothing
    ) {
        self.init(
            timeStep: metrics.config.timeStep, real: metrics.real, prediction: metrics.prediction,
            loss: metrics.loss, learningRate: metrics.learningRate, gradNorm: metrics.gradNorm,
            clipNorm: metrics.config.clipNorm, tailSteps: tailSteps, smoothing: smoothing)
        if metrics.config.data != nil {
            targetName = metrics.config.target ?? "target"
            normalized = metrics.config.normalize
        }
        evaluation = metrics.evaluation
    }
}
