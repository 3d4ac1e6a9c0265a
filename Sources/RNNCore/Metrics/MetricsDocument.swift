import Foundation

/// A metrics file as read: the run it records, and what the file says beyond the numbers.
///
/// rnnreport's own `metrics.json`, a PyTorch trace and a file of a run made anywhere else read
/// alike. Only `loss` is required; `learning_rate`, `grad_norm`, `real` with `prediction`, `config`,
/// `source` and `init_weights` are each used when present. Keys metrics do not use are ignored
/// and listed in ``ignoredKeys``; the `config` object is also kept as written (``config``), so
/// that a report can show settings rnnreport does not know.
public struct MetricsDocument: Equatable, Sendable {
    /// The run: every series that is present, and the `config` values rnnreport knows, with their
    /// defaults where the file gives none (and `time_step` worked out from the series: see
    /// ``init(jsonData:)``).
    public var metrics: TrainingMetrics
    /// The file's `config` object, key by key in the file's order, each value as written; `nil`
    /// when the file has none (no `config`, or `null`).
    public var config: [ConfigEntry]?
    /// The top-level keys that metrics do not use, in the file's order, each once.
    public var ignoredKeys: [String]
    /// Whether the file has `init_weights` (a path, or `null` for the seeded initialisation).
    /// Without it, ``TrainingMetrics/initWeights`` is `nil` whatever the run started from.
    public var givesInitWeights: Bool

    public init(metrics: TrainingMetrics, config: [ConfigEntry]?, ignoredKeys: [String] = [], givesInitWeights: Bool = false) {
        self.metrics = metrics
        self.config = config
        self.ignoredKeys = ignoredKeys
        self.givesInitWeights = givesInitWeights
    }

    /// Reads a metrics file and checks that its series agree.
    ///
    /// The text is read as ``TrainingMetrics/init(jsonData:)`` describes. When the `config` has no
    /// `time_step`, it is the number of `real` values per step of `loss` (which must then be a whole
    /// number), or the default when the file has no `real`.
    ///
    /// - Throws: ``MetricsError`` naming the problem: the text is not metrics JSON (no `loss`, a
    ///   series of the wrong kind, …), its series disagree (with each other, or `loss` with
    ///   more values than `config.steps`), or a setting the report computes with is out of range
    ///   (``checkSettingsInUse()``).
    public init(jsonData data: Data) throws(MetricsError) {
        let data = StrictJSON.withoutByteOrderMark(data)
        if let (metrics, outline) = MetricsJSONReader.metrics(from: data) {
            self.init(metrics: metrics, outline: outline)
        } else {
            let metrics = try TrainingMetrics.decodedWithFoundation(data)
            guard let outline = MetricsOutline.of(data) else {
                throw MetricsError.malformed("the text is not one JSON object")
            }
            self.init(metrics: metrics, outline: outline)
        }
        try inferTimeStep()
        try checkSettingsInUse()
        try self.metrics.validate()
        // Fewer losses than steps is a run stopped early (a trace of a run that was killed); more
        // is no run.
        if records(.steps), metrics.loss.count > metrics.config.steps {
            throw MetricsError.inconsistent(
                "loss has \(metrics.loss.count) values but config.steps is \(metrics.config.steps); a run records one loss a step")
        }
    }

    /// Whether the file records fewer steps of loss than its `config` gives: a run stopped early,
    /// such as a PyTorch trace of a run that was killed.
    public var stoppedEarly: Bool {
        records(.steps) && metrics.loss.count < metrics.config.steps
    }

    /// Reads and checks a metrics file.
    ///
    /// - Throws: ``MetricsError`` naming the file and the problem.
    public init(contentsOf url: URL) throws(MetricsError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MetricsError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        do { try self.init(jsonData: data) } catch {
            throw MetricsError.inFile(path: url.path, error)
        }
    }

    /// Whether the file's `config` gives `setting`; a setting it does not give, or gives as `null`
    /// (a writer's way of saying it has no value), has its default in ``metrics``, which describes
    /// nothing of the run.
    public func records(_ setting: TrainingSetting) -> Bool {
        config?.contains { $0.key == setting.key && $0.value != "null" } ?? false
    }

    /// The settings the file's `config` gives as `null`, in ``TrainingSetting`` order: written,
    /// but with no value (``records(_:)`` is false for each).
    public var nullSettings: [TrainingSetting] {
        TrainingSetting.allCases.filter { setting in config?.contains { $0.key == setting.key && $0.value == "null" } ?? false }
    }

    /// The `config` object as JSON: its members as written, in order; `nil` when the file has none.
    public var configJSON: Data? {
        guard let config else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        var text = Data("{".utf8)
        for (index, entry) in config.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            text.append((try? encoder.encode(entry.key)) ?? Data("\"\"".utf8))
            text.append(UInt8(ascii: ":"))
            text.append(Data(entry.value.utf8))
        }
        text.append(UInt8(ascii: "}"))
        return text
    }

    /// The `config` object of a metrics file, as JSON (its members as written, in order), for
    /// `--config` to read; `nil` when `data` is not a JSON object with a `config` key (a file of
    /// settings alone, or not JSON at all). A byte-order mark before the object is ignored.
    ///
    /// Only the object's bounds are found in the rest of the file, not checked: the series of
    /// a metrics file do not matter to its settings.
    ///
    /// - Throws: ``MetricsError/malformed(_:)`` (`config: expected an object, found an array`)
    ///   when the file's `config` is not an object (`null` included): no key of a file of
    ///   settings is `config`, and it gives no settings.
    public static func configJSON(in data: Data) throws(MetricsError) -> Data? {
        guard let outline = MetricsOutline.of(StrictJSON.withoutByteOrderMark(data)) else { return nil }
        if let kind = outline.configKind { throw .malformed("config: expected an object, found \(kind)") }
        guard let config = outline.config else { return nil }
        return MetricsDocument(metrics: TrainingMetrics(config: TrainingConfiguration()), config: config).configJSON
    }

    /// The settings of `config` that a report computes with, rather than only shows: `time_step`
    /// splits the series into the windows the figures draw,
    /// `steps` says whether the run stopped early, and `clip_norm` is the threshold drawn and
    /// counted against the gradient norms.
    static let settingsInUse: [TrainingSetting] = [.timeStep, .steps, .clipNorm]

    /// Checks the settings in use (``settingsInUse``) that the file gives against the ranges of
    /// the command line's options
    /// (``TrainingConfiguration/validate(_:)``): a run rnnreport could not have made is not drawn
    /// (windows of one point), and a number no run has (a negative clip threshold, a run of 10¹⁸
    /// steps) is not quietly left out or shown as if it were one. The others are only shown, as
    /// written.
    ///
    /// - Throws: ``MetricsError/outOfRange(_:)`` naming the first setting out of range.
    private func checkSettingsInUse() throws(MetricsError) {
        for setting in Self.settingsInUse where records(setting) {
            do { try metrics.config.validate(setting) } catch { throw .outOfRange(error) }
        }
    }

    /// Sets `time_step` from the series when the file does not give it.
    private mutating func inferTimeStep() throws(MetricsError) {
        // Without prediction, validate() says that real goes with prediction.
        guard !records(.timeStep), let real = metrics.real, metrics.prediction != nil else { return }
        let steps = metrics.loss.count
        guard steps > 0 else { return }
        guard real.count >= steps, real.count % steps == 0 else {
            throw MetricsError.inconsistent(
                "real has \(real.count) values for the \(steps) steps of loss, not a whole number per step, "
                    + "and config gives no time_step")
        }
        metrics.config.timeStep = real.count / steps
        // Inferred, it is held to the range of a recorded one (``checkSettingsInUse()``): the
        // figures split the series by it, and the file written from these metrics records it.
        do { try metrics.config.validate(.timeStep) } catch {
            let points = real.count / steps
            throw MetricsError.inconsistent(
                "real has \(points) \(points == 1 ? "value" : "values") for each of the \(steps) steps of loss, and config "
                    + "gives no time_step: a window of each step's values, and time_step is \(error.expected)")
        }
    }

    private init(metrics: TrainingMetrics, outline: MetricsOutline) {
        self.init(
            metrics: metrics, config: outline.config, ignoredKeys: Self.ignored(outline.keys),
            givesInitWeights: outline.keys.contains(TrainingMetrics.CodingKeys.initWeights.rawValue))
    }

    private static func ignored(_ keys: [String]) -> [String] {
        keys.filter { TrainingMetrics.CodingKeys(rawValue: $0) == nil }
    }
}
