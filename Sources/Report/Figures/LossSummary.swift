import Charts

/// The facts a reader of the loss figure should get from its text alternative.
struct LossSummary {
    let loss: [Float?]
    let summary: TrainingSummary
    let series: StepSeries
    let clipNorm: Double?
    /// Where the figure draws the clip threshold (``TrainingFigures/clipPlacement(_:series:)``).
    var clipPlacement: HorizontalLevel.Placement?

    var description: String {
        var text = "Line chart of the training loss at each of \(ReportNumber.count(loss.count, "step", "steps"))"
            + " on a log scale"
            + (series.smoothingHalfWidth > 0
                ? ", with its centred moving average: the geometric mean of the losses within "
                    + "\(ReportNumber.count(series.smoothingHalfWidth, "step", "steps")) on either side."
                : ", unsmoothed.")
        let finite = loss.enumerated().compactMap { step, value in value.flatMap { $0.isFinite ? (step, Double($0)) : nil } }
        if let first = finite.first, let last = finite.last, let lowest = finite.min(by: { $0.1 < $1.1 }) {
            text += " The loss goes from \(ReportNumber.short(first.1)) at step \(ReportNumber.count(first.0))"
                + " to \(ReportNumber.short(last.1)) at step \(ReportNumber.count(last.0));"
                + " its lowest value is \(ReportNumber.short(lowest.1)) at step \(ReportNumber.count(lowest.0))."
        } else {
            text += " No step has a finite loss."
        }
        let missing = loss.count - finite.count
        if missing > 0 {
            text += " " + ReportNumber.count(missing, "step has", "steps have") + " no finite loss and "
                + (missing == 1 ? "leaves a gap." : "leave gaps.")
        }
        let hidden = finite.filter { $0.1 <= 0 }.count
        if hidden > 0 {
            text += " " + ReportNumber.count(hidden, "step has", "steps have")
                + " a loss of zero or less, which a log scale cannot show."
        }
        text += learningRateSentence + gradNormSentence
        return text
    }

    private var learningRateSentence: String {
        guard let first = summary.initialLearningRate, let last = summary.finalLearningRate else { return "" }
        let reductions = summary.reductionSteps
        if reductions.isEmpty { return " The panel under it shows the learning rate, which stayed at \(ReportNumber.short(first))." }
        let times = reductions.count == 1 ? "once, at step" : "\(ReportNumber.count(reductions.count)) times, at steps"
        return " The panel under it shows the learning rate as a step line: reduced \(times) \(ReportNumber.list(reductions)),"
            + " from \(ReportNumber.short(first)) to \(ReportNumber.short(last))."
    }

    private var gradNormSentence: String {
        let norms = (series.gradNorm ?? []).compactMap { $0 }
        guard let largest = norms.max() else { return "" }
        var text = " The bottom panel shows the total gradient norm before clipping, at most \(ReportNumber.short(largest))"
        if let clipNorm {
            let clipped = norms.filter { $0 > clipNorm }.count
            let line = switch clipPlacement ?? .inPanel {
            case .inPanel: "dashed line"
            case .above: "far above the panel, and not drawn"
            case .below: "far below the panel, and not drawn"
            }
            text += "; \(ReportNumber.count(clipped, "step was", "steps were")) clipped to \(ReportNumber.short(clipNorm)) (\(line))"
        }
        return text + "."
    }
}
