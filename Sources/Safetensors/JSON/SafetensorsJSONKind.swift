/// What kind of JSON value a header holds where another was expected, for error messages.
///
/// A number keeps (an excerpt of) the text it was written with, so that a message can say that
/// `16.0` or `-4` is not a non-negative integer.
enum SafetensorsJSONKind: Equatable {
    case object
    case array
    case string
    /// A number, as written (cut to a readable length by ``SafetensorsError/excerpt(_:quoted:)``).
    case number(String)
    case bool(Bool)
    case null

    /// The kind of value, with its article: "an array", "a string", "the number 16.0".
    var description: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number(let text): "the number \(text)"
        case .bool(let value): "\(value)"
        case .null: "null"
        }
    }
}
