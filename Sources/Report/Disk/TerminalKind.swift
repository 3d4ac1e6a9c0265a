import Foundation

/// What kind of terminal, if any, standard error is: whether a line drawn on it can be erased with
/// an escape sequence.
public enum TerminalKind: Sendable, Equatable {
    /// Not a terminal: a file, a pipe, a log.
    case none
    /// A terminal that takes ECMA-48's erase-line sequence (`ESC [ 2 K`), as every terminal
    /// emulator does.
    case escapes
    /// A terminal that takes none (`TERM` is `dumb`, empty or not set: Emacs' shell buffers, some
    /// CI consoles): it moves to the line's start on a carriage return and shows anything else as
    /// text.
    case dumb

    /// Standard error's kind, from `isatty` and `TERM`.
    public static var standardError: TerminalKind {
        kind(isTerminal: isatty(STDERR_FILENO) == 1, term: ProcessInfo.processInfo.environment["TERM"])
    }

    /// The width of the terminal on standard error, in columns: as the terminal reports it, else
    /// `$COLUMNS`, else 80.
    public static func standardErrorColumns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        return 80
    }

    /// The kind of a terminal (or not) whose `TERM` is `term`.
    public static func kind(isTerminal: Bool, term: String?) -> TerminalKind {
        guard isTerminal else { return .none }
        guard let term, !term.isEmpty, term != "dumb" else { return .dumb }
        return .escapes
    }
}
