import Foundation

/// Reads comma-separated values (RFC 4180) record by record, with the line each record starts on.
///
/// Fields are separated by commas and records by `\n`, `\r\n` or `\r`. A field in double quotes may
/// hold commas, line breaks and doubled quotes (`""` for `"`). Empty lines are skipped, as Python's
/// `csv.DictReader` skips them, and a UTF-8 byte-order mark at the start is ignored. Anything else
/// (a quote inside an unquoted field, text after a closing quote, a quoted field that is never
/// closed, bytes that are not UTF-8) is an error naming its line and field. Nothing recurses and
/// every byte is bounds checked, so no input traps.
public enum CSVRecords {
    /// Calls `body` with each record's fields and the line (from 1) it starts on.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - body: called once per record, in order; it may throw to stop.
    /// - Throws: ``SeriesError`` for malformed text, or what `body` throws.
    public static func forEach(
        in data: Data, _ body: (_ fields: [String], _ line: Int) throws(SeriesError) -> Void
    ) throws(SeriesError) {
        let result: Result<Void, SeriesError> = data.withUnsafeBytes { raw in
            do throws(SeriesError) {
                try read(raw.bindMemory(to: UInt8.self), body)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    private static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (_ fields: [String], _ line: Int) throws(SeriesError) -> Void
    ) throws(SeriesError) {
        var scanner = CSVScanner(bytes)
        var fields: [CSVField] = []
        var texts: [String] = []  // one array for every record, as long as `body` keeps none
        while let line = scanner.nextRecord() {
            try scanner.record(into: &fields)
            texts.removeAll(keepingCapacity: true)
            for field in fields { texts.append(scanner.text(field)) }
            try body(texts, line)
        }
    }
}
