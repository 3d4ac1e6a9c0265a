import ArgumentParser
import Report

/// A floating-point option's value (`--learning-rate`, `--holdout`, `--smoothing`, …) with the
/// text it was given as, so that a message names what was typed (`1e400`, not `inf`).
struct DecimalNumber: Equatable {
    var value: Double
    /// The option's text, as typed.
    var text: String

    /// `text` as a number in decimal (`0.005`, `5e-3`, `-1`), as a `--config` file and a
    /// sweep's lists take it: not hexadecimal (`0x1p-7`), `inf` or `nan`, which `Double(_:)`
    /// reads. A number too large for a double reads as infinite, and the option's range check
    /// refuses it; one too close to 0 to be told from it is refused here, rather than taken as 0.
    ///
    /// - Throws: `ValidationError` saying what was expected, which the parser shows after the
    ///   option's name and the text given.
    static func parse(_ text: String) throws -> DecimalNumber {
        guard let value = SweepGrid.decimal(text) else {
            throw ValidationError("expected a number in decimal digits, with an exponent if you like (0.005, 5e-3)")
        }
        // Digits other than 0 before the exponent that read as 0: below the smallest double.
        let digits = text.prefix { $0 != "e" && $0 != "E" }
        if value == 0, digits.contains(where: { ("1" ... "9").contains($0) }) {
            throw ValidationError("the number is too close to 0 to be told from it (the smallest is about 5e-324)")
        }
        return DecimalNumber(value: value, text: text)
    }
}
