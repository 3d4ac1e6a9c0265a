import Foundation
import Safetensors

/// libFuzzer's entry point: `bytes` is a whole safetensors file, as `--init-weights` reads it.
///
/// Reading must end in a file or an error, never a trap. A file that reads must also survive the
/// round trip that ``SafetensorsFile`` promises: written and read back, it has the same names,
/// shapes, metadata and value bits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let file: SafetensorsFile
    do { file = try SafetensorsFile(data: Data(bytes: bytes, count: count)) } catch {
        note("refused: \(error)")
        return 0
    }
    note("read: \(file.tensors.count) tensors, \(file.metadata.count) metadata")
    checkRoundTrip(file)
    return 0
}

/// Traps, naming the difference, unless `file` written and read back is the same file.
func checkRoundTrip(_ file: SafetensorsFile) {
    let again: SafetensorsFile
    do { again = try SafetensorsFile(data: file.serialized()) } catch {
        preconditionFailure("a file that was read cannot be read back once written: \(error)")
    }
    precondition(again.metadata == file.metadata, "metadata \(file.metadata) read back as \(again.metadata)")
    precondition(again.tensors.count == file.tensors.count,
                 "\(file.tensors.count) tensors read back as \(again.tensors.count)")
    for (tensor, back) in zip(file.tensors, again.tensors) {
        precondition(back.name == tensor.name && back.shape == tensor.shape,
                     "tensor \(tensor.name) \(tensor.shape) read back as \(back.name) \(back.shape)")
        precondition(back.values.map(\.bitPattern) == tensor.values.map(\.bitPattern),
                     "the values of \(tensor.name) changed in a round trip")
    }
}

/// With `FUZZ_VERBOSE` set, what became of each input (to check seeds, or replay a crash).
let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

func note(_ message: @autoclosure () -> String) {
    if verbose { print(message()) }
}
