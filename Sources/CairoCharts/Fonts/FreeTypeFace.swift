import CCairo

/// One font file opened with FreeType, checked, and wrapped as a Cairo font face.
///
/// A face made with `cairo_ft_font_face_create_for_ft_face` is used as it is: Cairo runs
/// fontconfig's substitution (`FcConfigSubstitute`, where a user's fonts.conf can embolden, change
/// the hinting or pick another family) only for faces made from a fontconfig pattern, which
/// includes the toy API's `cairo_select_font_face`. Rendering then depends only on this file and
/// on the font options the canvas sets.
final class FreeTypeFace {
    /// The `cairo_font_face_t`.
    let cairoFace: OpaquePointer
    /// The file the face was read from.
    let path: String

    /// Where Cairo keeps the FreeType library (and with it the face) that a font face reads from.
    nonisolated(unsafe) private static let libraryKey: UnsafeMutablePointer<cairo_user_data_key_t> = {
        let key = UnsafeMutablePointer<cairo_user_data_key_t>.allocate(capacity: 1)
        key.initialize(to: cairo_user_data_key_t())
        return key
    }()

    /// Opens `path` and checks that it holds `expected`'s face with every character the charts draw.
    ///
    /// - Throws: ``ChartFontError`` if the file cannot be read as a font, holds another face,
    ///   lacks a character, or Cairo cannot make a font face of it.
    init(path: String, expected: FaceFile) throws(ChartFontError) {
        let library = try FreeTypeLibrary()
        var opened: FT_Face?
        let error = FT_New_Face(library.pointer, path, 0, &opened)
        guard error == 0, let face = opened else { throw .unreadable(path: path, code: error) }
        // The face belongs to the library from now on: FT_Done_Library discards it.
        try FreeTypeFace.check(face, path: path, expected: expected)

        guard let cairoFace = cairo_ft_font_face_create_for_ft_face(face, 0) else {
            throw .cairo(CairoError(operation: "making a font face of \(path)", status: CAIRO_STATUS_NO_MEMORY))
        }
        let status = cairo_font_face_status(cairoFace)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(cairoFace)
            throw .cairo(CairoError(operation: "making a font face of \(path)", status: status))
        }
        // No synthetic bold or slant: the bold face is the bold file. (It is off by default for
        // a face made from an FT_Face; this states it.)
        cairo_ft_font_face_unset_synthesize(
            cairoFace, CAIRO_FT_SYNTHESIZE_BOLD.rawValue | CAIRO_FT_SYNTHESIZE_OBLIQUE.rawValue)

        // Cairo may keep the font face (in its font caches) after the last reference we hold is
        // gone, and reads the FreeType face until then: the face's user data owns the library,
        // and Cairo releases it when it frees the font face.
        let owner = Unmanaged.passRetained(library).toOpaque()
        let attached = cairo_font_face_set_user_data(cairoFace, FreeTypeFace.libraryKey, owner) { owner in
            guard let owner else { return }
            Unmanaged<FreeTypeLibrary>.fromOpaque(owner).release()
        }
        guard attached == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(cairoFace)
            Unmanaged<FreeTypeLibrary>.fromOpaque(owner).release()
            throw .cairo(CairoError(operation: "keeping the FreeType face of \(path)", status: attached))
        }
        self.cairoFace = cairoFace
        self.path = path
    }

    deinit { cairo_font_face_destroy(cairoFace) }

    /// Throws unless `face` is `expected`'s family and style and maps every required character
    /// to a glyph (FreeType selects the face's Unicode character map when it opens it).
    private static func check(_ face: FT_Face, path: String, expected: FaceFile) throws(ChartFontError) {
        let family = face.pointee.family_name.map { String(cString: $0) } ?? ""
        let style = face.pointee.style_name.map { String(cString: $0) } ?? ""
        guard family == expected.family, style == expected.style else {
            throw .unexpectedFace(path: path, family: family, style: style, expected: expected.family + " " + expected.style)
        }
        let missing = expected.requiredCharacters.filter { FT_Get_Char_Index(face, FT_ULong($0.value)) == 0 }
        guard missing.isEmpty else { throw .missingCharacters(path: path, missing) }
    }
}
