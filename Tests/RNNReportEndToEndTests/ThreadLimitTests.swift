import Foundation
import Testing

/// A process that may not start more threads (a container's or a cluster job's task limit, or
/// `ulimit -u`): the work the other threads would have done falls to the threads there are.
@Suite("a limit on threads")
struct ThreadLimitTests {
    private static let tools = ["/usr/bin/timeout", "/usr/bin/setpriv", "/usr/bin/prlimit"]

    /// The limit binds a user other than root only, so the test runs where it can switch to one.
    @Test("the report's figures are drawn when no other thread can start",
          .enabled(if: getuid() == 0 && tools.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }))
    func figuresWithoutThreads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.tools[0])
        // nobody, allowed one task (this process): Thread.start fails, and says nothing. Killed
        // after a minute if it waits for a thread that never ran; --check writes nothing.
        process.arguments = ["-s", "KILL", "60", Self.tools[1], "--reuid=65534", "--regid=65534", "--clear-groups",
                             Self.tools[2], "--nproc=1:1", try RNNReportBinary.url().path,
                             "generate", "--check", "--quiet", "-o", root.appendingPathComponent("output").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "status \(process.terminationStatus) (killed by signal 9: still waiting after a minute)")
    }
}
