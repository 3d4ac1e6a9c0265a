/// What is wrong with a CSV series, and where: the line of the file and the column.
///
/// The file's name is not part of it: whoever read the file adds it (``description`` reads
/// "line 7, column "force": "abc" is not a number").
public struct SeriesError: Error, Equatable, CustomStringConvertible {
    /// The line of the file (from 1, the header's), or `nil` when the problem is not on one line.
    public var line: Int?
    /// The column's name from the header, when known.
    public var column: String?
    /// The field's position in its record (from 1), when the column has no name yet.
    public var field: Int?
    /// The problem, in a sentence without the place.
    public var problem: String

    public init(line: Int? = nil, column: String? = nil, field: Int? = nil, problem: String) {
        self.line = line
        self.column = column
        self.field = field
        self.problem = problem
    }

    /// "line 7, column "force": …", or just the problem when it has no place.
    public var description: String {
        var place: [String] = []
        if let line { place.append("line \(line)") }
        if let column {
            place.append("column \"\(column)\"")
        } else if let field {
            place.append("field \(field)")
        }
        return place.isEmpty ? problem : place.joined(separator: ", ") + ": " + problem
    }
}
