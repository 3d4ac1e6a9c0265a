import Foundation
import RNNCore

/// What a sweep's runs did, configuration by configuration: the numbers of the page, the table
/// and the figures.
///
/// Built from each run's metrics one at a time (a sweep's runs need not fit in memory together);
/// only the loss of every step is kept.
public struct SweepResults: Sendable {
    /// One run's outcome.
    public struct Run: Sendable {
        public var run: SweepRun
        public var summary: TrainingSummary
        /// The loss of each step.
        public var loss: [Float?]
        /// On a CSV series: the mean squared error over the training rows and over the held-out
        /// rows after training (`nil` for sin→cos, or when no row is held out).
        public var trainMSE: Double?
        public var holdoutMSE: Double?

        /// Whether the run holds rows of its CSV series out of training: it is then scored by its
        /// held-out MSE (a run whose held-out MSE is not finite has none, and scores worst).
        public var holdsOut: Bool { holdoutMSE != nil || (run.config.data != nil && run.config.holdout > 0) }
    }

    /// One configuration's runs, and what they have in common.
    public struct Configuration: Sendable {
        /// The label (`lr0.005-h32`) and the index in grid order.
        public var label: String
        public var index: Int
        /// The values of the swept settings, in the grid's axis order.
        public var values: [String]
        /// The runs, in seed order.
        public var runs: [Run]
        /// Whether its runs hold rows out (``Run/holdsOut``): its seeds and its row are then ranked
        /// by held-out MSE, else by the last-50 loss.
        public var ranksByHoldout: Bool
        /// Runs whose mean loss over the last 50 steps is below 1e-3 (counted on sin→cos only:
        /// see ``SweepResults/judged``).
        public var converged: Int
        /// How many final steps each run's last loss averages: 50, or every step of runs of fewer.
        public var lastSteps: Int
        /// The median, smallest and largest last-50 loss of the runs that have one.
        public var medianLast: Double?
        public var minLast: Double?
        public var maxLast: Double?
        /// On a CSV series: the median train and held-out MSE across the seeds that have one.
        public var medianTrainMSE: Double?
        public var medianHoldoutMSE: Double?
        /// The runs with the smallest and the largest score (``ranksByHoldout``: the held-out MSE,
        /// else the last-50 loss; a run without one counts as largest, the last of equals worst).
        public var best: Run?
        public var worst: Run?
        /// Per step: the median, smallest and largest loss across the seeds (`nil` where no run has one).
        public var medianLoss: [Double?]
        public var minLoss: [Double?]
        public var maxLoss: [Double?]
    }

    public let grid: SweepGrid
    /// Whether the runs train on a CSV series (and have train and held-out MSEs).
    public let hasData: Bool
    /// Whether a configuration's runs hold rows out: those configurations are ranked by held-out
    /// MSE (``Configuration/ranksByHoldout``).
    public let ranksByHoldout: Bool
    /// Whether the grid holds rows out in some configurations and not in others (it sweeps
    /// `--holdout` from 0): the two kinds are ranked by different measures, which cannot be
    /// compared, those with held-out rows first.
    public var mixedRanking: Bool { ranksByHoldout && configurations.contains { !$0.ranksByHoldout } }
    /// The units of the runs' losses (``TrainingConfiguration/lossUnits``), each once, in the
    /// grid's order: more than one when the grid sweeps the series or `--normalize`, and then
    /// the ranking compares squared errors of different quantities.
    public let lossUnits: [String]
    /// The configurations, best first. On a CSV series: those whose runs hold rows out by median
    /// held-out MSE, then by median last-50 loss; after them those without held-out rows, by
    /// median last-50 loss alone (the two measures cannot be compared); a configuration without
    /// a score of its own measure last, in grid order. On sin→cos, by the share of their seeds
    /// that converged (the most reliable first), then by median last-50 loss (a configuration
    /// without one last). Then in grid order.
    public let configurations: [Configuration]
    /// How many final steps each run's last loss averages (``TrainingSummary/tailLength``, or
    /// all of a run's steps when it has fewer), when that is the same for every run; `nil` when
    /// the grid sweeps `--steps` across 50.
    public let lastSteps: Int?

    /// Whether the runs are judged by sin→cos's convergence threshold: a run on a CSV series has
    /// no converged or not-converged verdict (the threshold means nothing in its own units).
    public var judged: Bool { !hasData }

    /// The last loss's name: `last-50 loss`, `last-20 loss` for runs of 20 steps.
    public var lastLossName: String { "last-\(lastSteps ?? TrainingSummary.tailLength) loss" }

    /// What the last loss is, in words: `the mean loss of the last 20 steps`, or, when the runs'
    /// steps differ, `the mean loss of the last 50 steps (of every step, in a run of fewer)`.
    public var lastLossDefinition: String {
        guard let lastSteps else {
            return "the mean loss of the last \(TrainingSummary.tailLength) steps (of every step, in a run of fewer)"
        }
        return "the mean loss of the last \(ReportNumber.count(lastSteps, "step", "steps"))"
    }
    /// The best run of the best configuration, if any run has a score (a held-out MSE or a
    /// last-50 loss).
    public var bestRun: Run? { configurations.first?.best.flatMap { score($0) == nil ? nil : $0 } }

    /// What the verdict adds when the runs' losses are of different quantities (``lossUnits``),
    /// or `nil` when they are not: the ranking stands, with the reason to read it with care.
    public var unlikeLossesCaveat: String? {
        guard lossUnits.count > 1 else { return nil }
        return "Beware: \(TrainingConfiguration.unlikeLosses(lossUnits)), so the ranking compares unlike numbers."
    }

    /// A run's score, smaller is better: its held-out MSE when it holds rows out, else its
    /// last-50 loss.
    public func score(_ run: Run) -> Double? {
        run.holdsOut ? run.holdoutMSE : run.summary.meanOfLastSteps
    }

    /// A configuration's median score: of the held-out MSE when its runs hold rows out, else of
    /// the last-50 loss.
    public func score(_ configuration: Configuration) -> Double? {
        configuration.ranksByHoldout ? configuration.medianHoldoutMSE : configuration.medianLast
    }

    /// The ranks in the table (from 1) of the configurations ranked by held-out MSE, or of those
    /// ranked by the last-50 loss, in words: `rows 1–2`, `row 3`, `rows 1–2 and 5`.
    public func rows(rankedByHoldout: Bool) -> String {
        let ranks = configurations.indices.filter { configurations[$0].ranksByHoldout == rankedByHoldout }.map { $0 + 1 }
        var parts: [String] = []
        var start = 0
        while start < ranks.count {
            var end = start
            while end + 1 < ranks.count, ranks[end + 1] == ranks[end] + 1 { end += 1 }
            parts.append(end == start ? "\(ranks[start])" : "\(ranks[start])–\(ranks[end])")
            start = end + 1
        }
        return (ranks.count == 1 ? "row " : "rows ") + ReportNumber.listing(parts)
    }

    /// In a grid ranked by two measures (``mixedRanking``), which rows each ranks, in a sentence;
    /// `nil` otherwise.
    public var mixedRankingNote: String? {
        guard mixedRanking else { return nil }
        return "Two measures rank the rows: \(rows(rankedByHoldout: true)), whose runs hold rows out, by median held-out MSE; "
            + "\(rows(rankedByHoldout: false)), whose runs hold none out, by median \(lastLossName) alone, after them: "
            + "a loss over the training rows cannot be compared with an error over held-out ones. "
            + "Each row's best and worst seed are by its own measure."
    }
    /// Runs that converged, and all runs.
    public var convergedCount: Int { configurations.reduce(0) { $0 + $1.converged } }

    /// Reads every run's metrics through `metrics`, in grid order.
    ///
    /// - Parameter metrics: the metrics of a run; its error stops the reading and is rethrown.
    public init<E: Error>(grid: SweepGrid, metrics: (SweepRun) throws(E) -> TrainingMetrics) throws(E) {
        self.grid = grid
        var byConfiguration: [[Run]] = Array(repeating: [], count: grid.configurations.count)
        for run in grid.runs {
            let metrics = try metrics(run)
            byConfiguration[run.configurationIndex].append(Run(
                run: run, summary: TrainingSummary(loss: metrics.loss, learningRate: []), loss: metrics.loss,
                trainMSE: metrics.evaluation?.trainMSE, holdoutMSE: metrics.evaluation?.holdoutMSE))
        }
        ranksByHoldout = byConfiguration.joined().contains(where: \.holdsOut)
        lossUnits = TrainingConfiguration.lossUnits(of: grid.runs.map(\.config))
        hasData = grid.runs.contains { $0.config.data != nil }
        let tails = Set(byConfiguration.joined().map(\.summary.lastSteps))
        lastSteps = tails.count == 1 ? tails.first : nil
        var configurations: [Configuration] = []
        for (index, runs) in byConfiguration.enumerated() {
            configurations.append(Self.configuration(
                index: index, label: grid.configurations[index], runs: runs, grid: grid))
        }
        if hasData {
            // First those ranked by held-out MSE, then those ranked by the last loss (measures that
            // cannot be compared), then those with no score of their own measure, in grid order.
            func group(_ configuration: Configuration) -> Int {
                guard (configuration.ranksByHoldout ? configuration.medianHoldoutMSE : configuration.medianLast) != nil else { return 2 }
                return configuration.ranksByHoldout ? 0 : 1
            }
            self.configurations = configurations.sorted { a, b in
                let g = group(a), h = group(b)
                if g != h { return g < h }
                guard g < 2 else { return a.index < b.index }
                let p = (a.ranksByHoldout ? a.medianHoldoutMSE : a.medianLast) ?? .infinity
                let q = (b.ranksByHoldout ? b.medianHoldoutMSE : b.medianLast) ?? .infinity
                if p != q { return p < q }
                let r = a.medianLast ?? .infinity, s = b.medianLast ?? .infinity
                return r != s ? r < s : a.index < b.index
            }
            return
        }
        self.configurations = configurations.sorted { a, b in
            // The share of seeds that converged, compared exactly (a·m against b·n).
            let x = a.converged * b.runs.count, y = b.converged * a.runs.count
            if x != y { return x > y }
            let p = a.medianLast ?? .infinity, q = b.medianLast ?? .infinity
            return p != q ? p < q : a.index < b.index
        }
    }

    private static func configuration(index: Int, label: String, runs: [Run], grid: SweepGrid) -> Configuration {
        let lasts = runs.compactMap(\.summary.meanOfLastSteps).sorted()
        let trainMSEs = runs.compactMap(\.trainMSE).sorted(), holdoutMSEs = runs.compactMap(\.holdoutMSE).sorted()
        // By score, then in seed order: the best is the first of equals, the worst the last. The
        // runs of a configuration share their series and holdout: all of them hold rows out, or none.
        let ranksByHoldout = runs.contains(where: \.holdsOut)
        let score = { (run: Run) in (ranksByHoldout ? run.holdoutMSE : run.summary.meanOfLastSteps) ?? .infinity }
        let ordered = runs.indices.sorted { a, b in
            let x = score(runs[a]), y = score(runs[b])
            return x != y ? x < y : a < b
        }.map { runs[$0] }
        let steps = runs.map(\.loss.count).max() ?? 0
        var middle = [Double?](repeating: nil, count: steps)
        var low = middle, high = middle
        var column: [Double] = []
        for step in 0 ..< steps {
            column.removeAll(keepingCapacity: true)
            for run in runs where step < run.loss.count {
                if let value = run.loss[step], value.isFinite { column.append(Double(value)) }
            }
            guard !column.isEmpty else { continue }
            column.sort()
            middle[step] = Self.median(column)
            low[step] = column.first
            high[step] = column.last
        }
        let values = grid.axes.map { $0.values[indexOfValue(in: $0, for: runs.first?.run, grid: grid)] }
        return Configuration(
            label: label, index: index, values: values, runs: runs, ranksByHoldout: ranksByHoldout,
            converged: runs.filter(\.summary.converged).count,
            lastSteps: runs.map(\.summary.lastSteps).max() ?? 0,
            medianLast: lasts.isEmpty ? nil : Self.median(lasts), minLast: lasts.first, maxLast: lasts.last,
            medianTrainMSE: trainMSEs.isEmpty ? nil : Self.median(trainMSEs),
            medianHoldoutMSE: holdoutMSEs.isEmpty ? nil : Self.median(holdoutMSEs),
            best: ordered.first, worst: ordered.last,
            medianLoss: middle, minLoss: low, maxLoss: high)
    }

    /// The index of `run`'s value on `axis`: the grid varies the last axis fastest.
    private static func indexOfValue(in axis: SweepAxis, for run: SweepRun?, grid: SweepGrid) -> Int {
        guard let run, let position = grid.axes.firstIndex(of: axis) else { return 0 }
        let inner = grid.axes[(position + 1)...].reduce(1) { $0 * $1.values.count }
        return run.configurationIndex / inner % axis.values.count
    }

    /// The median of sorted values: the middle one, or the mean of the two middle ones.
    static func median(_ sorted: [Double]) -> Double {
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
