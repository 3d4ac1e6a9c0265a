/// A failure of a command: the message the user sees after "Error: ", and the exit status.
struct CommandError: Error, CustomStringConvertible {
    /// Exit statuses, from BSD's sysexits.h, as the README lists them.
    enum Status: Int32 {
        /// The command line is wrong (an option's value, a missing option). ArgumentParser's own
        /// usage errors exit with this status too.
        case usage = 64
        /// An input file's content is wrong: malformed JSON, a value out of range in a `--config`
        /// file, a checkpoint of the wrong shape, a template with a syntax error.
        case badData = 65
        /// An input file is missing or cannot be read.
        case noInput = 66
        /// Something inside rnnreport failed (a figure could not be drawn).
        case software = 70
        /// A file the system should provide is missing or wrong: the figures' font (DejaVu Sans,
        /// from fonts-dejavu-core).
        case osFile = 72
        /// The output directory cannot be created or written.
        case cannotCreate = 73
        /// Writing the output failed part way (a full disk); nothing was replaced.
        case ioError = 74
    }

    var description: String
    var status: Status

    init(_ description: String, status: Status) {
        self.description = description
        self.status = status
    }
}
