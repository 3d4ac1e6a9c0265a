import Foundation

/// Runs `body` with a new empty folder, and removes the folder afterwards.
@discardableResult
public func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("rnnreport-test-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

extension URL {
    /// The text of the file at this URL.
    public func text() throws -> String {
        try String(contentsOf: self, encoding: .utf8)
    }

    /// Whether anything (a file or a folder) is at this path.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }
}
