@testable import CairoCharts
import Charts
import Foundation
import Testing

@Suite("SVG output")
struct SVGTests {
    @Test("well-formed XML with viewBox, size in pixels, title and description first")
    func structure() throws {
        let data = try ChartImageRenderer().svg(SampleCharts.wave())
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        let document = try SVGDocument(data)
        let root = try #require(document.root)
        #expect(root.name == "svg")
        #expect(root.attributes["viewBox"] == "0 0 1000 400")
        #expect(root.attributes["width"] == "1000px" && root.attributes["height"] == "400px")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "title desc")
        let children = document.elements.filter { $0.depth == 1 }
        #expect(children.prefix(2).map(\.name) == ["title", "desc"])
        #expect(children.first?.text == "A wave")
        #expect(children.dropFirst().first?.text == "Two waves.")
    }

    @Test("self-contained: no external references, fonts, scripts or images")
    func selfContained() throws {
        let data = try ChartImageRenderer().svg(SampleCharts.wave())
        let text = try #require(String(data: data, encoding: .utf8))
        let document = try SVGDocument(data)
        // The only URLs are the two namespace declarations.
        #expect(text.components(separatedBy: "http").count - 1 == 2)
        for forbidden in ["@import", "@font-face", "<image", "<script", "<style", "<text", "font-family"] {
            #expect(!text.contains(forbidden), "\(forbidden)")
        }
        // Every reference points at an id of the same document.
        let ids = Set(document.ids)
        #expect(!document.references.isEmpty)
        #expect(document.references.allSatisfy(ids.contains))
        #expect(document.ids.count == ids.count)
    }

    @Test("user text is escaped in <title> and <desc>, and invalid XML characters are dropped")
    func escaping() throws {
        let title = "a < b && c > \"d\" 'e' \u{1}</title><script>"
        var chart = SampleCharts.wave(title: title)
        chart.description = "<desc> & ]]>"
        let document = try SVGDocument(try ChartImageRenderer().svg(chart))
        #expect(document.elements.first { $0.name == "title" }?.text == "a < b && c > \"d\" 'e' </title><script>")
        #expect(document.elements.first { $0.name == "desc" }?.text == "<desc> & ]]>")
        #expect(!document.elements.contains { $0.name == "script" })
    }

    @Test("every id takes the prefix, every reference follows, and the names do not depend on earlier renders")
    func idPrefix() throws {
        let renderer = ChartImageRenderer()
        // Cairo numbers SVG surfaces with a process-wide counter: draw a few first.
        for _ in 0 ..< 3 { _ = try renderer.svg(SampleCharts.decay()) }
        let loss = try SVGDocument(try renderer.svg(SampleCharts.decay(), idPrefix: "loss-"))
        let wave = try SVGDocument(try renderer.svg(SampleCharts.wave(), idPrefix: "wave-"))
        #expect(loss.ids.allSatisfy { $0.hasPrefix("loss-") })
        #expect(wave.ids.allSatisfy { $0.hasPrefix("wave-") })
        #expect(Set(loss.references).isSubset(of: Set(loss.ids)))
        #expect(Set(loss.ids).isDisjoint(with: Set(wave.ids)))
        #expect(loss.ids.contains("loss-surface1"))
        #expect(!loss.ids.contains { $0.hasPrefix("loss-surface") && $0 != "loss-surface1" })
        #expect(loss.root?.attributes["aria-labelledby"] == "loss-title")
    }

    @Test("an invalid id prefix is an error")
    func invalidPrefix() {
        for prefix in ["1abc", "a b", "a\"", "é", "-x"] {
            #expect(throws: ChartImageError.invalidIDPrefix(prefix)) {
                try ChartImageRenderer().svg(SampleCharts.decay(), idPrefix: prefix)
            }
        }
    }

    @Test("a fragment is the <svg> element alone")
    func fragment() throws {
        let fragment = try ChartImageRenderer().svg(SampleCharts.decay(), form: .fragment, idPrefix: "f-")
        let document = try ChartImageRenderer().svg(SampleCharts.decay(), form: .document, idPrefix: "f-")
        #expect(fragment.starts(with: Data("<svg ".utf8)))
        #expect(document.count - fragment.count == Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8).count)
        #expect(document.suffix(fragment.count) == fragment)
        _ = try SVGDocument(fragment)
    }

    @Test("the fragment cut from a document is the fragment drawn on its own")
    func fragmentOfDocument() throws {
        let renderer = ChartImageRenderer()
        for (chart, prefix) in [(SampleCharts.decay(), "d-"), (SampleCharts.wave(), ""), (SampleCharts.dense(count: 15_000), "x-dark-")] {
            let document = try renderer.svg(chart, form: .document, idPrefix: prefix)
            let drawn = try renderer.svg(chart, form: .fragment, idPrefix: prefix)
            #expect(ChartImageRenderer.fragment(ofDocument: document) == drawn)
        }
        #expect(ChartImageRenderer.fragment(ofDocument: Data("<?xml version=\"1.0\"?>\n<html/>".utf8)) == nil)
    }

    @Test("size stays under 100 KB however many points", arguments: [15_000, 150_000, 1_500_000])
    func sizeBound(count: Int) throws {
        let data = try ChartImageRenderer().svg(SampleCharts.dense(count: count))
        #expect(data.count < 100_000, "\(data.count) bytes")
        _ = try SVGDocument(data)
    }
}
