extension SafetensorsError {
    /// One difference between a file's tensors and those a model expects.
    public enum ShapeMismatch: Equatable, Sendable, CustomStringConvertible {
        /// An expected tensor is not in the file.
        case missing(name: String, expected: [Int])
        /// A tensor in the file is not expected.
        case unexpected(name: String, found: [Int])
        /// A tensor has another shape than expected.
        case wrongShape(name: String, found: [Int], expected: [Int])

        /// For example `rnn.weight_hh_l0: shape [16, 16] in file, expected [32, 32]`; a long name or
        /// shape is cut (see ``SafetensorsError/excerpt(_:quoted:)``).
        public var description: String {
            switch self {
            case .missing(let name, let expected):
                "\(SafetensorsError.excerpt(name)): missing from file, expected shape \(SafetensorsError.format(expected))"
            case .unexpected(let name, let found):
                "\(SafetensorsError.excerpt(name)): shape \(SafetensorsError.format(found)) in file, not expected"
            case .wrongShape(let name, let found, let expected):
                "\(SafetensorsError.excerpt(name)): shape \(SafetensorsError.format(found)) in file, "
                    + "expected \(SafetensorsError.format(expected))"
            }
        }
    }
}
