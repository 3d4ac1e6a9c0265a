import ArgumentParser
import Report

@main
struct RNNReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rnnreport",
        abstract: "Train a small recurrent network to predict cos(t) from sin(t), and report what it learned.",
        version: RNNReportVersion.current,
        subcommands: [Generate.self, Train.self, Plot.self]
    )
}
