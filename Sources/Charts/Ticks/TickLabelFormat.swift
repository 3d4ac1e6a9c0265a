/// Turns exact tick values into labels.
///
/// Plain decimals (`0.25`, `14,000`) while they stay short; otherwise scientific notation with a
/// superscript exponent (`2.5×10⁻⁵`). A minus sign is U+2212, as in typeset mathematics.
enum TickLabelFormat {
    /// Labels for the ticks of one axis.
    ///
    /// - Parameters:
    ///   - numbers: The tick values.
    ///   - uniformDecimals: Whether every label gets the number of decimals of the most precise one
    ///     (right for evenly spaced ticks; a log axis's `0.02, 0.05, 0.1` reads better without).
    static func labels(for numbers: [DecimalNumber], uniformDecimals: Bool = true) -> [String] {
        let nonZero = numbers.filter { $0.significand != 0 }
        let maxMagnitude = nonZero.map { abs($0.doubleValue) }.max() ?? 0
        let finest = nonZero.map(\.exponent).min() ?? 0
        if finest < -4 || maxMagnitude >= 1e9 {
            return numbers.map(scientific)
        }
        let grouped = maxMagnitude >= 1e4
        let decimals = max(0, -finest)
        return numbers.map { fixed($0, decimals: uniformDecimals ? decimals : max(0, -$0.exponent), grouped: grouped) }
    }

    /// `10` with a superscript exponent: `10⁻³`.
    static func power(_ exponent: Int) -> String {
        "10" + superscript(exponent)
    }

    /// The number in positional notation with `decimals` digits after the point.
    static func fixed(_ number: DecimalNumber, decimals: Int, grouped: Bool) -> String {
        // Digits of |significand| × 10^(exponent + decimals), an integer since decimals ≥ −exponent.
        var digits = String(number.significand.magnitude)
        let shift = number.exponent + decimals
        if number.significand != 0, shift > 0 { digits += String(repeating: "0", count: shift) }
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        var integerPart = String(digits.dropLast(decimals))
        let fraction = String(digits.suffix(decimals))
        if grouped { integerPart = groupingThousands(integerPart) }
        let sign = number.significand < 0 ? "\u{2212}" : ""
        return sign + integerPart + (decimals > 0 ? "." + fraction : "")
    }

    /// The number as `m×10ⁿ` with 1 ≤ m < 10, or `10ⁿ` when m is 1, or `0`.
    static func scientific(_ number: DecimalNumber) -> String {
        guard number.significand != 0 else { return "0" }
        let digits = String(number.significand.magnitude)
        let exponent = number.exponent + digits.count - 1
        let mantissa = digits.count == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
        let sign = number.significand < 0 ? "\u{2212}" : ""
        return sign + (mantissa == "1" ? "" : mantissa + "\u{00D7}") + power(exponent)
    }


    private static func superscript(_ value: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(value.magnitude).map { digits[$0.wholeNumberValue ?? 0] }
        return (value < 0 ? "⁻" : "") + String(body)
    }
}

/// Digits with their thousands separated by commas, the same in every locale: `1,400,000`.
public func groupingThousands(_ digits: String) -> String {
    var result = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return result
}
