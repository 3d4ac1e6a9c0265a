import Foundation

extension DecodingError {
    /// The error in words, with the path of the offending value (`config.hidden_size`), for
    /// messages about JSON files a user wrote.
    public var readableDescription: String { describe(self) }
}

private func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
        let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            .joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
        return p.isEmpty ? "top level" : p
    }
    switch error {
    case let .typeMismatch(type, context):
        return "\(path(context)): expected \(type): \(context.debugDescription)"
    case let .valueNotFound(type, context):
        return "\(path(context)): missing \(type) value"
    case let .keyNotFound(key, context):
        let at = context.codingPath.isEmpty ? "" : " in \(path(context))"
        return "missing key '\(key.stringValue)'\(at)"
    case let .dataCorrupted(context):
        let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey]
        return "\(path(context)): \(context.debugDescription)" + (underlying.map { " (\($0))" } ?? "")
    @unknown default:
        return "\(error)"
    }
}
