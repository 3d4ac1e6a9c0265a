@testable import CairoCharts
import Testing

/// The rewriting of Cairo's SVG, on a document shaped like Cairo's with every kind of reference.
@Suite("SVG rewriting")
struct SVGRewriterTests {
    private static let cairo = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10px" height="10px" viewBox="0 0 10 10" version="1.1">
        <defs>
        <g>
        <symbol overflow="visible" id="glyph0-1">
        <path style="stroke:none;" d="M 1.234567 2 L 3 4 "/>
        </symbol>
        </g>
        <clipPath id="clip1">
          <path d="M 0 0 L 10 0 L 10 10 Z"/>
        </clipPath>
        <image id="image5" width="1" height="1"/>
        </defs>
        <g id="surface24">
        <g clip-path="url(#clip1)" clip-rule="nonzero">
        <use xlink:href="#glyph0-1" x="1.5" y="2.123456"/>
        <use href="#image5"/>
        <use xlink:href="#unknown3"/>
        </g>
        </g>
        </svg>

        """

    @Test("ids renamed per kind with the prefix, every reference (href, xlink:href, url()) following, unknown ones kept; title and description first")
    func document() throws {
        let rewriter = SVGRewriter(idPrefix: "p-", title: "T <1>", description: "D", keepsDeclaration: true)
        let output = try #require(rewriter.rewrite(Array(Self.cairo.utf8)))
        #expect(String(decoding: output, as: UTF8.self) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10px" height="10px" viewBox="0 0 10 10" version="1.1" role="img" aria-labelledby="p-title p-desc">
            <title id="p-title">T &lt;1&gt;</title>
            <desc id="p-desc">D</desc>
            <defs>
            <g>
            <symbol overflow="visible" id="p-glyph1">
            <path style="stroke:none;" d="M 1.23 2 L 3 4 "/>
            </symbol>
            </g>
            <clipPath id="p-clip1">
              <path d="M 0 0 L 10 0 10 10 Z"/>
            </clipPath>
            <image id="p-image1" width="1" height="1"/>
            </defs>
            <g id="p-surface1">
            <g clip-path="url(#p-clip1)" clip-rule="nonzero">
            <use xlink:href="#p-glyph1" x="1.5" y="2.12"/>
            <use href="#p-image1"/>
            <use xlink:href="#unknown3"/>
            </g>
            </g>
            </svg>

            """)
        let fragment = try #require(SVGRewriter(idPrefix: "p-", title: "T <1>", description: "D", keepsDeclaration: false)
            .rewrite(Array(Self.cairo.utf8)))
        #expect(output.suffix(fragment.count) == fragment[...])
        #expect(fragment.starts(with: Array("<svg ".utf8)))
    }

    @Test("a reference without its end stops the renaming there; a document without <svg is refused")
    func truncated() throws {
        let rewriter = SVGRewriter(idPrefix: "p-", title: "T", description: "", keepsDeclaration: false)
        let output = try #require(rewriter.rewrite(Array(##"<svg a="1"><g id="surface2"><use xlink:href="#surface2"/><g clip-path="url(#surface2"##.utf8)))
        #expect(String(decoding: output, as: UTF8.self)
                == #"<svg a="1" role="img" aria-labelledby="p-title">"# + "\n" + ##"<title id="p-title">T</title><g id="p-surface1"><use xlink:href="#p-surface1"/><g clip-path="url(#surface2"##)
        #expect(rewriter.rewrite(Array(#"<?xml version="1.0"?><html id="a"/>"#.utf8)) == nil)
    }
}
