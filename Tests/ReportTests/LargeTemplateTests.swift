import Foundation
@testable import Report
import Testing

/// Templates of a megabyte parse and render as small ones do, in time proportional to their
/// length (swift-mustache alone takes minutes: see ``TemplatePieces``), and a page larger than
/// ``ReportTemplate/pageSizeLimit`` is refused.
@Suite("Large templates and pages")
struct LargeTemplateTests {
    static let line = "<p>{{title}}</p>\n"
    /// Lines of `line` in a little more than 1 MiB.
    static let lineCount = (1 << 20) / line.utf8.count + 1

    static func page(title: String, figures: Int = 1, svg: String = ReportTemplateTests.svg) -> ReportPage {
        var page = ReportTemplateTests.hostilePage()
        page.title = title
        page.figures = (0..<figures).map { index in
            var figure = page.figures[0]
            figure.stem = index == 0 ? "a<1>" : "f\(index)"
            figure.svg = svg
            return figure
        }
        return page
    }

    // MARK: - Time

    // Each would take minutes if parsing were quadratic in the length of the template.

    @Test("a 1 MB template of <p>{{title}}</p> lines renders every title", .timeLimit(.minutes(1)))
    func megabyteOfTitles() throws {
        let source = String(repeating: Self.line, count: Self.lineCount)
        #expect(source.utf8.count > 1 << 20)
        let template = try ReportTemplate(source: source, origin: "big.mustache")
        // Parsed in pieces of about 512 bytes, not as one text.
        #expect(template.pieceCount > 100)

        let html = try template.render(Self.page(title: "A & <B>"))
        let expected = Array(repeating: "<p>A &amp; &lt;B&gt;</p>\n", count: Self.lineCount).joined()
        #expect(html.components(separatedBy: "<p>A &amp; &lt;B&gt;</p>\n").count - 1 == Self.lineCount)
        #expect(html == expected)
    }

    @Test("a 1 MB template of sections, comments, new delimiters and a content type renders as it says",
          .timeLimit(.minutes(1)))
    func megabyteOfEverything() throws {
        // Standalone lines print nothing of themselves; the second half has `<% %>` for
        // delimiters and writes values as they are.
        let block = "{{#figures}}\n  <li>{{stem}}</li>\n{{/figures}}\n{{! a comment\n  over two lines }}\n<hr>\n"
        let blocks = (1 << 19) / block.utf8.count
        let raw = "<%title%> {{title}}\n"
        let raws = (1 << 19) / raw.utf8.count
        let source = String(repeating: block, count: blocks) + "{{=<% %>=}}\n<%%CONTENT_TYPE:TEXT%>\n"
            + String(repeating: raw, count: raws)
        let template = try ReportTemplate(source: source, origin: "big.mustache")
        #expect(template.pieceCount > 100)

        let html = try template.render(Self.page(title: "A & <B>", figures: 2))
        let expected = Array(repeating: "  <li>a&lt;1&gt;</li>\n  <li>f1</li>\n<hr>\n", count: blocks).joined()
            + Array(repeating: "A & <B> {{title}}\n", count: raws).joined()
        #expect(html == expected)
    }

    // MARK: - Errors

    /// The line, column, line's text and problem of a syntax error.
    static func syntaxError(_ source: String) -> (Int, Int, String, String)? {
        do {
            _ = try ReportTemplate(source: source, origin: "big.mustache")
            return nil
        } catch {
            guard case let .syntax(origin, line, column, text, problem) = error, origin == "big.mustache" else { return nil }
            return (line, column, text, problem)
        }
    }

    @Test("a syntax error in a 1 MB template is reported at its line and column", .timeLimit(.minutes(1)), arguments: [
        3, 40_000, lineCount,
    ])
    func errorInMegabyte(at number: Int) throws {
        let broken = "<p>{{title</p>"
        // Where swift-mustache reports the error of the line alone.
        let alone = try #require(TemplatePiecesTests.libraryError(broken + "\n"))
        #expect(alone.0 == 1 && alone.2 == broken)

        var lines = Array(repeating: Self.line, count: Self.lineCount)
        lines[number - 1] = broken + "\n"
        let error = try #require(Self.syntaxError(lines.joined()))
        #expect(error == (number, alone.1, broken, alone.3))

        // The same with CRLF line ends: the same line and column.
        let crlf = lines.map { $0.dropLast() + "\r\n" }.joined()
        let crlfError = try #require(Self.syntaxError(crlf))
        #expect((crlfError.0, crlfError.1, crlfError.2) == (number, alone.1, broken))
    }

    @Test("a section left open at the end of a 1 MB template is reported at the end", .timeLimit(.minutes(1)))
    func unclosedAtEnd() throws {
        let source = String(repeating: Self.line, count: Self.lineCount) + "{{#figures}}\n<p>{{stem}}</p>\n"
        let error = try #require(Self.syntaxError(source))
        #expect(error == (Self.lineCount + 3, 1, "", "a section is not closed"))
    }

    // MARK: - Size of the page

    /// Seven sections over the figures, one inside the other, around the SVG: 177 bytes.
    static let nested = String(repeating: "{{#figures}}", count: 7) + "{{{svg}}}" + String(repeating: "{{/figures}}", count: 7)

    @Test("a template whose sections repeat the figures seven deep is refused, with what it is")
    func nestedSectionsRefused() throws {
        let template = try ReportTemplate(source: Self.nested, origin: "nested.mustache")
        // 6⁷ SVGs of 300 bytes: 84 MB.
        let page = Self.page(title: "t", figures: 6, svg: String(repeating: "<g/>", count: 75))
        #expect {
            try template.render(page)
        } throws: { error in
            guard error as? ReportTemplateError == .pageTooLarge(origin: "nested.mustache", limit: ReportTemplate.pageSizeLimit)
            else { return false }
            let message = "\(error)"
            return message.contains("nested.mustache") && message.contains("64 MiB") && message.contains("figures")
        }
        // Two deep, the same page is 36 SVGs.
        let twoDeep = try ReportTemplate(source: "{{#figures}}{{#figures}}{{{svg}}}{{/figures}}{{/figures}}", origin: "two")
        #expect(try twoDeep.render(page).utf8.count == 36 * 300)
    }

    @Test("the limit is 64 MiB, and a page of exactly the limit is written")
    func limit() throws {
        #expect(ReportTemplate.pageSizeLimit == 64 * 1024 * 1024)
        let template = try ReportTemplate(source: String(repeating: "{{title}}\n", count: 5000), origin: "lines", pieceSize: 64)
        let page = Self.page(title: "0123456789")
        let size = 5000 * 11
        #expect(try template.render(page, limit: size).utf8.count == size)
        #expect(throws: ReportTemplateError.pageTooLarge(origin: "lines", limit: size - 1)) {
            try template.render(page, limit: size - 1)
        }
        #expect("\(ReportTemplateError.pageTooLarge(origin: "lines", limit: 1000))".contains("1000 bytes"))
    }

    // MARK: - Depth and work

    @Test("sections nested deeper than 100 are refused at the section that goes too deep, before swift-mustache's parse overflows its stack",
          .timeLimit(.minutes(1)), arguments: [101, 3000])
    func tooDeep(depth: Int) throws {
        let source = "<p>\n" + String(repeating: "{{#figures}}", count: depth) + String(repeating: "{{/figures}}", count: depth)
        let error = try #require(Self.syntaxError(source))
        #expect(error.0 == 2 && error.1 == 1 + 12 * 100, "\(error)")
        #expect(error.3 == "sections are nested more than 100 deep")
        // The line is shown cut short.
        #expect(error.2.count == depth * 24 && "\(ReportTemplateError.syntax(origin: "o", line: 2, column: 1, text: error.2, problem: "p"))".hasSuffix("…"))
        // 100 deep parses.
        #expect(Self.syntaxError(String(repeating: "{{#figures}}", count: 100) + String(repeating: "{{/figures}}", count: 100)) == nil)
    }

    @Test("a user's template whose sections repeat inside sections that repeat is refused for its work, in moments; the built-in ones have no bound",
          .timeLimit(.minutes(1)))
    func tooMuchWork() throws {
        // 6¹⁰ (60 million) stems to look up, a few bytes each: a small page, hours of work.
        let source = String(repeating: "{{#figures}}", count: 10) + "{{stem}}" + String(repeating: "{{/figures}}", count: 10)
        let template = try ReportTemplate(source: source, origin: "work.mustache")
        let page = Self.page(title: "t", figures: 6)
        #expect(throws: ReportTemplateError.tooMuchWork(origin: "work.mustache", lookups: ReportTemplate.lookupLimit)) {
            try template.render(page)
        }
        #expect("\(ReportTemplateError.tooMuchWork(origin: "w", lookups: 4_000_000))".contains("more than 4000000 values"))
        // Within the budget, the page is whole: 6⁴ stems, each looked up once.
        let four = try ReportTemplate(source: String(repeating: "{{#figures}}", count: 4) + "{{stem}}"
            + String(repeating: "{{/figures}}", count: 4), origin: "four")
        #expect(try four.render(page).count(where: { $0 == "f" }) == 6 * 6 * 6 * 6 * 5 / 6)
        // The same template as rnnreport's own counts nothing.
        let own = try ReportTemplate(source: String(repeating: "{{#figures}}", count: 4) + "{{stem}}"
            + String(repeating: "{{/figures}}", count: 4), origin: "own", budgeted: false)
        #expect(try own.render(context: page.templateContext, limit: ReportTemplate.pageSizeLimit) == (try four.render(page)))
    }

    @Test("a template that ends inside a tag says so, not 'overflow'")
    func endsInsideTag() throws {
        let error = try #require(Self.syntaxError("<h1>{{{title}}"))
        #expect(error.3 == "a tag is not closed before the end of the text", "\(error)")
    }
}
