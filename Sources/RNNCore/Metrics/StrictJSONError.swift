/// Where a JSON text stops being strict JSON, and why.
///
/// Its ``description`` is the place and the problem, `line 3, column 18: the key "steps" is given
/// twice in base (first at line 2, column 18)`, for a message that names the file before it.
public struct StrictJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The line of the first byte that is wrong, from 1.
    public var line: Int
    /// Its column, from 1, counted in bytes.
    public var column: Int
    /// What is wrong there.
    public var reason: String

    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        "line \(line), column \(column): \(reason)"
    }
}
