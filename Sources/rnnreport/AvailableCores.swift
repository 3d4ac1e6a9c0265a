import Foundation

/// The cores this process may run on, which `--threads 0` and a sweep's default `--jobs` use.
enum AvailableCores {
    /// The processors of this process's CPU affinity (what `taskset`, a Slurm allocation or a
    /// cgroup's cpuset leaves it), and at most Foundation's count of active processors.
    /// Foundation's count alone is every core of the machine: on a node shared through
    /// allocations, one thread per core of the node would take turns on the few allocated.
    ///
    /// The affinity is read from `/proc/self/status` (`Cpus_allowed_list: 0-3,8`): Swift's Glibc
    /// module leaves out `sched_getaffinity`, a GNU extension. Without it, Foundation's count.
    static var count: Int {
        let active = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let allowed = allowedProcessors(inStatus: status), allowed > 0 else { return active }
        return min(allowed, active)
    }

    /// The number of processors in the `Cpus_allowed_list` line of a `/proc/PID/status` text
    /// (comma-separated numbers and ranges, `0-3,8` for five), or `nil` without a line that reads.
    static func allowedProcessors(inStatus status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
        var count = 0
        for item in line.dropFirst("Cpus_allowed_list:".count).split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1:
                guard bounds[0] != nil else { return nil }
                count += 1
            case 2:
                guard let low = bounds[0], let high = bounds[1], low <= high else { return nil }
                count += high - low + 1
            default:
                return nil
            }
        }
        return count
    }
}
