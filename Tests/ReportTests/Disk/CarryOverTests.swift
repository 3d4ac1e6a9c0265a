import Foundation
@testable import Report
import Testing
import TestSupport

/// Carrying the user's entries of a report directory into the new content, before the swap.
@Suite("Report directory: carrying over")
struct CarryOverTests {
    @Test("files become hard links, folders are made anew with their permissions, links stay links, the report's own names and rnnreport 0.1's temporary files are left")
    func carriesOver() throws {
        try withTemporaryDirectory { folder in
            let source = folder.appendingPathComponent("source")
            try put("mine", at: source.appendingPathComponent("notes.txt"))
            try put("deep", at: source.appendingPathComponent("keep/inner/file.txt"))
            try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: source.appendingPathComponent("keep").path)
            try FileManager.default.createSymbolicLink(atPath: source.appendingPathComponent("link").path, withDestinationPath: "notes.txt")
            try put("old report", at: source.appendingPathComponent("report.html"))
            try put("half", at: source.appendingPathComponent(".report.html.77-88.tmp"))
            let destination = folder.appendingPathComponent("destination")
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)

            try CarryOver.entries(of: DirectoryHandle(source.path), into: DirectoryHandle(destination.path),
                                  skipping: ["report.html"])
            let tree = try FolderTree(destination)
            #expect(tree.paths == ["keep", "keep/inner", "keep/inner/file.txt", "link", "notes.txt"])
            #expect(tree.entries["link"] == .link("notes.txt"))
            #expect(try inode(destination.appendingPathComponent("notes.txt")) == inode(source.appendingPathComponent("notes.txt")))
            #expect(try inode(destination.appendingPathComponent("keep/inner/file.txt"))
                    == inode(source.appendingPathComponent("keep/inner/file.txt")))
            #expect(try inode(destination.appendingPathComponent("keep")) != inode(source.appendingPathComponent("keep")))
            let permissions = try FileManager.default.attributesOfItem(atPath: destination.appendingPathComponent("keep").path)[.posixPermissions] as? Int
            #expect(permissions == 0o750)
        }
    }

    @Test("a folder of many folders (a sweep's runs) is carried over whole, each inner folder with its permissions")
    func manyFolders() throws {
        try withTemporaryDirectory { folder in
            let source = folder.appendingPathComponent("source")
            for run in 0 ..< 30 {
                let path = source.appendingPathComponent("runs/run\(run)")
                try put("metrics \(run)", at: path.appendingPathComponent("metrics.json"))
                try put("model \(run)", at: path.appendingPathComponent("model.safetensors"))
                try put("deeper \(run)", at: path.appendingPathComponent("inner/notes.txt"))
                try FileManager.default.setAttributes([.posixPermissions: run % 2 == 0 ? 0o750 : 0o705], ofItemAtPath: path.path)
            }
            let destination = folder.appendingPathComponent("destination")
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)

            try CarryOver.entries(of: DirectoryHandle(source.path), into: DirectoryHandle(destination.path), skipping: [])
            #expect(try FolderTree(destination) == FolderTree(source))
            for run in 0 ..< 30 {
                let path = destination.appendingPathComponent("runs/run\(run)")
                let permissions = try FileManager.default.attributesOfItem(atPath: path.path)[.posixPermissions] as? Int
                #expect(permissions == (run % 2 == 0 ? 0o750 : 0o705), "run\(run)")
                #expect(try inode(path.appendingPathComponent("metrics.json"))
                        == inode(source.appendingPathComponent("runs/run\(run)/metrics.json")))
            }
        }
    }
}
