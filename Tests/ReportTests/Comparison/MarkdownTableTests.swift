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

    @Test("text from a file or a name shows as written: no HTML tag or entity, code span, link or cell end is read in it")
    func text() {
        #expect(Markdown.text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(Markdown.text("rün <b>&\"x'") == "rün &lt;b&gt;&amp;\"x'")
        // An entity stays text: &amp; shows as "&amp;", not "&".
        #expect(Markdown.text("&amp;") == "&amp;amp;")
        // A backslash is itself escaped, so that the one before "|" still escapes it.
        #expect(Markdown.text(#"a\|b `c` [d](e)"#) == #"a\\\|b \`c\` \[d](e)"#)
        #expect(Markdown.text("cos(t), hidden_size 32") == "cos(t), hidden_size 32")
        // Emphasis and strikethrough cannot start or end in a name; a "_" inside a word cannot
        // either, and stays bare.
        #expect(Markdown.text("_v2_ *best* ~~old~~") == #"\_v2\_ \*best\* \~\~old\~\~"#)
        #expect(Markdown.text("run_a _b c_ d__e") == #"run_a \_b c\_ d\_\_e"#)
        #expect(Markdown.text("_") == #"\_"#)
        // In a table, every cell is text.
        #expect(MarkdownTable(header: ["run"], rows: [["<b>x</b>"]]).text == "| run |\n| --- |\n| &lt;b&gt;x&lt;/b&gt; |\n")
    }

    @Test("a code span shows its text as written: HTML is not read there, and a backtick in the text takes a longer fence")
    func code() {
        #expect(Markdown.code("lr0.005") == "`lr0.005`")
        // Inside a code span nothing is escaped: &lt; would show as "&lt;".
        #expect(Markdown.code("data a<b>&c.csv") == "`data a<b>&c.csv`")
        // One backtick in the text: a fence of two; two in a row: a fence of three.
        #expect(Markdown.code("a`b") == "``a`b``")
        #expect(Markdown.code("a``b`c") == "```a``b`c```")
        // A backtick at either end is kept apart from the fence by a space, which CommonMark strips.
        #expect(Markdown.code("`x") == "`` `x ``")
        #expect(Markdown.code("x`") == "`` x` ``")
        // So is a text that starts and ends with a space, whose spaces CommonMark would strip.
        #expect(Markdown.code(" x ") == "`  x  `")
        #expect(Markdown.code("a\nb") == "`a b`")
        #expect(Markdown.code("") == "` `")
        // A | ends a table's cell even in a code span, and \| is read as |; outside a table it is as written.
        #expect(Markdown.code("a|b") == "`a|b`")
        #expect(Markdown.code("a|b", inTable: true) == #"`a\|b`"#)
        // A backslash before | cannot be written in a table's code span: the text is given as text.
        #expect(Markdown.code(#"a\|b"#, inTable: true) == #"a\\\|b"#)
    }
}
