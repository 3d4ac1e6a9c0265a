/// A file the user named that cannot be read.
public struct InputFileError: Error, Equatable, CustomStringConvertible {
    /// The path as the user gave it.
    public var path: String
    /// Why it cannot be read, in a few words: "it does not exist", "it is a directory, not a file".
    public var reason: String

    public var description: String { "cannot read \(path): \(reason)" }
}
