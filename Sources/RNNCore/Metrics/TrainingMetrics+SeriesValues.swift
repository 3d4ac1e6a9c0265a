/// What a number in a metrics file's series may be, beyond being a number: the one rule that
/// both ways of reading metrics (``MetricsJSONReader`` and Foundation) keep.
extension TrainingMetrics.CodingKeys {
    /// Why `value`, a finite number read at some position of this series, cannot be a value of
    /// it, in words for a message after its position (`loss[3]: -1 is negative; …`); `nil` when
    /// it can be.
    ///
    /// A loss is a mean squared error and a gradient norm a norm: neither is ever negative. No
    /// optimizer steps with a negative learning rate (PyTorch's refuse one, as `--learning-rate`
    /// does), though a schedule may bring it to 0, which is kept. Missing values (`null`, `NaN`,
    /// `Infinity`: a diverged run) are not numbers, and are not checked.
    func refusal(of value: Double) -> String? {
        guard value < 0, let why = whyNotNegative else { return nil }
        return "\(Self.text(of: value)) is negative; \(why)"
    }

    /// Why the series has no negative value; `nil` for a series that may have one.
    var whyNotNegative: String? {
        switch self {
        case .loss: "the loss is a mean squared error"
        case .gradNorm: "the gradient norm is a norm"
        case .learningRate: "a learning rate is 0 or more"
        default: nil
        }
    }

    /// A number for a message, in its shortest form: `-1`, `1e40`, `0.005`.
    static func text(of value: Double) -> String {
        var text = "\(value)".replacingOccurrences(of: "e+", with: "e").replacingOccurrences(of: "e-0", with: "e-")
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}

/// The position of a value in a series, for a `DecodingError`'s coding path: `loss[3]`.
struct SeriesPosition: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
