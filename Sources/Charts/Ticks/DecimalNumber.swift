/// An exact decimal `significand × 10^exponent`, so that tick values print without binary
/// rounding noise (`0.3`, never `0.30000000000000004`).
struct DecimalNumber: Hashable, Sendable {
    var significand: Int
    var exponent: Int

    /// The number with trailing zeros of the significand moved into the exponent (`10 × 10⁻¹` is `1`).
    init(significand: Int, exponent: Int) {
        var significand = significand
        var exponent = exponent
        while significand != 0, significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
        self.significand = significand
        self.exponent = exponent
    }

    /// The nearest `Double` (correctly rounded for |exponent| ≤ 22 and |significand| < 2⁵³):
    /// `3 × 10⁻¹` is `0.3`, where `3 × 0.1` would be `0.30000000000000004`.
    var doubleValue: Double {
        exponent < 0
            ? Double(significand) / DecimalNumber.power(-exponent)
            : Double(significand) * DecimalNumber.power(exponent)
    }

    /// This number times `factor`, or `nil` if the significand overflows.
    func multiplied(by factor: Int) -> DecimalNumber? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: factor)
        return overflow ? nil : DecimalNumber(significand: product, exponent: exponent)
    }

    /// `10^exponent` as a `Double`: exact up to 10²², and one correctly rounded division for
    /// negative exponents down to 10⁻²².
    static func power(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0 ..< min(abs(exponent), 400) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
