import Foundation
import Mustache
@testable import Report
import Testing

/// A template parsed in pieces (``TemplatePieces``) renders what swift-mustache renders from the
/// whole text, and fails with the same errors at the same places.
@Suite("Template pieces")
struct TemplatePiecesTests {
    /// A template and what it exercises.
    struct Sample: Sendable, CustomTestStringConvertible {
        var about: String
        var source: String
        var testDescription: String { about }
    }

    /// Templates for the rules that hold across lines: standalone lines, sections over several
    /// lines, delimiters and content types that change, comments and tags that span lines, ….
    static let samples: [Sample] = [
        Sample(about: "standalone section lines", source: "Begin\n  {{#figures}}\n  {{stem}}\n  {{/figures}}\nEnd\n"),
        Sample(about: "a section over lines, with text around its tags",
               source: "a {{#figures}}\nx {{title}}\n{{/figures}} b\nc\n"),
        Sample(about: "an opening tag not standalone, its closing tag standalone",
               source: "x{{#converged}}\n{{/converged}}\n  {{#figures}}\n{{stem}}\n  {{/figures}}\n{{^converged}}\n  no\n{{/converged}}\n"),
        Sample(about: "inverted sections", source: "{{^generated}}\nno date\n{{/generated}}\nafter\n{{^figures}}\nnone\n{{/figures}}\n"),
        Sample(about: "comments, standalone, inline and over lines",
               source: "{{! a\ncomment\n}}\nline\n  {{! standalone }}\nmore {{! inline }} text\n{{!\n}}x\n"),
        Sample(about: "delimiters changed at the top",
               source: "{{=<% %>=}}\n<% title %>\n{{title}}\n  <%#figures%>\n<%stem%>\n  <%/figures%>\n<%={{ }}=%>\n{{title}}\n"),
        Sample(about: "delimiters changed inside a section, then restored after it",
               source: "{{#figures}}\n{{=| |=}}\n|stem|\n|/figures|\n{{title}}\n{{#figures}}{{=<< >>=}}<<stem>><</figures>>\n{{title}}\n"),
        Sample(about: "delimiters set twice on a line", source: "{{=[ ]=}}[={{ }}=]{{title}}\n{{title}}\n[title]\n"),
        Sample(about: "partials, standalone and inline (a page has none: empty)",
               source: "  {{>header}}\n{{> footer }}\n text {{>x}} more\n{{>*title}}\n"),
        Sample(about: "inheritance and blocks",
               source: "{{<parent}}\n{{$a}}\nA\n{{/a}}\n{{/parent}}\n{{$b}}\ndefault {{title}}\n{{/b}}\n  {{$c}}x{{/c}}\n"),
        Sample(about: "a content type set at the top holds for what follows",
               source: "{{title}}\n{{%CONTENT_TYPE:TEXT}}\n{{title}}\n{{#figures}}{{title}}{{/figures}}\n{{title}}\n{{% CONTENT_TYPE : HTML }}\n{{title}}\n"),
        Sample(about: "a content type set in a section holds only there",
               source: "{{#figures}}\n{{%CONTENT_TYPE:TEXT}}\n{{title}}\n{{/figures}}\n{{title}}\n"),
        Sample(about: "CRLF line ends",
               source: "a\r\n  {{#figures}}\r\n{{stem}}\r\n  {{/figures}}\r\nb {{title}}\r\n{{! c }}\r\n\r\nd\r\n"),
        Sample(about: "other line breaks after a standalone tag",
               source: "{{#converged}}\u{2028}x\n{{/converged}}\r{{title}}\n{{! c }}\u{0C}y\n{{#figures}}\u{85}{{stem}}\n{{/figures}}\n"),
        Sample(about: "a start delimiter followed by a line end", source: "a{{\nb\n{{title}}\n{{\n"),
        Sample(about: "tags with line ends inside",
               source: "{{\ntitle\n}}\n{{#\nfigures\n}}\n{{stem}}\n{{/figures\n}}\n{{=\n<%\n%>\n=}}\n<%title%>\n"),
        Sample(about: "long delimiters near the ends of lines",
               source: "{{=<%% %%>=}}\na<\nb<%%title%%>\nc<<\n<%%title%%>\n<<%\n<%\n<%%title%%>\n"),
        Sample(about: "text beyond ASCII", source: "é{{title}}ü\n👩‍👩‍👧 {{#figures}}{{stem}}{{/figures}}\n\u{212A}{{\u{212A}}}\nq\u{301}\n"),
        Sample(about: "no line end at the end", source: "{{title}}\nend {{title}}"),
        Sample(about: "blanks and tabs", source: " \t\n\t{{#converged}}\t\n\t\n  {{/converged}}  \n \t{{title}}\t\n"),
        Sample(about: "triple braces and ampersands", source: "{{{svg}}}\n{{& title}}\n  {{{ title }}}  \n"),
        Sample(about: "sequence transforms",
               source: "{{#figures}}\n{{#first()}}\nfirst\n{{/first()}}\n{{index()}}{{#last()}}.{{/last()}}\n{{/figures}}\n"),
        Sample(about: "nested sections, standalone", source: "{{#figures}}\n  {{#converged}}\n    {{stem}}\n  {{/converged}}\n{{/figures}}\n"),
        Sample(about: "empty lines and an empty template", source: "\n\n\n"),
        Sample(about: "variables in a line, and what follows them",
               source: "a{{title}}b{{{svg}}}{{&stem}}{{title}} {{title}}\t{{title}}\n{{title}}{{! c }}\n{{title}}{{#figures}}\n{{/figures}}\n"),
        Sample(about: "variables before characters of several scalars",
               source: "{{title}}x\u{301}{{title}}e\u{301}\n{{title}}\u{1F1EB}\u{1F1F7}{{title}}\u{1F469}\u{200D}\u{1F467}\n"),
        Sample(about: "one long line", source: String(repeating: "<p>{{title}}</p>{{#figures}}<i>{{stem}}</i>{{/figures}}", count: 50)),
        Sample(about: "the built-in template", source: defaultReportTemplate),
    ]

    /// A page with two figures, so that sections repeat.
    static let page: ReportPage = {
        var page = ReportTemplateTests.hostilePage(generated: "2025-11-26")
        var second = page.figures[0]
        second.stem = "b<&>"
        second.svgFile = nil
        page.figures.append(second)
        return page
    }()

    @Test("a template cut at every place it can be renders what swift-mustache renders from the whole", arguments: samples)
    func sameRendering(_ sample: Sample) throws {
        // One context for both: a tag with an empty name writes it, in its dictionary's order.
        let context = Self.page.templateContext
        let whole = try MustacheTemplate(string: sample.source).render(context)
        // Cut at every place it can be, in bigger pieces, and in the usual ones.
        for size in [1, 16, 64, TemplatePieces.defaultSize] {
            let template = try ReportTemplate(source: sample.source, origin: sample.about, pieceSize: size)
            #expect(try template.render(context: context) == whole, "pieces of \(size) bytes")
        }
    }

    @Test("the samples are cut: most are parsed in several pieces")
    func samplesAreCut() throws {
        // Those that are one section, or have one line, are not.
        let cut = try Self.samples.filter { try ReportTemplate(source: $0.source, origin: "", pieceSize: 1).pieceCount > 1 }
        #expect(cut.count >= Self.samples.count - 4, "\(Set(Self.samples.map(\.about)).subtracting(cut.map(\.about)))")
    }

    @Test("where a piece may end, and what it starts with: at the start of a line")
    func placesToCut() {
        let text = "a\n{{#figures}}\nb\n{{/figures}}\n{{=<% %>=}}\n<%%CONTENT_TYPE:TEXT%>\nc\n"
        let pieces = TemplatePieces.split(text, size: 1)
        #expect(pieces.map { text[$0.range] } == ["a\n", "{{#figures}}\nb\n{{/figures}}\n", "{{=<% %>=}}\n", "<%%CONTENT_TYPE:TEXT%>\n", "c\n"])
        #expect(pieces.map(\.prefix) == ["", "", "", "{{=<% %>=}}\n", "{{%CONTENT_TYPE:TEXT}}\n{{=<% %>=}}\n"])
        // All of it, in order.
        #expect(pieces.first?.range.lowerBound == text.startIndex && pieces.last?.range.upperBound == text.endIndex)
        #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound })
        // Pieces of at least 13 bytes.
        #expect(TemplatePieces.split(text, size: 13).map { text[$0.range] }
                    == ["a\n{{#figures}}\nb\n{{/figures}}\n", "{{=<% %>=}}\n<%%CONTENT_TYPE:TEXT%>\n", "c\n"])
    }

    @Test("where a piece may end, and what it starts with: after a variable, in a line")
    func placesToCutInLines() {
        // Not after tags that look at the rest of the line (a comment, a section's end), nor
        // before a blank or the line's end.
        let text = "a{{title}}b{{{title}}}{{&title}}{{! c }}x{{#figures}}y{{/figures}}z{{title}} {{title}}\n{{=<% %>=}}<%x%>y"
        let pieces = TemplatePieces.split(text, size: 1)
        #expect(pieces.map { text[$0.range] }
                    == ["a{{title}}", "b{{{title}}}", "{{&title}}", "{{! c }}x{{#figures}}y{{/figures}}z{{title}} {{title}}\n",
                        "{{=<% %>=}}<%x%>", "y"])
        #expect(pieces.map(\.prefix) == ["", "{{!}}", "{{!}}", "{{!}}", "", "{{=<% %>=}}\n<%!%>"])
    }

    @Test("an opening tag not standalone leaves its closing line not a place to cut")
    func notAtLineStart() {
        // After `{{/a}}\n`, swift-mustache does not see a line start (the opening tag was not
        // standalone): `  {{#b}}` there is not standalone either, and no piece may start there.
        let text = "x{{#a}}\n{{/a}}\n  {{#b}}\n{{/b}}\nend\n"
        let starts = TemplatePieces.split(text, size: 1).map { text[$0.range].prefix(4) }
        #expect(!starts.contains("  {{"))
    }

    // MARK: - Errors

    @Test("a syntax error is reported at the place swift-mustache reports it", arguments: [
        "a\nb {{title\nc\n",
        "{{#figures}}\n{{/files}}\n",
        "one\n{{#figures}}\n{{{svg}}}\n",
        "x\n{{/figures}}\n",
        "a\n{{=<% %>=}}\nb\n<%title\n",
        "a\n{{%CONTENT_TYPE:XML}}\nb\n",
        "a\n{{%COLOUR:red}}\n",
        "{{<p}}\n{{title}}\n{{/p}}\n",
        "a\n{{first()title}}\n",
        "a\n{{=<%% %%>=}}\nb\nc<%",
        "{{=<% %>=}}\na\n\n<%{stem%>\n",
    ])
    func sameError(_ source: String) throws {
        let expected = try #require(Self.libraryError(source))
        for size in [1, 4, TemplatePieces.defaultSize, .max] {
            #expect {
                try ReportTemplate(source: source, origin: "t", pieceSize: size)
            } throws: { error in
                guard case let .syntax(_, line, column, text, problem) = error as? ReportTemplateError else { return false }
                return (line, column, text, problem) == expected
            }
        }
    }

    /// swift-mustache's error for the whole text: line, column, the line, and the problem as
    /// ``ReportTemplate`` words it.
    static func libraryError(_ source: String) -> (Int, Int, String, String)? {
        do {
            _ = try MustacheTemplate(string: source)
            return nil
        } catch let error as MustacheTemplate.ParserError {
            return (error.context.lineNumber, error.context.columnNumber, error.context.line,
                    ReportTemplate.describe(error.error))
        } catch {
            return nil
        }
    }

    // MARK: - Random templates

    /// A small generator of random numbers that gives the same ones on every run.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = [
        "\n", "\n", "\n", "\r\n", " ", "  ", "\t", "x", "é", "<p>", "{{title}}", "{{ stem }}", "{{#figures}}", "{{/figures}}",
        "{{^generated}}", "{{/generated}}", "{{#converged}}", "{{/converged}}", "{{! c }}", "{{!\n}}", "{{>p}}",
        "{{=<% %>=}}", "<%={{ }}=%>", "<%title%>", "<%#figures%>", "<%/figures%>", "<%! c %>", "{{{svg}}}", "{{&stem}}",
        "{{%CONTENT_TYPE:TEXT}}", "{{%CONTENT_TYPE:HTML}}", "{{", "}}", "{", "<%", "<", "{{<q}}", "{{/q}}", "{{$b}}",
        "{{/b}}", "{{title", "{{#first()}}", "{{/first()}}", "{{ title\n}}", "\r", "\u{2028}", "{{=<%% %%>=}}", "<%%title%%>",
    ]

    /// Fragments that make no error by themselves (unless delimiters change under them).
    static let safeFragments = fragments.filter {
        !["{{", "<%", "{{title", "{{<q}}", "{{/q}}", "<%#figures%>", "<%/figures%>", "<%title%>", "<%! c %>"].contains($0)
    }

    /// Random templates: sequences of fragments, every other one of safe fragments with its
    /// sections closed.
    static func randomTemplates(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(state: seed)
        return (0..<count).map { index in
            let balanced = index.isMultiple(of: 2)
            var text = ""
            var open: [String] = []
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                let fragment = (balanced ? safeFragments : fragments).randomElement(using: &random)!
                if balanced, fragment.hasPrefix("{{/") {
                    // Close the innermost open section instead.
                    if let name = open.popLast() { text += "{{/\(name)}}" }
                    continue
                }
                if balanced, ["{{#", "{{^", "{{$"].contains(where: fragment.hasPrefix) {
                    open.append(String(fragment.dropFirst(3).dropLast(2)))
                }
                text += fragment
            }
            for name in open.reversed() { text += "{{/\(name)}}\n" }
            return text
        }
    }

    /// swift-mustache's description of a place of a text (`MustacheParserContext`): as
    /// `Parser.getContext()` makes it.
    static func libraryContext(at position: String.Index, in text: String) -> (Int, Int, String) {
        var index = position
        var column = 0
        while index > text.startIndex {
            index = text.index(before: index)
            if text[index] == "\n" { break }
            column += 1
        }
        if index < text.endIndex, text[index] == "\n" { index = text.index(after: index) }
        // The line breaks before the place, as a string: a lone "\r" and "\n" there make one.
        let breaks = String(text[..<position].filter(\.isNewline))
        return (breaks.count + 1, column + 1, String(text[index...].prefix { $0 != "\n" }))
    }

    /// The places of `text` that swift-mustache describes as `context`.
    static func places(describedAs context: MustacheParserContext, in text: String) -> [String.Index] {
        var places: [String.Index] = []
        var breaks = ""
        var index = text.startIndex
        while true {
            // Only the places on the line are described in full.
            if breaks.count + 1 == context.lineNumber,
               libraryContext(at: index, in: text) == (context.lineNumber, context.columnNumber, context.line)
            {
                places.append(index)
            }
            guard index < text.endIndex else { return places }
            if text[index].isNewline { breaks.append(text[index]) }
            index = text.index(after: index)
        }
    }

    @Test("random templates cut in pieces render as whole ones, and fail at the same places")
    func randomTemplates() throws {
        var rendered = 0
        var failed = 0
        let context = Self.page.templateContext
        for source in Self.randomTemplates(count: 2000, seed: 20251126) {
            let whole: Result<String, MustacheTemplate.ParserError>
            do {
                whole = .success(try MustacheTemplate(string: source).render(TemplateRecord.stable(context)))
            } catch let error as MustacheTemplate.ParserError {
                whole = .failure(error)
            }
            // The places of the text swift-mustache's error describes (found once, slowly).
            var described: [String.Index]?
            for size in [1, 7, .max] {
                switch (whole, Result { () throws(ReportTemplateError) in try ReportTemplate(source: source, origin: "t", pieceSize: size) }) {
                case let (.success(html), .success(template)):
                    rendered += 1
                    #expect(try template.render(context: context) == html, "\(source.debugDescription)")
                case let (.failure(expected), .failure(.syntax(_, line, column, text, problem))):
                    failed += 1
                    #expect(problem == ReportTemplate.describe(expected.error), "\(source.debugDescription)")
                    if !source.contains(where: { $0.isNewline && $0 != "\n" }) {
                        // Lines that end in "\n": as swift-mustache says.
                        #expect((line, column, text) == (expected.context.lineNumber, expected.context.columnNumber, expected.context.line),
                                "\(source.debugDescription)")
                    } else {
                        // Other line breaks: the line and column of a place that swift-mustache
                        // describes as it does (it counts them in its own way).
                        let places = described ?? Self.places(describedAs: expected.context, in: source)
                        described = places
                        #expect(places.contains { ReportTemplate.place(of: $0, in: source) == (line, column, text) },
                                "\(source.debugDescription): \(line):\(column) \(text.debugDescription), swift-mustache \(expected.context)")
                    }
                case let (whole, pieces):
                    Issue.record("\(source.debugDescription): whole \(whole), in pieces \(pieces)")
                }
            }
        }
        // Both kinds are well represented.
        #expect(rendered > 1500 && failed > 1500, "\(rendered) rendered, \(failed) failed")
    }
}
