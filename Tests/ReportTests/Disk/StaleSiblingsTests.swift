import Foundation
@testable import Report
import Testing
import TestSupport

/// What a process that died while writing a report left beside it, and how the next run
/// finishes or removes it.
@Suite("Report directory: stale staging")
struct StaleSiblingsTests {
    /// Makes `folder/name` holding `report(tag)` plus a `notes.txt`, as a commit would stage it.
    private func stage(_ tag: String, at folder: URL, _ name: String) throws {
        for file in ReportDirectoryTests.report(tag) {
            try put(String(decoding: try file.data(), as: UTF8.self), at: folder.appendingPathComponent("\(name)/\(file.name)"))
        }
        try put("mine", at: folder.appendingPathComponent("\(name)/notes.txt"))
    }

    @Test("a staging folder of a process that died is removed by the next run; one that a living process holds stays")
    func staleStagingRemoved() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("report")
            try ReportDirectoryTests.commit("one", into: output)
            let before = try FolderTree(output)
            try stage("dead", at: folder, ".report.rnnreport-staging-999999")
            try stage("alive", at: folder, ".report.rnnreport-staging-424242")
            // A living writer holds the lock on its staging folder; this handle is one.
            let alive = try DirectoryHandle(folder.appendingPathComponent(".report.rnnreport-staging-424242").path)
            #expect(alive.tryLock() == .acquired)
            // Another folder's staging is not this report's business.
            try stage("other", at: folder, ".other.rnnreport-staging-999999")

            let directory = try ReportDirectory(path: output.path)
            directory.discard()
            #expect(try names(in: folder) == [".other.rnnreport-staging-999999", ".report.rnnreport-staging-424242", "report"])
            #expect(try FolderTree(output) == before, "the report changed")
            withExtendedLifetime(alive) {}
        }
    }

    @Test("a sweep's runs: the siblings of the named folders are recovered in one listing, others' are left, a living writer's stays")
    func severalNamesAtOnce() throws {
        try withTemporaryDirectory { folder in
            try stage("dead", at: folder, ".lr0.01-seed1.rnnreport-staging-999999")
            try stage("dead", at: folder, ".lr0.01-seed1.rnnreport-staging-999998.2")
            try stage("old", at: folder, ".lr0.01-seed2.rnnreport-old-999999")
            try stage("new", at: folder, ".lr0.01-seed2.rnnreport-staging-999999")
            try stage("alive", at: folder, ".lr0.01-seed3.rnnreport-staging-424242")
            let alive = try DirectoryHandle(folder.appendingPathComponent(".lr0.01-seed3.rnnreport-staging-424242").path)
            #expect(alive.tryLock() == .acquired)
            // Not a run of this sweep (another shard's, or another program's folder).
            try stage("other", at: folder, ".lr0.02-seed1.rnnreport-staging-999999")
            try stage("plain", at: folder, ".rnnreport-staging-999999")

            ReportDirectory.recoverStaleSiblings(named: ["lr0.01-seed1", "lr0.01-seed2", "lr0.01-seed3"], inFolder: folder.path)
            #expect(try names(in: folder) == [
                ".lr0.01-seed3.rnnreport-staging-424242", ".lr0.02-seed1.rnnreport-staging-999999", ".rnnreport-staging-999999",
                "lr0.01-seed2",
            ])
            // The run that died between its two renames is completed, as for one directory.
            #expect(try FolderTree(folder.appendingPathComponent("lr0.01-seed2")).text("report.html") == "report.html of new\n")
            withExtendedLifetime(alive) {}
            // A folder that does not exist yet (a sweep's first shard) is no error.
            ReportDirectory.recoverStaleSiblings(named: ["x"], inFolder: folder.appendingPathComponent("missing").path)
        }
    }

    @Test("the directory of a sibling's name, and no directory for other names")
    func directoryNames() {
        #expect(SiblingName.directoryName(of: ".lr0.01-seed1.rnnreport-staging-7") == "lr0.01-seed1")
        #expect(SiblingName.directoryName(of: ".a.rnnreport-b.rnnreport-old-7.2") == "a.rnnreport-b")
        #expect(SiblingName.directoryName(of: ".report.rnnreport-old-7") == "report")
        for entry in [".rnnreport-staging-7", "report.rnnreport-staging-7", ".report.rnnreport-new-7", ".report.rnnreport-staging-", ".report"] {
            #expect(SiblingName.directoryName(of: entry) == nil, "\(entry)")
        }
    }

    @Test("a process that died between the two renames: its complete staging folder becomes the directory")
    func diedBetweenRenamesRollsForward() throws {
        try withTemporaryDirectory { folder in
            try stage("old", at: folder, ".report.rnnreport-old-999999")
            try stage("new", at: folder, ".report.rnnreport-staging-999999")
            // Added to the directory by another program during the commit: moved into the new one.
            try put("late", at: folder.appendingPathComponent(".report.rnnreport-old-999999/late.txt"))

            let directory = try ReportDirectory(path: folder.appendingPathComponent("report").path)
            directory.discard()
            #expect(try names(in: folder) == ["report"])
            let tree = try FolderTree(folder.appendingPathComponent("report"))
            #expect(tree.paths == ["late.txt", "metrics.json", "model.safetensors", "notes.txt", "report.html"])
            #expect(try tree.text("report.html") == "report.html of new\n")
            #expect(try tree.text("late.txt") == "late")
        }
    }

    @Test("a previous report moved aside with no staging folder to replace it is put back")
    func oldWithoutStagingRollsBack() throws {
        try withTemporaryDirectory { folder in
            try stage("old", at: folder, ".report.rnnreport-old-999999")
            let directory = try ReportDirectory(path: folder.appendingPathComponent("report").path)
            directory.discard()
            #expect(try names(in: folder) == ["report"])
            #expect(try FolderTree(folder.appendingPathComponent("report")).text("report.html") == "report.html of old\n")
        }
    }

    @Test("a previous report left aside after the new one was in place is removed")
    func oldAfterSwapRemoved() throws {
        try withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("report")
            try stage("new", at: folder, "report")
            try stage("old", at: folder, ".report.rnnreport-old-999999")
            let before = try FolderTree(output)
            let directory = try ReportDirectory(path: output.path)
            directory.discard()
            #expect(try names(in: folder) == ["report"])
            #expect(try FolderTree(output) == before)
        }
    }

    @Test("sibling names: made and read back; temporary files of rnnreport 0.1 recognised")
    func siblingNames() {
        let name = SiblingName.make(.staging, of: "out.d", token: "12.3")
        #expect(name == ".out.d.rnnreport-staging-12.3")
        #expect(SiblingName.parse(name, of: "out.d")?.kind == .staging)
        #expect(SiblingName.parse(name, of: "out.d")?.token == "12.3")
        #expect(SiblingName.parse(name, of: "out") == nil)
        #expect(SiblingName.parse(".out.rnnreport-old-", of: "out") == nil)
        #expect(SiblingName.parse(".out.rnnreport-other-1", of: "out") == nil)
        #expect(SiblingName.isLegacyTemporary(".model.safetensors.4242-17.tmp"))
        #expect(SiblingName.isLegacyTemporary(".report.html.1-2.tmp"))
        #expect(!SiblingName.isLegacyTemporary(".notes.tmp"))
        #expect(!SiblingName.isLegacyTemporary("notes.1-2.tmp"))
        #expect(!SiblingName.isLegacyTemporary(".notes.1-x.tmp"))
        #expect(!SiblingName.isLegacyTemporary("..1-2.tmp"))
    }
}
