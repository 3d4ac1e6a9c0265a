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
        let chromium = BrowserTests.chromium
        try #require(FileManager.default.isExecutableFile(atPath: chromium.path),
                     "Chromium is not installed at \(chromium.path): install Debian's chromium package (CI does)")
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
}
