/// A summary file that cannot be written, with the path and the reason.
public struct SummaryFileError: Error, Equatable, CustomStringConvertible {
    /// The path as the user gave it.
    public var path: String
    /// Why, in a phrase: "its folder out does not exist".
    public var reason: String
    /// Whether the path names what no summary can be written to (a directory, a block device):
    /// the command line is wrong, rather than the place unwritable.
    public var isUsage: Bool

    public init(path: String, reason: String, isUsage: Bool = false) {
        self.path = path
        self.reason = reason
        self.isUsage = isUsage
    }

    public var description: String { "cannot write \(path): \(reason)" }

    /// `body`'s result, or what it threw as a ``SummaryFileError`` of `path`: one as it is, a
    /// system call's with its reason, anything else described.
    static func naming<Result>(_ path: String, _ body: () throws -> Result) throws(SummaryFileError) -> Result {
        do {
            return try body()
        } catch let error as SummaryFileError {
            throw error
        } catch let error as SystemCallError {
            throw SummaryFileError(path: path, reason: error.reason)
        } catch {
            throw SummaryFileError(path: path, reason: "\(error)")
        }
    }
}
