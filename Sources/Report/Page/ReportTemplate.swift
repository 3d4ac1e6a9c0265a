import Foundation
import Mustache

/// A parsed report template: the default one, or a user's own file.
public struct ReportTemplate: Sendable {
    /// The template, parsed in pieces that render one after the other (see ``TemplatePieces``).
    private let pieces: [MustacheTemplate]
    /// Where the template came from, for messages (`built-in template` or a path).
    public let origin: String
    /// Whether a render counts its work against a budget (``RenderBudget``): a user's template
    /// does, rnnreport's own do not (a sweep's page looks up a few values per run, of up to
    /// 100000 runs).
    private let budgeted: Bool

    /// The largest page a template may render, in bytes of UTF-8: 64 MiB.
    ///
    /// The built-in page is about 200 KB, nearly all of it the three figures' SVG, and under 400 KB
    /// for the longest runs. A page hundreds of times larger is not one anybody reads, but what a
    /// template makes that puts the figures inside sections that repeat (`{{#figures}}` within
    /// `{{#figures}}`, seven deep, turns 140 bytes of template into a 90 MB page): it would take
    /// the time and memory to write it and a browser's to open it. The limit is far above any page
    /// of the built-in template and well below what is a problem to hold in memory.
    public static let pageSizeLimit = 64 << 20

    /// The most values a user's template may look up in one render (``RenderBudget``): the
    /// built-in page looks up a few hundred, and swift-mustache renders about a million a second.
    static let lookupLimit = 2_000_000


    /// The template shipped with rnnreport, the same text as `templates/report.html.mustache`.
    public static let builtIn: ReportTemplate = {
        do {
            return try ReportTemplate(source: defaultReportTemplate, origin: "built-in template", budgeted: false)
        } catch {
            // The built-in template is parsed by the test suite; this cannot happen in a release.
            preconditionFailure("\(error)")
        }
    }()

    /// The built-in single-run page from its start to its `<body>` line: the head and the styles
    /// that the comparison and sweep pages share with it, so that all three look alike.
    static let builtInHead: String = {
        let page = defaultReportTemplate
        guard let start = page.range(of: "<html lang"), let end = page.range(of: "<body>\n") else {
            preconditionFailure("the built-in template has no <html> or <body>")
        }
        return "<!DOCTYPE html>\n" + String(page[start.lowerBound ..< end.upperBound])
    }()

    /// The built-in single-run page's markup of one figure, from its `  <figure …>` line to its
    /// `  </figure>` without the line's end (values: stem, number, title, caption, svg, darkSVG, svgFile,
    /// darkSVGFile, pngFile), which the comparison and sweep pages use for theirs.
    static let builtInFigure: String = {
        let page = defaultReportTemplate
        guard let start = page.range(of: "  <figure id=\"figure-{{stem}}\">\n"),
              let end = page.range(of: "  </figure>", range: start.upperBound ..< page.endIndex) else {
            preconditionFailure("the built-in template has no figure")
        }
        return String(page[start.lowerBound ..< end.upperBound])
    }()

    /// The page of `rnnreport compare` (``ComparisonTemplate``).
    public static let builtInComparison: ReportTemplate = {
        do {
            return try ReportTemplate(source: ComparisonTemplate.source, origin: "built-in comparison template", budgeted: false)
        } catch {
            // Parsed by the test suite; this cannot happen in a release.
            preconditionFailure("\(error)")
        }
    }()

    /// Parses template text.
    ///
    /// - Throws: ``ReportTemplateError`` with the line and column of a syntax error.
    public init(source: String, origin: String) throws(ReportTemplateError) {
        try self.init(source: source, origin: origin, pieceSize: TemplatePieces.defaultSize)
    }

    /// Parses template text in pieces of about `pieceSize` bytes (tests use other sizes than the
    /// default; `Int.max` parses it whole, as swift-mustache alone does); `budgeted: false` for
    /// rnnreport's own templates.
    init(source: String, origin: String, pieceSize: Int = TemplatePieces.defaultSize, budgeted: Bool = true) throws(ReportTemplateError) {
        self.origin = origin
        self.budgeted = budgeted
        var pieces: [MustacheTemplate] = []
        let (split, tooDeep) = TemplatePieces.scan(source, size: pieceSize)
        if let tooDeep {
            let place = Self.place(of: tooDeep, in: source)
            throw ReportTemplateError.syntax(
                origin: origin, line: place.line, column: place.column, text: place.text,
                problem: "sections are nested more than \(TemplatePieces.maximumDepth) deep")
        }
        for piece in split {
            let content = source[piece.range]
            do {
                pieces.append(try MustacheTemplate(string: piece.prefix + content))
            } catch let error as MustacheTemplate.ParserError {
                let place = Self.place(of: Self.position(of: error.context, prefix: piece.prefix, in: content), in: source)
                throw ReportTemplateError.syntax(
                    origin: origin, line: place.line, column: place.column, text: place.text,
                    problem: Self.describe(error.error))
            } catch {
                throw ReportTemplateError.syntax(origin: origin, line: 0, column: 0, text: "", problem: "\(error)")
            }
        }
        self.pieces = pieces
    }

    /// Reads and parses a template file.
    public init(contentsOf url: URL) throws(ReportTemplateError) {
        let data: Data
        do { data = try InputFile.contents(of: url.path) } catch {
            throw .unreadable(path: url.path, reason: error.reason)
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: url.path, reason: "not UTF-8 text")
        }
        try self.init(source: source, origin: url.path)
    }

    /// The page as HTML.
    ///
    /// - Throws: ``ReportTemplateError/pageTooLarge(origin:limit:)`` if the page would be larger
    ///   than ``pageSizeLimit``.
    public func render(_ page: ReportPage) throws(ReportTemplateError) -> String {
        try render(page, limit: Self.pageSizeLimit)
    }

    /// The page as HTML, if it is at most `limit` bytes of UTF-8.
    func render(_ page: ReportPage, limit: Int) throws(ReportTemplateError) -> String {
        try render(context: page.templateContext, limit: limit)
    }

    /// The page of a template context (as ``ReportPage/templateContext``): its pieces' pages, one
    /// after the other, if they make at most `limit` bytes.
    ///
    /// The size is checked after each piece, so that a long template whose page is too large
    /// stops early, with at most a piece's page more than the limit in memory. swift-mustache
    /// renders a piece into one string, in one go, and has no way to stop it: a short template
    /// whose sections repeat the figures has its whole page made in memory before it is refused
    /// (90 MB for the 140 bytes of ``pageSizeLimit``'s example).
    func render(context: Any, limit: Int = pageSizeLimit) throws(ReportTemplateError) -> String {
        // Whatever a tag names renders the same in every run (``TemplateRecord``).
        let budget = budgeted ? RenderBudget(lookups: Self.lookupLimit, bytes: limit) : nil
        let context = TemplateRecord.stable(context, budget: budget)
        var html = ""
        for piece in pieces {
            html += piece.render(context)
            guard html.utf8.count <= limit, budget?.outOfBytes != true else { throw .pageTooLarge(origin: origin, limit: limit) }
            if budget?.outOfLookups == true { throw .tooMuchWork(origin: origin, lookups: Self.lookupLimit) }
        }
        return html
    }

    /// How many pieces the template was parsed in.
    var pieceCount: Int { pieces.count }

    /// Where swift-mustache's parser was in `content` when it reported `context` for the text
    /// `prefix + content` (a prefix of lines, each ending in `\n`, then perhaps a tag on the line
    /// of the content's start).
    ///
    /// swift-mustache numbers lines by the characters of the string of the line breaks before the
    /// place (so a lone `\r` and the next lone `\n` make one, `\r\n`), and columns from the last
    /// `\n` only, or the start of the text; its `line` is the text from there to the next `\n`.
    /// This finds the place it describes.
    static func position(of context: MustacheParserContext, prefix: String, in content: Substring) -> String.Index {
        let prefixLines = prefix.count(where: { $0 == "\n" })
        let tail = prefix.reversed().prefix { $0 != "\n" }.reversed()
        // The range of places on the reported line, and the places a column may count from there.
        var line = prefixLines + 1
        var loneReturn = false
        var lineStart = line == context.lineNumber ? content.startIndex : nil
        var lineEnd = content.endIndex
        var origin = content.startIndex
        var origins = lineStart == nil ? [] : [origin]
        var index = content.startIndex
        while index < content.endIndex {
            let character = content[index]
            let next = content.index(after: index)
            if character.isNewline {
                if character == "\n", loneReturn {
                    loneReturn = false
                } else {
                    line += 1
                    loneReturn = character == "\r"
                    if line > context.lineNumber {
                        lineEnd = index
                        break
                    }
                    if line == context.lineNumber {
                        lineStart = next
                        origins.append(character == "\n" ? next : origin)
                    }
                }
            }
            if character == "\n" {
                origin = next
                if lineStart != nil, origins.last != next { origins.append(next) }
            }
            index = next
        }
        guard let lineStart else { return content.endIndex }
        // The place at the column from each origin, if it is on the line and no `\n` comes before
        // it; the one whose line's text is the one reported. From the content's start, the column
        // and the line's text count the tag of the prefix on that line too.
        var places: [String.Index] = []
        for origin in origins {
            let before = origin == content.startIndex ? tail.count : 0
            guard context.columnNumber - 1 >= before,
                  let place = content.index(origin, offsetBy: context.columnNumber - 1 - before, limitedBy: content.endIndex),
                  place >= lineStart, place <= lineEnd, !content[origin..<place].contains(where: { $0 == "\n" })
            else { continue }
            let lineText = content[origin...].prefix { $0 != "\n" }
            if (origin == content.startIndex ? String(tail) + lineText : String(lineText)) == context.line { return place }
            places.append(place)
        }
        return places.first ?? lineStart
    }

    /// The 1-based line and column of `index` in `text`, and the text of its line; a line ends at
    /// any line break. For a text whose lines end in `\n`, what swift-mustache reports; for `\r\n`
    /// it counts columns from the start of the text or from an earlier `\n`.
    static func place(of index: String.Index, in text: String) -> (line: Int, column: Int, text: String) {
        var line = 1
        var lineStart = text.startIndex
        var position = text.startIndex
        while position < index {
            let character = text[position]
            position = text.index(after: position)
            if character.isNewline {
                line += 1
                lineStart = position
            }
        }
        let column = text[lineStart..<index].count + 1
        return (line, column, String(text[lineStart...].prefix { !$0.isNewline }))
    }

    /// swift-mustache's parse error in words.
    static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with another name than it was opened with"
        case .unfinishedName: "a tag is not closed"
        case .expectedSectionEnd: "a section is not closed"
        case .invalidSetDelimiter: "malformed set-delimiter tag"
        case .transformAppliedToInheritanceSection: "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: "illegal tag inside an inheritance section"
        case .textInsideInheritSection: "text inside an inheritance section"
        case .invalidConfigVariableSyntax: "malformed configuration tag"
        case .unrecognisedConfigVariable: "unknown configuration variable"
        // swift-mustache's reader, when the text ends before a tag's end (`{{{title}}`).
        case nil where "\(error)" == "overflow": "a tag is not closed before the end of the text"
        case nil: "\(error)"
        // A case added in a later 2.x release of swift-mustache: its own name.
        @unknown default: "\(error)"
        }
    }
}

/// A template that cannot be used.
public enum ReportTemplateError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    /// A syntax error at a 1-based line and column; `text` is the line.
    case syntax(origin: String, line: Int, column: Int, text: String, problem: String)
    /// The page would be larger than `limit` bytes (``ReportTemplate/pageSizeLimit``).
    case pageTooLarge(origin: String, limit: Int)
    /// The render looked up more than `lookups` values (``RenderBudget``).
    case tooMuchWork(origin: String, lookups: Int)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            "cannot read template \(path): \(reason)"
        case let .syntax(origin, line, column, text, problem):
            // A line of a template made by a program may be megabytes long.
            "\(origin):\(line):\(column): template error: \(problem)"
                + (text.isEmpty ? "" : "\n    \(text.count > 200 ? text.prefix(200) + "…" : text)")
        case let .pageTooLarge(origin, limit):
            "\(origin): the page would be larger than \(Self.size(limit)), the most a page may be; "
                + "a section of the template probably repeats the figures (such as {{#figures}} inside another section)"
        case let .tooMuchWork(origin, lookups):
            "\(origin): the page would look up more than \(lookups) values, the most a template may; its sections probably "
                + "repeat inside sections that repeat (such as {{#settings}} inside {{#figures}})"
        }
    }
}

extension ReportTemplateError {
    /// `64 MiB`, or `1000 bytes`.
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
