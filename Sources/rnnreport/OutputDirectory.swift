import ArgumentParser
import Foundation

/// A directory that a command writes its files into, all or nothing.
///
/// ``write(_:)`` first writes every file under a temporary name in the same directory, and only
/// when all of them are complete renames each over its final name. A write that fails (a full disk,
/// an unwritable file) leaves the previous files untouched and removes its temporary files. A name
/// taken by a directory is refused before anything is written. There is no signal handling: an
/// interrupt in the moment of writing can leave hidden `.NAME.….tmp` files, or, during the renames,
/// some files new and some old.
struct OutputDirectory {
    let url: URL
    /// The path as the user gave it, for messages.
    private let given: String

    /// Refuses a path that names an existing file, before any work starts.
    static func validate(path: String) throws {
        guard !path.isEmpty else {
            throw ValidationError("the output path is empty; name a directory, for example '.'")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("output path \(path) is a file, not a directory")
        }
    }

    /// Checks the path and creates the directory if it is missing.
    ///
    /// - Throws: `CommandError` if the path is an existing file or cannot be created.
    init(path: String) throws {
        url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        given = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CommandError("output path \(path) is a file, not a directory", status: .cannotCreate)
            }
        } else {
            // mkdir one level at a time, so that the reason is the C library's, in plain words.
            var prefix = url.path.hasPrefix("/") ? "" : "."
            for component in url.pathComponents where component != "/" {
                prefix += "/" + component
                if mkdir(prefix, 0o777) != 0, errno != EEXIST {
                    throw CommandError(
                        "cannot create output directory \(path): \(InputFile.reason(errno: errno))", status: .cannotCreate)
                }
            }
        }
        guard FileManager.default.isWritableFile(atPath: url.path) else {
            throw CommandError("output directory \(path) is not writable", status: .cannotCreate)
        }
    }

    /// The path of a file in the directory, as the user should read it.
    func path(_ name: String) -> String {
        given.hasSuffix("/") ? given + name : given + "/" + name
    }

    /// Writes the files, replacing any of the same names, all or nothing.
    func write(_ files: [(name: String, data: Data)]) throws {
        // A name taken by a directory would make its rename fail after others had succeeded.
        for (name, _) in files {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CommandError("cannot replace \(path(name)): it is a directory; nothing was written", status: .cannotCreate)
            }
        }
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0 ... .max))"
        var staged: [(temporary: URL, final: URL)] = []
        do {
            for (name, data) in files {
                let final = url.appendingPathComponent(name)
                let temporary = url.appendingPathComponent(".\(name).\(token).tmp")
                staged.append((temporary, final))
                try data.write(to: temporary)
            }
            for (temporary, final) in staged {
                guard rename(temporary.path, final.path) == 0 else {
                    throw CommandError("cannot replace \(final.path): \(String(cString: strerror(errno)))", status: .ioError)
                }
            }
        } catch {
            for (temporary, _) in staged {
                try? FileManager.default.removeItem(at: temporary)
            }
            if let error = error as? CommandError { throw error }
            throw CommandError("cannot write into \(url.path): \(error.localizedDescription); nothing was replaced", status: .ioError)
        }
    }
}
