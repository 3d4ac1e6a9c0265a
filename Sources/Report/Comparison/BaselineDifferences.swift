import RNNCore

/// How a run differs from a baseline run: the headline numbers side by side with their change,
/// for `generate --baseline DIR`'s table and its `--summary`.
public struct BaselineDifferences: Sendable, Equatable {
    /// Rows: final, best and last-50 loss, the first step below 1e-3, learning-rate reductions;
    /// columns: what, this run, the baseline, the change.
    public var table: ComparisonTables.Table
    /// The settings whose values differ, as `learning_rate 0.01 (baseline 0.005)`; empty when
    /// the two runs have the same configuration.
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
            return change == 0 ? "none" : (new > old ? "+" : "−") + ToleranceCheck.percent(change)
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
        let newReductions = new.initialLearningRate == nil ? nil : new.reductionSteps.count
        let oldReductions = old.initialLearningRate == nil ? nil : old.reductionSteps.count
        table = ComparisonTables.Table(
            header: ["", "this run", "baseline", "change"],
            rows: [
                ["final loss", loss(new.finalLoss), loss(old.finalLoss), relative(new.finalLoss, old.finalLoss)],
                ["best loss", loss(new.bestLoss?.loss), loss(old.bestLoss?.loss), relative(new.bestLoss?.loss, old.bestLoss?.loss)],
                ["mean of last \(TrainingSummary.tailLength)", loss(new.meanOfLastSteps), loss(old.meanOfLastSteps),
                 relative(new.meanOfLastSteps, old.meanOfLastSteps)],
                ["first step below \(threshold)", new.firstStepBelowThreshold.map(ReportNumber.count) ?? "never",
                 old.firstStepBelowThreshold.map(ReportNumber.count) ?? "never",
                 steps(new.firstStepBelowThreshold, old.firstStepBelowThreshold)],
                ["learning-rate reductions", newReductions.map(ReportNumber.count) ?? "not recorded",
                 oldReductions.map(ReportNumber.count) ?? "not recorded",
                 newReductions.flatMap { n in oldReductions.map { o in n == o ? "none" : (n > o ? "+" : "−") + ReportNumber.count(abs(n - o)) } } ?? "—"],
            ],
            numeric: [false, true, true, true])
        settings = ToleranceCheck.differingSettings(baseline.metrics.config, run.metrics.config).map { setting in
            "\(setting.key) \(run.metrics.config.text(of: setting)) (baseline \(baseline.metrics.config.text(of: setting)))"
        }
    }

    /// The differences as Markdown.
    public var markdown: String {
        var text = table.markdown.text
        if !settings.isEmpty {
            text += "\nSettings that differ: " + settings.map { "`\($0)`" }.joined(separator: ", ") + ".\n"
        }
        return text
    }
}
