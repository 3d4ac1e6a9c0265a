/// A summary file that cannot be written, with the path and the reason.
public struct SummaryFileError: Error, Equatable, CustomStringConvertible {
    /// The path as the user gave it.
    public var path: String
    /// Why, in a phrase: "its folder out does not exist".
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
