import CairoCharts

/// The check that `generate` and `plot` make first: the figures' font can be loaded.
enum FigureFonts {
    /// Throws a ``CommandError`` with status 72 (sysexits' EX_OSFILE: a system file is missing
    /// or wrong) naming the font file and the package to install, before any training or reading.
    static func check() throws {
        do { try ChartFonts.check() } catch {
            throw CommandError("\(error)", status: .osFile)
        }
    }
}
