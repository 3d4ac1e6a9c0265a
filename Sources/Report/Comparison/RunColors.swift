import Charts

/// The colour and line of each run in a comparison, for a light page or a dark one.
///
/// Ten colours that stay apart for the common forms of colour blindness: the Okabe–Ito palette
/// without its yellow (too pale on white), and three of Paul Tol's (wine, olive, indigo). On a
/// dark page each takes a lighter member of its hue. The 11th run and later reuse the colours
/// with dashed, then dotted lines, so that up to ``RunInputs/maximumRuns`` stay distinct.
enum RunColors {
    static let light: [Color] = [
        Color(rgb: 0x0072B2), Color(rgb: 0xD55E00), Color(rgb: 0x009E73), Color(rgb: 0xCC79A7), Color(rgb: 0xE69F00),
        Color(rgb: 0x56B4E9), Color(rgb: 0x000000), Color(rgb: 0x882255), Color(rgb: 0x999933), Color(rgb: 0x332288),
    ]
    static let dark: [Color] = [
        Color(rgb: 0x56B4E9), Color(rgb: 0xFF7F3F), Color(rgb: 0x3DD6AC), Color(rgb: 0xE8A3CB), Color(rgb: 0xF0E442),
        Color(rgb: 0x8FD3FF), Color(rgb: 0xE6EDF3), Color(rgb: 0xEE7799), Color(rgb: 0xC8C864), Color(rgb: 0xA898F0),
    ]

    /// The dash patterns of successive rounds through the colours: solid, dashed, dotted, …
    static let dashes: [[Double]] = [[], [6, 3], [1.5, 2.5], [8, 3, 2, 3], [3, 3], [10, 4]]

    /// The colour of run `index`.
    static func color(_ index: Int, theme: FigureTheme) -> Color {
        let colors = theme == .light ? light : dark
        return colors[index % colors.count]
    }

    /// The line of run `index`, `width` wide.
    static func style(_ index: Int, theme: FigureTheme, width: Double, opacity: Double = 1) -> StrokeStyle {
        var style = StrokeStyle.series(color(index, theme: theme).opacity(opacity), width: width)
        style.dash = dashes[(index / light.count) % dashes.count]
        return style
    }
}
