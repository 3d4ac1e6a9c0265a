import Foundation
@testable import rnnreport
import Testing
import TestSupport

/// The sweep's page as a browser shows it: headless Chromium takes a screenshot, and the three
/// figures must be there, each with its series colours.
@Suite("sweep report in a browser")
struct SweepBrowserTests {
    @Test("Chromium draws the sweep page's three figures: loss per configuration, last-50 loss per run, best run's tail")
    func figuresRender() throws {
        let chromium = try BrowserTests.installedChromium()
        try withTemporaryDirectory { folder in
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute(["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "60",
                               "--learning-rate", "0.005,0.02", "--seeds", "0..2", "--output", sweep.path, "--quiet"])
            let screenshot = folder.appendingPathComponent("screenshot.png")
            let result = try runProcess(chromium, [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--force-color-profile=srgb",
                "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                "--screenshot=\(screenshot.path)", "--window-size=1200,3200",
                sweep.appendingPathComponent("report.html").absoluteString,
            ])
            try #require(result.status == 0 && screenshot.exists, "Chromium failed: \(result)")
            let bands = SeriesBands(try DecodedPNG(Data(contentsOf: screenshot)))
            #expect(bands.bands.count == 3, "expected one band of series colours per figure: \(bands)")
            guard bands.bands.count == 3 else { return }
            let (loss, last, tail) = (bands.bands[0], bands.bands[1], bands.bands[2])
            // The loss: the first configuration's median in blue, the second's in vermillion.
            #expect(loss.count(.smoothedLoss) >= 300 && loss.count(.prediction) >= 300, "loss: \(bands)")
            // The last-50 loss: the medians' bars in vermillion.
            #expect(last.count(.prediction) >= 100, "last-50 loss: \(bands)")
            #expect(tail.count(.real) >= 500 && tail.count(.prediction) >= 200, "best run's tail: \(bands)")
            // Each figure is drawn at most 520 pixels high (the page is narrower than 1000): its
            // band is no taller than one figure. The loss and the tail fill theirs; the last-50 loss
            // has its colours only from the legend to the medians' bars.
            for band in bands.bands {
                #expect((50 ... 520).contains(band.rows.count), "a band of \(band.rows.count) rows: \(bands)")
            }
            #expect(loss.rows.count >= 150 && tail.rows.count >= 150, "\(bands)")
        }
    }

    @Test("the table of configurations shows every column, the runs' links last, in a window 1280 pixels wide, and scrolls only inside itself in a narrower one")
    func tableFits() throws {
        _ = try BrowserTests.installedChromium()
        try withTemporaryDirectory { folder in
            // A CSV sweep of two settings: the widest table, with train and held-out MSE columns.
            let sweep = folder.appendingPathComponent("sweep")
            try Sweep.execute([
                "--data", try Fixtures.url("series/room-temperature.csv").path, "--target", "indoor_c",
                "--input", "heater_kw;heater_kw,outdoor_c", "--holdout", "0.2", "--normalize", "--hidden-size", "8,16",
                "--num-layers", "1", "--time-step", "10", "--steps", "20", "--seeds", "0..3", "--output", sweep.path, "--quiet",
            ])
            func measured(width: Int) throws -> TableLayout {
                try TableLayout.measure(
                    page: sweep.appendingPathComponent("report.html"), table: ".table-wrap.configurations", width: width,
                    scratch: folder)
            }
            for width in [1280, 1920] {
                let table = try measured(width: width)
                try #require(table.lastHeading == "Runs", "\(table)")
                #expect(table.window == Double(width))
                #expect(table.scrollWidth <= table.clientWidth, "at \(width) px the table is cut off: \(table)")
                #expect(table.left >= 0 && table.right <= table.window && table.lastRight <= table.window,
                        "at \(width) px the table leaves the window: \(table)")
            }
            // Narrower than the table: it scrolls inside its box, and the page does not.
            let narrow = try measured(width: 800)
            #expect(narrow.scrollWidth > narrow.clientWidth && narrow.left >= 0 && narrow.right <= 800, "\(narrow)")
        }
    }
}
