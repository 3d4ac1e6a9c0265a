import Foundation

extension MetricsJSONReader {
    /// The powers of ten a `Double` holds exactly: up to 10^22, as 5^22 < 2^53.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Reads the JSON number `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` that starts at
    /// `index`, followed by a delimiter, and returns the `Double` Foundation's `JSONDecoder` reads
    /// for it; `nil` if the text there is not such a number, or if it is beyond the range of a
    /// `Double` (it rounds to infinity, or to zero though a digit is not zero), which Foundation
    /// refuses.
    ///
    /// Foundation converts with `strtod`: the correctly rounded double. So does this, in two ways.
    /// Most numbers (every `Float` that rnnreport writes, and Python's shorter doubles) take
    /// Clinger's fast path: when the digits, read as one integer, are at most 2^53 and the power of
    /// ten is at most 22 in magnitude, both are exact doubles, and one multiplication or division,
    /// which IEEE 754 rounds correctly, gives the correctly rounded value. Any other number goes
    /// through `Double(String)`, the standard library's `strtod` in the C locale.
    ///
    /// A zero written with an exponent (`0e7`) is left to Foundation too: it refuses some of them
    /// (`0e7`, `0.00e5`, whose last bytes its check for a true zero reads in the wrong order) and
    /// reads others (`0e10`), and the reader keeps to what it does.
    mutating func readNumber() -> Double? {
        let start = index
        let negative = consume(UInt8(ascii: "-"))
        var digits: UInt64 = 0  // every digit read, as one integer, while it fits
        var fits = true
        var nonZero = false
        var exponent = 0  // the power of ten to scale `digits` by

        func append(_ byte: UInt8) {
            let digit = UInt64(byte &- UInt8(ascii: "0"))
            if digit != 0 { nonZero = true }
            if digits <= (UInt64.max - 9) / 10 { digits = digits &* 10 &+ digit } else { fits = false }
        }
        if !consume(UInt8(ascii: "0")) {
            var byte = peek()
            guard Self.isDigit(byte) else { return nil }
            repeat { append(byte); index += 1; byte = peek() } while Self.isDigit(byte)
        }
        if consume(UInt8(ascii: ".")) {
            var byte = peek()
            guard Self.isDigit(byte) else { return nil }
            repeat { append(byte); index += 1; exponent -= 1; byte = peek() } while Self.isDigit(byte)
        }
        let hasExponent = consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E"))
        if hasExponent {
            let negativeExponent = consume(UInt8(ascii: "-"))
            if !negativeExponent { _ = consume(UInt8(ascii: "+")) }
            guard Self.isDigit(peek()) else { return nil }
            var written = 0  // saturated far beyond any exponent that matters
            while Self.isDigit(peek()) {
                written = min(written * 10 + Int(peek() &- UInt8(ascii: "0")), 1 << 40)
                index += 1
            }
            exponent += negativeExponent ? -written : written
        }
        guard isJSONDelimiter(peek()), nonZero || !hasExponent else { return nil }

        if fits, digits <= 1 << 53, (-22...22).contains(exponent) {
            let magnitude = exponent >= 0
                ? Double(digits) * Self.exactPowersOfTen[exponent]
                : Double(digits) / Self.exactPowersOfTen[-exponent]
            return negative ? -magnitude : magnitude
        }
        guard let value = Double(text(from: start)), value.isFinite, value != 0 || !nonZero else { return nil }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
