/// Metrics that cannot be read.
public enum MetricsError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(String)
    case inconsistent(String)
    /// A setting of `config` that the report computes with is out of the range the command line
    /// accepts for it (`config.time_step` of 1).
    case outOfRange(ConfigurationError)
    indirect case inFile(path: String, MetricsError)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read metrics file \(path): \(reason)"
        case let .malformed(detail): "not a metrics file: \(detail)"
        case let .inconsistent(detail): "inconsistent metrics: \(detail)"
        case let .outOfRange(error): error.message { "config.\($0.key)" }
        case let .inFile(path, error): "\(path): \(error)"
        }
    }
}
