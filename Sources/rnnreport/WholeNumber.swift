import ArgumentParser
import Report

/// A whole-number option's value (`--steps`, `--hidden-size`, `--jobs`, …) with the text it was
/// given as, so that a message names what was typed (`invalid --hidden-size 1e5`, not `100000`),
/// as ``DecimalNumber`` does for a floating-point option.
struct WholeNumber: Equatable {
    var value: Int
    /// The option's text, as typed.
    var text: String

    /// `text` as a whole number: in digits (`1000`), or in decimal exponent notation when its
    /// value is a whole number (`1e3`, `2.5e3`, `1000.0`), as a `--config` file and a sweep's
    /// lists take it.
    ///
    /// - Throws: `ValidationError` saying what was expected, which the parser shows after the
    ///   option's name and the text given.
    static func parse(_ text: String) throws -> WholeNumber {
        if let value = Int(text) { return WholeNumber(value: value, text: text) }
        // In decimal only, as JSON writes numbers (not 0x1e, which Double(_:) reads as 30).
        guard let value = SweepGrid.decimal(text), value.rounded() == value else {
            throw ValidationError("expected a whole number, in digits or, when its value is whole, in exponent notation (2e3)")
        }
        // 2⁶³ is the first whole Double beyond Int's range.
        guard value.magnitude < 0x1p63 else { throw ValidationError("the number is too large") }
        return WholeNumber(value: Int(value), text: text)
    }
}
