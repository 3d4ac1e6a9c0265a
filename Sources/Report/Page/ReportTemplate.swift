import Foundation
import Mustache

/// A parsed report template: the default one, or a user's own file.
public struct ReportTemplate: Sendable {
    /// The template, parsed in pieces that render one after the other (see ``TemplatePieces``).
    private let pieces: [MustacheTemplate]
    /// Where the template came from, for messages (`built-in template` or a path).
    public let origin: String

    /// The template shipped with rnnreport, the same text as `templates/report.html.mustache`.
    public static let builtIn: ReportTemplate = {
        do {
            return try ReportTemplate(source: defaultReportTemplate, origin: "built-in template")
        } catch {
            // The built-in template is parsed by the test suite; this cannot happen in a release.
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
    /// default; `Int.max` parses it whole, as swift-mustache alone does).
    init(source: String, origin: String, pieceSize: Int) throws(ReportTemplateError) {
        self.origin = origin
        var pieces: [MustacheTemplate] = []
        for piece in TemplatePieces.split(source, size: pieceSize) {
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
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: url.path, reason: "not UTF-8 text")
        }
        try self.init(source: source, origin: url.path)
    }

    /// The page as HTML.
    public func render(_ page: ReportPage) -> String {
        render(context: page.templateContext)
    }

    /// The page of a template context (as ``ReportPage/templateContext``): its pieces' pages, one
    /// after the other.
    func render(context: Any) -> String {
        var html = ""
        for piece in pieces {
            html += piece.render(context)
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

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            "cannot read template \(path): \(reason)"
        case let .syntax(origin, line, column, text, problem):
            "\(origin):\(line):\(column): template error: \(problem)" + (text.isEmpty ? "" : "\n    \(text)")
        }
    }
}
