import Foundation
import Safetensors

/// libFuzzer's entry point: `bytes` is the JSON header of a safetensors file, without its length.
///
/// Random bytes rarely make a whole file whose header length, header and data agree, so this target
/// writes the length and the data itself: it reads the header with no data after it, and while the
/// reader answers that a tensor's offsets run past the end, gives it zero bytes up to that end
/// (at most 64 KiB) and reads again, so that a header whose offsets agree is read through to the
/// tensors' values. Reading must end in a file or an error, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let header = Data(bytes: bytes, count: count)
    var dataSize = 0
    for _ in 0..<16 {
        var file = Data()
        withUnsafeBytes(of: UInt64(count).littleEndian) { file.append(contentsOf: $0) }
        file.append(header)
        file.append(Data(count: dataSize))
        do {
            let read = try SafetensorsFile(data: file)
            note("read with \(dataSize) bytes of data: \(read.tensors.count) tensors")
            return 0
        } catch .offsetsOutOfBounds(_, _, let end, _) where end > dataSize && end <= 1 << 16 {
            dataSize = end
        } catch {
            note("refused with \(dataSize) bytes of data: \(error)")
            return 0
        }
    }
    note("gave up after 16 reads")
    return 0
}

/// With `FUZZ_VERBOSE` set, what became of each input (to check seeds, or replay a crash).
let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

func note(_ message: @autoclosure () -> String) {
    if verbose { print(message()) }
}
