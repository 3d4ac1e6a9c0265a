/// Metrics that cannot be read.
public enum MetricsError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(String)
    case inconsistent(String)
    indirect case inFile(path: String, MetricsError)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read metrics file \(path): \(reason)"
        case let .malformed(detail): "not a metrics file: \(detail)"
        case let .inconsistent(detail): "inconsistent metrics: \(detail)"
        case let .inFile(path, error): "\(path): \(error)"
        }
    }
}
