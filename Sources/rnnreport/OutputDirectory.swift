import ArgumentParser
import Foundation
import Report

/// The report directory of a command: prepared in `run()` before any work starts, written all or
/// nothing at the end. A thin wrapper over ``ReportDirectory`` (staging folder, atomic swap,
/// interrupts: see there) that turns its errors into the command's.
struct OutputDirectory {
    private let directory: ReportDirectory

    /// Refuses, while the command line is parsed, a path that is empty or names an existing file.
    static func validate(path: String) throws {
        guard !path.isEmpty else {
            throw ValidationError("the output path is empty; name a directory, for example '.'")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("output path \(path) is a file, not a directory")
        }
    }

    /// Checks that the path can hold a report and gets it ready; catches SIGINT and SIGTERM from now on.
    ///
    /// - Throws: `CommandError` naming the path and the problem.
    init(path: String) throws {
        do { directory = try ReportDirectory(path: path) } catch {
            throw CommandError(error.description, status: .cannotCreate)
        }
    }

    /// The path of a file in the directory, as the user should read it.
    func path(_ name: String) -> String {
        directory.path(of: name)
    }

    /// Writes the files as the directory's new report, all or nothing, keeping the user's other
    /// files (but not those of `replacing` the report does not write); on a terminal, shows which
    /// file is being written and how much of it.
    func write(_ files: [ReportFile], replacing: Set<String> = [], showProgress: Bool = false) throws {
        var bar = ProgressBar(label: "writing", total: files.count, enabled: showProgress && isatty(STDERR_FILENO) == 1)
        var index = 0
        var current = ""
        do {
            try directory.commit(files, replacing: replacing) { name, bytes in
                if name != current { current = name; index += 1 }
                bar.update(index - 1, detail: "\(name)  \(bytes.formatted(.byteCount(style: .file)))")
            }
        } catch {
            bar.finish()
            throw CommandError(error.description, status: .ioError)
        }
        bar.finish()
    }
}
