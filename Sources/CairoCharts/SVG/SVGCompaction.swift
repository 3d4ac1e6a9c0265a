/// Shortens the path data and text positions Cairo writes, without changing what they draw.
///
/// - Numbers keep two decimals. Cairo prints up to six (`3.207031`), which makes glyph outlines
///   the bulk of a chart's SVG; 1/100 of a CSS pixel looks the same at any zoom a reader would use.
/// - A line-to command that follows another is left implicit (`L 1 2 3 4` for `L 1 2 L 3 4`),
///   as the SVG path grammar allows: a long data line takes a sixth less space.
///
/// A chart's SVG holds tens of thousands of numbers, so the work is done on bytes: a number as
/// Cairo writes it (`-12.345678`) is read and printed with integer arithmetic, and anything else
/// goes through `Double(_:)` (see ``shortened(_:into:)``); both give the same bytes.
enum SVGCompaction {
    /// Decimals kept.
    static let decimals = 2

    /// `svg` with the values of the path data and glyph position attributes (` d="`, ` x="`,
    /// ` y="`) compacted.
    static func compacted(_ svg: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(svg.count)
        svg.withUnsafeBufferPointer { svg in
            let count = svg.count
            var index = 0
            var copied = 0
            scan: while index + 3 < count {
                // ` d="`, ` x="` or ` y="`.
                guard svg[index] == UInt8(ascii: " "), svg[index + 2] == UInt8(ascii: "="), svg[index + 3] == UInt8(ascii: "\""),
                      svg[index + 1] == UInt8(ascii: "d") || svg[index + 1] == UInt8(ascii: "x") || svg[index + 1] == UInt8(ascii: "y")
                else {
                    index += 1
                    continue
                }
                let valueStart = index + 4
                var valueEnd = valueStart
                while valueEnd < count && svg[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
                guard valueEnd < count else { break scan }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: svg[copied ..< valueStart]))
                compact(UnsafeBufferPointer(rebasing: svg[valueStart ..< valueEnd]), into: &output)
                copied = valueEnd
                index = valueEnd
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: svg[copied...]))
        }
        return output
    }

    /// Appends the value with each space-separated number rounded and each repeated `L` dropped;
    /// other tokens (path commands) kept.
    private static func compact(_ value: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var tokenStart = 0
        var lastCommandIsL = false
        var index = 0
        while index <= value.count {
            guard index == value.count || value[index] == UInt8(ascii: " ") else {
                index += 1
                continue
            }
            let token = UnsafeBufferPointer(rebasing: value[tokenStart ..< index])
            tokenStart = index + 1
            let isLast = index == value.count
            index += 1
            if let first = token.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") {
                let isL = token.count == 1 && first == UInt8(ascii: "L")
                defer { lastCommandIsL = isL }
                if isL && lastCommandIsL { continue }
            }
            shortened(token, into: &output)
            if !isLast { output.append(UInt8(ascii: " ")) }
        }
    }

    /// Appends a number with more than ``decimals`` decimals, rounded; anything else unchanged.
    ///
    /// A number rounds as `Double(text)`, times 100, rounded half away from zero, would; the
    /// digits of `-?D+.D+` with at most 15 significant digits are read exactly as an integer and
    /// a power of ten (both exact in a `Double`, so their quotient is the correctly rounded
    /// value `Double(text)` returns), and any other token goes through `Double(text)` itself.
    static func shortened(_ token: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard let point = token.firstIndex(of: UInt8(ascii: ".")), token.count - point - 1 > decimals else {
            output.append(contentsOf: token)
            return
        }
        guard let number = exactValue(token, point: point) ?? Double(String(decoding: token, as: UTF8.self)),
              number.isFinite, abs(number) < 1e12
        else {
            output.append(contentsOf: token)
            return
        }
        var scale = 1.0
        for _ in 0 ..< decimals { scale *= 10 }
        let units = Int((number * scale).rounded())
        var whole = units.magnitude
        var fraction = whole % 100
        whole /= 100
        if units < 0 { output.append(UInt8(ascii: "-")) }
        appendDigits(of: whole, to: &output)
        if fraction != 0 {
            output.append(UInt8(ascii: "."))
            output.append(UInt8(ascii: "0") + UInt8(fraction / 10))
            fraction %= 10
            if fraction != 0 { output.append(UInt8(ascii: "0") + UInt8(fraction)) }
        }
    }

    /// The value of `-?D+.D+` with at most 15 significant digits, or `nil` for any other token.
    private static func exactValue(_ token: UnsafeBufferPointer<UInt8>, point: Int) -> Double? {
        let negative = token.first == UInt8(ascii: "-")
        let start = negative ? 1 : 0
        guard point > start, token.count - point - 1 <= 22 else { return nil }
        var mantissa: UInt64 = 0
        var digits = 0
        for index in start ..< token.count where index != point {
            let digit = token[index] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            if mantissa != 0 || digit != 0 { digits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            guard digits <= 15 else { return nil }
        }
        let value = Double(mantissa) / powersOfTen[token.count - point - 1]
        return negative ? -value : value
    }

    /// 10⁰ … 10²², each exact in a `Double`.
    private static let powersOfTen: [Double] = (0 ... 22).map { exponent in
        (0 ..< exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// Appends the decimal digits of `value`.
    private static func appendDigits(of value: UInt, to output: inout [UInt8]) {
        guard value >= 10 else {
            output.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        appendDigits(of: value / 10, to: &output)
        output.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
