/// Shortens the path data and text positions Cairo writes, without changing what they draw.
///
/// - Numbers keep two decimals. Cairo prints up to six (`3.207031`), which makes glyph outlines
///   the bulk of a chart's SVG; 1/100 of a CSS pixel looks the same at any zoom a reader would use.
/// - A line-to command that follows another is left implicit (`L 1 2 3 4` for `L 1 2 L 3 4`),
///   as the SVG path grammar allows: a long data line takes a sixth less space.
enum SVGCompaction {
    /// Decimals kept.
    static let decimals = 2

    /// The attributes whose numbers are rounded: path data and the positions of glyphs.
    private static let attributes = [" d=\"", " x=\"", " y=\""].map { Array($0.utf8) }

    /// `svg` with the values of those attributes compacted.
    static func compacted(_ svg: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(svg.count)
        var index = svg.startIndex
        var copied = index
        scan: while index < svg.endIndex {
            if svg[index] == UInt8(ascii: " ") {
                for attribute in attributes where svg[index...].starts(with: attribute) {
                    let valueStart = index + attribute.count
                    guard let valueEnd = svg[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { break scan }
                    output += svg[copied ..< valueStart]
                    output += compacting(svg[valueStart ..< valueEnd])
                    copied = valueEnd
                    index = valueEnd
                    continue scan
                }
            }
            index += 1
        }
        output += svg[copied...]
        return output
    }

    /// The value with each space-separated number rounded and each repeated `L` dropped; other
    /// tokens (path commands) kept.
    private static func compacting(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(value.count)
        var tokenStart = value.startIndex
        var command: ArraySlice<UInt8> = []
        for index in value.indices.lazy + [value.endIndex] {
            guard index == value.endIndex || value[index] == UInt8(ascii: " ") else { continue }
            let token = value[tokenStart ..< index]
            tokenStart = index + 1
            if let first = token.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") {
                defer { command = token }
                if token.elementsEqual("L".utf8), command.elementsEqual("L".utf8) { continue }
            }
            output += shortened(token)
            if index < value.endIndex { output.append(UInt8(ascii: " ")) }
        }
        return output
    }

    /// A number with more than ``decimals`` decimals, rounded; anything else unchanged.
    private static func shortened(_ token: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let point = token.firstIndex(of: UInt8(ascii: ".")), token.endIndex - point - 1 > decimals,
              let number = Double(String(decoding: token, as: UTF8.self)), number.isFinite,
              abs(number) < 1e12
        else { return token }
        var scale = 1.0
        for _ in 0 ..< decimals { scale *= 10 }
        let units = Int((number * scale).rounded())
        var digits = String(units.magnitude)
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        var fraction = digits.suffix(decimals)
        while fraction.last == "0" { fraction = fraction.dropLast() }
        let sign = units < 0 ? "-" : ""
        let text = sign + digits.dropLast(decimals) + (fraction.isEmpty ? "" : "." + fraction)
        return ArraySlice(text.utf8)
    }
}
