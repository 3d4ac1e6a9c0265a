import CCairo

/// A failure reported by Cairo, with Cairo's own description of it.
public struct CairoError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done, for example `creating the PNG surface`.
    public var operation: String
    /// Cairo's status code (`cairo_status_t`).
    public var status: Int
    /// Cairo's message for the status (`cairo_status_to_string`).
    public var message: String

    init(operation: String, status: cairo_status_t) {
        self.operation = operation
        self.status = Int(status.rawValue)
        message = String(cString: cairo_status_to_string(status))
    }

    public var description: String { "Cairo error while \(operation): \(message)" }

    /// Throws when `status` is not success.
    static func check(_ status: cairo_status_t, _ operation: String) throws(CairoError) {
        if status != CAIRO_STATUS_SUCCESS { throw CairoError(operation: operation, status: status) }
    }
}
