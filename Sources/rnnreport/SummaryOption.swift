import Report

/// `--summary FILE.md` of `generate` and `compare`: checked before any work, written at the end.
enum SummaryOption {
    /// - Throws: `CommandError` (73, cannot create) when the file cannot be written there.
    static func validate(_ path: String) throws {
        do { try SummaryFile.validate(path: path) } catch {
            throw CommandError("--summary: \(error)", status: .cannotCreate)
        }
    }

    /// Writes the summary, all or nothing.
    ///
    /// - Throws: `CommandError` (74, I/O error) naming the file.
    static func write(_ text: String, to path: String) throws {
        do { try SummaryFile.write(text, to: path) } catch {
            throw CommandError("--summary: \(error)", status: .ioError)
        }
    }
}
