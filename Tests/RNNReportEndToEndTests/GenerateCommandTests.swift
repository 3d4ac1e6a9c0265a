import ArgumentParser
import Foundation
import RNNCore
import Report
@testable import rnnreport
import Testing
import TestSupport

/// `rnnreport generate`: the files, their reproducibility, `--check`, the page, templates, and
/// what a failed run leaves behind.
@Suite("rnnreport generate")
struct GenerateCommandTests {
    private static let stems = ["prediction", "prediction-tail", "loss"]
    private static let reportFiles = (["report.html", "metrics.json", "metrics.csv", "model.safetensors"]
        + stems.flatMap { ["\($0).svg", "\($0).dark.svg", "\($0).png"] }).sorted()

    /// Generates the small run's report into `output`.
    private func generate(_ output: URL, _ extra: [String] = []) throws {
        try Generate.execute(smallRun + ["--output", output.path, "--quiet"] + extra)
    }

    /// Runs `body` with a fresh folder holding the small run's report in `report`.
    private func withReport(_ extra: [String] = [], _ body: (_ folder: URL, _ report: URL) throws -> Void) throws {
        try withTemporaryDirectory { folder in
            let report = folder.appendingPathComponent("report")
            try generate(report, extra)
            try body(folder, report)
        }
    }

    // MARK: - Files

    @Test("writes the page, the six figures, metrics.json and model.safetensors, and nothing else")
    func writesReport() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("nested/report")
            try generate(output)
            let snapshot = try FolderSnapshot(output)
            #expect(snapshot.names == Self.reportFiles)
            let metrics = try TrainingMetrics(contentsOf: output.appendingPathComponent("metrics.json"))
            #expect(metrics.loss.count == 40)
            let layout = ParameterLayout(hiddenSize: 8, numLayers: 1)
            #expect(try layout.parameters(fromSafetensorsAt: output.appendingPathComponent("model.safetensors")).count == layout.count)
            for stem in Self.stems {
                #expect(try snapshot.contents("\(stem).png").starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(stem).png")
                #expect(try String(decoding: snapshot.contents("\(stem).svg"), as: UTF8.self).contains("<svg"), "\(stem).svg")
            }
        }
    }

    @Test("a second run gives the same bytes in every file, in the same folder or another")
    func reproducible() throws {
        try withReport { folder, report in
            let first = try FolderSnapshot(report)
            try generate(report)
            let again = try FolderSnapshot(report)
            let elsewhere = folder.appendingPathComponent("elsewhere")
            try generate(elsewhere)
            let other = try FolderSnapshot(elsewhere)
            #expect(again.names == Self.reportFiles && other.names == Self.reportFiles)
            for name in Self.reportFiles {
                #expect(try again.contents(name) == first.contents(name), "\(name) changed on a second run")
                #expect(try other.contents(name) == first.contents(name), "\(name) depends on the output folder")
            }
        }
    }

    @Test("the default run writes a complete report that converges")
    func defaultRun() throws {
        try withTemporaryDirectory { folder in
            try Generate.execute(["--output", folder.path, "--quiet"])
            #expect(try FolderSnapshot(folder).names == Self.reportFiles)
            let metrics = try TrainingMetrics(contentsOf: folder.appendingPathComponent("metrics.json"))
            #expect(metrics.config == TrainingConfiguration())
            let html = try folder.appendingPathComponent("report.html").text()
            #expect(html.contains("Converged"))
        }
    }

    // MARK: - --check

    @Test("--check exits 0 on a fresh report and writes nothing")
    func checkPasses() throws {
        try withReport { _, report in
            let before = try FolderSnapshot(report)
            let result = try RNNReportBinary.run(["generate", "--check"] + smallRun + ["--output", report.path])
            #expect(result.status == 0, "\(result)")
            #expect(result.standardOutput.contains("up to date"), "\(result)")
            #expect(try FolderSnapshot(report) == before, "--check changed the folder")
        }
    }

    @Test("--check exits 1 naming a changed file and a missing one, and writes nothing")
    func checkFindsDifferences() throws {
        try withReport { _, report in
            let figure = report.appendingPathComponent("prediction.png")
            var bytes = try Data(contentsOf: figure)
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: figure)
            let changed = try FolderSnapshot(report)

            let summary = report.deletingLastPathComponent().appendingPathComponent("check.md")
            let first = try RNNReportBinary.run(["generate", "--check"] + smallRun + ["--output", report.path, "--summary", summary.path])
            #expect(first.status == 1, "\(first)")
            #expect(first.standardError.contains("differs: \(figure.path)"), "\(first)")
            let firstSummary = try summary.text()
            #expect(firstSummary.contains("**Check failed**: 1 of \(Self.reportFiles.count) files of `\(report.path)` differs or is missing:\n"),
                    "\(firstSummary)")
            #expect(!first.standardError.contains("report.html"), "only the changed file is named: \(first)")
            #expect(try FolderSnapshot(report) == changed, "--check changed the folder")

            let deleted = report.appendingPathComponent("loss.svg")
            try FileManager.default.removeItem(at: deleted)
            let missing = try FolderSnapshot(report)
            let second = try RNNReportBinary.run(["generate", "--check"] + smallRun + ["--output", report.path, "--summary", summary.path])
            #expect(second.status == 1, "\(second)")
            let secondSummary = try summary.text()
            #expect(secondSummary.contains("**Check failed**: 2 of \(Self.reportFiles.count) files of `\(report.path)` differ or are missing:\n"),
                    "\(secondSummary)")
            #expect(second.standardError.contains("missing: \(deleted.path)"), "\(second)")
            #expect(second.standardError.contains("differs: \(figure.path)"), "\(second)")
            #expect(try FolderSnapshot(report) == missing, "--check changed the folder")
        }
    }

    @Test("--check with other options than the report was made with names every file")
    func checkOtherOptions() throws {
        try withReport { _, report in
            let before = try FolderSnapshot(report)
            let result = try RNNReportBinary.run(["generate", "--check", "--seed", "9"] + smallRun + ["--output", report.path])
            #expect(result.status == 1, "\(result)")
            for name in Self.reportFiles {
                #expect(result.standardError.contains("differs: \(report.appendingPathComponent(name).path)"), "\(name): \(result)")
            }
            #expect(result.standardError.contains("out of date"), "\(result)")
            #expect(try FolderSnapshot(report) == before)
        }
    }

    // MARK: - The page

    @Test("a hostile --title is escaped in <title> and <h1>")
    func hostileTitle() throws {
        let title = #"<script>alert("x")</script> & 'q'"#
        try withReport(["--title", title]) { _, report in
            let html = try report.appendingPathComponent("report.html").text()
            #expect(!html.contains("<script"))
            #expect(!html.contains(#"alert("x")"#))
            #expect(try HTML.unescape(HTML.element("title", in: html)) == title)
            #expect(try HTML.unescape(HTML.element("h1", in: html)) == title)
        }
    }

    @Test("the page holds the three figures inline, light and dark, with unique ids and no dangling reference")
    func pageFiguresAndIds() throws {
        try withReport { _, report in
            let html = try report.appendingPathComponent("report.html").text()
            #expect(HTML.matches(#"<svg[\s>]"#, in: html).count == 6)
            #expect(HTML.matches(#"<div class="figure-dark">"#, in: html).count == 3)
            for stem in Self.stems {
                #expect(html.contains(#"id="figure-\#(stem)""#), "figure-\(stem)")
            }

            let ids = HTML.captures(#"\sid="([^"]*)""#, in: html)
            let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(repeated.isEmpty, "ids used more than once: \(repeated)")
            #expect(ids.count > 10, "the SVG figures have ids of their own")

            let known = Set(ids)
            let references = HTML.captures(##"href="#([^"]*)""##, in: html)
                + HTML.captures(##"url\(#([^)]*)\)"##, in: html)
                + HTML.captures(#"aria-(?:labelledby|describedby)="([^"]*)""#, in: html)
                    .flatMap { $0.split(separator: " ").map(String.init) }
            #expect(!references.isEmpty)
            let dangling = Set(references).subtracting(known).sorted()
            #expect(dangling.isEmpty, "references to ids that do not exist: \(dangling)")
        }
    }

    @Test("the page links the files, shows the hyperparameters and the version, and loads nothing from the network")
    func pageContents() throws {
        try withReport(["--seed", "11", "--learning-rate", "0.0075"]) { _, report in
            let html = try report.appendingPathComponent("report.html").text()
            let links = Set(HTML.captures(##"href="([^"#][^"]*)""##, in: html))
            let expected = Set(["metrics.json", "metrics.csv", "model.safetensors"] + Self.stems.flatMap { ["\($0).svg", "\($0).dark.svg", "\($0).png"] })
            #expect(links == expected)
            // Each linked file exists beside the page.
            for link in links { #expect(report.appendingPathComponent(link).exists, "\(link) is linked but missing") }

            #expect(try HTML.row(containing: "--seed", in: html).contains(">11<"))
            #expect(try HTML.row(containing: "--learning-rate", in: html).contains(">0.0075<"))
            #expect(try HTML.row(containing: "--hidden-size", in: html).contains(">8<"))
            #expect(html.contains("rnnreport \(RNNReportVersion.current)"))

            // The only absolute URLs are the SVG namespaces, which are names, not downloads.
            let namespaces = Set(HTML.captures(#"xmlns(?::\w+)?="(https?://[^"]*)""#, in: html))
            let urls = HTML.matches(#"https?://[^"'\s)<>]*"#, in: html)
            #expect(Set(urls) == namespaces, "absolute URLs other than namespaces: \(Set(urls).subtracting(namespaces))")
            #expect(HTML.matches(#"(?:src|href)\s*=\s*["']?(?:https?:)?//"#, in: html).isEmpty)
            #expect(!html.contains("@import"))
        }
    }

    @Test("--formats svg writes no PNG, and the page links none")
    func svgOnly() throws {
        try withReport(["--formats", "svg"]) { _, report in
            let names = try FolderSnapshot(report).names
            #expect(names == Self.reportFiles.filter { !$0.hasSuffix(".png") })
            let html = try report.appendingPathComponent("report.html").text()
            #expect(!html.contains(".png"))
            for stem in Self.stems { #expect(html.contains(#"href="\#(stem).svg""#)) }
            #expect(HTML.matches(#"<svg[\s>]"#, in: html).count == 6, "the figures are still inline")
        }
    }

    // MARK: - SOURCE_DATE_EPOCH

    /// The UTC date of `seconds` since 1970, as Foundation's calendar has it.
    private static func utcDate(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Test("SOURCE_DATE_EPOCH is read as a UTC date", arguments: [
        Int64(0), 86_399, 86_400, 951_782_400 /* a leap day */, 1_764_115_200, 4_102_444_799, 253_402_300_799,
    ])
    func sourceDate(_ seconds: Int64) throws {
        #expect(try Generate.sourceDate(environment: ["SOURCE_DATE_EPOCH": "\(seconds)"]) == Self.utcDate(seconds))
    }

    @Test("SOURCE_DATE_EPOCH unset or empty gives no date")
    func sourceDateUnset() throws {
        #expect(try Generate.sourceDate(environment: [:]) == nil)
        #expect(try Generate.sourceDate(environment: ["SOURCE_DATE_EPOCH": ""]) == nil)
        #expect(Self.utcDate(0) == "1970-01-01" && Self.utcDate(1_764_115_200) == "2025-11-26", "the reference itself")
    }

    @Test("SOURCE_DATE_EPOCH that is not a whole number of seconds since 1970 is an error naming it",
          arguments: ["abc", "-5", "1.5", " 5", "5s", "99999999999999999999"])
    func sourceDateInvalid(_ text: String) {
        #expect {
            try Generate.sourceDate(environment: ["SOURCE_DATE_EPOCH": text])
        } throws: { error in
            "\(error)".contains("SOURCE_DATE_EPOCH") && "\(error)".contains(text)
        }
    }

    @Test("SOURCE_DATE_EPOCH too large for a calendar date is an error, not a made-up date")
    func sourceDateOutOfRange() {
        // Int64.max seconds is about 2.9e11 years: gmtime_r cannot represent it and fails.
        let text = "\(Int64.max)"
        let result = Result { try Generate.sourceDate(environment: ["SOURCE_DATE_EPOCH": text]) }
        if case let .success(date) = result {
            Issue.record("SOURCE_DATE_EPOCH=\(text) gave the date \(String(describing: date)); expected an error")
        }
    }

    @Test("the page shows the date of SOURCE_DATE_EPOCH only when it is set; nothing else changes")
    func sourceDateOnPage() throws {
        try withTemporaryDirectory { folder in
            let dated = folder.appendingPathComponent("dated")
            let plain = folder.appendingPathComponent("plain")
            let seconds: Int64 = 1_764_115_200
            let withDate = try RNNReportBinary.run(
                ["generate", "--quiet"] + smallRun + ["--output", dated.path],
                extraEnvironment: ["SOURCE_DATE_EPOCH": "\(seconds)"])
            #expect(withDate.status == 0, "\(withDate)")
            let without = try RNNReportBinary.run(["generate"] + smallRun + ["--output", plain.path])
            #expect(without.status == 0, "\(without)")
            #expect(without.standardOutput.contains("wrote \(plain.appendingPathComponent("report.html").path)"), "\(without)")

            let date = Self.utcDate(seconds)
            #expect(try dated.appendingPathComponent("report.html").text().contains(date))
            #expect(try !plain.appendingPathComponent("report.html").text().contains(date))
            let datedFiles = try FolderSnapshot(dated), plainFiles = try FolderSnapshot(plain)
            for name in Self.reportFiles where name != "report.html" {
                #expect(try datedFiles.contents(name) == plainFiles.contents(name), "\(name) depends on SOURCE_DATE_EPOCH")
            }

            let invalid = try RNNReportBinary.run(
                ["generate"] + smallRun + ["--output", folder.appendingPathComponent("invalid").path],
                extraEnvironment: ["SOURCE_DATE_EPOCH": "abc"])
            #expect(invalid.status != 0 && invalid.standardError.contains("SOURCE_DATE_EPOCH"), "\(invalid)")
            #expect(!folder.appendingPathComponent("invalid").exists)
        }
    }

    // MARK: - Templates

    @Test("a template with a syntax error fails with path:line:column, before anything is written")
    func templateSyntaxError() throws {
        try withTemporaryDirectory { folder in
            let template = folder.appendingPathComponent("broken.mustache")
            try Data("<h1>{{title}}</h1>\n{{#figures}}\n{{{svg}}}\n".utf8).write(to: template)
            let failure = Generate.expectRefusal(smallRun + ["--template", template.path], in: folder, mentioning: [template.path])
            let pattern = NSRegularExpression.escapedPattern(for: template.path) + #":(\d+:\d+)"#
            let positions = HTML.captures(pattern, in: failure?.message ?? "")
            let position = try #require(positions.first, "no path:LINE:COL in \(String(describing: failure))")
            let numbers = position.split(separator: ":").compactMap { Int($0) }
            #expect(numbers.count == 2 && numbers.allSatisfy { $0 >= 1 }, "\(position)")
        }
    }

    @Test("a missing template file is a clear error")
    func templateMissing() throws {
        try withTemporaryDirectory { folder in
            let template = folder.appendingPathComponent("nowhere.mustache")
            Generate.expectRefusal(smallRun + ["--template", template.path], in: folder,
                                   mentioning: ["cannot read --template file", template.path])
        }
    }

    @Test("a template whose page would be larger than the limit is refused, and nothing is written")
    func templatePageTooLarge() throws {
        try withTemporaryDirectory { folder in
            // The three figures, seven sections deep: 3⁷ SVGs of tens of kilobytes.
            let template = folder.appendingPathComponent("nested.mustache")
            let source = String(repeating: "{{#figures}}", count: 7) + "{{{svg}}}" + String(repeating: "{{/figures}}", count: 7)
            try Data(source.utf8).write(to: template)
            Generate.expectRefusal(smallRun + ["--template", template.path, "--quiet"], in: folder,
                                   mentioning: [template.path, "64 MiB", "repeats the figures"])
        }
    }

    @Test("a custom template is used for the page")
    func customTemplate() throws {
        try withTemporaryDirectory { folder in
            let template = folder.appendingPathComponent("mine.mustache")
            try Data("<h1>{{title}}</h1>{{#figures}}{{{svg}}}{{/figures}}".utf8).write(to: template)
            let output = folder.appendingPathComponent("out")
            try generate(output, ["--template", template.path, "--title", "A & B"])
            let html = try output.appendingPathComponent("report.html").text()
            #expect(html.hasPrefix("<h1>A &amp; B</h1><svg"), "\(html.prefix(80))")
            #expect(HTML.matches(#"<svg[\s>]"#, in: html).count == 3)
            #expect(html.hasSuffix("</svg>") || html.hasSuffix("</svg>\n"))
            #expect(!html.contains("<!DOCTYPE"))
            #expect(try FolderSnapshot(output).names == Self.reportFiles)
        }
    }

    // MARK: - Failed runs

    @Test("a run that fails while writing leaves the previous report as it was, with no temporary file")
    func failedWriteKeepsOldReport() throws {
        try withReport { _, report in
            // model.safetensors becomes a folder, which the next run cannot replace.
            let model = report.appendingPathComponent("model.safetensors")
            try FileManager.default.removeItem(at: model)
            try FileManager.default.createDirectory(at: model, withIntermediateDirectories: false)
            try Data("keep".utf8).write(to: model.appendingPathComponent("inside"))
            let before = try FolderSnapshot(report)

            let failure = Generate.failure(smallRun + ["--seed", "2", "--output", report.path, "--quiet"])
            expectFailure(failure, mentioning: [model.path, "directory"])
            #expect(try FolderSnapshot(report) == before, "the old report was changed, or a temporary file left")
            #expect(try Data(contentsOf: model.appendingPathComponent("inside")) == Data("keep".utf8))
        }
    }

    @Test("a run that fails before training (bad template) leaves the previous report as it was")
    func failedTemplateKeepsOldReport() throws {
        try withReport { folder, report in
            let before = try FolderSnapshot(report)
            let template = folder.appendingPathComponent("broken.mustache")
            try Data("{{#figures}}".utf8).write(to: template)
            let failure = Generate.failure(smallRun + ["--seed", "2", "--template", template.path, "--output", report.path])
            expectFailure(failure, mentioning: [template.path])
            #expect(try FolderSnapshot(report) == before)
        }
    }

    @Test("an output path that is a file is refused, and the file left as it was")
    func outputIsFile() throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("taken")
            try Data("mine".utf8).write(to: file)
            expectFailure(Generate.failure(smallRun + ["--output", file.path]), mentioning: ["is a file, not a directory"])
            #expect(try Data(contentsOf: file) == Data("mine".utf8))
            #expect(try FolderSnapshot(folder).names == ["taken"])
        }
    }

    @Test("--summary may name a file in the --output directory the run is about to make, but not one named like a file of the report; an empty one is a usage error")
    func summaryInTheNewOutput() throws {
        try withTemporaryDirectory { folder in
            // Named two ways: under the output's own path, and through ".." beside an --output
            // written with a trailing "/".
            let report = folder.appendingPathComponent("new")
            let summary = report.appendingPathComponent("summary.md")
            try Generate.execute(smallRun + ["--output", report.path, "--summary", summary.path, "--quiet"])
            let markdown = try summary.text()
            #expect(markdown.hasPrefix("## "), "\(markdown)")
            #expect(report.appendingPathComponent("report.html").exists)
            let other = folder.appendingPathComponent("other")
            try Generate.execute(smallRun + ["--output", other.path + "/", "--summary", other.path + "/../other/s.md", "--quiet"])
            #expect(other.appendingPathComponent("s.md").exists)
            // A folder that is neither is still refused before any work.
            let failure = Generate.expectRefusal(
                smallRun + ["--summary", folder.appendingPathComponent("nowhere/s.md").path], in: folder,
                mentioning: ["--summary", "nowhere", "does not exist"])
            #expect(failure?.code == 73)
            // A file where its folder should be is named as a file, not as a folder that is missing.
            let file = folder.appendingPathComponent("afile")
            try Data("x\n".utf8).write(to: file)
            for (summary, problem) in [
                (file.path + "/x.md", "its folder \(file.path) is a file, not a folder"),
                (file.path + "/sub/x.md", "its folder \(file.path)/sub cannot exist: \(file.path) is a file, not a folder"),
            ] {
                let refused = Generate.expectRefusal(smallRun + ["--summary", summary], in: folder, mentioning: [])
                #expect(refused?.message == "--summary: cannot write \(summary): \(problem)")
                #expect(refused?.code == 73)
            }
            let empty = Generate.expectRefusal(smallRun + ["--summary", ""], in: folder, mentioning: ["--summary", "the path is empty"])
            #expect(empty?.code == 64)
            // A summary named like a file of the report, in the report's folder, would replace
            // it (or be replaced): refused before any work, whether the folder exists, is given
            // with a trailing "/", through "..", or through a symbolic link to it.
            let link = folder.appendingPathComponent("link")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: report)
            for (output, summary) in [(report.path, report.path + "/report.html"), (report.path + "/", report.path + "/metrics.json"),
                                      (report.path, report.path + "/notes.CSV"),
                                      (folder.appendingPathComponent("fresh").path, folder.appendingPathComponent("fresh/prediction.svg").path),
                                      (other.path, other.path + "/../other/model.safetensors"), (report.path, report.path + "/../link/loss.png"),
                                      (report.path, link.path + "/loss.png")] {
                let before = try FolderSnapshot(report)
                let result = Generate.failure(smallRun + ["--output", output, "--summary", summary])
                expectFailure(result, mentioning: ["--summary \(summary): the report writes its own files in \(output) "
                    + "(.html, .svg, .png, .json, .csv, .safetensors): name the summary another way, such as summary.md"])
                #expect(result?.code == 64, "\(summary)")
                #expect(try FolderSnapshot(report) == before, "\(summary)")
            }
            #expect(!folder.appendingPathComponent("fresh").exists)
            // --check writes no report, but would write the summary over the one it checks.
            let before = try FolderSnapshot(report)
            let checked = Generate.failure(smallRun + ["--check", "--output", report.path, "--summary", report.path + "/report.html"])
            expectFailure(checked, mentioning: ["--summary \(report.path)/report.html: the report writes its own files in \(report.path) "])
            #expect(checked?.code == 64)
            #expect(try FolderSnapshot(report) == before)
            // Beside the report's folder, any name will do.
            try Generate.execute(smallRun + ["--output", report.path, "--summary", folder.appendingPathComponent("report.html").path, "--quiet"])
            #expect(try folder.appendingPathComponent("report.html").text().hasPrefix("## "))
            // --check makes no folder: a summary in one that does not exist is refused first.
            let missing = folder.appendingPathComponent("missing")
            let check = Generate.failure(smallRun + ["--check", "--output", missing.path, "--summary", missing.appendingPathComponent("s.md").path])
            expectFailure(check, mentioning: ["--summary", "does not exist"])
            #expect(check?.code == 73)
        }
    }
}

// MARK: - Reading HTML

/// The few things the tests read from a page, with regular expressions: enough for a page we
/// wrote ourselves, not a general HTML parser.
enum HTML {
    /// Every match of `pattern`.
    static func matches(_ pattern: String, in text: String) -> [String] {
        groups(pattern, in: text, group: 0)
    }

    /// The first capture group of every match of `pattern`.
    static func captures(_ pattern: String, in text: String) -> [String] {
        groups(pattern, in: text, group: 1)
    }

    private static func groups(_ pattern: String, in text: String, group: Int) -> [String] {
        let expression: NSRegularExpression
        do { expression = try NSRegularExpression(pattern: pattern) } catch {
            Issue.record("bad pattern \(pattern): \(error)")
            return []
        }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: group), in: text).map { String(text[$0]) }
        }
    }

    /// The content of the first `<name>` element (which must not nest).
    static func element(_ name: String, in html: String) throws -> String {
        try #require(captures("<\(name)(?:\\s[^>]*)?>([\\s\\S]*?)</\(name)>", in: html).first, "no <\(name)> in the page")
    }

    /// The table row that holds `text`.
    static func row(containing text: String, in html: String) throws -> String {
        try #require(matches(#"<tr>(?:(?!</tr>)[\s\S])*</tr>"#, in: html).first { $0.contains(text) }, "no row with \(text)")
    }

    /// Text with the character references of HTML replaced by their characters.
    static func unescape(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        let named = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'"]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            guard let semicolon = rest[ampersand...].firstIndex(of: ";") else { break }
            let name = rest[rest.index(after: ampersand) ..< semicolon]
            var replacement: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                replacement = named[String(name)]
            }
            result += replacement ?? String(rest[ampersand ... semicolon])
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}
