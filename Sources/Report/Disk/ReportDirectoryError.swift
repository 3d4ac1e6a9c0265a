/// Why a report directory cannot be prepared or written. Each message names the path and the
/// problem in rnnreport's words, and says what became of the previous report.
public enum ReportDirectoryError: Error, Equatable, CustomStringConvertible {
    /// The output path is the empty string.
    case emptyPath
    /// The path cannot hold a report: a component is a file or a link to nothing, the place is
    /// read-only, not permitted, on a kernel file system, or a mount point.
    case unusable(path: String, reason: String)
    /// A file of the report would replace a directory of the same name.
    case nameIsDirectory(path: String)
    /// A name that cannot be a file in the report directory (empty, `.`, `..`, with a `/`, or
    /// given twice).
    case invalidFileName(String)
    /// The report directory was replaced by something else than a directory after it was prepared.
    case changed(path: String)
    /// Writing a file of the new report failed.
    case writeFailed(path: String, reason: String)
    /// A file of the user's in the report directory could not be carried into the new report.
    case carryFailed(path: String, reason: String)
    /// The new report could not be put in place.
    case swapFailed(path: String, reason: String)
    /// ``ReportDirectory/commit(_:)`` after a commit or a discard.
    case finished(path: String)

    public var description: String {
        switch self {
        case .emptyPath:
            "the output path is empty; name a directory, for example '.'"
        case let .unusable(path, reason):
            "cannot write the report to \(path): \(reason)"
        case let .nameIsDirectory(path):
            "cannot replace \(path): it is a directory; nothing was written"
        case let .invalidFileName(name):
            "'\(name)' cannot name a file of a report: names must be unique, not empty, '.' or '..', and hold no '/'"
        case let .changed(path):
            "\(path) was replaced by something that is not a directory while the report was made; nothing was written"
        case let .writeFailed(path, reason):
            "cannot write \(path): \(reason); the previous report was left as it was"
        case let .carryFailed(path, reason):
            "cannot keep \(path) in the new report: \(reason); the previous report was left as it was"
        case let .swapFailed(path, reason):
            "cannot put the new report in place at \(path): \(reason); the previous report was left as it was"
        case let .finished(path):
            "the report in \(path) was already written or given up"
        }
    }
}
