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
        /// Runs whose mean loss over the last 50 steps is below 1e-3.
        public var converged: Int
        /// The median, smallest and largest last-50 loss of the runs that have one.
        public var medianLast: Double?
        public var minLast: Double?
        public var maxLast: Double?
        /// The runs with the smallest and the largest last-50 loss (a run without one counts as largest).
        public var best: Run?
        public var worst: Run?
        /// Per step: the median, smallest and largest loss across the seeds (`nil` where no run has one).
        public var medianLoss: [Double?]
        public var minLoss: [Double?]
        public var maxLoss: [Double?]
    }

    public let grid: SweepGrid
    /// The configurations, best first: by the share of their seeds that converged (the most
    /// reliable first), then by median last-50 loss (a configuration without one last), then in
    /// grid order.
    public let configurations: [Configuration]
    /// The best run of the best configuration, if any run has a last-50 loss.
    public var bestRun: Run? { configurations.first?.best.flatMap { $0.summary.meanOfLastSteps == nil ? nil : $0 } }
    /// Runs that converged, and all runs.
    public var convergedCount: Int { configurations.reduce(0) { $0 + $1.converged } }

    /// Reads every run's metrics through `metrics`, in grid order.
    ///
    /// - Parameter metrics: the metrics of a run; its error stops the reading and is rethrown.
    public init<E: Error>(grid: SweepGrid, metrics: (SweepRun) throws(E) -> TrainingMetrics) throws(E) {
        self.grid = grid
        var byConfiguration: [[Run]] = Array(repeating: [], count: grid.configurations.count)
        for run in grid.runs {
            let loss = try metrics(run).loss
            byConfiguration[run.configurationIndex].append(
                Run(run: run, summary: TrainingSummary(loss: loss, learningRate: []), loss: loss))
        }
        var configurations: [Configuration] = []
        for (index, runs) in byConfiguration.enumerated() {
            configurations.append(Self.configuration(index: index, label: grid.configurations[index], runs: runs, grid: grid))
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
        // By last-50 loss, then in seed order: the best is the first of equals, the worst the last.
        let ordered = runs.indices.sorted { a, b in
            let x = runs[a].summary.meanOfLastSteps ?? .infinity, y = runs[b].summary.meanOfLastSteps ?? .infinity
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
            label: label, index: index, values: values, runs: runs,
            converged: runs.filter(\.summary.converged).count,
            medianLast: lasts.isEmpty ? nil : Self.median(lasts), minLast: lasts.first, maxLast: lasts.last,
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
