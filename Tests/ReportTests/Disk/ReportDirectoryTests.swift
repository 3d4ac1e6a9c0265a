import Foundation
@testable import Report
import Testing
import TestSupport

/// A report on disk: what a commit writes, keeps and removes, and what a failed commit leaves.
@Suite("Report directory")
struct ReportDirectoryTests {
    /// Three files of a report, with `tag` in each so that two reports differ in every file.
    static func report(_ tag: String) -> [ReportFile] {
        ["report.html", "metrics.json", "model.safetensors"].map { ReportFile(name: $0, data: Data("\($0) of \(tag)\n".utf8)) }
    }

    /// Commits `report(tag)` into `folder`.
    static func commit(_ tag: String, into folder: URL, fallback: Bool = false) throws {
        let directory = try ReportDirectory(path: folder.path)
        if fallback { directory.exchangeIsAvailable = false }
        try directory.commit(report(tag))
    }

    // MARK: - Writing

    @Test("writes the files into a new directory, creating the folders above it, and leaves nothing beside it")
    func newDirectory() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("a/b/report")
            try Self.commit("one", into: output)
            let tree = try FolderTree(output)
            #expect(tree.paths == ["metrics.json", "model.safetensors", "report.html"])
            #expect(try tree.text("metrics.json") == "metrics.json of one\n")
            #expect(try names(in: output.deletingLastPathComponent()) == ["report"])
        }
    }

    @Test("a new report replaces the report's files and keeps the user's files, folders and links",
          arguments: [false, true])
    func keepsForeignFiles(fallback: Bool) throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("report")
            try Self.commit("one", into: output)
            try put("mine", at: output.appendingPathComponent("notes.txt"))
            try put("deep", at: output.appendingPathComponent("keep/inner/file.txt"))
            try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("link").path,
                                                       withDestinationPath: "notes.txt")
            // A temporary file of rnnreport 0.1, left by an interrupted run.
            try put("half", at: output.appendingPathComponent(".model.safetensors.4242-17.tmp"))
            let before = try inode(output)

            try Self.commit("two", into: output, fallback: fallback)
            let tree = try FolderTree(output)
            #expect(tree.paths == [
                "keep", "keep/inner", "keep/inner/file.txt", "link", "metrics.json", "model.safetensors",
                "notes.txt", "report.html",
            ])
            #expect(try tree.text("report.html") == "report.html of two\n")
            #expect(try tree.text("notes.txt") == "mine")
            #expect(try tree.text("keep/inner/file.txt") == "deep")
            #expect(tree.entries["link"] == .link("notes.txt"))
            #expect(try inode(output) != before, "the directory was written into, not swapped")
            #expect(try names(in: folder) == ["report"], "something was left beside the report")
        }
    }

    @Test("a report over a sweep's directory keeps every run's folder and replaces its own files, with both commits",
          arguments: [false, true])
    func keepsRuns(fallback: Bool) throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("sweep")
            try Self.commit("one", into: output)
            for run in 0 ..< 25 {
                try put("metrics \(run)", at: output.appendingPathComponent("runs/run\(run)/metrics.json"))
                try put("model \(run)", at: output.appendingPathComponent("runs/run\(run)/model.safetensors"))
            }
            let runsBefore = try FolderTree(output.appendingPathComponent("runs"))

            try Self.commit("two", into: output, fallback: fallback)
            #expect(try FolderTree(output.appendingPathComponent("runs")) == runsBefore)
            let tree = try FolderTree(output)
            for name in ["report.html", "metrics.json", "model.safetensors"] {
                #expect(try tree.text(name) == "\(name) of two\n")
            }
            #expect(tree.paths.count == 3 + 1 + 25 * 3)
            #expect(try names(in: folder) == ["sweep"], "the previous report was left beside the new one")
        }
    }

    @Test("the user's files are carried over as hard links: the same file, not a copy")
    func hardLinks() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("report")
            try put("mine", at: output.appendingPathComponent("notes.txt"))
            let before = try inode(output.appendingPathComponent("notes.txt"))
            try Self.commit("one", into: output)
            #expect(try inode(output.appendingPathComponent("notes.txt")) == before)
        }
    }

    @Test("a symbolic link given as the directory is followed, and stays a link")
    func linkedDirectory() throws {
        try withTemporaryDirectory { folder in
            let target = folder.appendingPathComponent("target")
            try put("mine", at: target.appendingPathComponent("notes.txt"))
            let link = folder.appendingPathComponent("link")
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "target")
            try Self.commit("one", into: link)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "target")
            #expect(try FolderTree(target).paths == ["metrics.json", "model.safetensors", "notes.txt", "report.html"])
            #expect(try names(in: folder) == ["link", "target"])
        }
    }

    // MARK: - Failing

    @Test("a commit that fails leaves the previous report byte for byte, in the same directory, and nothing beside it")
    func failedCommitKeepsReport() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("report")
            try Self.commit("one", into: output)
            try put("mine", at: output.appendingPathComponent("notes.txt"))
            // model.safetensors becomes a folder, which a file of the new report cannot replace.
            let model = output.appendingPathComponent("model.safetensors")
            try FileManager.default.removeItem(at: model)
            try put("keep", at: model.appendingPathComponent("inside"))
            let before = try FolderTree(output)
            let directoryBefore = try inode(output)

            let directory = try ReportDirectory(path: output.path)
            #expect(throws: ReportDirectoryError.nameIsDirectory(path: output.path + "/model.safetensors")) {
                try directory.commit(Self.report("two"))
            }
            #expect(try FolderTree(output) == before)
            #expect(try inode(output) == directoryBefore)
            #expect(try names(in: folder) == ["report"])
            // The directory is given up: a second commit is refused.
            #expect(throws: ReportDirectoryError.finished(path: output.path)) {
                try directory.commit(Self.report("three"))
            }
        }
    }

    @Test("file names that are not one name each are refused, and nothing is written")
    func invalidNames() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("report")
            for fileNames in [["a", "a"], ["a/b"], [".."], [""]] {
                let directory = try ReportDirectory(path: output.path)
                #expect(throws: ReportDirectoryError.self, "\(fileNames)") {
                    try directory.commit(fileNames.map { ReportFile(name: $0, data: Data("x".utf8)) })
                }
                #expect(try names(in: folder).isEmpty, "\(fileNames)")
            }
        }
    }

    @Test("discarding removes the staging folder and the folders made for it")
    func discard() throws {
        try withTemporaryDirectory { folder in
            let directory = try ReportDirectory(path: folder.appendingPathComponent("made/for/it/report").path)
            #expect(try names(in: folder) == ["made"])
            #expect(try names(in: folder.appendingPathComponent("made/for/it")).count == 1, "the staging folder")
            directory.discard()
            #expect(try names(in: folder).isEmpty)

            // A directory that is dropped without a commit does the same.
            do { _ = try ReportDirectory(path: folder.appendingPathComponent("dropped/report").path) }
            #expect(try names(in: folder).isEmpty)
        }
    }
}
