import ArgumentParser
import Foundation
import RNNCore
import Report

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the network and write metrics.json and model.safetensors.",
        discussion: """
            Trains a stacked tanh RNN (or, with --cell, an LSTM or a GRU) to read sin(t) and predict \
            cos(t), one window of π per step, exactly as the PyTorch tutorial does (MSE, Adam, \
            ReduceLROnPlateau, gradient clipping, hidden state carried between windows). The same \
            options give the same files, byte for byte.

            With --data FILE.csv --input COL[,COL…] --target COL, trains on your own series \
            instead: step k on window k mod W of the training rows, each epoch from a zero state, \
            the schedule once per epoch on its mean loss; --holdout F keeps the last rows out of \
            training, --normalize standardises the columns. After the last step the network runs \
            over the whole series, and metrics.json records it as "evaluation" (train and held-out \
            MSE).

            Writes DIR/metrics.json (per step: loss, learning_rate, grad_norm; per point: real, \
            prediction) and DIR/model.safetensors (PyTorch state_dict names; loads with \
            model.load_state_dict(safetensors.torch.load_file(path))).
            """
    )

    @OptionGroup(title: "Training")
    var training: TrainingOptions

    @OptionGroup(title: "Speed")
    var speed: ThreadsOption

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory to write into; created if missing.", valueName: "dir"), completion: .directory)
    var output: String

    @Flag(name: .shortAndLong, help: "Print nothing but errors and warnings.")
    var quiet = false

    func validate() throws {
        try training.validateFlags()
        try OutputDirectory.validate(path: output, for: .run)
    }

    func run() throws {
        try OutputDirectory.refuseFile(output)
        let config = try training.configuration()
        let series = try training.series(for: config)
        let initial = try training.initialParameters(for: config)
        let directory = try OutputDirectory(path: output)
        speed.apply()
        let clock = ContinuousClock()
        let start = clock.now
        let run = try trainWithProgress(
            config: config, series: series, initialParameters: initial, initWeights: training.initWeights,
            threads: speed.resolve(), showProgress: !quiet)
        let elapsed = clock.now - start
        // The page and figures of a run's earlier report (a folder that holds its metrics.json)
        // would describe another run beside this one's metrics: they go, the user's own files
        // stay. A folder of another command's report (a sweep's, a comparison's) was refused.
        let exists = { (name: String) in FileManager.default.fileExists(atPath: directory.path(name)) }
        let replacing = exists(RunFiles.metricsName) ? TrainingReport.fileNames : []
        let stale = replacing.subtracting(run.files.map(\.name)).filter(exists)
        try directory.write(run.files, replacing: replacing, showProgress: !quiet)
        if !quiet {
            print("trained \(config.steps) step\(config.steps == 1 ? "" : "s") in \(String(format: "%.2f", elapsed.seconds)) s: " +
                  "\(TrainingSummary(run.metrics).line)\(run.metrics.evaluation.map { ", " + $0.summaryLine } ?? ""); wrote \(directory.path(RunFiles.metricsName)) and \(directory.path(RunFiles.modelName))")
            if !stale.isEmpty {
                let names = stale.sorted()
                let listed = names.count <= 3 ? names.joined(separator: ", ") : "\(names.prefix(2).joined(separator: ", ")) and \(names.count - 2) more"
                printError("removed the earlier report beside it (\(listed)), which described another run; "
                    + "generate --metrics with its metrics.json makes this run's")
            }
        }
    }
}
