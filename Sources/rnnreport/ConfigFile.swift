import Foundation
import RNNCore

/// The file of `--config`, for `train`, `generate` and `sweep`: a JSON object of settings with
/// the keys of metrics.json's `"config"`, or a metrics file itself, whose `"config"` is used.
enum ConfigFile {
    /// The settings in the file at `path`, not yet validated (flags may still override them).
    ///
    /// The whole file is checked as strict JSON first (``StrictJSON``; a metrics file's series
    /// may hold Python's `NaN`), since JSONDecoder keeps one value of a key given twice and takes
    /// a trailing comma.
    ///
    /// - Throws: `CommandError`: the file cannot be read (66), or is not a file of settings (65,
    ///   naming the file, and the line and column where the check can tell).
    static func read(_ path: String) throws -> TrainingConfiguration {
        // A byte-order mark is ignored, as in every JSON file rnnreport reads.
        let data = StrictJSON.withoutByteOrderMark(try readInput(path, role: "--config file"))
        // A metrics file (a JSON object with a "config" object) gives its "config"; a "config"
        // of another kind is refused once the text is known to be JSON.
        let found = Result { () throws(MetricsError) in try MetricsDocument.configJSON(in: data) }
        let embedded = try? found.get()
        let origin = embedded == nil ? "" : " (a metrics file: its config)"
        let refusal = { (problem: String) in CommandError("--config file \(path)\(origin): \(problem)", status: .badData) }
        // Python's words allowed first, so that the first problem is the one named, whatever the
        // file (finding the "config" of a metrics file gives up on text that is not JSON).
        do { try StrictJSON.check(data, allowingPythonWords: true) } catch { throw refusal("\(error)") }
        if case .failure(.malformed(let problem)) = found { throw refusal(problem) }
        // No setting is ever NaN or infinite: not in a file of settings, nor in a metrics file's
        // config, whose place in the file the check of the config alone cannot tell.
        do { try StrictJSON.check(embedded ?? data) } catch {
            throw refusal(embedded == nil ? "\(error)" : "its \"config\": \(error.reason)")
        }
        do {
            return try JSONDecoder().decode(TrainingConfiguration.self, from: embedded ?? data)
        } catch let error as DecodingError {
            throw refusal(error.readableDescription)
        } catch {
            throw refusal("\(error)")
        }
    }
}
