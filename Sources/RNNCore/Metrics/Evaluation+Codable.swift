import Foundation

extension Evaluation: Codable {
    enum CodingKeys: String, CodingKey {
        case holdoutStart = "holdout_start"
        case real, prediction
        case trainMSE = "train_mse"
        case holdoutMSE = "holdout_mse"
    }

    /// Decodes an evaluation; a value that is `null` or not finite is missing, and `holdout_mse`
    /// may be absent (no row held out). A negative mean squared error is refused.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let start = try c.wholeNumber(Int.self, forKey: .holdoutStart) else {
            throw DecodingError.keyNotFound(CodingKeys.holdoutStart, .init(
                codingPath: c.codingPath, debugDescription: "No value associated with key holdout_start."))
        }
        holdoutStart = start
        real = try c.decode([Double?].self, forKey: .real).map { $0?.isFinite == true ? $0 : nil }
        prediction = try c.decode([Double?].self, forKey: .prediction).map { $0?.isFinite == true ? $0 : nil }
        trainMSE = try Self.meanSquaredError(c, .trainMSE)
        holdoutMSE = try Self.meanSquaredError(c, .holdoutMSE)
    }

    /// The mean squared error at `key`, `nil` when absent, `null` or not finite.
    ///
    /// - Throws: `DecodingError` naming the key for a negative one, which no mean of squares is.
    private static func meanSquaredError(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Double? {
        guard let value = try c.decodeIfPresent(Double.self, forKey: key), value.isFinite else { return nil }
        guard value >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "\(value.shortText) is negative; it is a mean squared error")
        }
        return value
    }

    /// Encodes every key, a missing MSE as `null`, as the reference does.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(holdoutStart, forKey: .holdoutStart)
        try c.encode(real.map { $0?.isFinite == true ? $0 : nil }, forKey: .real)
        try c.encode(prediction.map { $0?.isFinite == true ? $0 : nil }, forKey: .prediction)
        try c.encode(trainMSE.flatMap { $0.isFinite ? $0 : nil }, forKey: .trainMSE)
        try c.encode(holdoutMSE.flatMap { $0.isFinite ? $0 : nil }, forKey: .holdoutMSE)
    }
}
