/// A JSON value read from a safetensors header.
///
/// Object members keep the order in which the header lists them, and a number keeps the text it was
/// written with, so that the header's reader can tell `16` from `16.0`, `-4` or `1e3` and reject all
/// but plain non-negative integers without ever converting through `Double`.
indirect enum SafetensorsJSON {
    case object([(key: String, value: SafetensorsJSON)])
    case array([SafetensorsJSON])
    case string(String)
    /// A number, as written (already checked against JSON's number grammar).
    case number(String)
    case bool(Bool)
    case null

    /// The kind of value, with its article, for error messages ("an array", "a string"); a number's
    /// text is cut to a readable length.
    var kind: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number(let text): "the number \(SafetensorsError.excerpt(text))"
        case .bool(let value): "\(value)"
        case .null: "null"
        }
    }
}
