import Foundation
import RNNCore

/// libFuzzer's entry point: `bytes` is a `--config` file.
///
/// The file is read as `--config` reads it: checked as strict JSON, then decoded. Checking, decoding
/// and validating must end in a value or an error, never a trap. Text that passes the strict check
/// must pass it with Python's words allowed too (as a metrics file is checked), and a configuration
/// that decodes must survive a round trip: encoded and decoded again, it is the same configuration.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    let withWords = Result { () throws(StrictJSONError) in try StrictJSON.check(data, allowingPythonWords: true) }
    do throws(StrictJSONError) { try StrictJSON.check(data) } catch {
        note("not strict JSON: \(error)")
        return 0
    }
    if case .failure(let error) = withWords {
        preconditionFailure("strict JSON refused once Python's words are allowed: \(error)")
    }
    let configuration: TrainingConfiguration
    do { configuration = try JSONDecoder().decode(TrainingConfiguration.self, from: data) } catch {
        note("refused: \((error as? DecodingError)?.readableDescription ?? "\(error)")")
        return 0
    }
    do { try configuration.validate(); note("valid: \(configuration)") } catch { note("out of range: \(error)") }
    do {
        let again = try JSONDecoder().decode(TrainingConfiguration.self, from: JSONEncoder().encode(configuration))
        precondition(again == configuration, "round trip changed \(configuration) into \(again)")
    } catch {
        preconditionFailure("\(configuration) does not survive a round trip: \(error)")
    }
    return 0
}

/// With `FUZZ_VERBOSE` set, what became of each input (to check seeds, or replay a crash).
let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

func note(_ message: @autoclosure () -> String) {
    if verbose { print(message()) }
}
