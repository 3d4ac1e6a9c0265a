import Foundation
import Mustache

/// A parsed report template: the default one, or a user's own file.
public struct ReportTemplate: Sendable {
    private let template: MustacheTemplate
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
        self.origin = origin
        do {
            template = try MustacheTemplate(string: source)
        } catch let error as MustacheTemplate.ParserError {
            throw ReportTemplateError.syntax(
                origin: origin, line: error.context.lineNumber, column: error.context.columnNumber,
                text: error.context.line, problem: Self.describe(error.error))
        } catch {
            throw ReportTemplateError.syntax(origin: origin, line: 0, column: 0, text: "", problem: "\(error)")
        }
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
        template.render(page.templateContext)
    }

    private static func describe(_ error: any Error) -> String {
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
