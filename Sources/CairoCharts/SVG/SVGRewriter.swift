/// Turns the SVG that Cairo writes into the document rnnreport publishes.
///
/// - Every `id` is renamed to the caller's prefix, the id's leading letters and a number counted
///   in document order per kind (`glyph0-3` → `p-glyph3`, `surface24` → `p-surface1`), and every
///   reference to it (`href="#…"`, `xlink:href="#…"`, `url(#…)`) follows. The names then depend
///   only on the document, not on Cairo's process-wide surface counter, and documents with
///   different prefixes can share one HTML page.
/// - A `<title>` and, when given, a `<desc>` become the first children of `<svg>`, which gets
///   `role="img"` and `aria-labelledby` pointing at them.
/// - Path data and glyph positions are written more compactly (``SVGCompaction``).
/// - The XML declaration is kept for a standalone file and dropped for a fragment to inline in HTML.
struct SVGRewriter {
    var idPrefix: String
    var title: String
    var description: String
    var keepsDeclaration: Bool

    /// Whether `prefix` can start an XML id: empty, or a letter or `_` followed by letters,
    /// digits, `_`, `-` and `.` (ASCII only).
    static func isValidPrefix(_ prefix: String) -> Bool {
        guard let first = prefix.utf8.first else { return true }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let punctuation: Set<UInt8> = [UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ".")]
        return (isLetter(first) || first == UInt8(ascii: "_"))
            && prefix.utf8.allSatisfy { isLetter($0) || isDigit($0) || punctuation.contains($0) }
    }

    /// The rewritten document.
    ///
    /// - Returns: `nil` if `svg` lacks the `<svg` start tag that Cairo always writes.
    func rewrite(_ svg: [UInt8]) -> [UInt8]? {
        guard let svgStart = svg.firstRange(of: Array("<svg".utf8))?.lowerBound,
              let svgTagEnd = svg[svgStart...].firstIndex(of: UInt8(ascii: ">"))
        else { return nil }
        let names = renamedIDs(in: svg)
        var output: [UInt8] = []
        output.reserveCapacity(svg.count + 512)
        if keepsDeclaration { output += svg[..<svgStart] }
        output += renaming(svg[svgStart ..< svgTagEnd], names)
        output += Array(accessibility.utf8)
        output += renaming(svg[(svgTagEnd + 1)...], names)
        return SVGCompaction.compacted(output)
    }

    /// The `role`/`aria-labelledby` attributes, the end of the start tag, and `<title>`/`<desc>`.
    private var accessibility: String {
        let titleID = idPrefix + "title"
        let descriptionID = idPrefix + "desc"
        var labelledBy = titleID
        var elements = "\n<title id=\"\(titleID)\">\(XMLText.escaped(title))</title>"
        if !description.isEmpty {
            labelledBy += " " + descriptionID
            elements += "\n<desc id=\"\(descriptionID)\">\(XMLText.escaped(description))</desc>"
        }
        return " role=\"img\" aria-labelledby=\"\(labelledBy)\">" + elements
    }

    // MARK: - Ids

    private static let idAttribute = Array(" id=\"".utf8)
    private static let hrefAttribute = Array("href=\"#".utf8)
    private static let urlReference = Array("url(#".utf8)

    /// The new name of every id in `svg`, numbered per kind in document order.
    private func renamedIDs(in svg: [UInt8]) -> [ArraySlice<UInt8>: [UInt8]] {
        var names: [ArraySlice<UInt8>: [UInt8]] = [:]
        var counts: [ArraySlice<UInt8>: Int] = [:]
        SVGRewriter.forEachReference(in: svg[...]) { value, isDefinition in
            guard isDefinition, names[value] == nil else { return }
            let letters = value.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
            let kind = letters.isEmpty ? ArraySlice("id".utf8) : letters
            let number = (counts[kind] ?? 0) + 1
            counts[kind] = number
            names[value] = Array(idPrefix.utf8) + kind + Array(String(number).utf8)
        }
        return names
    }

    /// `part` with every id and id reference replaced by its new name; unknown references are kept.
    private func renaming(_ part: ArraySlice<UInt8>, _ names: [ArraySlice<UInt8>: [UInt8]]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(part.count)
        var copied = part.startIndex
        SVGRewriter.forEachReference(in: part) { value, _ in
            output += part[copied ..< value.startIndex]
            output += names[value].map { ArraySlice($0) } ?? value
            copied = value.endIndex
        }
        output += part[copied...]
        return output
    }

    /// Calls `body` with the value of every id attribute (`isDefinition`) and id reference in
    /// `part`, in order, in one pass.
    ///
    /// The bytes are read through a buffer pointer and only a space, `h` or `u` is looked at
    /// further: a chart's SVG is some 100 KB of path data with a few hundred ids in it.
    private static func forEachReference(
        in part: ArraySlice<UInt8>, _ body: (_ value: ArraySlice<UInt8>, _ isDefinition: Bool) -> Void
    ) {
        let patterns: [(bytes: [UInt8], terminator: UInt8, isDefinition: Bool)] = [
            (idAttribute, UInt8(ascii: "\""), true),
            (hrefAttribute, UInt8(ascii: "\""), false),
            (urlReference, UInt8(ascii: ")"), false),
        ]
        let base = part.startIndex
        part.withUnsafeBufferPointer { bytes in
            func starts(with pattern: [UInt8], at index: Int) -> Bool {
                guard bytes.count - index >= pattern.count else { return false }
                for offset in 1 ..< pattern.count where bytes[index + offset] != pattern[offset] { return false }
                return true
            }
            var index = 0
            scan: while index < bytes.count {
                let byte = bytes[index]
                guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "h") || byte == UInt8(ascii: "u") else {
                    index += 1
                    continue
                }
                for pattern in patterns where byte == pattern.bytes[0] && starts(with: pattern.bytes, at: index) {
                    let valueStart = index + pattern.bytes.count
                    var valueEnd = valueStart
                    while valueEnd < bytes.count && bytes[valueEnd] != pattern.terminator { valueEnd += 1 }
                    guard valueEnd < bytes.count else { return }
                    body(part[(base + valueStart) ..< (base + valueEnd)], pattern.isDefinition)
                    index = valueEnd
                    continue scan
                }
                index += 1
            }
        }
    }
}
