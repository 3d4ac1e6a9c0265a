#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What processes that died while writing a report (`SIGKILL`, a crash, a power loss) left beside
/// its directory, finished or undone by the next run before it does anything else.
///
/// A sibling folder is stale when its lock can be taken: the kernel drops a `flock` when its
/// process ends, however it ends. On a file system without `flock`, the process id in its name
/// decides: stale when no such process exists.
///
/// - `.DIR.rnnreport-old-TOKEN` holds a previous report moved aside by the two-rename commit.
///   If `DIR` is missing, the process died between the two renames: its staging folder, complete
///   since it was made before the first rename, becomes `DIR` (the commit is completed); without
///   one, the old folder goes back (the commit is undone). Then the old folder is retired.
/// - `.DIR.rnnreport-staging-TOKEN` is either an unfinished new report, or the previous content
///   that an exchange has just swapped out. Both are removed; every file of the user's in it is
///   also in `DIR`, as a hard link or a copy.
enum StaleSiblings {
    static func recover(directoryName name: String, in parent: DirectoryHandle) {
        guard let entries = try? parent.entries() else { return }
        recover(name, among: entries, in: parent)
    }

    /// Recovers the siblings of every directory of `names` in `parent`, listing it once (a sweep's
    /// runs: once per run, the listings would grow with the square of the runs).
    static func recover(directoryNames names: Set<String>, in parent: DirectoryHandle) {
        guard let entries = try? parent.entries() else { return }
        var siblings: [String: [String]] = [:]
        for entry in entries {
            if let name = SiblingName.directoryName(of: entry), names.contains(name) { siblings[name, default: []].append(entry) }
        }
        for (name, entries) in siblings.sorted(by: { $0.key < $1.key }) { recover(name, among: entries, in: parent) }
    }

    /// Recovers the siblings of the directory `name` among `entries`, some of `parent`'s.
    private static func recover(_ name: String, among entries: [String], in parent: DirectoryHandle) {
        let siblings = entries.compactMap { entry in
            SiblingName.parse(entry, of: name).map { (entry: entry, kind: $0.kind, token: $0.token) }
        }
        for sibling in siblings where sibling.kind == .old {
            guard let old = abandoned(sibling.entry, token: sibling.token, in: parent) else { continue }
            withExtendedLifetime(old) {
                if (try? parent.status(of: name)) == nil {
                    let stagingName = SiblingName.make(.staging, of: name, token: sibling.token)
                    let staging = abandoned(stagingName, token: sibling.token, in: parent)
                    let rolledForward = staging != nil
                        && (try? FileOperations.rename(stagingName, in: parent, to: name, in: parent)) != nil
                    if !rolledForward {
                        _ = try? FileOperations.rename(sibling.entry, in: parent, to: name, in: parent)
                        return
                    }
                }
                retire(sibling.entry, into: name, in: parent, ours: [])
            }
        }
        for sibling in siblings where sibling.kind == .staging {
            guard let staging = abandoned(sibling.entry, token: sibling.token, in: parent) else { continue }
            withExtendedLifetime(staging) {
                _ = try? FileOperations.removeTree(sibling.entry, in: parent)
            }
        }
    }

    /// Removes `old`, a previous content of the directory `name` that a commit swapped out.
    ///
    /// An entry that is not in `name` any more (it was added to the directory by another program
    /// while the commit ran) is moved into `name`; everything else in `old` is either a file of
    /// the previous report or a second link to a file that `name` holds too.
    static func retire(_ old: String, into name: String, in parent: DirectoryHandle, ours: Set<String>) {
        if let previous = try? DirectoryHandle(at: parent.descriptor, old),
           let current = try? DirectoryHandle(at: parent.descriptor, name),
           let entries = try? previous.entries() {
            for entry in entries where !ours.contains(entry) && !SiblingName.isLegacyTemporary(entry) {
                if (try? current.status(of: entry)) == nil {
                    _ = try? FileOperations.rename(entry, in: previous, to: entry, in: current)
                }
            }
        }
        _ = try? FileOperations.removeTree(old, in: parent, concurrentLevels: 2)
    }

    /// The sibling `entry`, opened and locked, if no living process owns it; otherwise `nil`.
    private static func abandoned(_ entry: String, token: String, in parent: DirectoryHandle) -> DirectoryHandle? {
        guard let handle = try? DirectoryHandle(at: parent.descriptor, entry) else { return nil }
        switch handle.tryLock() {
        case .acquired: break
        case .held: return nil
        case .unsupported: guard processIsGone(token: token) else { return nil }
        }
        return handle.isStill(entry, in: parent) ? handle : nil
    }

    /// Whether the process whose id starts `token` no longer exists.
    private static func processIsGone(token: String) -> Bool {
        guard let id = pid_t(token.prefix { $0 != "." }), id > 0 else { return false }
        return kill(id, 0) != 0 && errno == ESRCH
    }
}
