import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG file parsed as XML: the elements in document order with their attributes.
struct SVGDocument {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
        var depth: Int
    }

    private(set) var elements: [Element] = []

    /// Parses `data`; throws when it is not well-formed XML.
    init(_ data: Data) throws {
        let delegate = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw ParseError(message: parser.parserError.map { "\($0)" } ?? "unknown error", line: parser.lineNumber)
        }
        elements = delegate.elements
    }

    var root: Element? { elements.first }

    /// Every `id` attribute.
    var ids: [String] { elements.compactMap { $0.attributes["id"] } }

    /// Every id that an attribute refers to, through `href="#…"`, `xlink:href="#…"` or `url(#…)`.
    var references: [String] {
        elements.flatMap { element in
            element.attributes.flatMap { name, value -> [String] in
                if name.hasSuffix("href"), value.hasPrefix("#") { return [String(value.dropFirst())] }
                return value.components(separatedBy: "url(#").dropFirst().compactMap { $0.split(separator: ")").first.map(String.init) }
            }
        }
    }

    struct ParseError: Error {
        var message: String
        var line: Int
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes, depth: open.count - 1))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = open.last { elements[current].text += string }
        }
    }
}
