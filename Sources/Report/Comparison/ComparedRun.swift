import RNNCore

/// One run of a comparison: its metrics, where they came from, and the name it goes by.
public struct ComparedRun: Sendable {
    /// The name the figures and tables show, distinct among the runs compared: the run's
    /// directory (`lr0.005-seed3`) or file (`seed0.trace`), lengthened by the folders above it
    /// when two runs would otherwise share it.
    public var label: String
    /// The path the run was read from, as the user gave it (a directory, or a metrics file).
    public var origin: String
    public var metrics: TrainingMetrics
    /// The settings the run's metrics record. The others have their default in
    /// `metrics.config`, which says nothing of the run: a table shows them as not recorded.
    public var recordedSettings: Set<TrainingSetting>
    /// Whether the run's metrics say where its initial weights came from (see
    /// ``recordsInitWeights(in:)``); if not, a table shows `init_weights` as not recorded.
    public var recordsInitWeights: Bool
    /// The metrics file read, as an absolute path with symbolic links resolved (the same however
    /// the run was named), or `nil` for a run not read from a file.
    public var file: String?
    /// The run's headline numbers.
    public let summary: TrainingSummary

    /// - Parameters:
    ///   - label: the run's name; see ``label``.
    ///   - origin: where it was read from.
    ///   - metrics: what it recorded.
    ///   - recordedSettings: the settings `metrics.config` holds as recorded (every one, for a run
    ///     made here); see ``recorded(in:)`` for a metrics file.
    ///   - recordsInitWeights: whether the metrics say where the initial weights came from (so
    ///     for a run made here); see ``recordsInitWeights(in:)`` for a metrics file.
    ///   - file: the metrics file read; see ``file``.
    public init(
        label: String, origin: String, metrics: TrainingMetrics,
        recordedSettings: Set<TrainingSetting> = Set(TrainingSetting.allCases), recordsInitWeights: Bool = true,
        file: String? = nil
    ) {
        self.label = label
        self.origin = origin
        self.metrics = metrics
        self.recordedSettings = recordedSettings
        self.recordsInitWeights = recordsInitWeights
        self.file = file
        summary = TrainingSummary(metrics)
    }

    /// The settings a metrics file records: those its `config` gives, `time_step` when the file's
    /// series give it instead, and `cell` in any `config`: the traces' format gives `cell` for an
    /// LSTM's or a GRU's and leaves it out for a tanh RNN's (the seed script's traces, and files
    /// written before there were other cells), so a `config` without it says RNN. A file without
    /// `config` records none.
    public static func recorded(in document: MetricsDocument) -> Set<TrainingSetting> {
        guard document.config != nil else { return document.metrics.real == nil ? [] : [.timeStep] }
        return Set(TrainingSetting.allCases.filter { setting in
            document.records(setting) || setting == .cell || (setting == .timeStep && document.metrics.real != nil)
        })
    }

    /// Whether a metrics file says where its run's initial weights came from: it gives
    /// `init_weights` (a path, or `null`), or it is rnnreport's own (its `source` is
    /// rnnreport's), whose writer gives the key exactly when the weights came from a file.
    public static func recordsInitWeights(in document: MetricsDocument) -> Bool {
        document.givesInitWeights || document.metrics.source?.hasPrefix(RNNReportVersion.sourcePrefix) == true
    }

    /// What a table shows for where the initial weights came from: the file, `seeded`, or
    /// ``notRecorded``.
    public var initWeightsText: String {
        metrics.initWeights ?? (recordsInitWeights ? "seeded" : Self.notRecorded)
    }

    /// The value of `setting` as text (`32`), or `nil` when the run's metrics do not record it.
    /// The steps of a run stopped early, with fewer losses than its `config.steps`, are those it
    /// recorded of those it was to train (`50 of 9999`).
    public func text(of setting: TrainingSetting) -> String? {
        guard recordedSettings.contains(setting) else { return nil }
        if setting == .steps, metrics.completedSteps < metrics.config.steps {
            return "\(metrics.completedSteps) of \(metrics.config.steps)"
        }
        return metrics.config.text(of: setting)
    }

    /// The words a table shows for a setting that a run's metrics do not record.
    public static let notRecorded = "not recorded"

    /// What a table shows for a setting the run does not use (a sin→cos run's data, columns, …).
    public static let unused = "–"

    /// `setting` as a table shows it: its value, ``notRecorded``, or ``unused``. `lr_patience`
    /// has its unit, which the task decides: steps on sin→cos, where ReduceLROnPlateau sees every
    /// step's loss, epochs on a CSV series, where it sees each epoch's mean loss (`10 steps`,
    /// `3 epochs`); the same number means another wait in each.
    public func shownText(of setting: TrainingSetting) -> String {
        guard TrainingSetting.settings(of: metrics.config).contains(setting) else { return Self.unused }
        guard let text = text(of: setting) else { return Self.notRecorded }
        if setting == .lrPatience {
            let count = metrics.config.lrPatience
            return metrics.config.data == nil ? ReportNumber.count(count, "step", "steps") : ReportNumber.count(count, "epoch", "epochs")
        }
        return text
    }

    /// What the run's real and predicted values are: the target column of a CSV series, in
    /// quotation marks as the figures write it (`“indoor_c”`), or `cos(t)`.
    public var quantity: String {
        metrics.config.data == nil ? "cos(t)" : TrainingFigureInput.quoted(column: metrics.config.target ?? "target")
    }

    /// The task in words: `reads sin(t) and predicts cos(t)`, or `predicts indoor_c from heater_kw,
    /// outdoor_c in room-temperature.csv`.
    public var task: String {
        metrics.config.data == nil ? "reads sin(t) and predicts cos(t)" : "predicts " + taskName
    }

    /// The task as a name (``TrainingConfiguration/taskName``).
    public var taskName: String { metrics.config.taskName }

    /// Whether the run is judged by sin→cos's convergence threshold: not a run on a CSV series.
    public var judged: Bool { metrics.config.data == nil }

    /// The units of the run's loss (``TrainingConfiguration/lossUnits``).
    public var lossUnits: String { metrics.config.lossUnits }

    /// What made the run's numbers (`rnnreport 0.1.0 float32`, `pytorch 2.15 float32`), or
    /// `unknown` when the file does not say.
    public var source: String { metrics.source ?? "unknown" }
}
