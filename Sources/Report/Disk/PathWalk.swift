import Foundation

/// A path's leading parts, walked from the outermost.
public enum PathWalk {
    /// The first of `path`'s leading parts, the outermost first (`a`, `a/b`, …, and the path
    /// itself unless `includingLast` is false), that exists and is not a directory (by `stat`: a
    /// link is what it points to); `nil` if none is. A part that does not exist ends the walk:
    /// nothing under it exists either.
    public static func firstNonDirectory(in path: String, includingLast: Bool = true) -> String? {
        let parts = path.split(separator: "/")
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in includingLast ? parts[...] : parts.dropLast() {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            var status = stat()
            guard stat(prefix, &status) == 0 else { return nil }
            if status.st_mode & S_IFMT != S_IFDIR { return prefix }
        }
        return nil
    }
}
