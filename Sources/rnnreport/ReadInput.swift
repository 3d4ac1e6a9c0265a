import Foundation
import Report

/// The bytes of a file the user named, or an error that says which option named it.
///
/// - Parameter role: what the file is, for the message (`--config file`).
/// - Throws: `CommandError` with status `usage` for an empty path (the command line is wrong, as
///   for an empty `--output`), `noInput` for a file that cannot be read.
func readInput(_ path: String, role: String) throws -> Data {
    guard !path.isEmpty else { throw CommandError("cannot read \(role): the path is empty; name a file", status: .usage) }
    do { return try InputFile.contents(of: path) } catch {
        throw CommandError("cannot read \(role) \(path): \(error.reason)", status: .noInput)
    }
}
