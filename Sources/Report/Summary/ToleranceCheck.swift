import Foundation
import RNNCore

/// Whether a recomputed run matches a recorded one within a relative tolerance: the loss of every
/// step, the mean loss of the last steps, and, for a run on a CSV series, its evaluation: the
/// train and held-out MSE and the target's value in every row (`generate --check --tolerance R`).
///
/// The evaluation's predictions are not compared row by row: a prediction near zero moves by a
/// large fraction for a change too small to matter, and the two MSEs already say how well they
/// fit. Its real values are the series itself, which a run on the same file reads exactly, so
/// a change there is a change of the data (rows the training never saw, when they are held out).
///
/// The relative change of a value is |now − recorded| / |recorded| (0 when both are 0, infinite
/// when only the recorded one is); a value that is missing or not finite on one side only is an
/// infinite change, and on both sides none.
public struct ToleranceCheck: Sendable, Equatable {
    /// How one number moved.
    public struct Change: Sendable, Equatable {
        /// The step, for a step's loss, or the row, for a row of the evaluation; `nil` for a mean.
        public var step: Int?
        public var recorded: Double?
        public var recomputed: Double?
        /// |recomputed − recorded| / |recorded|; infinite when one side is missing.
        public var relative: Double
    }

    /// The largest relative change allowed.
    public let tolerance: Double
    /// Steps compared (the recorded run's).
    public let steps: Int
    /// The step whose loss moved most, if any step was compared.
    public let worstStep: Change?
    /// How many steps moved by more than the tolerance.
    public let stepsOutside: Int
    /// How the mean loss of the last ``TrainingSummary/tailLength`` steps moved.
    public let mean: Change
    /// How a CSV run's evaluation moved; `nil` when neither run has one (a sin→cos run).
    public let evaluation: EvaluationChange?
    /// What moved by more than the tolerance, one sentence each; empty when the run matches.
    public let problems: [String]

    /// Whether every number is within the tolerance.
    public var passed: Bool { problems.isEmpty }

    /// The settings whose values differ between two configurations, in ``TrainingSetting`` order.
    public static func differingSettings(_ recorded: TrainingConfiguration, _ recomputed: TrainingConfiguration) -> [TrainingSetting] {
        TrainingSetting.allCases.filter { recorded.text(of: $0) != recomputed.text(of: $0) }
    }

    /// Compares the losses of two runs of the same configuration.
    ///
    /// - Parameters:
    ///   - recorded: the run as the folder holds it.
    ///   - recomputed: the run made now.
    ///   - tolerance: the largest relative change allowed, 0 or more.
    public init(recorded: TrainingMetrics, recomputed: TrainingMetrics, tolerance: Double) {
        self.tolerance = tolerance
        steps = recorded.loss.count
        func value(_ x: Float?) -> Double? { x.flatMap { $0.isFinite ? Double($0) : nil } }
        var worst: Change?
        var outside = 0
        for step in 0 ..< min(recorded.loss.count, recomputed.loss.count) {
            let change = Self.change(step: step, value(recorded.loss[step]), value(recomputed.loss[step]))
            if change.relative > tolerance { outside += 1 }
            if change.relative > worst?.relative ?? -1 { worst = change }
        }
        worstStep = worst
        stepsOutside = outside
        mean = Self.change(step: nil, TrainingSummary(recorded).meanOfLastSteps, TrainingSummary(recomputed).meanOfLastSteps)

        var problems: [String] = []
        let percent = Self.percent(tolerance)
        if recorded.loss.count != recomputed.loss.count {
            problems.append("the recorded run has \(ReportNumber.count(recorded.loss.count, "step", "steps")) of loss, "
                + "the recomputed one \(ReportNumber.count(recomputed.loss.count))")
        }
        if let worst, worst.relative > tolerance {
            problems.append("the loss moved by more than \(percent) at \(ReportNumber.count(outside)) of "
                + "\(ReportNumber.count(min(recorded.loss.count, recomputed.loss.count), "step", "steps")); "
                + "most at step \(ReportNumber.count(worst.step ?? 0)): \(Self.describe(worst))")
        }
        if mean.relative > tolerance {
            problems.append("the mean loss of the last \(ReportNumber.count(min(TrainingSummary.tailLength, steps), "step", "steps")) "
                + "moved by more than \(percent): \(Self.describe(mean))")
        }
        let evaluation = Self.compare(recorded.evaluation, recomputed.evaluation, tolerance: tolerance, problems: &problems)
        self.evaluation = evaluation
        self.problems = problems
    }

    /// How a CSV run's evaluation moved (`metrics.json`'s `evaluation`).
    public struct EvaluationChange: Sendable, Equatable {
        /// The mean squared error over the training rows.
        public var trainMSE: Change
        /// The mean squared error over the held-out rows; `nil` when neither run held rows out.
        public var holdoutMSE: Change?
        /// Rows compared: the recorded run's.
        public var rows: Int
        /// The row whose real value moved most, if any row was compared.
        public var worstRow: Change?
        /// How many rows' real values moved by more than the tolerance.
        public var rowsOutside: Int
    }

    /// Compares two evaluations, adding what moved by more than `tolerance` to `problems`.
    private static func compare(
        _ recorded: Evaluation?, _ recomputed: Evaluation?, tolerance: Double, problems: inout [String]
    ) -> EvaluationChange? {
        let percent = Self.percent(tolerance)
        guard let recorded, let recomputed else {
            if recorded != nil {
                problems.append("the recorded run has an evaluation of its series (train and held-out MSE), the recomputed one none")
            } else if recomputed != nil {
                problems.append("the recomputed run has an evaluation of its series (train and held-out MSE), the recorded one none")
            }
            return nil
        }
        func rows(_ evaluation: Evaluation) -> String {
            ReportNumber.count(evaluation.rowCount, "row", "rows")
                + (evaluation.holdoutStart < evaluation.rowCount ? ", held out from row \(ReportNumber.count(evaluation.holdoutStart))" : "")
        }
        if recorded.rowCount != recomputed.rowCount || recorded.holdoutStart != recomputed.holdoutStart {
            problems.append("the recorded evaluation has \(rows(recorded)), the recomputed one \(rows(recomputed))")
        }
        var worst: Change?
        var outside = 0
        for row in 0 ..< min(recorded.rowCount, recomputed.rowCount) {
            let change = Self.change(step: row, recorded.real[row], recomputed.real[row])
            if change.relative > tolerance { outside += 1 }
            if change.relative > worst?.relative ?? -1 { worst = change }
        }
        if let worst, worst.relative > tolerance {
            problems.append("the series' real value moved by more than \(percent) at \(ReportNumber.count(outside)) of "
                + "\(ReportNumber.count(min(recorded.rowCount, recomputed.rowCount), "row", "rows")) (the data file changed); "
                + "most at row \(ReportNumber.count(worst.step ?? 0)): \(Self.describe(worst))")
        }
        let train = Self.change(step: nil, recorded.trainMSE, recomputed.trainMSE)
        if train.relative > tolerance {
            problems.append("the train MSE moved by more than \(percent): \(Self.describe(train))")
        }
        let heldOut = recorded.holdoutStart < recorded.rowCount || recomputed.holdoutStart < recomputed.rowCount
        let holdout = heldOut ? Self.change(step: nil, recorded.holdoutMSE, recomputed.holdoutMSE) : nil
        if let holdout, holdout.relative > tolerance {
            problems.append("the held-out MSE moved by more than \(percent): \(Self.describe(holdout))")
        }
        return EvaluationChange(trainMSE: train, holdoutMSE: holdout, rows: recorded.rowCount, worstRow: worst, rowsOutside: outside)
    }

    /// The change from `recorded` to `recomputed`.
    static func change(step: Int?, _ recorded: Double?, _ recomputed: Double?) -> Change {
        let relative: Double = switch (recorded, recomputed) {
        case (nil, nil): 0
        case let (old?, new?): old == new ? 0 : (old == 0 ? .infinity : abs(new - old) / abs(old))
        default: .infinity
        }
        return Change(step: step, recorded: recorded, recomputed: recomputed, relative: relative)
    }

    /// `recorded 0.00123, now 0.00124 (+1.02 %)`, `recorded 0.000123, now 0.0811 (658× the recorded value)`.
    public static func describe(_ change: Change) -> String {
        func number(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "not finite" }
        var text = "recorded \(number(change.recorded)), now \(number(change.recomputed))"
        if let old = change.recorded, let new = change.recomputed, change.relative.isFinite {
            text += " (\(relativeChange(from: old, to: new, of: "the recorded value")))"
        }
        return text
    }

    /// The smallest relative change written as a factor rather than a percentage: from 1,000 %
    /// on, the digits of a percentage (`+6.57e+04 %`) say less than how many times the value grew.
    public static let factorThreshold = 10.0

    /// How `new` differs from `old`, as every relative change is printed (the check's lines, the
    /// baseline's table, the summaries): a signed percentage with three significant digits,
    /// `+1.02 %`, `−99.8 %`; from ``factorThreshold`` on, the ratio of the new value to the old,
    /// `658× the recorded value` (`−12.5× the recorded value` when the sign changed).
    ///
    /// - Parameters:
    ///   - old: the value compared with, not 0.
    ///   - new: the value now.
    ///   - reference: what `old` is, after the factor: `the recorded value`, `the baseline's`.
    public static func relativeChange(from old: Double, to new: Double, of reference: String) -> String {
        let relative = change(step: nil, old, new).relative
        guard relative >= factorThreshold, relative.isFinite else { return (new >= old ? "+" : "−") + percent(relative) }
        return "\(ReportNumber.factor(new / old))× \(reference)"
    }

    /// The line `generate --check --tolerance` prints for a run within the tolerance, naming the
    /// recorded `path`: how many steps were compared, the one that moved most and the mean of the
    /// last steps, and for a run on a CSV series its evaluation.
    public func passedLine(path: String) -> String {
        let percent = Self.percent(tolerance)
        var line: String
        if let worst = worstStep, let step = worst.step, worst.relative > 0 {
            line = "\(path): the loss of all \(ReportNumber.count(steps, "step", "steps")) is within \(percent) "
                + "(the most at step \(ReportNumber.count(step)): \(Self.describe(worst))), and the mean of the last "
                + "\(ReportNumber.count(min(TrainingSummary.tailLength, steps))) too (\(Self.describe(mean)))"
        } else {
            line = "\(path): the loss of all \(ReportNumber.count(steps, "step", "steps")) is the same as recorded, within \(percent)"
        }
        if let evaluation {
            // A CSV run: its evaluation was compared too, and is named with its two numbers.
            let errors = [("train MSE", evaluation.trainMSE)] + (evaluation.holdoutMSE.map { [("held-out MSE", $0)] } ?? [])
            let same = errors.allSatisfy { $0.1.relative == 0 }
            line += "; the evaluation of its \(ReportNumber.count(evaluation.rows, "row", "rows")) too ("
                + errors.map { name, change in
                    "\(name) " + (same ? change.recorded.map { String(format: "%.6g", $0) } ?? "not finite" : Self.describe(change))
                }.joined(separator: ", ")
                + (same ? ", as recorded)" : ")")
        }
        return line
    }

    /// A fraction as a percentage with three significant digits: `1.02 %`; from 1,000 % on with
    /// its thousands separated, as a factor is written (`--tolerance 1000` is `100,000 %`, not
    /// `1e+05 %`).
    public static func percent(_ fraction: Double) -> String {
        ReportNumber.factor(fraction * 100) + " %"
    }
}
