@testable import Report
import Testing

@Suite("Markdown tables")
struct MarkdownTableTests {
    @Test("a header, a delimiter row with right-aligned numbers, and one line per row")
    func layout() {
        let table = MarkdownTable(header: ["run", "loss"], alignments: [.left, .right], rows: [["a", "0.1"], ["b", "0.2"]])
        #expect(table.text == "| run | loss |\n| --- | ---: |\n| a | 0.1 |\n| b | 0.2 |\n")
    }

    @Test("a pipe or a line break in a cell cannot break the table; short rows are padded")
    func escaping() {
        let table = MarkdownTable(header: ["run", "source"], rows: [["a|b", "line\nbreak"], ["c"]])
        #expect(table.text == "| run | source |\n| --- | --- |\n| a\\|b | line break |\n| c |  |\n")
    }
}
