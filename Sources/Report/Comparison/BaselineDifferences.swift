import RNNCore

/// How a run differs from a baseline run: the headline numbers side by side with their change,
/// for `generate --baseline DIR`'s table and its `--summary`.
public struct BaselineDifferences: Sendable, Equatable {
    /// Rows: final, best and last-50 loss, the first step below 1e-3, learning-rate reductions;
    /// columns: what, this run, the baseline, the change. No rows when the losses are of
    /// different quantities (``unlikeLosses``): then no number of the two runs compares.
    public var table: ComparisonTables.Table
    /// Why the losses are not compared, `the losses are squared errors of different quantities
    /// (cos(t); y in good.csv, standardised)`; `nil` when they are in the same units.
    public var unlikeLosses: String?
    /// The settings whose values differ, as `learning_rate 0.01 (baseline 0.005)`, or that one
    /// run's metrics do not record, as `steps 100 (baseline not recorded)`; empty when the two
    /// runs have the same configuration.
    public var settings: [String]

    /// - Parameters:
    ///   - run: the new run.
    ///   - baseline: the run it is compared with.
    public init(run: ComparedRun, baseline: ComparedRun) {
        let new = run.summary, old = baseline.summary
        func loss(_ value: Double?) -> String { value.map(ReportNumber.short) ?? "not finite" }
        func relative(_ new: Double?, _ old: Double?) -> String {
            guard let new, let old else { return new == nil && old == nil ? "—" : "one is not finite" }
            let change = ToleranceCheck.change(step: nil, old, new).relative
            guard change.isFinite else { return "from 0" }
            return change == 0 ? "none" : ToleranceCheck.relativeChange(from: old, to: new, of: "the baseline's")
        }
        func steps(_ new: Int?, _ old: Int?) -> String {
            switch (new, old) {
            case let (new?, old?): new == old ? "none" : (new > old ? "+" : "−") + ReportNumber.count(abs(new - old), "step", "steps")
            case (nil, nil): "none"
            case (_?, nil): "now reached"
            case (nil, _?): "no longer reached"
            }
        }
        let threshold = ReportNumber.short(TrainingSummary.convergenceThreshold)
        let units = TrainingConfiguration.lossUnits(of: [run.metrics.config, baseline.metrics.config])
        unlikeLosses = units.count > 1 ? TrainingConfiguration.unlikeLosses(units) : nil
        let newReductions = new.initialLearningRate == nil ? nil : new.reductionSteps.count
        let oldReductions = old.initialLearningRate == nil ? nil : old.reductionSteps.count
        // The first step below sin→cos's threshold says nothing of a run on a CSV series.
        let judged = run.judged && baseline.judged
        var rows: [[String]] = [
            ["final loss", loss(new.finalLoss), loss(old.finalLoss), relative(new.finalLoss, old.finalLoss)],
            ["best loss", loss(new.bestLoss?.loss), loss(old.bestLoss?.loss), relative(new.bestLoss?.loss, old.bestLoss?.loss)],
            [ComparisonTables.meanOfLastSteps([new.lastSteps, old.lastSteps]), loss(new.meanOfLastSteps), loss(old.meanOfLastSteps),
             relative(new.meanOfLastSteps, old.meanOfLastSteps)],
        ]
        if judged {
            rows.append([
                "first step below \(threshold)", new.firstStepBelowThreshold.map(ReportNumber.count) ?? "never",
                old.firstStepBelowThreshold.map(ReportNumber.count) ?? "never",
                steps(new.firstStepBelowThreshold, old.firstStepBelowThreshold),
            ])
        }
        let reductionChange = newReductions.flatMap { n in
            oldReductions.map { o in n == o ? "none" : (n > o ? "+" : "−") + ReportNumber.count(abs(n - o)) }
        } ?? "—"
        rows.append([
            "learning-rate reductions", newReductions.map(ReportNumber.count) ?? "not recorded",
            oldReductions.map(ReportNumber.count) ?? "not recorded", reductionChange,
        ])
        table = ComparisonTables.Table(
            header: ["", "this run", "baseline", "change"], rows: unlikeLosses == nil ? rows : [], numeric: [false, true, true, true])
        // A setting one of the runs' metrics do not record differs as far as anyone knows: its
        // default says nothing of the run.
        settings = TrainingSetting.allCases.compactMap { setting in
            let new = run.shownText(of: setting), old = baseline.shownText(of: setting)
            guard new != old || new == ComparedRun.notRecorded else { return nil }
            return "\(setting.key) \(new) (baseline \(old))"
        }
    }

    /// The sentence that stands in for the table when the losses are of different quantities:
    /// `The losses are squared errors of different quantities (…): they are not compared; only the
    /// settings are.`
    public var unlikeSentence: String? {
        unlikeLosses.map { $0.sentence + ", so no loss of one is compared with the other's; only the settings are." }
    }

    /// The differences as Markdown.
    public var markdown: String {
        var text = unlikeSentence.map { Markdown.text($0) + "\n" } ?? table.markdown.text
        if !settings.isEmpty {
            text += "\nSettings that differ: " + settings.map { Markdown.code($0) }.joined(separator: ", ") + ".\n"
        }
        return text
    }
}
