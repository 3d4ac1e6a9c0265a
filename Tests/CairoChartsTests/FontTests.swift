@testable import CairoCharts
import Charts
import Foundation
import Testing
import TestSupport

@Suite("Fonts: DejaVu Sans from its files, checked")
struct FontTests {
    /// The folder the fonts are read from on this machine.
    private var systemFolder: URL { URL(fileURLWithPath: ChartFonts.defaultDirectories[0], isDirectory: true) }

    /// A new folder holding `files`, each a copy of the system file named by the value.
    private func folder(in parent: URL, copying files: [String: String]) throws -> URL {
        let folder = parent.appendingPathComponent("fonts", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, source) in files {
            try FileManager.default.copyItem(
                at: systemFolder.appendingPathComponent(source), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// The error of loading the fonts from `folder` through the environment variable.
    private func loadingError(_ folder: URL) -> ChartFontError? {
        do {
            _ = try ChartFonts(environment: [ChartFonts.directoryVariable: folder.path])
            return nil
        } catch {
            return error
        }
    }

    @Test("the installed DejaVu Sans passes the check, and the standard style asks for nothing else")
    func installed() throws {
        try ChartFonts.check()
        let loaded = try ChartFonts(environment: [:])
        #expect(loaded.regular.path == systemFolder.appendingPathComponent("DejaVuSans.ttf").path)
        #expect(loaded.bold.path == systemFolder.appendingPathComponent("DejaVuSans-Bold.ttf").path)
        let style = ChartStyle.standard
        for font in [style.titleFont, style.axisLabelFont, style.tickLabelFont, style.legendFont] {
            #expect(font.family == ChartFonts.family)
        }
    }

    @Test("the folder of RNNREPORT_FONT_DIR is used when it holds both files")
    func variableFolder() throws {
        try withTemporaryDirectory { parent in
            let fonts = try folder(in: parent, copying: ["DejaVuSans.ttf": "DejaVuSans.ttf", "DejaVuSans-Bold.ttf": "DejaVuSans-Bold.ttf"])
            let loaded = try ChartFonts(environment: [ChartFonts.directoryVariable: fonts.path])
            #expect(loaded.regular.path == fonts.appendingPathComponent("DejaVuSans.ttf").path)
            #expect(loaded.bold.path == fonts.appendingPathComponent("DejaVuSans-Bold.ttf").path)
            let regular = loaded.cairoFace(for: Font(family: "DejaVu Sans", size: 12))
            let bold = loaded.cairoFace(for: Font(family: "DejaVu Sans", size: 12, weight: .bold))
            #expect(regular != nil && bold != nil && regular != bold)
        }
    }

    @Test("an empty folder is an error naming the file, the folder and the package")
    func emptyFolder() throws {
        try withTemporaryDirectory { parent in
            let error = try #require(loadingError(parent))
            #expect(error == .notFound(file: "DejaVuSans.ttf", directories: [parent.path], fromVariable: true))
            for word in ["DejaVuSans.ttf", parent.path, "RNNREPORT_FONT_DIR", "apt-get install fonts-dejavu-core"] {
                #expect(error.description.contains(word), "\(word) not in: \(error)")
            }
        }
    }

    @Test("a folder without the bold file names the bold file")
    func missingBold() throws {
        try withTemporaryDirectory { parent in
            let fonts = try folder(in: parent, copying: ["DejaVuSans.ttf": "DejaVuSans.ttf"])
            #expect(loadingError(fonts) == .notFound(file: "DejaVuSans-Bold.ttf", directories: [fonts.path], fromVariable: true))
        }
    }

    @Test("without the variable, the error names the default folder and the package")
    func defaultFolderMessage() {
        let error = ChartFontError.notFound(file: "DejaVuSans.ttf", directories: ChartFonts.defaultDirectories, fromVariable: false)
        for word in ["DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu", "apt-get install fonts-dejavu-core"] {
            #expect(error.description.contains(word), "\(word) not in: \(error)")
        }
    }

    @Test("a file holding another face is refused, naming what it holds")
    func wrongFace() throws {
        try withTemporaryDirectory { parent in
            let fonts = try folder(in: parent, copying: ["DejaVuSans.ttf": "DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf": "DejaVuSans-Bold.ttf"])
            let path = fonts.appendingPathComponent("DejaVuSans.ttf").path
            let error = try #require(loadingError(fonts))
            #expect(error == .unexpectedFace(path: path, family: "DejaVu Sans", style: "Bold", expected: "DejaVu Sans Book"))
            #expect(error.description.contains("'DejaVu Sans Bold', not 'DejaVu Sans Book'"), "\(error)")
        }
    }

    @Test("a file that is not a font is refused")
    func notAFont() throws {
        try withTemporaryDirectory { parent in
            let fonts = try folder(in: parent, copying: ["DejaVuSans-Bold.ttf": "DejaVuSans-Bold.ttf"])
            let path = fonts.appendingPathComponent("DejaVuSans.ttf")
            try Data("<html>not a font</html>".utf8).write(to: path)
            let error = try #require(loadingError(fonts))
            guard case .unreadable(let reported, let code) = error else {
                Issue.record("expected an unreadable file, got \(error)")
                return
            }
            #expect(reported == path.path && code != 0)
            #expect(error.description.contains("cannot read the font file \(path.path)"), "\(error)")
        }
    }

    @Test("a face without a glyph for a character the charts draw is refused, naming the character")
    func missingCharacter() throws {
        // DejaVu Sans has no CJK ideographs: asking for one stands in for a font without U+2212.
        var expected = FaceFile.regular
        expected.requiredCharacters.append("\u{4E00}")
        let path = systemFolder.appendingPathComponent("DejaVuSans.ttf").path
        #expect(throws: ChartFontError.missingCharacters(path: path, ["\u{4E00}"])) {
            try FreeTypeFace(path: path, expected: expected)
        }
        #expect(ChartFontError.missingCharacters(path: path, ["\u{2212}"]).description.contains("U+2212"))
    }

    @Test("DejaVu Sans has every character the charts draw: the minus sign, superscripts, ×, …")
    func chartCharacters() throws {
        for character in ["\u{2212}", "⁰", "⁴", "⁻", "×", "…"] as [Unicode.Scalar] {
            #expect(FaceFile.chartCharacters.contains(character))
        }
        for file in [FaceFile.regular, .bold] {
            _ = try FreeTypeFace(path: systemFolder.appendingPathComponent(file.fileName).path, expected: file)
        }
    }

    @Test("a chart asking for another family is an error, never other glyphs")
    func otherFamily() {
        var chart = SampleCharts.decay()
        chart.style.tickLabelFont.family = "Liberation Mono"
        let error = ChartImageError.font(.unsupportedFamily("Liberation Mono"))
        #expect(throws: error) { try ChartImageRenderer().png(chart) }
        #expect(throws: error) { try ChartImageRenderer().svg(chart) }
        #expect(error.description.contains("Liberation Mono"))
    }
}
