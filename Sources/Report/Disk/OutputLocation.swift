#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a report directory is, found from the path a user gave before any work starts: its
/// parent (symbolic links resolved), its name, and which folders on the way are still missing.
///
/// A symbolic link on the way, the report directory itself included, is followed: the report is
/// written into the directory it points to, and the link stays. A component that is a file, a
/// link to nothing, or a place on a kernel file system (`/proc`, `/sys`) is refused with a
/// message that names it.
struct OutputLocation: Equatable {
    /// The path as the user gave it, for messages.
    var given: String
    /// The deepest folder of the path that exists, absolute, with no symbolic links.
    var existing: String
    /// The components below `existing` that do not exist yet, the report directory last; empty
    /// when the report directory exists (then `existing` is the report directory).
    var missing: [String]

    /// Whether the report directory exists.
    var exists: Bool { missing.isEmpty }

    /// The report directory's name in its parent.
    var name: String { missing.last ?? Self.lastComponent(of: existing) }

    /// The absolute path of the report directory's parent, which may not exist yet.
    var parent: String {
        exists ? Self.parentPath(of: existing) : Self.join(existing, missing.dropLast())
    }

    /// The absolute path of the report directory.
    var directory: String { Self.join(existing, missing) }

    /// The folders to create, outermost first, before the parent exists.
    var missingAncestors: [String] {
        (0..<max(missing.count - 1, 0)).map { Self.join(existing, missing[...$0]) }
    }

    /// Finds the report directory of the path `given`.
    ///
    /// - Throws: ``ReportDirectoryError`` naming the component that cannot hold a report.
    static func resolve(_ given: String) throws(ReportDirectoryError) -> OutputLocation {
        guard !given.isEmpty else { throw .emptyPath }
        let unusable = { (reason: String) in ReportDirectoryError.unusable(path: given, reason: reason) }
        var resolved: String
        if given.hasPrefix("/") {
            resolved = "/"
        } else {
            guard let directory = getcwd(nil, 0) else {
                throw unusable("the current directory cannot be found (\(SystemCallError.last.reason))")
            }
            resolved = String(cString: directory)
            free(directory)
        }
        var shown = given.hasPrefix("/") ? "/" : ""
        var missing: [String] = []
        for component in given.split(separator: "/").map(String.init) {
            shown = shown.isEmpty || shown.hasSuffix("/") ? shown + component : shown + "/" + component
            if component == "." { continue }
            if !missing.isEmpty {
                // Below a missing folder nothing exists: `..` only takes back a name.
                if component == ".." { missing.removeLast() } else { missing.append(component) }
                continue
            }
            if component == ".." {
                resolved = parentPath(of: resolved)
                continue
            }
            let candidate = join(resolved, [component])
            var status = stat()
            guard lstat(candidate, &status) == 0 else {
                let error = SystemCallError.last
                guard error.code == ENOENT else { throw unusable("\(shown): \(error.reason)") }
                missing.append(component)
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                resolved = candidate
            case S_IFLNK:
                guard let target = realpath(candidate, nil) else {
                    let error = SystemCallError.last
                    if error.code == ENOENT {
                        throw unusable("\(shown) is a symbolic link to \(linkTarget(candidate)), which does not exist")
                    }
                    throw unusable("\(shown): \(error.reason)")
                }
                resolved = String(cString: target)
                free(target)
                var targetStatus = stat()
                guard stat(resolved, &targetStatus) == 0, targetStatus.st_mode & S_IFMT == S_IFDIR else {
                    throw unusable("\(shown) is a symbolic link to \(linkTarget(candidate)), which is not a directory")
                }
            default:
                throw unusable("\(shown) is a file, not a directory")
            }
        }
        if let system = KernelFileSystem.name(at: resolved) {
            throw unusable("it is on the kernel's \(system) file system, which cannot hold files")
        }
        if missing.isEmpty && resolved == "/" {
            throw unusable("it is the root directory; the report replaces its directory as a whole, so name a folder inside it")
        }
        return OutputLocation(given: given, existing: resolved, missing: missing)
    }

    // MARK: - Paths

    private static func join(_ base: String, _ components: some Collection<String>) -> String {
        components.reduce(base) { $0.hasSuffix("/") ? $0 + $1 : $0 + "/" + $1 }
    }

    private static func parentPath(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    private static func lastComponent(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? "/"
    }

    /// What the symbolic link at `path` holds, as written in it.
    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
