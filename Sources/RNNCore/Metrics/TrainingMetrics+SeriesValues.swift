/// What a number in a metrics file's series may be, beyond being a number: the one rule that
/// both ways of reading metrics (``MetricsJSONReader`` and Foundation) keep.
extension TrainingMetrics.CodingKeys {
    /// Why `value`, a finite number read at some position of this series, cannot be a value of
    /// it, in words for a message after its position (`loss[3]: -1 is negative; …`); `nil` when
    /// it can be.
    ///
    /// A loss is a mean squared error and a gradient norm a norm: neither is ever negative. No
    /// optimizer steps with a negative learning rate (PyTorch's refuse one, as `--learning-rate`
    /// does), though a schedule may bring it to 0, which is kept. A value of a `Float` series
    /// (``isFloat``) is within `Float`'s range: a finite number that would round to infinity
    /// was not written by a float32 run, and is not taken for a diverged one. Missing values
    /// (`null`, `NaN`, `Infinity`: a diverged run) are not numbers, and are not checked.
    func refusal(of value: Double) -> String? {
        if value < 0, let why = whyNotNegative {
            return "\(value.shortText) is negative; \(why)"
        }
        if isFloat, Float(value).isInfinite {
            let bound = Float.greatestFiniteMagnitude.shortText
            return "\(value.shortText) is beyond the range of a float ("
                + (value > 0 ? "at most \(bound))" : "at least -\(bound))")
        }
        return nil
    }

    /// Whether the series holds `Float` values: every one but `learning_rate`, a double's.
    private var isFloat: Bool {
        switch self {
        case .loss, .gradNorm, .real, .prediction: true
        default: false
        }
    }

    /// Why the series has no negative value; `nil` for a series that may have one.
    private var whyNotNegative: String? {
        switch self {
        case .loss: "the loss is a mean squared error"
        case .gradNorm: "the gradient norm is a norm"
        case .learningRate: "a learning rate is 0 or more"
        default: nil
        }
    }

}

extension BinaryFloatingPoint where Self: CustomStringConvertible {
    /// The number for a message, in its shortest form: `-1`, `1e40`, `1e-5`, `0.005`.
    var shortText: String {
        var text = "\(self)".replacingOccurrences(of: "e+", with: "e").replacingOccurrences(of: "e-0", with: "e-")
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
