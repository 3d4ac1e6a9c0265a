/// The two shapes of an SVG: a file of its own, or markup to place inside an HTML page.
public enum SVGForm: Hashable, Sendable {
    /// A standalone document, starting with the XML declaration.
    case document
    /// The `<svg>` element alone, for inlining in HTML.
    case fragment
}
