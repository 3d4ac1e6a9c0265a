import Charts
import Foundation
import FoundationXML
@testable import Report
import Testing

/// The dark variants: SVG that parses, a dark background, and text that meets WCAG's 4.5:1.
@Suite("Dark figures")
struct DarkFigureTests {
    /// WCAG's relative luminance of an sRGB colour.
    private func luminance(_ color: Color) -> Double {
        func channel(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * channel(color.red) + 0.7152 * channel(color.green) + 0.0722 * channel(color.blue)
    }

    private func contrast(_ a: Color, _ b: Color) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test("text contrasts at least 4.5:1 with the background, in both themes", arguments: FigureTheme.allCases)
    func textContrast(theme: FigureTheme) {
        let style = theme.chartStyle
        #expect(contrast(style.textColor, style.background) >= 4.5)
        #expect(contrast(style.tickLabelColor, style.background) >= 4.5)
    }

    @Test("the dark background is dark, and the data lines stand out from it")
    func darkBackground() {
        let style = FigureTheme.dark.chartStyle
        #expect(luminance(style.background) < 0.05)
        for line in [FigureTheme.dark.prediction, FigureTheme.dark.smoothedLoss, FigureTheme.dark.learningRate, FigureTheme.dark.error] {
            #expect(contrast(line.color, style.background) >= 3, "\(line.color)")
        }
    }

    @Test("each figure is written as NAME.dark.svg: well-formed, a dark background, its own ids")
    func darkFiles() throws {
        let steps = 40
        let input = TrainingFigureInput(
            timeStep: 5, real: (0 ..< steps * 5).map { Float($0 % 7) }, prediction: (0 ..< steps * 5).map { Float($0 % 5) },
            loss: (0 ..< steps).map { Float(1 / Double($0 + 1)) }, learningRate: Array(repeating: 0.01, count: steps))
        let light = TrainingFigures(input, theme: .light)
        let dark = TrainingFigures(input, theme: .dark)
        let drawn = try DrawnFigures(light: light.all, dark: dark.all, options: FigureOptions(formats: [.svg]))
        #expect(drawn.files.map(\.name) == ["prediction.svg", "prediction.dark.svg", "prediction-tail.svg",
                                            "prediction-tail.dark.svg", "loss.svg", "loss.dark.svg"])
        for file in drawn.files where file.name.hasSuffix(".dark.svg") {
            let document = try XMLDocument(data: file.data())
            let root = try #require(document.rootElement())
            #expect(root.name == "svg")
            let stem = String(file.name.dropLast(".dark.svg".count))
            let text = String(decoding: try file.data(), as: UTF8.self)
            #expect(text.contains(#"id="\#(stem)-dark-title""#), "\(file.name) ids take the dark prefix")
            // The background rectangle is painted in the dark colour.
            let background = FigureTheme.dark.chartStyle.background
            // Cairo writes colours as percentages with six decimals.
            let fill = String(format: "fill:rgb(%f%%,%f%%,%f%%)", background.red * 100, background.green * 100, background.blue * 100)
            #expect(text.contains(fill), "\(file.name) paints the dark background \(fill)")
        }
    }
}
