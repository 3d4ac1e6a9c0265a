/// Names for runs that no two share.
enum RunLabels {
    /// A distinct name for each run, from the components of its path.
    ///
    /// Each run starts with its last component (`seed3`); while two runs of different paths share
    /// a name, each of them takes one more component from its path (`lr0.005/seed3`). Runs of
    /// the same path (the same run given twice) keep their short name, with `#2`, `#3` after the
    /// first, in the order given: a name never grows to the whole path for them.
    ///
    /// - Parameter paths: the components of each run's path, outermost first; never empty.
    static func distinct(_ paths: [[String]]) -> [String] {
        var depth = Array(repeating: 1, count: paths.count)
        func name(_ index: Int) -> String {
            paths[index].suffix(depth[index]).joined(separator: "/")
        }
        while true {
            var byName: [String: [Int]] = [:]
            for index in paths.indices { byName[name(index), default: []].append(index) }
            var grew = false
            for group in byName.values where group.count > 1 {
                // Only a path that another in the group differs from has something to tell them apart.
                for index in group where depth[index] < paths[index].count && group.contains(where: { paths[$0] != paths[index] }) {
                    depth[index] += 1
                    grew = true
                }
            }
            if !grew { break }
        }
        var seen: [String: Int] = [:]
        return paths.indices.map { index in
            let label = name(index)
            seen[label, default: 0] += 1
            let count = seen[label]!
            return count == 1 ? label : "\(label) #\(count)"
        }
    }
}
