@testable import CairoCharts
import Foundation
import Testing

/// The compaction of Cairo's path data and glyph positions, against its definition: a number
/// with more than two decimals is `Double(text)` × 100 rounded half away from zero, printed
/// without trailing zeros; every other token is kept.
@Suite("SVG compaction")
struct SVGCompactionTests {
    /// The definition, written plainly with `Double(_:)` and strings.
    private static func definition(_ token: String) -> String {
        guard let point = token.firstIndex(of: "."), token.distance(from: point, to: token.endIndex) - 1 > 2,
              let number = Double(token), number.isFinite, abs(number) < 1e12
        else { return token }
        let units = Int((number * 100).rounded())
        var digits = String(units.magnitude)
        if digits.count <= 2 { digits = String(repeating: "0", count: 3 - digits.count) + digits }
        var fraction = digits.suffix(2)
        while fraction.last == "0" { fraction = fraction.dropLast() }
        return (units < 0 ? "-" : "") + digits.dropLast(2) + (fraction.isEmpty ? "" : "." + fraction)
    }

    private static func shortened(_ token: String) -> String {
        var output: [UInt8] = []
        Array(token.utf8).withUnsafeBufferPointer { SVGCompaction.shortened($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    private static func compacted(_ svg: String) -> String {
        String(decoding: SVGCompaction.compacted(Array(svg.utf8)), as: UTF8.self)
    }

    @Test("numbers on a rounding tie, signs, zeros, long and odd tokens round as the definition says")
    func edgeCases() {
        let tokens = [
            "1.005", "2.675", "0.125", "-0.125", "0.135", "1.115", "-1.115", "0.995", "-0.995", "9.995", "99.995",
            "-0.001", "-0.004", "-0.005", "-0.000", "0.000", "0.004999", "0.005", "12.3", "12.34", "12.340", "-12.345678",
            "999999.999", "123456789012.345", "999999999999.999", "1000000000000.001", "1234567890123.456",
            "1.2345678901234567", "123456789.1234567", "0.0000000000000000000001", "0.00000000000000000000001",
            "1.5e-05", "-2.50e+03", ".125", "-.125", "+1.125", "1.2.3", "1.-23", "nan.125", "inf", "L", "M", "Z", "",
            "0x1.8p1", "1.125 ", "007.12345", "-007.995",
        ]
        for token in tokens {
            #expect(Self.shortened(token) == Self.definition(token), "\(token)")
        }
    }

    @Test("100,000 numbers as Cairo prints them round as the definition says")
    func randomNumbers() {
        var generator = SystemRandomNumberGenerator()
        var seed = UInt64.random(in: 0 ... .max, using: &generator)
        func next() -> UInt64 {
            // SplitMix64: a fixed sequence from the seed printed on failure.
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let start = seed
        var mismatches: [String] = []
        for _ in 0 ..< 100_000 {
            let decimals = Int(next() % 7) + 1
            let whole = next() % [1, 10, 1000, 100_000, 10_000_000][Int(next() % 5)]
            var fraction = String(next() % UInt64(pow(10, Double(decimals))))
            fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
            let token = (next() % 2 == 0 ? "-" : "") + "\(whole).\(fraction)"
            if Self.shortened(token) != Self.definition(token) { mismatches.append(token) }
        }
        #expect(mismatches.isEmpty, "seed \(start): \(mismatches.prefix(10))")
    }

    @Test("path data, x and y are compacted, repeated line-tos dropped; other attributes and text kept")
    func document() {
        let svg = #"<path style="stroke-width:1.234567;" d="M 1.234567 2.3 L 3.333333 4 L 5.125 -0.004 C 1 2 3 4 5 6 L 7.0001 8 Z M 1.5 2.5 "/>"#
            + "\n" + ##"<use xlink:href="#glyph0-1" x="12.345678" y="-0.999" dx="1.23456"/><text>a 1.23456</text>"##
        let expected = #"<path style="stroke-width:1.234567;" d="M 1.23 2.3 L 3.33 4 5.13 0 C 1 2 3 4 5 6 L 7 8 Z M 1.5 2.5 "/>"#
            + "\n" + ##"<use xlink:href="#glyph0-1" x="12.35" y="-1" dx="1.23456"/><text>a 1.23456</text>"##
        #expect(Self.compacted(svg) == expected)
        // An attribute without its closing quote: the rest is kept as it is.
        #expect(Self.compacted(#"<path d="M 1.23456 2"#) == #"<path d="M 1.23456 2"#)
        #expect(Self.compacted(#"<g x="1.23456"/><path d="M 1.23456 2"#) == #"<g x="1.23"/><path d="M 1.23456 2"#)
        #expect(Self.compacted("") == "")
        #expect(Self.compacted(#" d=""#) == #" d=""#)
    }
}
