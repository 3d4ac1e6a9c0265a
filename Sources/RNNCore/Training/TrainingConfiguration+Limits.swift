extension TrainingConfiguration {
    /// Upper bounds that keep a run within the memory of an ordinary machine.
    public enum Limits {
        public static let hiddenSize = 4096
        public static let numLayers = 64
        public static let timeStep = 1_000_000
        /// Bound on `steps × timeStep`, the number of recorded real and predicted values: a
        /// million steps of the default window, with room to spare. Each point takes about 35 bytes
        /// of memory while the report is made (the recorded values, and the figures' copy) and
        /// about 23 bytes of metrics.json: at the limit, about 1.8 GB and 1.2 GB.
        public static let recordedPoints = 50_000_000
        /// Bound on the number of parameters; each takes 16 bytes (value, gradient, Adam's moments).
        public static let parameters = 50_000_000
        /// Bound on `numLayers × (timeStep + 1) × hiddenSize` (times the cell's
        /// ``RecurrentCell/activationsPerUnit``), the activations kept for one window.
        public static let activations = 100_000_000

        /// What a setting with bounds of its own expects, in the words of its messages: the
        /// range that ``TrainingConfiguration/validate()`` checks, and that a `--config` file's
        /// whole number beyond even the setting's type (`1e30`) is told, rather than the type's.
        static func expected(for setting: TrainingSetting) -> String? {
            switch setting {
            case .hiddenSize: "an integer from 1 to \(hiddenSize)"
            case .numLayers: "an integer from 1 to \(numLayers)"
            case .timeStep: "an integer from 2 to \(timeStep)"
            case .steps: "a positive integer with steps × time_step at most \(recordedPoints)"
            default: nil
            }
        }
    }

    /// Checks every value, before any work starts.
    ///
    /// - Throws: ``ConfigurationError`` naming the first setting out of range.
    public func validate() throws(ConfigurationError) {
        func check(_ ok: Bool, _ setting: TrainingSetting, _ value: String, _ expected: String) throws(ConfigurationError) {
            if !ok { throw ConfigurationError(setting: setting, value: value, expected: expected) }
        }
        for setting in [TrainingSetting.hiddenSize, .numLayers, .timeStep] { try validate(setting) }
        let parameters = ParameterLayout(hiddenSize: hiddenSize, numLayers: numLayers, inputSize: inputSize, cell: cell).count
        try check(parameters <= Limits.parameters,
                  .hiddenSize, "\(hiddenSize)",
                  "at most \(Limits.parameters) parameters in all (16 bytes each: value, gradient, Adam's two moments); "
                    + "with \(numLayers) layers the network would have \(parameters)")
        let perUnit = cell.activationsPerUnit
        let activations = numLayers * (timeStep + 1) * hiddenSize * perUnit
        let formula = "num_layers × (time_step + 1) × hidden_size" + (perUnit == 1 ? "" : " × \(perUnit) for \(cell.withArticle)")
        try check(activations <= Limits.activations,
                  .timeStep, "\(timeStep)",
                  "at most \(Limits.activations) activations per window (\(formula), "
                    + "kept for backpropagation, 8 bytes each), not \(activations)")
        for setting in [TrainingSetting.steps, .learningRate, .clipNorm, .lrFactor, .lrPatience, .holdout] { try validate(setting) }
        if data != nil {
            try check(!input.isEmpty && !input.contains(""), .input, input.joined(separator: ","),
                      "one or more column names, separated by commas")
            // A column given twice would be two identical inputs, a wider network than meant.
            if let twice = input.indices.first(where: { input[..<$0].contains(input[$0]) }).map({ input[$0] }) {
                throw ConfigurationError(setting: .input, value: input.joined(separator: ","),
                                         expected: "each column once, not \(twice) twice")
            }
            try check(target.map { !$0.isEmpty } ?? false, .target, target ?? "none", "the name of a column")
        } else {
            for (setting, given) in [(TrainingSetting.input, !input.isEmpty), (.target, target != nil),
                                     (.holdout, holdout != 0), (.normalize, normalize)] {
                try check(!given, setting, text(of: setting), "nothing without data: it applies to a CSV series")
            }
        }
    }

    /// Checks one setting against its own range: the check of ``validate()`` that needs no other
    /// setting but, for `steps`, `time_step` (their product is the points recorded). A setting
    /// with no range of its own (`cell`, `seed`, the series' columns) passes.
    ///
    /// The command line and a `--config` file are checked whole by ``validate()``; a metrics file
    /// records a run made elsewhere, and only the settings the report computes with are checked
    /// (see ``MetricsDocument/init(jsonData:)``), with these same ranges.
    ///
    /// - Throws: ``ConfigurationError`` naming the setting.
    public func validate(_ setting: TrainingSetting) throws(ConfigurationError) {
        func check(_ ok: Bool, _ value: String, _ expected: String) throws(ConfigurationError) {
            if !ok { throw ConfigurationError(setting: setting, value: value, expected: expected) }
        }
        switch setting {
        case .hiddenSize:
            try check(hiddenSize >= 1 && hiddenSize <= Limits.hiddenSize, "\(hiddenSize)", Limits.expected(for: .hiddenSize)!)
        case .numLayers:
            try check(numLayers >= 1 && numLayers <= Limits.numLayers, "\(numLayers)", Limits.expected(for: .numLayers)!)
        case .timeStep:
            try check(timeStep >= 2 && timeStep <= Limits.timeStep, "\(timeStep)", Limits.expected(for: .timeStep)!)
        case .steps:
            try check(steps >= 1, "\(steps)", "a positive integer")
            let (points, overflow) = steps.multipliedReportingOverflow(by: timeStep)
            try check(!overflow && points <= Limits.recordedPoints, "\(steps)",
                      "at most \(Limits.recordedPoints) recorded points (steps × time_step), which keeps a run "
                        + "within about 2 GB of memory and metrics.json within about 1.2 GB")
        case .learningRate:
            try check(learningRate.isFinite && learningRate > 0, "\(learningRate)", "a finite number greater than 0")
        case .clipNorm:
            try check(clipNorm.isFinite && clipNorm > 0, "\(clipNorm)", "a finite number greater than 0")
        case .lrFactor:
            try check(lrFactor.isFinite && lrFactor > 0 && lrFactor < 1, "\(lrFactor)", "a number greater than 0 and less than 1")
        case .lrPatience:
            try check(lrPatience >= 0, "\(lrPatience)", "an integer of 0 or more")
        case .holdout:
            try check(holdout.isFinite && holdout >= 0 && holdout < 1, "\(holdout)", "a fraction from 0 up to, but not including, 1")
        case .cell, .seed, .data, .input, .target, .normalize:
            break
        }
    }
}
