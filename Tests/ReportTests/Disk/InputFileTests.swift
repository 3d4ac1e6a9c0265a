import Foundation
@testable import Report
import Testing
import TestSupport

/// Reading a file the user named, with failures in our words.
@Suite("Input files")
struct InputFileTests {
    private func reason(_ path: String) -> String? {
        do {
            _ = try InputFile.contents(of: path)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test("reads the bytes of a file, and of a link to one")
    func reads() throws {
        try withTemporaryDirectory { folder in
            let bytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) })
            let file = folder.appendingPathComponent("file")
            try bytes.write(to: file)
            #expect(try InputFile.contents(of: file.path) == bytes)
            let link = folder.appendingPathComponent("link").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "file")
            #expect(try InputFile.contents(of: link) == bytes)
            try Data().write(to: file)
            #expect(try InputFile.contents(of: file.path).isEmpty)
        }
    }

    @Test("a directory, a missing file, a link to nothing and a file on the way are named")
    func failures() throws {
        try withTemporaryDirectory { folder in
            #expect(reason(folder.path) == "it is a directory, not a file")
            #expect(reason(folder.appendingPathComponent("missing").path) == "it does not exist")
            let link = folder.appendingPathComponent("dangling").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/nowhere")
            #expect(reason(link) == "it is a symbolic link to /nowhere, which does not exist")
            let file = folder.appendingPathComponent("afile")
            try Data("x".utf8).write(to: file)
            #expect(reason(file.path + "/inside") == "\(file.path) is a file, not a directory")
            #expect(reason("") == "the path is empty")
            #expect(throws: InputFileError(path: folder.path, reason: "it is a directory, not a file")) {
                try InputFile.contents(of: folder.path)
            }
        }
    }
}
