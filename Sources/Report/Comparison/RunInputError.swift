/// A run to compare that cannot be read, with the path the user gave and what is wrong with it.
public struct RunInputError: Error, Equatable, CustomStringConvertible {
    /// What kind of problem it is, which decides the exit status.
    public enum Kind: Sendable, Equatable {
        /// Nothing readable is there (sysexits' EX_NOINPUT).
        case missing
        /// Something is there but it is not a run, or its metrics are malformed (EX_DATAERR).
        case notARun
        /// More runs than a comparison takes (a usage error).
        case tooMany
        /// An empty path: the command line is wrong (a usage error).
        case emptyPath
    }

    public var kind: Kind
    /// The path as the user gave it.
    public var path: String
    /// The problem, in a phrase that follows the path.
    public var reason: String

    public init(_ kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
