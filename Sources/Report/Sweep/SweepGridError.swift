/// A sweep's lists that cannot make a grid, naming the option and the value.
public struct SweepGridError: Error, Equatable, CustomStringConvertible {
    /// The option as the user wrote it (`--learning-rate`, `--seeds`), or `sweep.json` for a
    /// grid read back from a sweep directory.
    public var option: String
    /// What is wrong, in words.
    public var problem: String

    public init(option: String, problem: String) {
        self.option = option
        self.problem = problem
    }

    public var description: String { "\(option): \(problem)" }
}
