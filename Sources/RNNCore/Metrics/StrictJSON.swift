import Foundation

/// Checks a JSON file before Foundation's `JSONDecoder` reads it: a `--config` file, a metrics file
/// read as one, a sweep's `sweep.json`.
///
/// `JSONDecoder` is loose where a file of settings must not be: of a key given twice it keeps one
/// value and says nothing, it takes a comma before `}` or `]`, and it refuses a number beyond the
/// range of a `Double` as "not valid JSON", without saying where. ``check(_:allowingPythonWords:)``
/// refuses all three, and anything else that is not JSON, with the line and column of the first
/// problem. It is the scan that metrics files go through before Foundation reads them, with
/// duplicate keys looked for as well.
public enum StrictJSON {
    /// Checks that `data` is one JSON value (RFC 8259, no JSON5), white space around it allowed, in
    /// which no object gives a key twice and every number is within the range of a `Double`.
    ///
    /// Keys are compared once unescaped, as Swift strings (`"a"` and `"\u0061"` are the same key,
    /// as they are to `JSONDecoder`). A message names a key as the file writes it, with the keys
    /// and array positions that lead to it (`base.steps`, `runs[2].config`).
    ///
    /// - Parameters:
    ///   - data: the whole file.
    ///   - allowingPythonWords: whether `NaN`, `Infinity` and `-Infinity` are taken as values, as
    ///     Python's `json.dump` writes them in a metrics file's series.
    /// - Throws: ``StrictJSONError`` at the first problem.
    public static func check(_ data: Data, allowingPythonWords: Bool = false) throws(StrictJSONError) {
        try PythonJSONScanner.check(data, allowingPythonWords: allowingPythonWords)
    }

    /// The text of a JSON file: `data` without the UTF-8 byte-order mark (`EF BB BF`) it may
    /// start with, as some Windows editors save one.
    ///
    /// JSON text has no byte-order mark, but RFC 8259 (section 8.1) lets a reader ignore one, and
    /// the CSV reader does: every JSON file rnnreport reads (a `--config` file, a metrics file, a
    /// sweep's `sweep.json`) goes through this first, so that all its readers (this check,
    /// ``MetricsJSONReader``, Foundation) see the same bytes, and a line and column count from
    /// the text after the mark.
    public static func withoutByteOrderMark(_ data: Data) -> Data {
        // A copy, not a slice: a slice keeps the file's indices, so that its first byte would be
        // at 3 for whatever reads it next.
        data.starts(with: [0xEF, 0xBB, 0xBF]) ? Data(data.dropFirst(3)) : data
    }
}
