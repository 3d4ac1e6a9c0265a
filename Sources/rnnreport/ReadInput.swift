import Foundation
import Report

/// The bytes of a file the user named, or an error that says which option named it.
///
/// - Parameter role: what the file is, for the message (`--config file`).
/// - Throws: `CommandError` with status `noInput`.
func readInput(_ path: String, role: String) throws -> Data {
    do { return try InputFile.contents(of: path) } catch {
        throw CommandError("cannot read \(role) \(path): \(error.reason)", status: .noInput)
    }
}
