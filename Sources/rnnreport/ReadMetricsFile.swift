import Foundation
import RNNCore

/// Reads the metrics file of `--metrics`, for `plot` and `generate --metrics`, and lists the keys
/// it ignores, once, on standard error (unless `quiet`).
///
/// - Returns: the file as read, and its bytes.
/// - Throws: `CommandError`: no input (66) when the file cannot be read, bad data (65) naming
///   the problem when it is not metrics, or records no step.
func readMetricsFile(_ path: String, quiet: Bool) throws -> (MetricsDocument, Data) {
    let data = try readInput(path, role: "--metrics file")
    let document: MetricsDocument
    do { document = try MetricsDocument(jsonData: data) } catch {
        throw CommandError("--metrics file \(path): \(error)", status: .badData)
    }
    // A report of no step would be an empty figure under an empty summary.
    guard !document.metrics.loss.isEmpty else {
        throw CommandError("--metrics file \(path): it records no training step (its loss is empty): there is nothing to report",
                           status: .badData)
    }
    if !quiet, !document.ignoredKeys.isEmpty {
        printError("--metrics file \(path): ignored keys: \(document.ignoredKeys.joined(separator: ", "))")
    }
    return (document, data)
}
