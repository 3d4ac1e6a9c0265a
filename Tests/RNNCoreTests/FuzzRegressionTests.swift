import Foundation
import RNNCore
import Testing

/// The inputs the fuzzer found that trapped metrics reading (inside Foundation's JSON5 scanner,
/// which reading no longer uses); the same bytes are in Fuzz/Regressions/MetricsJSONFuzzer/.
@Suite("Fuzz regressions: metrics.json")
struct FuzzRegressionTests {
    @Test("each input that once trapped is a clear error", arguments: [
        ("json5-key-not-utf8", [0x7B, 0xF9, 0xFF, 0xFE, 0x1D, 0x12] as [UInt8], "line 1, column 2"),
        ("json5-exponent-without-digits", Array(#"{"config":{},"loss":[0e-]}"#.utf8), "line 1, column"),
    ])
    func regression(name: String, bytes: [UInt8], words: String) {
        do {
            _ = try TrainingMetrics(jsonData: Data(bytes))
            Issue.record("\(name) was read as metrics")
        } catch {
            #expect(error.description.contains(words), "\(name): \(error)")
        }
    }

}
