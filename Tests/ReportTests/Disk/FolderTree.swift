import Foundation
import Testing

/// Everything under a folder, hidden entries included, by path relative to it: a file's bytes, a
/// link's target, or a mark for a folder. Two trees are equal when a reader could not tell the
/// folders apart.
struct FolderTree: Equatable, CustomStringConvertible {
    enum Entry: Equatable {
        case file(Data)
        case link(String)
        case folder
    }

    var entries: [String: Entry]

    init(_ folder: URL) throws {
        var entries: [String: Entry] = [:]
        func walk(_ url: URL, _ relative: String) throws {
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
                let child = url.appendingPathComponent(name)
                let path = relative.isEmpty ? name : relative + "/" + name
                let type = try FileManager.default.attributesOfItem(atPath: child.path)[.type] as? FileAttributeType
                switch type {
                case .typeSymbolicLink:
                    entries[path] = .link(try FileManager.default.destinationOfSymbolicLink(atPath: child.path))
                case .typeDirectory:
                    entries[path] = .folder
                    try walk(child, path)
                default:
                    entries[path] = .file(try Data(contentsOf: child))
                }
            }
        }
        try walk(folder, "")
        self.entries = entries
    }

    /// The paths, sorted.
    var paths: [String] { entries.keys.sorted() }

    var description: String { paths.joined(separator: ", ") }

    /// The text of the file at `path`.
    func text(_ path: String) throws -> String {
        guard case let .file(data) = try #require(entries[path], "no \(path) in \(self)") else {
            Issue.record("\(path) is not a file")
            return ""
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The names in `folder`, hidden ones included, sorted.
func names(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

/// The inode of the file or folder at `url`: a directory that was swapped for another has a new one.
func inode(_ url: URL) throws -> UInt64 {
    try #require((try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value)
}

/// Writes `text` to `url`, creating the folders above it.
func put(_ text: String, at url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}
