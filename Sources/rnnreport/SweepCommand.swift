import ArgumentParser
import Foundation
import RNNCore
import Report

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Train every combination of lists of settings and seeds, in parallel, and report them side by side.",
        usage: """
            rnnreport sweep [--SETTING LIST ...] [--seeds LIST] [--config FILE] --output DIR [--jobs N] [--shard I/N]
                            [--resume] [--summary FILE.md] [--quiet]
            rnnreport sweep --merge DIR [--jobs N] [--summary FILE.md] [--quiet]
            """,
        discussion: """
            Every training option takes a list, and the sweep is their grid: each combination of \
            values (a configuration) is trained once per seed, each run exactly as `rnnreport train` \
            trains it. For example, 2 learning rates × 10 seeds:

              rnnreport sweep --learning-rate 0.002,0.005 --seeds 0..9 -o sweep

            The lists: \(settingsHelp). Each setting means what it means for `rnnreport train` \
            (see its --help); one not given keeps its default, or its value in the --config file. \
            --data takes one file, not a list. A list separates its values with commas, but \
            --input's and --target's with ';'; one of each kind:

              --hidden-size 16,32         whole numbers (2e3 too)
              --learning-rate 0.002,5e-3  decimal numbers
              --cell rnn,lstm             names
              --normalize true,false      true or false
              --seeds 0..3,10             seeds, with ranges: 0, 1, 2, 3 and 10
              --input 'a;a,b'             column sets, each a comma list

            A run is named by the values of the settings that take more than one value, then its \
            seed (h32-lr0.005-seed3).

            On a CSV series, as `rnnreport train --data` trains: --data FILE.csv (one file; a \
            sweep of several files is refused) with --input and --target, and lists of --holdout \
            (0,0.2), of --normalize (true,false; --normalize alone is true), of --input column sets \
            and of --target columns, separated by ';' (a column set is itself a comma list, and \
            --target takes --input's separator): --input 'heater_kw;heater_kw,outdoor_c', \
            --target 'indoor_c;outdoor_c'. Each distinct series is read, \
            checked and windowed once, before any run starts; bad data stops the sweep before it \
            starts, as it stops `train`. The report then speaks in the target's name and ranks \
            the configurations by their median held-out MSE when rows are held out (else by the \
            last-50 loss), with the train and held-out MSE in the table; a run on a CSV series has \
            no converged or not-converged verdict. For example:

              rnnreport sweep --data examples/room-temperature.csv \\
                --input heater_kw,outdoor_c --target indoor_c --holdout 0.2 \\
                --normalize --hidden-size 16,32 --seeds 0..3 -o sweep

            Writes DIR/runs/NAME/ for each run: the metrics.json and model.safetensors that \
            `rnnreport train` writes with the same settings, byte for byte, each folder written all \
            or nothing as soon as its run is done. Then the report into DIR: report.html (one row \
            per configuration, best first: seeds converged out of n (on sin→cos), median and range \
            of the mean loss of the last 50 steps (of every step, in runs of fewer: the last-20 \
            loss of runs of 20 steps), best and worst seed, a link to every run), the figures \
            sweep-loss (the loss of each configuration: median across seeds, smallest and \
            largest), sweep-last-loss (the last-50 loss of every run; sweep-holdout-mse, the \
            held-out MSE, on a CSV series with held-out rows), best-prediction-tail (the best run's \
            last windows) and, on a CSV series, best-holdout (the best run over the whole series), each as PNG, SVG and dark SVG; summary.csv (the table) and \
            sweep.json (the grid and every run's settings). \
            The same grid gives the same files, byte for byte, whatever --jobs is and whether it \
            ran in one piece or in shards.

            Runs go in parallel, --jobs at a time (default: the cores this process may use), each with its own \
            trainer on its own thread; the report's figures are then drawn on as many threads, \
            so that --jobs N keeps the sweep to N cores. On a terminal a line shows the runs done \
            and the time left.

            With --resume, a run whose folder already holds it complete (its metrics.json with the \
            run's settings and every step, and its model.safetensors, as --merge checks) is kept \
            and only the others are trained: to finish a sweep that was interrupted or killed, or \
            one given another value in a list (not with --shard, whose grid must stay the one in \
            DIR); a grid that leaves out runs already in DIR/runs is refused. The report is the \
            same, byte for byte, as long as the kept runs were trained by the same version of \
            rnnreport and on the same data (a CSV file is recorded by its name).

            Sharding, for a job array on a cluster: --shard I/N (1-based) runs only every N-th run \
            from the I-th on, and writes only those runs and sweep.json, so that N jobs on any \
            number of machines can write into one DIR on a shared file system. Inside a Slurm array \
            job, with no --shard, the shard comes from SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, \
            SLURM_ARRAY_TASK_STEP and SLURM_ARRAY_TASK_COUNT. Once every shard is done, \
            `rnnreport sweep --merge DIR` checks that every run of the grid is there and complete \
            (exit 1 naming each one that is not), and writes the report, the same bytes as an \
            unsharded sweep's. The README shows Slurm, Kubernetes and GitHub Actions examples.
            """
    )

    /// The list options, from ``TrainingSetting``: `--cell, --hidden-size, … and --normalize`;
    /// not `--data`, which takes one file.
    static var settingsHelp: String {
        let names = TrainingSetting.allCases.filter { $0 != .data }.map(\.sweepOptionName)
        return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory of the sweep; created if missing.", valueName: "dir"), completion: .directory)
    var output: String?

    @Option(help: ArgumentHelp(
        "Check that every run of the sweep in this directory is complete and write its report (after the shards of a job array).",
        valueName: "dir"), completion: .directory)
    var merge: String?

    @Option(name: [.customShort("j"), .customLong("jobs")], parsing: .unconditional, help: ArgumentHelp("Runs trained at the same time, and threads drawing the report: the cores the sweep uses. (default: the cores this process may use)", valueName: "n"), transform: WholeNumber.parse)
    var jobsOption: WholeNumber?

    /// `--jobs`, if given.
    var jobs: Int? { jobsOption?.value }

    // Unconditional, so that `--shard -1/3` reaches its range check instead of reading as an option.
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Run only the I-th of N slices of the grid (1-based), for a job array; merge with --merge. (default: from SLURM_ARRAY_TASK_* in a Slurm array job, else the whole grid)",
        valueName: "I/N"))
    var shard: String?

    @Option(help: ArgumentHelp(
        "Settings every run shares, from a JSON file with the keys of metrics.json's \"config\", or from a metrics.json itself, whose \"config\" is used; a list option overrides its key.",
        valueName: "file"), completion: .file(extensions: ["json"]))
    var config: String?

    @Option(help: ArgumentHelp(
        "Also write the table as Markdown to this file (for $GITHUB_STEP_SUMMARY or a pull-request comment).",
        valueName: "file.md"), completion: .file(extensions: ["md"]))
    var summary: String?

    @Flag(help: ArgumentHelp(
        "Keep each run whose folder in DIR/runs already holds it, complete and with the same settings (as --merge checks it), and train only the others: to finish an interrupted sweep, or one whose grid grew."))
    var resume = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and warnings.")
    var quiet = false

    /// The list options, as given: `--learning-rate 0.002,0.005`.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var lists: [String] = []

    func validate() throws {
        switch (output, merge) {
        case (nil, nil): throw ValidationError("name the sweep's directory with --output DIR (or --merge DIR after its shards)")
        case (.some, .some): throw ValidationError("--merge DIR writes the report of a sweep already run: give it without --output")
        case (.some(let output), nil): try OutputDirectory.validate(path: output, for: .sweep)
        case (nil, .some(let merge)):
            guard !merge.isEmpty else { throw ValidationError("the --merge path is empty; name the sweep's directory, for example '.'") }
            if !lists.isEmpty || shard != nil || config != nil || resume {
                throw ValidationError("--merge DIR reads the grid from DIR/sweep.json and trains nothing: give it without lists, --shard, --config or --resume")
            }
        }
        if let jobsOption, jobsOption.value < 1 {
            throw ValidationError("invalid --jobs \(jobsOption.text): expected a whole number of 1 or more")
        }
        if let shard { _ = try SweepShard(option: shard) }
        let lists = try Self.parseLists(lists)
        // With --config, its file may give the data: checked once it is read, in run().
        if config == nil {
            try Self.checkSeriesLists(lists, base: TrainingConfiguration())
            _ = try Self.grid(base: TrainingConfiguration(), lists: Self.dataAsRecorded(lists).lists)
        }
    }

    func run() throws {
        if let output { try OutputDirectory.refuseFile(output) }
        if let summary {
            try SummaryOption.validate(
                summary, output: output ?? merge, folders: [SweepReport.runsFolder], inputs: config.map { [("the --config file", $0)] } ?? [])
        }
        if let merge {
            try FigureFonts.check()
            let grid = try Self.readGrid(merge)
            let jobs = jobs ?? AvailableCores.count
            let results = try SweepMerge.results(grid, in: merge, threads: jobs)
            try SweepMerge.writeReport(results, into: OutputDirectory(path: merge), threads: jobs, showProgress: !quiet, summary: summary)
            if !quiet { print("merged \(grid.runs.count) runs: \(SweepMerge.line(results)); wrote \(merge)/report.html") }
            return
        }
        guard let output else { return }
        let base = try config.map(ConfigFile.read) ?? TrainingConfiguration()
        let given = try Self.parseLists(lists)
        try Self.checkSeriesLists(given, base: base)
        let (lists, dataPath) = try Self.dataAsRecorded(given)
        let grid = try Self.grid(base: base, lists: lists)
        // Every distinct series is read and windowed before anything is written or trained.
        let series = try SweepSeries(runs: grid.runs, path: dataPath ?? base.data, namedBy: dataPath == nil ? config : nil)
        let shard = try shard.map(SweepShard.init(option:)) ?? SweepShard.fromSlurm(ProcessInfo.processInfo.environment)
        let jobs = jobs ?? AvailableCores.count
        let runner = SweepRunner(directory: output, jobs: jobs, showProgress: !quiet, series: series, resume: resume,
                                 writesReport: shard == nil)
        if let shard {
            let runs = grid.runs(ofShard: shard.index, of: shard.count)
            try SweepMerge.writeGrid(grid, into: output)
            let outcome = try runner.run(runs)
            if !quiet {
                // The line as before --resume (scripts read it), then the runs kept, if any.
                print("shard \(shard.index)/\(shard.count): trained \(runs.count - outcome.kept) of \(grid.runs.count) runs "
                    + "into \(output)/runs\(Self.keptText(outcome.kept)); once every shard is done: rnnreport sweep --merge \(output)")
            }
            return
        }
        // The font and the directory are checked before any run starts; the report is
        // committed at the end. (A shard draws nothing.)
        try FigureFonts.check()
        // With --resume the grid may have grown: each kept run is checked against its own
        // settings, and the report's sweep.json is then the new grid's.
        if !resume { try SweepMerge.checkGrid(grid, in: output) }
        // Also without --resume: a sweep stopped before its report leaves runs/ without sweep.json.
        try SweepMerge.checkNoRunLeftOut(grid, in: output, resuming: resume)
        let directory = try OutputDirectory(path: output)
        let outcome = try runner.run(grid.runs)
        // Every run is in runs/ while the report is drawn: a signal then says so too.
        ReportDirectory.describeProgressOnInterrupt(in: output) { [output, count = grid.runs.count, runsFolder = runner.runsFolder] in
            "the sweep's report was not written to \(output), but all \(count) runs had finished, written in \(runsFolder) "
                + "(the same command with --resume draws it from them)"
        }
        defer { ReportDirectory.describeProgressOnInterrupt(nil) }
        let results = try SweepMerge.results(grid, in: output, readings: outcome.readings, threads: jobs)
        try SweepMerge.writeReport(results, into: directory, threads: jobs, showProgress: !quiet, summary: summary)
        if !quiet {
            print("trained \(Self.runs(grid.runs.count - outcome.kept))\(Self.keptText(outcome.kept)): \(SweepMerge.line(results)); "
                + "wrote \(directory.path(TrainingReport.pageName))")
        }
    }

    /// ", kept 3 already complete" after the runs trained, with --resume; empty when none was kept.
    static func keptText(_ kept: Int) -> String {
        kept == 0 ? "" : ", kept \(kept) already complete"
    }

    /// "1 run", "3 runs".
    static func runs(_ count: Int) -> String {
        "\(count) run\(count == 1 ? "" : "s")"
    }

    // MARK: - Lists

    /// The list options in `arguments` (`--name LIST` or `--name=LIST`), by setting.
    ///
    /// - Throws: `ValidationError` (exit 64) naming an option that is not a setting's, one
    ///   without a value, or one given twice.
    static func parseLists(_ arguments: [String]) throws -> [(TrainingSetting, String)] {
        var options = Dictionary(uniqueKeysWithValues: TrainingSetting.allCases.map { ($0.sweepOptionName, $0) })
        options["--no-normalize"] = .normalize
        var lists: [(TrainingSetting, String)] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            let name = String(argument.prefix { $0 != "=" })
            guard let setting = options[name] else {
                if argument.hasPrefix("-") {
                    let hint = name == "--seed" ? " (a sweep takes --seeds LIST)" : ""
                    throw ValidationError("unknown option '\(name)'\(hint); the lists are \(options.keys.sorted().joined(separator: ", "))")
                }
                throw ValidationError("unexpected argument '\(argument)'; give lists as --SETTING LIST")
            }
            let value: String
            if setting == .normalize, name.count == argument.count, index >= arguments.count || arguments[index].hasPrefix("-") {
                // A flag, as for `train`: --normalize alone is true, --no-normalize false.
                value = name == "--no-normalize" ? "false" : "true"
            } else if name == "--no-normalize" {
                throw ValidationError("--no-normalize takes no value; give a list as --normalize true,false")
            } else if name.count < argument.count {
                value = String(argument.dropFirst(name.count + 1))
            } else {
                guard index < arguments.count else { throw ValidationError("\(name) needs a list of values") }
                value = arguments[index]
                index += 1
            }
            if lists.contains(where: { $0.0 == setting }) {
                throw ValidationError("\(setting.sweepOptionName) is given more than once; give all its values in one list")
            }
            lists.append((setting, value))
        }
        return lists
    }

    /// Refuses a list of a CSV series' setting (`--input`, `--target`, `--holdout`, `--normalize`)
    /// when neither `--data` nor the `--config` file gives a series, as `train` refuses the flag:
    /// `--normalize false` would otherwise pass unnoticed, being the default. A value of the
    /// wrong kind in any list is named before that.
    ///
    /// - Throws: `ValidationError` (exit 64) naming the value, or the first such option.
    static func checkSeriesLists(_ lists: [(TrainingSetting, String)], base: TrainingConfiguration) throws {
        // A value of the wrong kind (--normalize maybe) is named first, as a parser names it.
        do { try SweepGrid.checkKinds(lists) } catch { throw ValidationError(error.description) }
        guard base.data == nil, !lists.contains(where: { $0.0 == .data }) else { return }
        let given = Set(lists.map(\.0))
        if let setting = TrainingSetting.seriesSettings.first(where: given.contains) {
            throw TrainingOptions.seriesWithoutData(setting.sweepOptionName)
        }
    }

    /// The lists with `--data`'s file recorded as `train` records it (by its name), and the path
    /// to read it from.
    ///
    /// - Throws: `ValidationError` (exit 64) for a list of files: a sweep trains on one file.
    static func dataAsRecorded(_ lists: [(TrainingSetting, String)]) throws -> (lists: [(TrainingSetting, String)], path: String?) {
        guard let index = lists.firstIndex(where: { $0.0 == .data }) else { return (lists, nil) }
        let path = lists[index].1
        guard !path.isEmpty, !path.contains(SweepAxis.separator(of: .data)) else {
            throw ValidationError("--data '\(path)': a sweep trains on one CSV file; sweep its columns, --holdout and --normalize instead")
        }
        var lists = lists
        lists[index].1 = URL(fileURLWithPath: path).lastPathComponent
        return (lists, path)
    }

    /// The grid of the lists, or a usage error naming the option.
    static func grid(base: TrainingConfiguration, lists: [(TrainingSetting, String)]) throws -> SweepGrid {
        do { return try SweepGrid(base: base, lists: lists) } catch {
            throw ValidationError(error.description)
        }
    }

    /// Reads a sweep directory's grid.
    static func readGrid(_ directory: String) throws -> SweepGrid {
        let path = directory.hasSuffix("/") ? directory + SweepGrid.fileName : directory + "/" + SweepGrid.fileName
        let data = try readInput(path, role: "sweep grid")
        do { return try SweepGrid(jsonData: data) } catch {
            throw CommandError("\(path): \(error.problem)", status: .badData)
        }
    }
}
