import Foundation
import RNNCore

/// libFuzzer's entry point: `bytes` is a `--data` file.
///
/// Reading must end in records or an error naming a line, never a trap. When the file reads, the
/// first column is taken as the input and the last as the target, as a run would take them, and
/// the series is standardised and windowed (time step 2, a quarter held out): that too must end in
/// a series or an error. What it produces must hold: each row's line that of its record, each
/// value its field's as `Double(String)` reads it, every value finite, the windows within the
/// training rows.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    var header: [String]?
    var recordCount = 0
    var lastLine = 0
    var recordLines: [Int] = []
    var records: [[String]] = []
    do {
        try CSVRecords.forEach(in: data) { fields, line in
            precondition(!fields.isEmpty, "a record without fields")
            precondition(line > lastLine, "record lines out of order: \(line) after \(lastLine)")
            lastLine = line
            recordLines.append(line)
            records.append(fields)
            if header == nil { header = fields }
            recordCount += 1
        }
    } catch {
        precondition(error.line.map { $0 >= 1 } ?? true, "an error on line \(String(describing: error.line))")
        note("refused: \(error)")
        return 0
    }
    guard let header, let first = header.first, let last = header.last else { return 0 }
    let series: DataSeries
    do { series = try DataSeries(csv: data, input: [first], target: last) } catch {
        note("not a series: \(error)")
        return 0
    }
    precondition(series.rowCount == recordCount - 1, "\(series.rowCount) rows from \(recordCount) records")
    precondition(series.lines.elementsEqual(recordLines.dropFirst()), "rows' lines \(Array(series.lines)) of records on \(recordLines)")
    // Each value as Double(String) reads its field's text, to the bit.
    for (row, fields) in records.dropFirst().enumerated() {
        for (field, value) in [(fields[0], series.inputs[row]), (fields[fields.count - 1], series.target[row])] {
            let text = field.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            precondition(Double(text)?.bitPattern == value.bitPattern, "\(field) read as \(value)")
        }
    }
    precondition(series.inputs.allSatisfy(\.isFinite) && series.target.allSatisfy(\.isFinite), "a value that is not finite")
    precondition(series.firstRows.count == min(series.rowCount, DataSeries.previewCount))
    for normalize in [false, true] {
        do {
            let windows = try SeriesWindows(series: series, holdout: 0.25, normalize: normalize, timeStep: 2)
            precondition(windows.windowCount >= 1 && windows.windowCount * 2 <= windows.trainingRows)
            precondition(windows.trainingRows <= series.rowCount)
            precondition(windows.inputs.allSatisfy(\.isFinite) && windows.target.allSatisfy(\.isFinite))
            note("series of \(series.rowCount) rows, \(windows.windowCount) windows, normalize \(normalize)")
        } catch {
            note("cannot train on it (normalize \(normalize)): \(error)")
        }
    }
    return 0
}

/// With `FUZZ_VERBOSE` set, what became of each input (to check seeds, or replay a crash).
let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

func note(_ message: @autoclosure () -> String) {
    if verbose { print(message()) }
}
