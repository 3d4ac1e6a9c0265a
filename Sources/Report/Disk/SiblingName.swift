import Foundation

/// The names of the folders rnnreport keeps beside a report directory `DIR` while it writes it,
/// and of the temporary files that older versions left inside it.
///
/// - `.DIR.rnnreport-staging-TOKEN`: the new content of `DIR` being built, or, for a moment after
///   the swap, the previous content on its way out.
/// - `.DIR.rnnreport-old-TOKEN`: the previous content of `DIR`, moved aside when the file system
///   cannot exchange two directories (see ``ReportDirectory``).
///
/// `TOKEN` is the writing process's id, with `.N` added if that name was taken (a process of the
/// same id in another PID namespace writing beside the same folder). Whether a folder is stale is
/// decided by its lock, not by the id: see ``DirectoryHandle/tryLock()``.
enum SiblingName {
    enum Kind: String, CaseIterable {
        case staging
        case old
    }

    /// The start of every sibling name of the directory `directoryName`.
    static func prefix(of directoryName: String) -> String {
        ".\(directoryName).rnnreport-"
    }

    /// The sibling of kind `kind` for `directoryName`, made by the writer `token`.
    static func make(_ kind: Kind, of directoryName: String, token: String) -> String {
        prefix(of: directoryName) + kind.rawValue + "-" + token
    }

    /// The name of the directory whose sibling `entry` is (`DIR` of `.DIR.rnnreport-staging-7`),
    /// or `nil` when `entry` is no sibling.
    static func directoryName(of entry: String) -> String? {
        guard entry.hasPrefix("."), let marker = entry.range(of: ".rnnreport-", options: .backwards),
              marker.lowerBound > entry.index(after: entry.startIndex) else { return nil }
        let name = String(entry[entry.index(after: entry.startIndex) ..< marker.lowerBound])
        return parse(entry, of: name) != nil ? name : nil
    }

    /// The kind and token of `entry` if it is a sibling of `directoryName`, otherwise `nil`.
    static func parse(_ entry: String, of directoryName: String) -> (kind: Kind, token: String)? {
        let start = prefix(of: directoryName)
        guard entry.hasPrefix(start) else { return nil }
        let rest = entry.dropFirst(start.count)
        for kind in Kind.allCases where rest.hasPrefix(kind.rawValue + "-") {
            let token = rest.dropFirst(kind.rawValue.count + 1)
            if !token.isEmpty { return (kind, String(token)) }
        }
        return nil
    }

    /// The longest directory name that leaves room for the longest sibling name in a file
    /// system's 255 bytes.
    static let longestDirectoryName = 200

    /// Whether `entry` is a temporary file of rnnreport 0.1's per-file renames,
    /// `.NAME.PID-RANDOM.tmp`, which an interrupted run could leave inside the report directory.
    static func isLegacyTemporary(_ entry: String) -> Bool {
        guard entry.hasPrefix("."), entry.hasSuffix(".tmp") else { return false }
        let parts = entry.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        // "", NAME (which may itself hold dots), "PID-RANDOM"
        guard parts.count >= 3, let token = parts.last, !parts[1].isEmpty else { return false }
        let numbers = token.split(separator: "-", omittingEmptySubsequences: false)
        return numbers.count == 2 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
