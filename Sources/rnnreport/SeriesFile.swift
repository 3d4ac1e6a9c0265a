import Foundation
import RNNCore

/// Reading a CSV series as `train` reads it, with its messages and exit codes; the one place
/// both `train` and `sweep` read a series.
enum SeriesFile {
    /// The series of `configuration` in the file at `path` (its bytes in `bytes` when already
    /// read), checked and windowed.
    ///
    /// - Parameters:
    ///   - path: the file as the user named it, for the message.
    ///   - role: what named the file, for the message when it cannot be read.
    ///   - bytes: the file's content, when read already (a sweep reads each file once).
    /// - Throws: `CommandError`: the file cannot be read (66), or its content is wrong for the
    ///   configuration (65, naming the file, line and column).
    static func windows(
        at path: String, role: String = "--data file", bytes: Data? = nil, for configuration: TrainingConfiguration
    ) throws -> SeriesWindows {
        let bytes = try bytes ?? readInput(path, role: role)
        do {
            let series = try DataSeries(csv: bytes, input: configuration.input, target: configuration.target ?? "")
            return try SeriesWindows(
                series: series, holdout: configuration.holdout, normalize: configuration.normalize,
                timeStep: configuration.timeStep)
        } catch {
            throw CommandError("--data file \(path): \(error)", status: .badData)
        }
    }

    /// The role of a data file named only by a `--config` file, whose `data` records the file's
    /// name without its folder (so that the same run gives the same bytes wherever it was made):
    /// the message says so, and how to give the file's path.
    static func recordedRole(config: String) -> String {
        "the data file that --config \(config) names (it records the file's name, not its folder: give its path with --data)"
    }
}
