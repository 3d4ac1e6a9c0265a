/// Why the figures' fonts cannot be used.
public enum ChartFontError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A font file is in none of the folders searched.
    case notFound(file: String, directories: [String], fromVariable: Bool)
    /// FreeType cannot open the file as a font (`code` is FreeType's error code).
    case unreadable(path: String, code: Int32)
    /// The file holds another face than the one expected (`DejaVu Sans Book`).
    case unexpectedFace(path: String, family: String, style: String, expected: String)
    /// The face has no glyph for characters the charts draw.
    case missingCharacters(path: String, [Unicode.Scalar])
    /// A chart asks for a family other than DejaVu Sans, the only one figures are drawn in.
    case unsupportedFamily(String)
    /// FreeType failed outside any file (`code` is FreeType's error code).
    case freeType(operation: String, code: Int32)
    /// Cairo could not make a font face.
    case cairo(CairoError)

    public var description: String {
        let reinstall = "reinstall it with `apt-get install --reinstall \(ChartFonts.package)`"
        switch self {
        case let .notFound(file, directories, fromVariable):
            let folders = directories.joined(separator: ", ")
            if fromVariable {
                return "the font file \(file) is not in \(folders), the folder \(ChartFonts.directoryVariable) names; "
                    + "figures are drawn in \(ChartFonts.family): put its files there, or unset "
                    + "\(ChartFonts.directoryVariable) and `apt-get install \(ChartFonts.package)`"
            }
            return "the font file \(file) is not in \(folders); figures are drawn in \(ChartFonts.family): "
                + "install it with `apt-get install \(ChartFonts.package)`, or set \(ChartFonts.directoryVariable) "
                + "to the folder that holds its files"
        case let .unreadable(path, code):
            return "cannot read the font file \(path): FreeType error \(code) (\(Self.meaning(ofFreeTypeError: code))); \(reinstall)"
        case let .unexpectedFace(path, family, style, expected):
            return "the font file \(path) holds '\(family) \(style)', not '\(expected)'; \(reinstall)"
        case let .missingCharacters(path, characters):
            let codes = characters.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
            return "the font file \(path) has no glyph for \(codes.joined(separator: ", ")), which figures draw; \(reinstall)"
        case .unsupportedFamily(let family):
            return "figures are drawn in \(ChartFonts.family) only; the chart asks for '\(family)'"
        case let .freeType(operation, code):
            return "FreeType error \(code) while \(operation)"
        case .cairo(let error):
            return error.description
        }
    }

    /// FreeType's words for the errors of opening a file (fterrdef.h).
    private static func meaning(ofFreeTypeError code: Int32) -> String {
        switch code {
        case 0x01: "cannot open it"
        case 0x02: "not a font format FreeType knows"
        case 0x03: "broken font file"
        default: "see FreeType's fterrdef.h"
        }
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
