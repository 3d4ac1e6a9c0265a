/// A failure of a command, with the message the user sees after "Error: ".
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
