/// A font file the figures are drawn with: its name, the family and style its face must have,
/// and the characters it must have glyphs for.
struct FaceFile: Hashable, Sendable {
    var fileName: String
    var family: String
    var style: String
    var requiredCharacters: [Unicode.Scalar] = FaceFile.chartCharacters

    /// DejaVu Sans, whose regular style is called Book.
    static let regular = FaceFile(fileName: "DejaVuSans.ttf", family: "DejaVu Sans", style: "Book")
    static let bold = FaceFile(fileName: "DejaVuSans-Bold.ttf", family: "DejaVu Sans", style: "Bold")

    /// What the charts draw: printable ASCII, the minus sign (U+2212) and multiplication sign of
    /// tick labels, the superscript digits and minus of log-axis labels (`10⁻⁴`), and the ellipsis
    /// that ends text cut to fit.
    static let chartCharacters: [Unicode.Scalar] =
        (0x20 ... 0x7E).compactMap(Unicode.Scalar.init)
        + ["\u{2212}", "\u{00D7}", "\u{2026}"]
        + ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁻"]
}
