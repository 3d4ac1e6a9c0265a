import Foundation
@testable import Report
import Testing

/// The report template: the built-in copy of `templates/report.html.mustache`, syntax errors,
/// and what rendering a page escapes.
@Suite("Report template")
struct ReportTemplateTests {
    /// `templates/report.html.mustache`, found from this file.
    static let templateFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates/report.html.mustache")

    // MARK: - The built-in template

    @Test("the built-in template is templates/report.html.mustache, byte for byte")
    func builtInMatchesFile() throws {
        let file = try Data(contentsOf: Self.templateFile)
        #expect(Data(defaultReportTemplate.utf8) == file,
                "the built-in template differs from \(Self.templateFile.path): run scripts/embed-template")
        #expect(ReportTemplate.builtIn.origin == "built-in template")
        // The file parses as it is, as a user's copy would.
        #expect(try ReportTemplate(contentsOf: Self.templateFile).origin == Self.templateFile.path)
    }

    // MARK: - Syntax errors

    /// A template with an error, where the error is (1-based), and a word of its problem.
    struct Broken: Sendable, CustomTestStringConvertible {
        var source: String
        var line: ClosedRange<Int>
        var column: ClosedRange<Int>
        var problem: String
        var testDescription: String { source.debugDescription }
    }

    @Test("a syntax error names the origin, line and column", arguments: [
        // An unclosed tag: on its line, at or after its opening braces.
        Broken(source: "<p>one</p>\n<p>{{title</p>\n<p>three</p>\n", line: 2 ... 2, column: 4 ... 15, problem: "not closed"),
        // A section closed with another name: on the closing tag's line.
        Broken(source: "{{#figures}}\n{{svg}}\n{{/files}}\n", line: 3 ... 3, column: 1 ... 11, problem: "another name"),
        // A section never closed: from its opening tag to the end of the text, where it is found.
        Broken(source: "<h1>{{title}}</h1>\n{{#figures}}\n{{{svg}}}\n", line: 2 ... 4, column: 1 ... 13, problem: "not closed"),
    ])
    func syntaxError(_ broken: Broken) {
        #expect {
            try ReportTemplate(source: broken.source, origin: "mine.mustache")
        } throws: { error in
            guard case let .syntax(origin, line, column, _, problem) = error as? ReportTemplateError else { return false }
            let description = "\(error)"
            return origin == "mine.mustache" && broken.line.contains(line) && broken.column.contains(column)
                && problem.contains(broken.problem)
                && description.hasPrefix("mine.mustache:\(line):\(column): ")
        }
    }

    @Test("a template file that cannot be read, or is not UTF-8, is an error naming it")
    func unreadable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let missing = folder.appendingPathComponent("missing.mustache")
        #expect {
            try ReportTemplate(contentsOf: missing)
        } throws: { error in
            guard case let .unreadable(path, _) = error as? ReportTemplateError else { return false }
            return path == missing.path && "\(error)".contains(missing.path)
        }

        let latin1 = folder.appendingPathComponent("latin1.mustache")
        try Data([0x3C, 0x70, 0x3E, 0xE9, 0xFF, 0x3C]).write(to: latin1)
        #expect(throws: ReportTemplateError.unreadable(path: latin1.path, reason: "not UTF-8 text")) {
            try ReportTemplate(contentsOf: latin1)
        }
    }

    // MARK: - Rendering

    /// A value no template may insert unescaped: markup, quotes and an ampersand, tagged with
    /// the field it stands in.
    static func hostile(_ field: String) -> String {
        #"<i class="x">\#(field)</i> & 'q'"#
    }

    /// The same value, HTML-escaped, as Mustache's `{{x}}` writes it.
    static func escaped(_ field: String) -> String {
        hostile(field).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// The figure's markup: trusted, inserted as it is.
    static let svg = ##"<svg id="fig-a" viewBox="0 0 10 10"><path d="M0 0L10 10" stroke="#D55E00"/></svg>"##

    /// A page in which every value a user or a run can influence is hostile.
    static func hostilePage(generated: String? = nil, svgFile: String? = "a.svg", pngFile: String? = "a.png") -> ReportPage {
        ReportPage(
            title: hostile("title"), architecture: hostile("architecture"), converged: true, verdict: hostile("verdict"),
            summary: [.init(label: hostile("label"), value: hostile("value"), detail: hostile("detail"))],
            rateChanges: [.init(step: hostile("step"), from: hostile("from"), to: hostile("to"))],
            hyperparameters: [.init(key: hostile("key"), flag: hostile("flag"), value: hostile("setting"), meaning: hostile("meaning"))],
            figures: [.init(stem: hostile("stem"), title: hostile("figure-title"), caption: hostile("caption"), svg: svg,
                            svgFile: svgFile, pngFile: pngFile)],
            files: [.init(name: hostile("file"), description: hostile("description"))],
            version: hostile("version"), generated: generated)
    }

    @Test("the built-in template escapes every value of the page and inserts the SVG as it is")
    func builtInEscapes() throws {
        let html = try ReportTemplate.builtIn.render(Self.hostilePage(generated: Self.hostile("generated")))
        #expect(!html.contains("<i "), "a value was inserted unescaped")
        #expect(!html.contains("'q'"))
        // What the built-in page shows; `key` is not among them (it shows the flag).
        for field in ["title", "architecture", "verdict", "label", "value", "detail", "step", "from", "to",
                      "flag", "setting", "meaning", "stem", "figure-title", "caption", "file", "description",
                      "version", "generated"] {
            #expect(html.contains(Self.escaped(field)), "\(field) is not shown escaped")
        }
        #expect(html.contains(Self.svg))
    }

    @Test("{{x}} escapes every value the template context holds, {{{svg}}} does not")
    func everyValueEscaped() throws {
        let template = try ReportTemplate(source: """
            {{title}}|{{architecture}}|{{verdict}}|{{version}}|{{generated}}
            {{#summary}}{{label}}|{{value}}|{{detail}}{{/summary}}
            {{#rateChanges}}{{step}}|{{from}}|{{to}}{{/rateChanges}}
            {{#hyperparameters}}{{key}}|{{flag}}|{{value}}|{{meaning}}{{/hyperparameters}}
            {{#figures}}{{stem}}|{{title}}|{{caption}}|{{svgFile}}|{{pngFile}}|{{{svg}}}{{/figures}}
            {{#files}}{{name}}|{{description}}{{/files}}
            """, origin: "all values")
        let html = try template.render(Self.hostilePage(generated: Self.hostile("generated"),
                                                    svgFile: Self.hostile("svg-file"), pngFile: Self.hostile("png-file")))
        #expect(!html.contains("<i "))
        for field in ["title", "architecture", "verdict", "version", "generated", "label", "value", "detail",
                      "step", "from", "to", "key", "flag", "setting", "meaning", "stem", "figure-title", "caption",
                      "svg-file", "png-file", "file", "description"] {
            #expect(html.contains(Self.escaped(field)), "\(field)")
        }
        #expect(html.contains(Self.svg))
    }

    @Test("a tag that names an object or a list of them writes its fields in the order of their names, the same in every run")
    func objectsRenderStably() throws {
        // Swift's dictionaries list their keys in an order that changes from one process to the
        // next: written as they are, a page with {{summary}} differed on every run.
        let template = try ReportTemplate(source: "{{summary}}|{{#summary}}{{.}}{{/summary}}|{{{n}}}|{{#n}}{{a}}{{/n}}|{{list}}",
                                          origin: "objects")
        let context: [String: Any] = [
            "summary": [["label": "Final loss", "value": "0.155", "detail": "step 19"]],
            "n": ["b": 2, "a": 1, "c": ["y": [1, 2], "x": true]],
            "list": ["one", "two"],
        ]
        #expect(try template.render(context: context)
            == "[{detail: step 19, label: Final loss, value: 0.155}]|{detail: step 19, label: Final loss, value: 0.155}"
            + "|{a: 1, b: 2, c: {x: true, y: [1, 2]}}|1|[&quot;one&quot;, &quot;two&quot;]")
        // swift-mustache's transforms still apply: an object's in the order of its fields' names,
        // and a list of text keeps its elements' type for `sorted`.
        let transforms = try ReportTemplate(
            source: "{{count(n)}}|{{#empty(n)}}E{{/empty(n)}}|{{#sorted(n)}}{{key}};{{/sorted(n)}}|{{#enumerated(n)}}{{key}};{{/enumerated(n)}}"
                + "|{{#sorted(words)}}{{.}};{{/sorted(words)}}|{{count(summary)}}",
            origin: "transforms")
        #expect(try transforms.render(context: context.merging(["words": ["pear", "apple"]]) { $1 })
            == "3||a;b;c;|a;b;c;|apple;pear;|1")
    }

    @Test("generated, svgFile and pngFile show only when they are set")
    func optionalValues() throws {
        let template = try ReportTemplate(
            source: "{{#generated}}on {{generated}}{{/generated}}|{{#figures}}{{#svgFile}}S:{{svgFile}}{{/svgFile}}{{#pngFile}}P:{{pngFile}}{{/pngFile}}{{/figures}}",
            origin: "optional values")
        func page(_ generated: String?, _ svgFile: String?, _ pngFile: String?) -> ReportPage {
            var page = Self.hostilePage(generated: generated, svgFile: svgFile, pngFile: pngFile)
            page.title = "plain"
            return page
        }
        #expect(try template.render(page(nil, nil, nil)) == "|")
        #expect(try template.render(page("2025-11-26", nil, nil)) == "on 2025-11-26|")
        #expect(try template.render(page(nil, "a.svg", nil)) == "|S:a.svg")
        #expect(try template.render(page(nil, nil, "a.png")) == "|P:a.png")
        #expect(try template.render(page("2025-11-26", "a.svg", "a.png")) == "on 2025-11-26|S:a.svgP:a.png")

        // The built-in page: the date in the footer, and a download link per file written.
        let builtIn = ReportTemplate.builtIn
        let dated = try builtIn.render(page("2025-11-26", "a.svg", nil))
        #expect(dated.contains("on 2025-11-26"))
        #expect(dated.contains(#"href="a.svg""#) && !dated.contains(">PNG</a>"))
        let undated = try builtIn.render(page(nil, nil, "a.png"))
        let footer = try #require(undated.range(of: "<footer>").map { undated[$0.lowerBound...] })
        #expect(!footer.contains(" on "), "a date shown without one: \(footer.prefix(200))")
        #expect(undated.contains(#"href="a.png""#) && !undated.contains(">SVG</a>"))
    }
}
