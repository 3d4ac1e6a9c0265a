import Charts
import Foundation

/// Numbers in the words of the report.
enum ReportNumber {
    /// Three significant digits, in plain or scientific notation as C's `%g` chooses (`0.00503`, `1.9e-08`).
    static func short(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "not a number" : (value > 0 ? "infinity" : "minus infinity") }
        return String(format: "%.3g", value)
    }

    /// A count with thousands separated by commas (`15,000`).
    static func count(_ value: Int) -> String {
        (value < 0 ? "-" : "") + groupingThousands(String(value.magnitude))
    }

    /// A ratio with three significant digits, thousands separated by commas up to 10¹⁵ (`658`,
    /// `65,800`, `−12.5`), in scientific notation beyond (`1.2e+20`).
    static func factor(_ value: Double) -> String {
        let text = short(value.magnitude)
        let sign = value < 0 ? "−" : ""
        guard let rounded = Double(text), rounded >= 1000, rounded < 1e15 else { return sign + text }
        return sign + count(Int(rounded))
    }

    /// A count and the noun that goes with it (`1 step`, `3 steps`).
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        "\(count(value)) \(value == 1 ? singular : plural)"
    }

    /// A list of at most `limit` values, then how many more (`103, 202 and 16 more`).
    static func list(_ values: [Int], limit: Int = 8) -> String {
        let shown = values.prefix(limit).map(count)
        let rest = values.count - shown.count
        if rest > 0 { return shown.joined(separator: ", ") + " and \(rest) more" }
        return listing(shown)
    }

    /// Words as a sentence lists them: `a`, `a and b`, `a, b and c`; empty for none.
    static func listing(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + words[words.count - 1]
    }
}
