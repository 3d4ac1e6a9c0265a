import Foundation

extension KeyedDecodingContainer {
    /// A whole number, or `nil` when the key is absent. A number that is not a whole number of
    /// the type is an error that names the key, where Foundation's own message does not: a
    /// fraction (`32.5`), or a whole number beyond the type's range (`-1` for an unsigned value,
    /// `1e30`), which names the range: `bounds`, the setting's own (`an integer from 1 to 4096`),
    /// when it has narrower ones than its type, else the type's.
    func wholeNumber<T: FixedWidthInteger & Decodable>(
        _ type: T.Type, forKey key: Key, bounds: String? = nil
    ) throws -> T? {
        do {
            return try decodeIfPresent(T.self, forKey: key)
        } catch {
            guard let number = try? decodeIfPresent(Double.self, forKey: key) else { throw error }
            // Foundation reads a number into a Decimal digit for digit, where a Double would
            // round 99999999999999999999999 to 1e+23.
            let exact = (try? decodeIfPresent(Decimal.self, forKey: key)).flatMap { $0 }
            let found = Self.written(number, exact: exact)
            let expected: String
            if number.rounded() != number {
                expected = T.isSigned ? "a whole number" : "a whole number of 0 or more"
            } else if let bounds {
                expected = bounds
            } else if !T.isSigned {
                expected = "a whole number from 0 to \(T.max)"
            } else {
                expected = number < 0 ? "a whole number of at least \(T.min)" : "a whole number of at most \(T.max)"
            }
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [key], debugDescription: "expected \(expected), found \(found)"))
        }
    }

    /// A number for a message: its exact digits when there are few enough to read at a glance
    /// (`32.5`, `99999999999999999999999`), else the double in exponent form (`1e30`).
    private static func written(_ number: Double, exact: Decimal?) -> String {
        if let exact, case let digits = "\(exact)", digits.count <= 24 { return digits }
        return number.shortText
    }
}
