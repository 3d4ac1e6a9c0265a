import Foundation
import RNNCore

/// libFuzzer's entry point: `bytes` is a metrics.json file, as `plot --metrics` and
/// `generate --metrics` read it (and `--config`, for its `config` object).
///
/// Reading must end in metrics or an error, never a trap, and so must taking the `config` object
/// out for `--config`; a file that reads has a `config` for `--config` exactly when it has one as
/// written. Metrics that read and can be written must write canonical bytes: written, read back
/// and written again, they give the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    // A `config` that is not an object is refused for --config; the report reads it as absent
    // (`null`) or refuses the file.
    let embedded: Data?
    do { embedded = try MetricsDocument.configJSON(in: data) } catch {
        note("config refused for --config: \(error)")
        embedded = nil
    }
    let document: MetricsDocument
    do { document = try MetricsDocument(jsonData: data) } catch {
        note("refused: \(error)")
        return 0
    }
    precondition((embedded != nil) == (document.config != nil), "--config and the report disagree on the config")
    let metrics = document.metrics
    note("read: \(metrics.completedSteps) steps")
    // Writing may refuse what JSON cannot hold (a NaN in `config`, which JSON5 reads); what it
    // writes must read back to the same bytes.
    let written: Data
    do { written = try metrics.jsonData() } catch {
        note("cannot be written: \(error)")
        return 0
    }
    do {
        let again = try TrainingMetrics(jsonData: written).jsonData()
        precondition(again == written, "metrics written, read back and written again changed")
    } catch {
        preconditionFailure("metrics that were written cannot be read back and written: \(error)")
    }
    return 0
}

/// With `FUZZ_VERBOSE` set, what became of each input (to check seeds, or replay a crash).
let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

func note(_ message: @autoclosure () -> String) {
    if verbose { print(message()) }
}
