@testable import Charts
import Testing

@Suite("Tick labels")
struct TickLabelFormatTests {
    private func number(_ significand: Int, _ exponent: Int) -> DecimalNumber {
        DecimalNumber(significand: significand, exponent: exponent)
    }

    @Test("decimal numbers normalise and convert exactly")
    func decimalNumbers() {
        #expect(number(10, -1) == number(1, 0))
        #expect(number(3, -1).doubleValue == 0.3)
        #expect(number(25, -2).doubleValue == 0.25)
        #expect(number(-7, 3).doubleValue == -7000)
        #expect(number(Int.max, 0).multiplied(by: 2) == nil)
    }

    @Test("fixed notation")
    func fixed() {
        #expect(TickLabelFormat.fixed(number(5, -1), decimals: 1, grouped: false) == "0.5")
        #expect(TickLabelFormat.fixed(number(5, -1), decimals: 3, grouped: false) == "0.500")
        #expect(TickLabelFormat.fixed(number(-25, -3), decimals: 3, grouped: false) == "\u{2212}0.025")
        #expect(TickLabelFormat.fixed(number(0, -2), decimals: 2, grouped: false) == "0.00")
        #expect(TickLabelFormat.fixed(number(14, 3), decimals: 0, grouped: true) == "14,000")
        #expect(TickLabelFormat.fixed(number(12345, -1), decimals: 1, grouped: true) == "1,234.5")
    }

    @Test("scientific notation")
    func scientific() {
        #expect(TickLabelFormat.scientific(number(25, -6)) == "2.5×10⁻⁵")
        #expect(TickLabelFormat.scientific(number(1, 9)) == "10⁹")
        #expect(TickLabelFormat.scientific(number(-3, 12)) == "\u{2212}3×10¹²")
        #expect(TickLabelFormat.scientific(number(0, 5)) == "0")
    }

    @Test("an axis switches to scientific notation for tiny steps or huge values")
    func choice() {
        #expect(TickLabelFormat.labels(for: [number(1, -4), number(2, -4)]) == ["0.0001", "0.0002"])
        #expect(TickLabelFormat.labels(for: [number(1, -5), number(2, -5)]) == ["10⁻⁵", "2×10⁻⁵"])
        #expect(TickLabelFormat.labels(for: [number(5, 8), number(1, 9)]) == ["5×10⁸", "10⁹"])
        #expect(TickLabelFormat.labels(for: [number(2, -2), number(1, -1)], uniformDecimals: false) == ["0.02", "0.1"])
    }
}
