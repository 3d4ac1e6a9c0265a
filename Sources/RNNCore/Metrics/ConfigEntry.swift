/// One key of a metrics file's `config` object, as the file wrote it.
///
/// A report of a run made elsewhere shows the configuration as given, keys rnnreport does not know
/// included, so an entry keeps the value's JSON text rather than a parsed value: `0.005`, `"gru"`,
/// `["force"]`, `NaN`.
public struct ConfigEntry: Equatable, Sendable {
    /// The key, unescaped (`hidden_size`).
    public var key: String
    /// The value's JSON text, exactly as written (a string keeps its quotes).
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
