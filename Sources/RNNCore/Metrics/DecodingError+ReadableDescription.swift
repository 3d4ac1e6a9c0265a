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
        // Foundation says "Expected to decode Array<Any> but found a string instead."
        let found = context.debugDescription.range(of: "but found ").flatMap { start in
            context.debugDescription[start.upperBound...].range(of: " instead").map {
                String(context.debugDescription[start.upperBound ..< $0.lowerBound])
            }
        }
        return "\(path(context)): expected \(kind(type))" + (found.map { ", found \($0)" } ?? "")
    case let .valueNotFound(type, context):
        return "\(path(context)): expected \(kind(type)), found null"
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

/// A JSON value of `type`, in words: "an array", "a number".
private func kind(_ type: Any.Type) -> String {
    let name = String(describing: type)
    if name.hasPrefix("Array<") { return "an array" }
    if name.hasPrefix("Dictionary<") { return "an object" }
    switch name {
    case "Double", "Float": return "a number"
    case "Int", "Int64", "UInt64", "UInt", "Int32": return "a whole number"
    case "String": return "a string"
    case "Bool": return "true or false"
    default: return "a value of another kind"
    }
}
