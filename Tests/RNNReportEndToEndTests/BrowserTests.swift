@testable import CairoCharts
import Charts
import Foundation
@testable import Report
@testable import rnnreport
import Testing
import TestSupport

/// The report as a browser shows it: headless Chromium takes a screenshot of the default run's
/// page, and the series colours of the figures must be there, one band of them per figure.
@Suite("report in a browser")
struct BrowserTests {
    /// Debian's package, which CI installs; the test fails without it rather than skipping.
    static let chromium = URL(fileURLWithPath: "/usr/bin/chromium")

    /// ``chromium``, which a test requires: it fails, naming the package, where it is missing.
    static func installedChromium() throws -> URL {
        try #require(FileManager.default.isExecutableFile(atPath: chromium.path),
                     "Chromium is not installed at \(chromium.path): install Debian's chromium package (CI does)")
        return chromium
    }

    @Test("Chromium draws the three figures of the page")
    func figuresRender() throws {
        _ = try Self.installedChromium()
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            try Generate.execute(["--output", report.path, "--quiet"])
            let screenshot = folder.appendingPathComponent("screenshot.png")
            let result = try runProcess(Self.chromium, [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--force-color-profile=srgb",
                "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                "--screenshot=\(screenshot.path)", "--window-size=1200,3000",
                report.appendingPathComponent("report.html").absoluteString,
            ])
            try #require(result.status == 0 && screenshot.exists, "Chromium failed: \(result)")
            let image = try DecodedPNG(Data(contentsOf: screenshot))
            try #require(image.width == 1200 && image.height == 3000, "screenshot of \(image.width) × \(image.height)")

            let bands = SeriesBands(image)
            #expect(bands.bands.count == 3, "expected one band of series colours per figure: \(bands)")
            guard bands.bands.count == 3 else { return }
            let (prediction, tail, loss) = (bands.bands[0], bands.bands[1], bands.bands[2])
            for (name, band) in [("prediction", prediction), ("prediction-tail", tail)] {
                #expect(band.count(.real) >= 500, "\(name): too little of the real cosine's colour: \(bands)")
                #expect(band.count(.prediction) >= 200, "\(name): too little of the prediction's colour: \(bands)")
            }
            #expect(loss.count(.smoothedLoss) >= 500, "loss: too little of the smoothed loss's colour: \(bands)")
            #expect(loss.count(.prediction) == 0, "loss: the prediction's colour in the loss figure: \(bands)")
            // Each figure is a 1000 × 400 drawing scaled to the page's width (at most 1000 pixels):
            // its band is tall, but no taller than one figure.
            for band in bands.bands {
                #expect((150 ... 400).contains(band.rows.count), "a band of \(band.rows.count) rows: \(bands)")
            }
        }
    }
}

/// The rows of a screenshot that hold the figures' series colours, grouped into bands: rows
/// close together belong to one band, and a figure's caption and margin separate two bands.
struct SeriesBands: CustomStringConvertible {
    /// A series colour, as it looks on the white page.
    enum Series: CaseIterable {
        case real, prediction, smoothedLoss

        var style: StrokeStyle {
            switch self {
            case .real: FigureStyle.real
            case .prediction: FigureStyle.prediction
            case .smoothedLoss: FigureStyle.smoothedLoss
            }
        }

        /// The stroke colour composited over white, in 0…255 per channel.
        var onWhite: (Double, Double, Double) {
            let color = style.color
            func channel(_ value: Double) -> Double { 255 * (value * color.alpha + (1 - color.alpha)) }
            return (channel(color.red), channel(color.green), channel(color.blue))
        }

        /// Whether `pixel` (`0xAARRGGBB`, opaque) is this colour, within a few levels for rounding
        /// and the browser's blending.
        func matches(_ pixel: UInt32) -> Bool {
            let (r, g, b) = onWhite
            let tolerance = 6.0
            return abs(Double((pixel >> 16) & 0xFF) - r) <= tolerance
                && abs(Double((pixel >> 8) & 0xFF) - g) <= tolerance
                && abs(Double(pixel & 0xFF) - b) <= tolerance
        }
    }

    struct Band {
        var rows: ClosedRange<Int>
        var counts: [Series: Int] = [:]
        func count(_ series: Series) -> Int { counts[series, default: 0] }
        var total: Int { counts.values.reduce(0, +) }
    }

    /// Rows with fewer matching pixels than this are treated as empty (stray anti-aliased text).
    static let minimumPerRow = 3
    /// Rows of series colour at most this far apart belong to one band: within a figure, the
    /// legend is some 45 rows above the plot and a steep curve leaves rows of few full-colour
    /// pixels; between two figures lie a caption and a margin, some 180 rows.
    static let largestGap = 100
    /// Bands with fewer matching pixels than this are noise, not a figure.
    static let minimumPerBand = 500

    var bands: [Band] = []
    var noise: [Band] = []

    init(_ image: DecodedPNG) {
        var current: Band?
        for y in 0 ..< image.height {
            var counts: [Series: Int] = [:]
            for x in 0 ..< image.width {
                let pixel = image.pixel(x: x, y: y)
                for series in Series.allCases where series.matches(pixel) { counts[series, default: 0] += 1 }
            }
            guard counts.values.reduce(0, +) >= Self.minimumPerRow else { continue }
            if var band = current, y - band.rows.upperBound <= Self.largestGap {
                band.rows = band.rows.lowerBound ... y
                band.counts.merge(counts, uniquingKeysWith: +)
                current = band
            } else {
                if let band = current { append(band) }
                current = Band(rows: y ... y, counts: counts)
            }
        }
        if let band = current { append(band) }
    }

    private mutating func append(_ band: Band) {
        if band.total >= Self.minimumPerBand { bands.append(band) } else { noise.append(band) }
    }

    var description: String {
        func text(_ band: Band) -> String {
            "rows \(band.rows): " + Series.allCases.map { "\($0) \(band.count($0))" }.joined(separator: ", ")
        }
        return "bands [" + bands.map(text).joined(separator: "; ") + "], noise [" + noise.map(text).joined(separator: "; ") + "]"
    }
}
