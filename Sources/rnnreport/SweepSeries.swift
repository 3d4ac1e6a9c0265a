import Foundation
import RNNCore
import Report

/// The CSV series of a sweep's runs: each distinct one (the columns, holdout, normalisation and
/// window length of the one file) read, checked and windowed once, before any run starts, and
/// shared by the runs that train on it.
struct SweepSeries: Sendable {
    /// The windows of each distinct series, by ``key(of:)``.
    private let windows: [String: SeriesWindows]

    /// Reads the series of every run of `runs` from the file at `path` (read once).
    ///
    /// - Parameters:
    ///   - path: the file as the user named it (`--data`, or `data` in the `--config` file), or
    ///     `nil` for a sweep on sin→cos.
    ///   - config: the `--config` file that named the series, when `--data` did not.
    /// - Throws: `CommandError` as `train` does: the file cannot be read (66), or its content is
    ///   wrong for one of the runs' settings (65, naming the file, line and column).
    init(runs: [SweepRun], path: String?, namedBy config: String? = nil) throws {
        guard let path, runs.contains(where: { $0.config.data != nil }) else {
            windows = [:]
            return
        }
        let bytes = try SeriesFile.contents(at: path, namedBy: config)
        var windows: [String: SeriesWindows] = [:]
        for run in runs where run.config.data != nil {
            let key = Self.key(of: run.config)
            if windows[key] == nil {
                windows[key] = try SeriesFile.windows(at: path, bytes: bytes, for: run.config) { Self.targetListHint($0, config: run.config) }
            }
        }
        self.windows = windows
    }

    /// The hint for a target with a comma that the file has no column of: a sweep's `--target`
    /// list separates its values with `;` (as `--input`'s, whose sets are comma lists), so
    /// `--target a,b` is the one column `a,b`; `nil` for any other problem.
    static func targetListHint(_ error: SeriesError, config: TrainingConfiguration) -> String? {
        guard let target = config.target, target.contains(","), error.column == target, error.problem.hasPrefix("no such column") else {
            return nil
        }
        let list = target.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ";")
        return "a sweep's --target list separates its values with ';', not ',' (--target '\(list)' sweeps each of those columns)"
    }

    /// The number of distinct series.
    var count: Int { windows.count }

    /// The windows a run with `config` trains on; `nil` for sin→cos.
    func windows(for config: TrainingConfiguration) -> SeriesWindows? {
        config.data == nil ? nil : windows[Self.key(of: config)]
    }

    /// What makes two runs' series different: the settings that go into reading and windowing it.
    private static func key(of config: TrainingConfiguration) -> String {
        [config.input.joined(separator: ","), config.target ?? "", "\(config.holdout)", "\(config.normalize)", "\(config.timeStep)"]
            .joined(separator: "\u{1F}")
    }
}
