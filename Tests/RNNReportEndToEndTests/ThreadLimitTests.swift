import Foundation
import Testing
import TestSupport

/// A process that may not start more threads (a container's or a cluster job's task limit, or
/// `ulimit -u`): the work the other threads would have done falls to the threads there are, and
/// a signal still ends the process.
@Suite("a limit on threads")
struct ThreadLimitTests {
    private static let tools = ["/usr/bin/timeout", "/usr/bin/setpriv", "/usr/bin/prlimit"]
    private static let available = getuid() == 0 && tools.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    /// The binary run as nobody, allowed one task (this process: `Thread.start` fails, and says
    /// nothing; `pthread_create` says EAGAIN), killed after a minute if it waits for a thread
    /// that never ran.
    private func limited(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.tools[0])
        process.arguments = ["-s", "KILL", "60", Self.tools[1], "--reuid=65534", "--regid=65534", "--clear-groups",
                             Self.tools[2], "--nproc=1:1", try RNNReportBinary.url().path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// A folder that nobody may write in.
    private func sharedFolder(in folder: URL) throws -> URL {
        let shared = folder.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: shared.path)
        return shared
    }

    /// The limit binds a user other than root only, so the tests run where they can switch to one.
    @Test("the report's figures are drawn when no other thread can start", .enabled(if: available))
    func figuresWithoutThreads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = try limited(["generate", "--check", "--quiet", "-o", root.appendingPathComponent("output").path])
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "status \(process.terminationStatus) (killed by signal 9: still waiting after a minute)")
    }

    @Test("with no other thread, generate writes its directory, a sweep trains its runs on this one and train --threads 2 trains on one",
          .enabled(if: available))
    func workWithoutThreads() throws {
        try withTemporaryDirectory { folder in
            let shared = try sharedFolder(in: folder)
            for arguments in [
                ["generate", "--steps", "30", "--quiet", "-o", shared.appendingPathComponent("report").path],
                ["sweep", "--steps", "20", "--seeds", "0..2", "--jobs", "2", "--quiet", "-o", shared.appendingPathComponent("sweep").path],
                ["train", "--hidden-size", "200", "--steps", "3", "--threads", "2", "--quiet", "-o", shared.appendingPathComponent("wide").path],
            ] {
                let process = try limited(arguments)
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "\(arguments[0]): status \(process.terminationStatus) (killed by signal 9: still waiting after a minute)")
            }
            #expect(FileManager.default.fileExists(atPath: shared.appendingPathComponent("report/report.html").path))
            #expect(FileManager.default.fileExists(atPath: shared.appendingPathComponent("sweep/runs/seed2/model.safetensors").path))
            #expect(FileManager.default.fileExists(atPath: shared.appendingPathComponent("wide/model.safetensors").path))
        }
    }

    @Test("with no thread to watch for signals, SIGTERM still ends the process", .enabled(if: available))
    func signalWithoutThreads() throws {
        try withTemporaryDirectory { folder in
            let shared = try sharedFolder(in: folder)
            // A shell starts the limited binary, lets it start training, sends SIGTERM to the
            // process and prints its exit status: 128 + 15, or 128 + 9 if it ignored the signal
            // until timeout's KILL a minute later. (env gives the signal its default action: a
            // test runner may ignore it, and an ignored signal stays ignored in a child.)
            let command = ["/usr/bin/env", "--default-signal=INT,TERM", Self.tools[0], "-s", "KILL", "60", Self.tools[1], "--reuid=65534", "--regid=65534", "--clear-groups",
                           Self.tools[2], "--nproc=1:1", try RNNReportBinary.url().path,
                           "train", "--steps", "1000000", "--quiet", "-o", shared.appendingPathComponent("long").path]
            let script = command.map { "'\($0)'" }.joined(separator: " ") + " & pid=$!; sleep 2; kill -TERM $pid; wait $pid; echo $?"
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", script]
            let output = Pipe()
            shell.standardOutput = output
            shell.standardError = FileHandle.nullDevice
            try shell.run()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "143", "exit status \(printed) (137: SIGTERM was ignored)")
        }
    }
}
