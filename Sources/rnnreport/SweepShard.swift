import ArgumentParser

/// Which slice of a sweep's grid this process runs: the `index`-th (1-based) of `count`.
struct SweepShard: Equatable {
    var index: Int
    var count: Int

    /// Reads `--shard I/N`.
    ///
    /// - Throws: `ValidationError` naming the option (exit 64).
    init(option text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ValidationError("invalid --shard '\(text)': expected I/N, for example 2/3 for the second of three shards")
        }
        guard count >= 1, (1 ... count).contains(index) else {
            throw ValidationError("invalid --shard \(text): expected I from 1 to N, and N of 1 or more")
        }
        self.index = index
        self.count = count
    }

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// The shard of a Slurm array task, or `nil` outside a Slurm array job.
    ///
    /// The task IDs of `--array=MIN-MAX:STEP` are MIN, MIN + STEP, …: the task with ID `id` is
    /// shard `(id − MIN) / STEP + 1` of `SLURM_ARRAY_TASK_COUNT`. (An array given as a list with
    /// gaps, `--array=1,5,9`, has no such rule: give --shard instead.) An array of one task is
    /// refused: it is most likely a task of an earlier array run again.
    ///
    /// - Throws: `ValidationError` naming the variable that is missing or out of range.
    static func fromSlurm(_ environment: [String: String]) throws -> SweepShard? {
        guard let idText = environment["SLURM_ARRAY_TASK_ID"] else { return nil }
        func number(_ name: String, default value: Int? = nil) throws -> Int {
            guard let text = environment[name] else {
                if let value { return value }
                throw ValidationError("SLURM_ARRAY_TASK_ID is set but \(name) is not; give --shard I/N")
            }
            guard let number = Int(text) else { throw ValidationError("\(name) '\(text)' is not a whole number; give --shard I/N") }
            return number
        }
        guard let id = Int(idText) else { throw ValidationError("SLURM_ARRAY_TASK_ID '\(idText)' is not a whole number; give --shard I/N") }
        let minimum = try number("SLURM_ARRAY_TASK_MIN")
        let count = try number("SLURM_ARRAY_TASK_COUNT")
        let step = try number("SLURM_ARRAY_TASK_STEP", default: 1)
        guard step >= 1, count >= 1, id >= minimum, (id - minimum) % step == 0, (id - minimum) / step < count else {
            throw ValidationError(
                "SLURM_ARRAY_TASK_ID \(id) is not one of \(count) tasks from \(minimum) in steps of \(step); give --shard I/N")
        }
        // One task is most likely one task of an earlier array run again (`sbatch --array=3`),
        // which would be shard 1/1: the whole grid, N times the work of the shard meant.
        guard count > 1 else {
            throw ValidationError(
                "this Slurm array has one task (SLURM_ARRAY_TASK_COUNT=1, task \(id)), which would train the whole grid as one "
                    + "shard; to run one shard of an earlier array again, give it as --shard I/N (task \(id) of --array=\(minimum)-N "
                    + "is --shard \((id - minimum) / step + 1)/N, N its number of tasks), and to run the whole grid in one job, submit it "
                    + "without --array")
        }
        return SweepShard(index: (id - minimum) / step + 1, count: count)
    }
}
