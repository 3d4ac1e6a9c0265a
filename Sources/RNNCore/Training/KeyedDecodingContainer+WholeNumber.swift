import Foundation

extension KeyedDecodingContainer {
    /// A whole number, or `nil` when the key is absent. A number that is not a whole number of
    /// the type (`32.5`, `-1` for an unsigned value, `1e30`) is an error that names the key, where
    /// Foundation's own message does not.
    func wholeNumber<T: FixedWidthInteger & Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        do {
            return try decodeIfPresent(T.self, forKey: key)
        } catch {
            if let number = try? decodeIfPresent(Double.self, forKey: key) {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: codingPath + [key],
                    debugDescription: T.isSigned ? "expected a whole number, found \(number)" : "expected a whole number of 0 or more, found \(number)"))
            }
            throw error
        }
    }
}
