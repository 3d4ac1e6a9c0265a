import Foundation
import Testing

/// Where a page's table lies once Chromium has laid the page out in a window of a given width:
/// measured by a script added to a copy of the page, which writes the numbers into it for
/// `--dump-dom` to print.
struct TableLayout: Decodable {
    /// The window's width.
    var window: Double
    /// The table's box: the width of its content, and the width it shows (less when it scrolls).
    var scrollWidth: Double
    var clientWidth: Double
    /// The box's left and right edges, and its last heading's right edge, in the window.
    var left: Double
    var right: Double
    var lastRight: Double
    /// The table's headings: how many, and the last one's text.
    var columns: Int
    var lastHeading: String
    /// The width of the page's column of text (its `main`), 0 without one.
    var textColumn: Double

    /// The layout of the table in the first element that matches `selector` (its `.table-wrap`)
    /// in `page`, in a window `width` pixels wide; `scratch` is a folder for the copy and
    /// Chromium's profile.
    static func measure(page: URL, table selector: String, width: Int, scratch: URL) throws -> TableLayout {
        let script = """
            <script>addEventListener("load", () => {
              const wrap = document.querySelector("\(selector)");
              const headings = [...wrap.querySelectorAll("th")], last = headings[headings.length - 1];
              const box = wrap.getBoundingClientRect();
              const out = document.createElement("pre");
              out.id = "measured";
              out.textContent = JSON.stringify({
                window: innerWidth, scrollWidth: wrap.scrollWidth, clientWidth: wrap.clientWidth,
                left: box.left, right: box.right, lastRight: last.getBoundingClientRect().right,
                columns: headings.length, lastHeading: last.textContent.trim(),
                textColumn: document.querySelector("main")?.clientWidth ?? 0 });
              document.body.append(out);
            });</script>
            """
        let measure = scratch.appendingPathComponent("measure.html")
        let text = try String(contentsOf: page, encoding: .utf8)
        try text.replacingOccurrences(of: "</body>", with: script + "</body>").write(to: measure, atomically: true, encoding: .utf8)
        let result = try runProcess(try BrowserTests.installedChromium(), [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
            "--window-size=\(width),1600", "--dump-dom", measure.absoluteString,
        ])
        try #require(result.status == 0, "Chromium failed: \(result)")
        let json = try #require(result.standardOutput.split(separator: "<pre id=\"measured\">").last?.split(separator: "<").first)
        // The DOM is serialised with &, < and > escaped in text.
        let unescaped = json.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(TableLayout.self, from: Data(unescaped.utf8))
    }
}
