import Foundation

/// What a training run records, step by step: the content of `metrics.json`.
///
/// The shape is that of the PyTorch reference traces, so a trace written by the reference script
/// reads as metrics too. Per step: `loss`, `learning_rate` (the rate that step used) and `grad_norm`
/// (the total L2 norm before clipping). Per point, flattened over all windows (`steps × time_step`
/// values): `real` and `prediction`. A value that is not finite (a diverged run) is `nil`, written
/// as JSON `null`. Only `loss` is always there: a series the run did not record (a file of a run
/// made elsewhere may have no more than the loss) is `nil`, and is left out of the JSON.
public struct TrainingMetrics: Equatable, Sendable {
    public var config: TrainingConfiguration
    /// What produced the values, for example `rnnreport 0.1.0 float32` or `pytorch 2.15 float32`.
    public var source: String?
    /// Where the initial weights came from: a safetensors file's path, or `nil` for the seeded
    /// initialisation.
    public var initWeights: String?
    /// The loss of each step.
    public var loss: [Float?]
    /// The learning rate each step used, if recorded.
    public var learningRate: [Double?]?
    /// The total gradient norm of each step before clipping, if recorded.
    public var gradNorm: [Float?]?
    /// The target at every point of every window, flattened, if recorded (with ``prediction``).
    public var real: [Float?]?
    /// The network's output at every point of every window, flattened, if recorded (with ``real``).
    public var prediction: [Float?]?
    /// The trained network over the whole series, for a run on a CSV series; `nil` for sin→cos
    /// and for a file without one.
    public var evaluation: Evaluation?

    public init(
        config: TrainingConfiguration, source: String? = nil, initWeights: String? = nil,
        loss: [Float?] = [], learningRate: [Double?]? = nil, gradNorm: [Float?]? = nil,
        real: [Float?]? = nil, prediction: [Float?]? = nil, evaluation: Evaluation? = nil
    ) {
        self.config = config
        self.source = source
        self.initWeights = initWeights
        self.loss = loss
        self.learningRate = learningRate
        self.gradNorm = gradNorm
        self.real = real
        self.prediction = prediction
        self.evaluation = evaluation
    }

    /// Number of steps recorded.
    public var completedSteps: Int { loss.count }
}

// MARK: - Reading and writing

extension TrainingMetrics {
    /// Reads metrics from JSON and checks that the series agree in length.
    ///
    /// The text must be standard JSON (RFC 8259), except that the bare words `NaN`, `Infinity` and
    /// `-Infinity`, which Python's `json.dump` writes for a diverged run, are read as `null`: a
    /// missing value. Nothing else beyond JSON is accepted (no comments, single quotes, trailing
    /// commas, unquoted keys or hexadecimal numbers), and malformed input of any kind is an error,
    /// never a trap. Keys that metrics do not use are ignored, in `config` too, so that a file from
    /// a newer writer (a PyTorch trace that records its `cell`) still reads.
    ///
    /// A file of the usual shape is read in one pass by ``MetricsJSONReader``; any other, and any
    /// malformed one, by Foundation (``decodedWithFoundation(_:)``), which names the problem.
    /// ``MetricsDocument/init(jsonData:)`` reads the same, and keeps what the file says beyond
    /// the run (its `config` as written, the keys it ignored).
    ///
    /// - Throws: `MetricsError` when the data is not metrics JSON or its series disagree.
    public init(jsonData data: Data) throws(MetricsError) {
        self = try MetricsDocument(jsonData: data).metrics
    }

    /// Reads metrics through Foundation, without validating them: ``PythonJSONScanner`` checks the
    /// text and turns Python's words into `null`, then `JSONDecoder` decodes it. This is what
    /// ``init(jsonData:)`` does when ``MetricsJSONReader`` does not take the file; it takes several
    /// times the file's size in memory.
    ///
    /// - Throws: ``MetricsError/malformed(_:)`` naming the problem.
    static func decodedWithFoundation(_ data: Data) throws(MetricsError) -> TrainingMetrics {
        let standard = try PythonJSONScanner.standardJSON(from: data)
        do {
            return try JSONDecoder().decode(TrainingMetrics.self, from: standard)
        } catch let error as DecodingError {
            throw MetricsError.malformed(error.readableDescription)
        } catch {
            throw MetricsError.malformed("\(error)")
        }
    }

    /// Reads and checks a metrics file.
    public init(contentsOf url: URL) throws(MetricsError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MetricsError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        do { try self.init(jsonData: data) } catch {
            throw MetricsError.inFile(path: url.path, error)
        }
    }

    /// Checks that the per-step series present have one value a step, and that `real` and
    /// `prediction` are both present or both absent, with `time_step` values a step.
    public func validate() throws(MetricsError) {
        let steps = loss.count
        for (name, count) in [("learning_rate", learningRate?.count), ("grad_norm", gradNorm?.count)]
        where count != nil && count != steps {
            throw MetricsError.inconsistent("\(name) has \(count ?? 0) values but loss has \(steps)")
        }
        if config.timeStep < 1 {
            throw MetricsError.inconsistent("config.time_step is \(config.timeStep); expected at least 1")
        }
        switch (real, prediction) {
        case (nil, nil):
            break
        case (nil, _?):
            throw MetricsError.inconsistent("prediction is given without real; give both or neither")
        case (_?, nil):
            throw MetricsError.inconsistent("real is given without prediction; give both or neither")
        case let (real?, prediction?):
            if real.count != prediction.count {
                throw MetricsError.inconsistent(
                    "real has \(real.count) values but prediction has \(prediction.count)")
            }
            let (expected, overflow) = steps.multipliedReportingOverflow(by: config.timeStep)
            if overflow || real.count != expected {
                throw MetricsError.inconsistent(
                    "real has \(real.count) values; expected steps × time_step = \(steps) × \(config.timeStep)")
            }
        }
        if let evaluation {
            if evaluation.real.count != evaluation.prediction.count {
                throw MetricsError.inconsistent(
                    "evaluation.real has \(evaluation.real.count) values but evaluation.prediction has \(evaluation.prediction.count)")
            }
            if evaluation.holdoutStart < 0 || evaluation.holdoutStart > evaluation.real.count {
                throw MetricsError.inconsistent(
                    "evaluation.holdout_start is \(evaluation.holdoutStart); expected a row from 0 to \(evaluation.real.count)")
            }
        }
    }
}
