/// A GitHub-flavoured Markdown table: a header row, a delimiter row and one row per entry.
///
/// Each cell is text, given as ``Markdown/text(_:)`` gives it: no value breaks the table or
/// becomes markup. Columns whose ``Alignment`` is `.right` (numbers) are right-aligned.
public struct MarkdownTable: Sendable, Equatable {
    /// How a column's cells are aligned.
    public enum Alignment: Sendable, Equatable {
        case left
        case right
    }

    public var header: [String]
    public var alignments: [Alignment]
    public var rows: [[String]]

    /// - Parameters:
    ///   - header: the column titles.
    ///   - alignments: one per column; missing ones are `.left`.
    ///   - rows: the cells, row by row; a short row is padded with empty cells.
    public init(header: [String], alignments: [Alignment] = [], rows: [[String]]) {
        self.header = header
        self.alignments = alignments
        self.rows = rows
    }

    /// The table as Markdown text, each line ending in a line break.
    public var text: String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        func line(_ cells: [String]) -> String {
            let padded = cells + Array(repeating: "", count: columns - cells.count)
            return "| " + padded.map(Markdown.text).joined(separator: " | ") + " |\n"
        }
        let delimiters = (0 ..< columns).map { index in
            index < alignments.count && alignments[index] == .right ? "---:" : "---"
        }
        return line(header) + "| " + delimiters.joined(separator: " | ") + " |\n" + rows.map(line).joined()
    }
}
