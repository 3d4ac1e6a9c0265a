import ArgumentParser

/// The reading of a whole-number option (`--steps`, `--hidden-size`, `--jobs`, …).
enum WholeNumber {
    /// `text` as a whole number: in digits (`1000`), or in exponent notation when its value is a
    /// whole number (`1e3`, `2.5e3`), as a `--config` file and a sweep's lists take it.
    ///
    /// - Throws: `ValidationError` saying what was expected, which the parser shows after the
    ///   option's name and the text given.
    static func parse(_ text: String) throws -> Int {
        if let value = Int(text) { return value }
        let isExponent = text.contains { $0 == "e" || $0 == "E" }
        // 2⁶³ is the first whole Double beyond Int's range.
        if isExponent, let value = Double(text), value.isFinite, value.rounded() == value,
           value.magnitude < 0x1p63 {
            return Int(value)
        }
        throw ValidationError("expected a whole number, such as 1000 or 1e3")
    }
}
