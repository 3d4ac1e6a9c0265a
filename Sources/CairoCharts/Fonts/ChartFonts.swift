import Charts
import Foundation

/// The fonts figures are drawn with: DejaVu Sans, regular and bold, read from their files.
///
/// Text never goes through fontconfig. Each face is opened with FreeType from a known file, its
/// family, style and characters are checked, and Cairo draws it with the canvas's fixed font
/// options; nothing of the user's or the system's font configuration (a preferred family,
/// emboldening, hinting, `FONTCONFIG_FILE`) or of FreeType's `FREETYPE_PROPERTIES` applies. A
/// missing or wrong file is an error that names it, never other glyphs.
///
/// The files are looked for in the folder that `RNNREPORT_FONT_DIR` names when it is set, and
/// otherwise in ``defaultDirectories``. They are loaded once per process, and kept for its life.
/// Cairo locks a face whenever it uses it, so the fonts can be drawn with from several threads.
public final class ChartFonts: @unchecked Sendable {
    /// The only family figures are drawn in.
    public static let family = "DejaVu Sans"
    /// The Debian package that installs the files.
    public static let package = "fonts-dejavu-core"
    /// The environment variable naming the folder of the font files, instead of the default ones.
    public static let directoryVariable = "RNNREPORT_FONT_DIR"
    /// Where the files are looked for when ``directoryVariable`` is not set: where Debian's and
    /// Ubuntu's `fonts-dejavu-core` installs them.
    public static let defaultDirectories = ["/usr/share/fonts/truetype/dejavu"]

    let regular: FreeTypeFace
    let bold: FreeTypeFace

    /// Loads both faces from the first of `directories` that holds each file.
    ///
    /// - Parameter fromVariable: Whether `directories` came from ``directoryVariable``, for the
    ///   error message.
    /// - Throws: ``ChartFontError`` naming the file that is missing or wrong.
    init(directories: [String], fromVariable: Bool = false) throws(ChartFontError) {
        func load(_ file: FaceFile) throws(ChartFontError) -> FreeTypeFace {
            let paths = directories.map { URL(fileURLWithPath: $0).appendingPathComponent(file.fileName).path }
            guard let path = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                throw .notFound(file: file.fileName, directories: directories, fromVariable: fromVariable)
            }
            return try FreeTypeFace(path: path, expected: file)
        }
        regular = try load(.regular)
        bold = try load(.bold)
    }

    /// Loads the fonts from the folders `environment` calls for.
    convenience init(environment: [String: String]) throws(ChartFontError) {
        if let folder = environment[Self.directoryVariable], !folder.isEmpty {
            try self.init(directories: [folder], fromVariable: true)
        } else {
            try self.init(directories: Self.defaultDirectories)
        }
    }

    /// The fonts of this process, loaded on first use.
    static let shared: Result<ChartFonts, ChartFontError> = Result { () throws(ChartFontError) -> ChartFonts in
        try ChartFonts(environment: ProcessInfo.processInfo.environment)
    }

    /// Checks that the fonts can be loaded, so that a command can stop before any long work
    /// rather than when it draws.
    ///
    /// - Throws: ``ChartFontError`` naming the missing or wrong file and the package to install.
    public static func check() throws(ChartFontError) {
        _ = try shared.get()
    }

    /// The Cairo font face for `font`, or `nil` for a family other than ``family``.
    func cairoFace(for font: Font) -> OpaquePointer? {
        guard font.family == Self.family else { return nil }
        return font.weight == .bold ? bold.cairoFace : regular.cairoFace
    }
}
