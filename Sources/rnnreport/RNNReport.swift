import ArgumentParser
import Foundation
import Report

@main
struct RNNReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rnnreport",
        abstract: "Train a small recurrent network to predict cos(t) from sin(t), and report what it learned.",
        discussion: """
            Exit status: 0 success; 1 `generate --check` found the report out of date, or \
            `sweep --merge` found a run of the grid missing or incomplete; 64 the \
            command line is wrong; 65 an input file's content is wrong; 66 an input file is missing \
            or unreadable; 70 an internal failure; 72 the figures' font is missing; 73 the output directory cannot be created or \
            written; 74 writing failed part way (nothing was replaced).
            """,
        version: RNNReportVersion.current,
        subcommands: [Generate.self, Train.self, Plot.self, Sweep.self, Compare.self]
    )

    /// Checks what ArgumentParser lets through, then parses and runs the command, and exits with
    /// the status of the README's table.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            try CommandLineCheck.checkEncoding(CommandLineCheck.rawArguments)
            try CommandLineCheck.check(arguments, root: self)
        } catch {
            let help = configuration.subcommands.contains { $0._commandName == arguments.first }
                ? "rnnreport \(arguments[0]) --help" : "rnnreport --help"
            printError("Error: \(error)\n  See '\(help)' for more information.")
            Foundation.exit(CommandError.Status.usage.rawValue)
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as CommandError {
            printError("Error: \(error.description)")
            Foundation.exit(error.status.rawValue)
        } catch {
            // The command's own usage goes with a usage error thrown while it runs.
            type(of: command).exit(withError: error)
        }
    }

    /// The exit status for an error a command threw.
    static func status(for error: any Error) -> Int32 {
        if let error = error as? CommandError { return error.status.rawValue }
        return exitCode(for: error).rawValue
    }
}
