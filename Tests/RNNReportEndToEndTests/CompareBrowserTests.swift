import Charts
import Foundation
@testable import Report
@testable import rnnreport
import Testing
import TestSupport

/// The comparison page as a browser shows it, light and dark: headless Chromium draws the loss
/// figure with every run's colour, and the runs' prediction figures side by side.
@Suite("comparison page in a browser")
struct CompareBrowserTests {
    /// The pixels of a screenshot that are `color` (opaque), within a few levels.
    private func positions(of color: Color, in image: DecodedPNG) -> [(x: Int, y: Int)] {
        let (r, g, b) = (color.red * 255, color.green * 255, color.blue * 255)
        var found: [(x: Int, y: Int)] = []
        for y in 0 ..< image.height {
            for x in 0 ..< image.width {
                let pixel = image.pixel(x: x, y: y)
                if abs(Double((pixel >> 16) & 0xFF) - r) <= 6, abs(Double((pixel >> 8) & 0xFF) - g) <= 6, abs(Double(pixel & 0xFF) - b) <= 6 {
                    found.append((x, y))
                }
            }
        }
        return found
    }

    @Test("Chromium draws both runs in their colours, the tails side by side, in light and dark", arguments: [FigureTheme.light, .dark])
    func page(theme: FigureTheme) throws {
        try #require(FileManager.default.isExecutableFile(atPath: BrowserTests.chromium.path),
                     "Chromium is not installed at \(BrowserTests.chromium.path): install Debian's chromium package (CI does)")
        try withTemporaryDirectory { folder in
            let first = folder.appendingPathComponent("lr0.005"), second = folder.appendingPathComponent("lr0.01")
            try Train.execute(smallRun + ["--output", first.path, "--quiet"])
            try Train.execute(smallRun + ["--learning-rate", "0.01", "--output", second.path, "--quiet"])
            let output = folder.appendingPathComponent("comparison")
            try Compare.execute([first.path, second.path, "--output", output.path, "--quiet"])

            let screenshot = folder.appendingPathComponent("screenshot.png")
            var arguments = [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--force-color-profile=srgb",
                "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                "--screenshot=\(screenshot.path)", "--window-size=1200,2600",
            ]
            if theme == .dark { arguments += ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] }
            let result = try runProcess(BrowserTests.chromium, arguments + [output.appendingPathComponent("report.html").absoluteString])
            try #require(result.status == 0 && screenshot.exists, "Chromium failed: \(result)")
            let image = try DecodedPNG(Data(contentsOf: screenshot))

            let firstColor = positions(of: RunColors.color(0, theme: theme), in: image)
            let secondColor = positions(of: RunColors.color(1, theme: theme), in: image)
            #expect(firstColor.count >= 500, "\(theme): \(firstColor.count) pixels of the first run's colour")
            #expect(secondColor.count >= 500, "\(theme): \(secondColor.count) pixels of the second run's colour")
            // The other theme's colours are not shown.
            let other: FigureTheme = theme == .light ? .dark : .light
            #expect(positions(of: RunColors.color(0, theme: other), in: image).count < 50, "\(theme): the \(other) figures are shown")
            // The tails are the lowest figures: each run's prediction, the first on the left, the
            // second on the right, at the same height.
            let lowest = max(firstColor.map(\.y).max() ?? 0, secondColor.map(\.y).max() ?? 0)
            let tailRows = (lowest - 150) ... lowest
            let firstTail = firstColor.filter { tailRows.contains($0.y) }
            let secondTail = secondColor.filter { tailRows.contains($0.y) }
            #expect(firstTail.count >= 150 && firstTail.allSatisfy { $0.x < 600 }, "\(theme): the first run's tail is not on the left")
            #expect(secondTail.count >= 150 && secondTail.allSatisfy { $0.x >= 600 }, "\(theme): the second run's tail is not on the right")
        }
    }

    @Test("the Results table of five runs of every kind shows every column in a window 1280 pixels wide, and scrolls only inside itself in a narrower one")
    func resultsTableFits() throws {
        _ = try BrowserTests.installedChromium()
        try withTemporaryDirectory { folder in
            // The runs of a new user's comparison: the default cell, an LSTM, a short run, a run on
            // a CSV series (no verdict: dashes in the verdict's columns) and a PyTorch trace.
            let runs = (0 ..< 4).map { folder.appendingPathComponent("run\($0)") }
            try Train.execute(smallRun + ["--output", runs[0].path, "--quiet"])
            try Train.execute(smallRun.map { $0 == "8" ? "16" : $0 } + ["--cell", "lstm", "--seed", "3", "--output", runs[1].path, "--quiet"])
            try Train.execute(smallRun.map { $0 == "40" ? "20" : $0 } + ["--output", runs[2].path, "--quiet"])
            try Train.execute(smallRun + [
                "--data", try Fixtures.url("series/room-temperature.csv").path, "--target", "indoor_c", "--input", "heater_kw",
                "--holdout", "0.2", "--output", runs[3].path, "--quiet",
            ])
            let output = folder.appendingPathComponent("comparison")
            try Compare.execute(runs.map(\.path) + [try Fixtures.url("seed0.trace.json").path, "--output", output.path, "--quiet"])
            func measured(width: Int) throws -> TableLayout {
                try TableLayout.measure(
                    page: output.appendingPathComponent("report.html"), table: ".table-wrap.results", width: width, scratch: folder)
            }
            for width in [1280, 1920] {
                let table = try measured(width: width)
                #expect(table.window == Double(width) && table.columns >= 8, "\(table)")
                #expect(table.scrollWidth <= table.clientWidth, "at \(width) px the table is cut off: \(table)")
                #expect(table.left >= 0 && table.right <= table.window && table.lastRight <= table.window,
                        "at \(width) px the table leaves the window: \(table)")
            }
            // In a wide window it takes more than the text's column, as the sweep's table does,
            // rather than wrapping every heading to fit the column.
            let wide = try measured(width: 1920)
            #expect(wide.right - wide.left > wide.textColumn, "\(wide)")
            // Narrower than the table: it scrolls inside its box, and the page does not.
            let narrow = try measured(width: 700)
            #expect(narrow.scrollWidth > narrow.clientWidth && narrow.left >= 0 && narrow.right <= 700, "\(narrow)")
        }
    }
}
