import Foundation
@testable import Report
import Testing

/// The figures drawn to bytes: the inline fragments are the same whether they are cut from the
/// SVG files or drawn on their own.
@Suite("Drawn figures")
struct DrawnFiguresTests {
    private static func figures(_ theme: FigureTheme) -> [Figure] {
        let steps = 40
        let input = TrainingFigureInput(
            timeStep: 5, real: (0 ..< steps * 5).map { Float($0 % 7) }, prediction: (0 ..< steps * 5).map { Float($0 % 5) },
            loss: (0 ..< steps).map { Float(1 / Double($0 + 1)) }, learningRate: Array(repeating: 0.01, count: steps))
        return TrainingFigures(input, theme: theme).all
    }

    @Test("inline fragments cut from the SVG files are those drawn when no SVG file is written")
    func fragmentsFromFiles() throws {
        let light = Self.figures(.light), dark = Self.figures(.dark)
        let withFiles = try DrawnFigures(light: light, dark: dark, options: FigureOptions(formats: [.svg, .png]), inline: true)
        let drawnAlone = try DrawnFigures(light: light, dark: dark, options: FigureOptions(formats: [.png]), inline: true)
        #expect(withFiles.files.map(\.name) == [
            "prediction.svg", "prediction.dark.svg", "prediction.png", "prediction-tail.svg", "prediction-tail.dark.svg",
            "prediction-tail.png", "loss.svg", "loss.dark.svg", "loss.png",
        ])
        #expect(drawnAlone.files.map(\.name) == ["prediction.png", "prediction-tail.png", "loss.png"])
        #expect(withFiles.inlineSVG.keys.sorted() == ["loss", "prediction", "prediction-tail"])
        for stem in withFiles.inlineSVG.keys {
            let cut = try #require(withFiles.inlineSVG[stem]), drawn = try #require(drawnAlone.inlineSVG[stem])
            #expect(cut.light.hasPrefix("<svg ") && cut.dark.hasPrefix("<svg "), "\(stem)")
            #expect(cut.light == drawn.light, "\(stem), light")
            #expect(cut.dark == drawn.dark, "\(stem), dark")
            #expect(cut.light.contains(#"id="\#(stem)-title""#) && cut.dark.contains(#"id="\#(stem)-dark-title""#), "\(stem)")
        }
        // The PNG files are the same bytes in both.
        let pngs = withFiles.files.filter { $0.name.hasSuffix(".png") }
        #expect(try pngs.map { try $0.data() } == drawnAlone.files.map { try $0.data() })
    }
}
