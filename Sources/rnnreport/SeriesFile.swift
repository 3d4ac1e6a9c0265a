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
    ///   - bytes: the file's content, when read already (a sweep reads each file once).
    ///   - config: the `--config` file that named the series, when `--data` did not.
    ///   - hint: what to add to the message of a problem with the file's content, if anything
    ///     (a sweep's hint that its `--target` list is separated by `;`).
    /// A target that is also an input is warned of, on standard error.
    ///
    /// - Throws: `CommandError`: the file cannot be read (66), or its content is wrong for the
    ///   configuration (65, naming the file, line and column).
    static func windows(
        at path: String, bytes: Data? = nil, namedBy config: String? = nil, for configuration: TrainingConfiguration,
        hint: (SeriesError) -> String? = { _ in nil }
    ) throws -> SeriesWindows {
        let bytes = try bytes ?? contents(at: path, namedBy: config)
        if let target = configuration.target, configuration.input.contains(target) {
            // Allowed (a check that the network can learn the identity), but seldom meant: said
            // even with --quiet, as a run compared twice is.
            printError("warning: --target \(target) is also an --input column, so the network reads the value it is to "
                + "predict at each step; to forecast a column, give its earlier values as a column of their own")
        }
        do {
            let series = try DataSeries(csv: bytes, input: configuration.input, target: configuration.target ?? "")
            return try SeriesWindows(
                series: series, holdout: configuration.holdout, normalize: configuration.normalize,
                timeStep: configuration.timeStep)
        } catch {
            let hint = hint(error).map { "; " + $0 } ?? ""
            throw CommandError("--data file \(path): \(error)\(hint)", status: .badData)
        }
    }

    /// The bytes of the series file at `path`, named by `--data`, or with `config` by the
    /// `--config` file, whose `data` records the file's name without its folder (so that the same
    /// run gives the same bytes wherever it was made): then a message says so, and how to give
    /// the file's path.
    ///
    /// - Throws: `CommandError` (66, no input) naming the file.
    static func contents(at path: String, namedBy config: String?) throws -> Data {
        guard let config else { return try readInput(path, role: "--data file") }
        do { return try readInput(path, role: "the data file that --config \(config) names,") } catch let error as CommandError {
            throw CommandError(
                "\(error.description); the file's name is recorded, not its folder: give its path with --data", status: error.status)
        }
    }
}
