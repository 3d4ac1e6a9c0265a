import Foundation
@testable import Report
import Testing
import TestSupport

/// Output paths that cannot hold a report, refused before any work with a message in our words.
@Suite("Report directory: bad paths")
struct OutputLocationTests {
    /// Expects `ReportDirectory(path:)` to fail with a message holding each of `words` and never
    /// Foundation's, and `folder` to be left as it was.
    private func expectRefusal(_ path: String, in folder: URL, mentioning words: [String],
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try FolderTree(folder)
        do {
            _ = try ReportDirectory(path: path)
            Issue.record("\(path) was accepted", sourceLocation: sourceLocation)
        } catch {
            for word in words {
                #expect(error.description.contains(word), "'\(word)' not in: \(error)", sourceLocation: sourceLocation)
            }
            #expect(!error.description.contains("NSCocoaErrorDomain"), "\(error)", sourceLocation: sourceLocation)
            #expect(!error.description.contains("The operation could not be completed"), "\(error)", sourceLocation: sourceLocation)
        }
        #expect(try FolderTree(folder) == before, "the refused path changed \(folder.path)", sourceLocation: sourceLocation)
    }

    @Test("a file on the way, or as the directory, is named")
    func fileOnTheWay() throws {
        try withTemporaryDirectory { folder in
            try put("x", at: folder.appendingPathComponent("afile"))
            let file = folder.appendingPathComponent("afile").path
            try expectRefusal(file + "/sub", in: folder, mentioning: [file + "/sub", file + " is a file, not a directory"])
            try expectRefusal(file + "/sub/deeper", in: folder, mentioning: [file + " is a file, not a directory"])
            try expectRefusal(file, in: folder, mentioning: [file + " is a file, not a directory"])
        }
    }

    @Test("a symbolic link to nothing is named with its target")
    func danglingLink() throws {
        try withTemporaryDirectory { folder in
            let link = folder.appendingPathComponent("dangling").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/nowhere/at/all")
            try expectRefusal(link, in: folder, mentioning: [link + " is a symbolic link to /nowhere/at/all, which does not exist"])
            try expectRefusal(link + "/sub", in: folder, mentioning: ["symbolic link to /nowhere/at/all"])
        }
    }

    @Test("kernel file systems, the root and an empty path are refused", arguments: [
        ("/proc/nope", "kernel's proc file system"), ("/proc/self", "kernel's proc file system"),
        ("/proc/self/sub", "kernel's proc file system"), ("/sys/kernel", "kernel's sysfs file system"),
        ("/sys/kernel/new", "kernel's sysfs file system"), ("/", "it is the root directory"), ("", "the output path is empty"),
    ])
    func specialPlaces(_ path: String, _ word: String) throws {
        try withTemporaryDirectory { folder in
            try expectRefusal(path, in: folder, mentioning: [word])
        }
    }

    @Test("the directory's place is found through '.', '..' and links on the way")
    func resolution() throws {
        try withTemporaryDirectory { folder in
            let real = URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("a/b"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("l").path, withDestinationPath: "a/b")
            let viaLink = try OutputLocation.resolve(folder.path + "/l/./new/../out")
            #expect(viaLink.existing == real + "/a/b")
            #expect(viaLink.missing == ["out"])
            #expect(viaLink.parent == real + "/a/b" && viaLink.name == "out")
            let existing = try OutputLocation.resolve(folder.path + "/a/b/../b/")
            #expect(existing.exists && existing.directory == real + "/a/b" && existing.parent == real + "/a")
            let nested = try OutputLocation.resolve(folder.path + "/x/y/z")
            #expect(nested.missingAncestors == [real + "/x", real + "/x/y"])
        }
    }

    @Test("the reasons of failed system calls are ours, not Foundation's or C's capitalised ones")
    func reasons() {
        #expect(SystemCallError(code: EACCES).reason == "permission denied")
        #expect(SystemCallError(code: EROFS).reason == "the file system is read-only")
        #expect(SystemCallError(code: ENOSPC).reason == "no space left on the device")
        #expect(ReportDirectoryError.unusable(path: "x", reason: SystemCallError(code: EROFS).reason).description
                == "cannot write the report to x: the file system is read-only")
    }
}
