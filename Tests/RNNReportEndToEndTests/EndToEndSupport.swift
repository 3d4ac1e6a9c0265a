import ArgumentParser
import Foundation
@testable import rnnreport
import Testing
import TestSupport

// Helpers shared by the end-to-end tests: running a command in process or the built binary as a
// subprocess, and snapshots of a folder. Fixtures and temporary folders come from TestSupport.

// MARK: - Configurations and fixtures

/// The small network of the `small.*` PyTorch fixtures: a run of it takes a few milliseconds.
let smallRun = ["--hidden-size", "8", "--num-layers", "1", "--time-step", "10", "--steps", "40"]

/// Trains ``smallRun`` into `folder`/`name` and returns that folder.
func trainSmallRun(in folder: URL, name: String = "run") throws -> URL {
    let run = folder.appendingPathComponent(name)
    try Train.execute(smallRun + ["--output", run.path, "--quiet"])
    return run
}

// MARK: - Running a command in process

/// What the command line prints for a failed command, after "Error: ", and its exit code.
struct CommandFailure: CustomStringConvertible {
    var message: String
    var code: Int32
    var description: String { "exit \(code): \(message)" }
}

extension ParsableCommand {
    /// Parses `arguments` (which also validates them) and runs the command, as the command line would.
    static func execute(_ arguments: [String]) throws {
        var command = try parse(arguments)
        try command.run()
    }

    /// The failure of running with `arguments`, or `nil` when the command succeeds.
    static func failure(_ arguments: [String]) -> CommandFailure? {
        do {
            try execute(arguments)
            return nil
        } catch {
            return CommandFailure(message: message(for: error), code: RNNReport.status(for: error))
        }
    }
}

/// Records an issue unless `failure` is a failure with a non-zero exit code whose message holds
/// every one of `words`.
func expectFailure(
    _ failure: CommandFailure?, mentioning words: [String], _ context: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let failure else {
        Issue.record("expected the command to fail \(context)", sourceLocation: sourceLocation)
        return
    }
    #expect(failure.code != 0, "\(context): \(failure)", sourceLocation: sourceLocation)
    for word in words {
        #expect(failure.message.contains(word), "\(context): '\(word)' not in the message: \(failure.message)",
                sourceLocation: sourceLocation)
    }
}

extension ParsableCommand {
    /// Runs with `arguments` and `--output` a new path in `folder`, and expects a failure whose
    /// message holds every one of `words`, with nothing created at the output path.
    @discardableResult
    static func expectRefusal(
        _ arguments: [String], in folder: URL, mentioning words: [String], _ context: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> CommandFailure? {
        let output = folder.appendingPathComponent("out")
        let result = failure(arguments + ["--output", output.path])
        expectFailure(result, mentioning: words, context, sourceLocation: sourceLocation)
        #expect(!output.exists, "\(context): the failed command created \(output.path)", sourceLocation: sourceLocation)
        return result
    }
}

// MARK: - Snapshots of a folder

/// Every file under a folder, at any depth, by relative path, hidden ones included (a left-over
/// staging folder or temporary file shows), with its bytes; a folder as `nil`.
func tree(_ folder: URL) throws -> [String: Data?] {
    var entries: [String: Data?] = [:]
    func walk(_ url: URL, _ relative: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            let child = url.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: child.path, isDirectory: &isFolder)
            if isFolder.boolValue {
                entries[path] = .some(nil)
                try walk(child, path)
            } else {
                entries[path] = try Data(contentsOf: child)
            }
        }
    }
    try walk(folder, "")
    return entries
}

/// The relative paths whose entries differ between two ``tree(_:)``s, sorted.
func differences(_ a: [String: Data?], _ b: [String: Data?]) -> [String] {
    Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
}


/// Every entry of a folder (hidden ones included, so that a left-over temporary file shows) with
/// its contents and modification date; a sub-folder is listed with no contents.
struct FolderSnapshot: Equatable {
    struct Entry: Equatable {
        var contents: Data?
        var modified: Date?
    }

    var entries: [String: Entry]

    init(_ folder: URL) throws {
        var entries: [String: Entry] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(name)
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let isFolder = attributes[.type] as? FileAttributeType == .typeDirectory
            entries[name] = Entry(
                contents: isFolder ? nil : try Data(contentsOf: url),
                modified: attributes[.modificationDate] as? Date)
        }
        self.entries = entries
    }

    /// The names of the entries, sorted.
    var names: [String] { entries.keys.sorted() }

    /// The contents of the file `name`.
    func contents(_ name: String) throws -> Data {
        try #require(entries[name]?.contents, "no file \(name) in \(names)")
    }
}

// MARK: - Subprocesses

/// The end of a subprocess: exit status and both outputs.
struct ProcessResult: CustomStringConvertible {
    var status: Int32
    var standardOutput: String
    var standardError: String

    var description: String {
        "exit \(status)\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)"
    }
}

/// A failure to run a subprocess at all.
struct SubprocessError: Error, CustomStringConvertible {
    var description: String
}

/// Runs `executable` to its end, or kills it (and its process group, if it leads one) after
/// `timeout`. The outputs go through files, so a chatty process never blocks on a full pipe.
///
/// - Parameters:
///   - environment: the child's environment; `nil` inherits this process's.
///   - workingDirectory: the child's current directory; `nil` inherits this process's.
func runProcess(
    _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
    workingDirectory: URL? = nil, timeout: Duration = .seconds(60)
) throws -> ProcessResult {
    try withTemporaryDirectory { folder in
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        let seconds = Double(timeout.components.seconds)
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            let pid = process.processIdentifier
            if getpgid(pid) == pid { kill(-pid, SIGKILL) } else { kill(pid, SIGKILL) }
            _ = finished.wait(timeout: .now() + 10)
            throw SubprocessError(description:
                "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish in \(timeout); killed it")
        }
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            standardOutput: try outURL.text(), standardError: try errURL.text())
    }
}

/// The `rnnreport` executable that was built with these tests.
enum RNNReportBinary {
    /// Runs `rnnreport` with `arguments`, in `workingDirectory` if given; the environment is this
    /// process's, without `SOURCE_DATE_EPOCH`, with `extraEnvironment` added.
    static func run(
        _ arguments: [String], extraEnvironment: [String: String] = [:], workingDirectory: URL? = nil
    ) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = nil
        environment.merge(extraEnvironment) { $1 }
        return try runProcess(try url(), arguments, environment: environment, workingDirectory: workingDirectory)
    }

    /// The executable, from the build folder that holds the test bundle: the bundle itself on
    /// Linux (an executable `…/release/rnnreportPackageTests.xctest`), a folder inside the build
    /// folder on macOS.
    static func url() throws -> URL {
        var candidates: [URL] = [
            Bundle.main.bundleURL,
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates += candidates.map { $0.deletingLastPathComponent() }
        for folder in candidates {
            let binary = folder.appendingPathComponent("rnnreport")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: binary.path, isDirectory: &isFolder), !isFolder.boolValue,
               FileManager.default.isExecutableFile(atPath: binary.path) {
                return binary
            }
        }
        throw SubprocessError(description:
            "the rnnreport executable is not beside the test bundle; looked in \(candidates.map(\.path)). Build it with `swift build --build-tests`.")
    }
}
