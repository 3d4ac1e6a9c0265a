import Foundation
import RNNCore

/// libFuzzer's entry point: `bytes` is a metrics.json file, as `plot --metrics` reads it.
///
/// Reading must end in metrics or an error, never a trap. Metrics that read and can be written must
/// write canonical bytes: written, read back and written again, they give the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let metrics: TrainingMetrics
    do { metrics = try TrainingMetrics(jsonData: Data(bytes: bytes, count: count)) } catch {
        note("refused: \(error)")
        return 0
    }
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
