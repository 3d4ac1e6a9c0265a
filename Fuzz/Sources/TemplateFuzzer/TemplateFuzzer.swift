import Foundation
import Report

/// libFuzzer's entry point: `bytes` is a `--template` file.
///
/// Text that is not UTF-8 is refused before parsing, as ``ReportTemplate/init(contentsOf:)`` refuses
/// it. Parsing must end in a template or an error, never a trap; a template that parses is rendered
/// with a small page whose every kind of value is present. Keep inputs short (`-max_len=4096`):
/// rendering time grows faster than the template's length.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let source = String(data: Data(bytes: bytes, count: count), encoding: .utf8) else {
        note("refused: not UTF-8")
        return 0
    }
    let template: ReportTemplate
    do { template = try ReportTemplate(source: source, origin: "fuzz.mustache") } catch {
        note("refused: \(error)")
        return 0
    }
    do {
        let rendered = try template.render(page)
        note("rendered \(rendered.utf8.count) bytes")
    } catch {
        note("refused: \(error)")  // a page over the size limit
    }
    return 0
}

/// A page with a value of each kind the report's context has: text with markup to escape, a
/// boolean, numbers, optional values present and absent, and lists of zero, one and two items.
let page = ReportPage(
    title: "<Fuzz & \"page\">", architecture: "1-layer tanh RNN of width 4", converged: true,
    verdict: "it's <b>fine</b>",
    summary: [
        .init(label: "final loss", value: "1.2e-4", detail: "mean of the last 50 steps"),
        .init(label: "steps", value: "500"),
    ],
    rateChanges: [.init(step: "120", from: "0.005", to: "0.0025")],
    hyperparameters: [
        .init(key: "hidden_size", flag: "--hidden-size", value: "4", meaning: "width of each layer"),
    ],
    figures: [
        .init(stem: "loss", title: "Loss", caption: "loss <per> step", svg: "<svg viewBox=\"0 0 1 1\"/>",
              svgFile: "loss.svg", pngFile: nil),
        .init(stem: "prediction", title: "Prediction", caption: "", svg: "<svg/>", svgFile: nil,
              pngFile: "prediction.png"),
    ],
    files: [],
    version: "0.0.0-fuzz",
    generated: nil
)

/// With `FUZZ_VERBOSE` set, what became of each input (to check seeds, or replay a crash).
let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

func note(_ message: @autoclosure () -> String) {
    if verbose { print(message()) }
}
