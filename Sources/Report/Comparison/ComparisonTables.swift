import RNNCore

/// The tables of a comparison as text cells, the same for the page and for Markdown: the results
/// of every run, and the hyperparameters that are not the same in all of them.
public struct ComparisonTables: Sendable, Equatable {
    /// A table: column titles and rows of cells.
    public struct Table: Sendable, Equatable {
        public var header: [String]
        public var rows: [[String]]
        /// Which columns hold numbers (aligned right).
        public var numeric: [Bool]

        /// The table as Markdown.
        public var markdown: MarkdownTable {
            MarkdownTable(header: header, alignments: numeric.map { $0 ? .right : .left }, rows: rows)
        }
    }

    /// One row per run: final, best and last-50 loss, the first step below 1e-3, the learning-rate
    /// reductions, and whether it converged (the last two `–` for a run on a CSV series, which has
    /// no such verdict: 1e-3 is sin→cos's threshold, and means nothing in a series' own units).
    public var results: Table
    /// Whether a run trains on a CSV series, and so has no verdict in ``results``.
    public var hasUnjudged: Bool
    /// Whether a run has a verdict (sin→cos): without one, ``results`` leaves out the verdict's
    /// columns.
    public var hasJudged: Bool
    /// One row per run, one column per setting whose value is not the same in every run (and
    /// `init_weights` when that differs); `nil` when all runs share every setting.
    public var differingSettings: Table?
    /// The settings every run shares, as `hidden_size 32`, in ``TrainingSetting`` order.
    public var sharedSettings: [String]
    /// The settings that every run uses and no run's metrics record (`hidden_size`): nothing says
    /// whether they are the same.
    public var unrecordedSettings: [String]
    /// The index of the best run, by ``ranking``, if any has a finite measure and the runs'
    /// losses are in the same units (``lossUnits``).
    public var best: Int?
    /// What the runs are ranked by.
    public var ranking: Ranking
    /// The column of ``results`` that holds what the runs are ranked by.
    public var rankingColumn: Int

    /// What ranks the runs of a comparison.
    public enum Ranking: Sendable, Equatable {
        /// The mean loss over each run's last steps: how well it fits what it trains on.
        case lastSteps
        /// The held-out rows' mean squared error, when every run has one (runs on CSV series with
        /// a `--holdout`): how well it predicts rows it never trained on, as a sweep ranks.
        case heldOut

        /// What the measure is, in a phrase after "lowest": `mean loss over the last 50 steps`.
        func phrase(lastSteps: Int) -> String {
            switch self {
            case .lastSteps: "mean loss over the last \(ReportNumber.count(lastSteps, "step", "steps"))"
            case .heldOut: "held-out MSE"
            }
        }
    }

    /// The phrase of what ranks the runs, for the best run's sentence.
    public func rankingPhrase(for run: ComparedRun) -> String { ranking.phrase(lastSteps: run.summary.lastSteps) }

    /// The value `run` is ranked by, if it has one and it is finite.
    public func rankingValue(of run: ComparedRun) -> Double? { Self.measure(of: run, by: ranking) }

    /// What `ranking` measures of `run`, if finite.
    static func measure(of run: ComparedRun, by ranking: Ranking) -> Double? {
        let value = switch ranking {
        case .lastSteps: run.summary.meanOfLastSteps
        case .heldOut: run.metrics.evaluation?.holdoutMSE
        }
        return value.flatMap { $0.isFinite ? $0 : nil }
    }
    /// The units of the runs' losses (``ComparedRun/lossUnits``), each once, in the runs' order:
    /// more than one, and the runs are not ranked.
    public var lossUnits: [String]

    /// The heading of the mean of the runs' last steps (each run's ``TrainingSummary/lastSteps``):
    /// `mean of last 50`, or of as many steps as runs of fewer all have (`mean of last 30`); when
    /// their numbers differ below 50, what each mean is over.
    static func meanOfLastSteps(_ lastSteps: [Int]) -> String {
        let tails = Set(lastSteps)
        return tails.count == 1
            ? "mean of last \(ReportNumber.count(tails.first!))"
            : "mean of last \(TrainingSummary.tailLength) (of all, if fewer)"
    }

    public init(_ runs: [ComparedRun]) {
        func loss(_ value: Double?) -> String { value.map(ReportNumber.short) ?? "not finite" }
        let threshold = ReportNumber.short(TrainingSummary.convergenceThreshold)
        // Runs on a CSV series have the trained network's errors over the whole series: shown
        // beside the losses ("–" for a sin→cos run among them).
        let evaluated = runs.contains { $0.metrics.evaluation != nil }
        let meanHeading = Self.meanOfLastSteps(runs.map(\.summary.lastSteps))
        // sin→cos's verdict columns, left out when no run has one (every run on a CSV series).
        let judged = runs.contains(where: \.judged)
        results = Table(
            header: ["run", "source", "final loss", "best loss (step)", meanHeading]
                + (evaluated ? ["train MSE", "held-out MSE"] : [])
                + (judged ? ["first step below \(threshold)"] : []) + ["learning-rate reductions"] + (judged ? ["converged"] : []),
            rows: runs.map { run in
                let summary = run.summary
                let errors = run.metrics.evaluation.map { evaluation in
                    [loss(evaluation.trainMSE),
                     evaluation.holdoutMSE.map(ReportNumber.short) ?? (evaluation.holdoutStart >= evaluation.rowCount ? "none held out" : "not finite")]
                } ?? [Self.noVerdict, Self.noVerdict]
                return [
                    run.label, run.source, loss(summary.finalLoss),
                    summary.bestLoss.map { "\(ReportNumber.short($0.loss)) (\(ReportNumber.count($0.step)))" } ?? "none",
                    loss(summary.meanOfLastSteps),
                ] + (evaluated ? errors : [])
                    + (judged ? [!run.judged ? Self.noVerdict : summary.firstStepBelowThreshold.map(ReportNumber.count) ?? "never"] : [])
                    + [summary.initialLearningRate == nil ? "not recorded" : ReportNumber.count(summary.reductionSteps.count)]
                    + (judged ? [!run.judged ? Self.noVerdict : summary.converged ? "yes" : "no"] : [])
            },
            numeric: [false, false, true, true, true] + (evaluated ? [true, true] : []) + (judged ? [true] : []) + [true] + (judged ? [false] : []))
        hasJudged = judged
        hasUnjudged = runs.contains { !$0.judged }
        var differing: [(String, [String])] = []
        sharedSettings = []
        unrecordedSettings = []
        // A setting a run does not use (the series' settings of a sin→cos run: its data, columns,
        // held-out share and standardisation) has no value for it: "–" in a table of differences,
        // and one that no run uses is not listed. One a run's file does not record is "not
        // recorded" (never its default), and so is not the same in every run; one that no run
        // records is not listed.
        for setting in TrainingSetting.allCases {
            let values = runs.map { $0.shownText(of: setting) }
            if Set(values).count > 1 {
                differing.append((setting.key, values))
            } else if values.first == ComparedRun.notRecorded {
                unrecordedSettings.append(setting.key)
            } else if let value = values.first, value != ComparedRun.unused {
                sharedSettings.append("\(setting.key) \(value)")
            }
        }
        let initWeights = runs.map(\.initWeightsText)
        if Set(initWeights).count > 1 {
            differing.append(("init_weights", initWeights))
        } else if initWeights.first == ComparedRun.notRecorded {
            unrecordedSettings.append("init_weights")
        }
        differingSettings = differing.isEmpty ? nil : Table(
            header: ["run"] + differing.map(\.0),
            rows: runs.indices.map { index in [runs[index].label] + differing.map { $0.1[index] } },
            // A column of numbers is aligned right; one of words (`cell`, `init_weights`) left.
            numeric: [false] + differing.map { $0.1.allSatisfy { value in
                let words = value.split(separator: " ")
                return Double(value) != nil || value == ComparedRun.notRecorded
                    || words.count == 3 && words.filter { Int($0) != nil }.count == 2  // 50 of 9999
                    || words.count == 2 && Int(words[0].filter { $0 != "," }) != nil && ["step", "steps", "epoch", "epochs"].contains(words[1])  // 10 steps
            } })
        let units = TrainingConfiguration.lossUnits(of: runs.map(\.metrics.config))
        lossUnits = units
        // Losses in different units (another series, or one standardised) say nothing of which
        // run learnt better: no run is named the best.
        let heldOut = runs.allSatisfy { $0.metrics.evaluation?.holdoutMSE?.isFinite == true }
        ranking = heldOut ? .heldOut : .lastSteps
        rankingColumn = results.header.firstIndex(of: heldOut ? "held-out MSE" : meanHeading) ?? 0
        let values = runs.map { Self.measure(of: $0, by: heldOut ? .heldOut : .lastSteps) }
        best = units.count > 1 ? nil : runs.indices.filter { values[$0] != nil }.min { values[$0]! < values[$1]! }
    }

    /// What the results show for a run on a CSV series where a sin→cos run has its verdict.
    public static let noVerdict = "–"

    /// Why some runs have no verdict, for under the results: `nil` when every run has one.
    public var noVerdictNote: String? {
        guard hasUnjudged else { return nil }
        guard hasJudged else {
            return "Runs on a CSV series have no converged or not-converged verdict and no first step below "
                + "\(ReportNumber.short(TrainingSummary.convergenceThreshold)), which the table leaves out: that threshold is sin→cos's, "
                + "and means nothing in a series' own units."
        }
        return "A run on a CSV series has no converged or not-converged verdict and no first step below "
            + "\(ReportNumber.short(TrainingSummary.convergenceThreshold)) (\(Self.noVerdict)): that threshold is sin→cos's, "
            + "and means nothing in a series' own units."
    }
}
