import Foundation
import Testing
import TestSupport
@testable import RNNCore

/// Training against PyTorch's own traces (`Fixtures/*.trace.json`, written by the reference
/// `golden.py` with PyTorch 2.15 in float32) from the same initial weights.
///
/// Float32 runs of the same maths differ in the last bits (summation order, tanh's last ulp), and
/// the training loop feeds each step's weights into the next, so differences grow with the steps:
/// the tolerances below hold over the spans the tests cover (20 steps of the default network, 40
/// of the small one), and the worst difference is printed each run.
@Suite struct ParityTests {
    struct Worst: CustomStringConvertible {
        var lossRelative = 0.0, prediction = 0.0, real = 0.0, gradNormRelative = 0.0
        var description: String {
            "loss \(lossRelative) (relative), prediction \(prediction), real \(real), grad norm \(gradNormRelative) (relative)"
        }
    }

    /// Trains `steps` steps from the trace's initial weights and compares each step.
    func compare(_ trace: ReferenceTrace, steps: Int) throws -> (Trainer, Worst) {
        let trainer = try Trainer(config: trace.config, initialParameters: trace.initial)
        let T = trace.config.timeStep
        var worst = Worst()
        for k in 0 ..< steps {
            let record = trainer.step()
            let loss = try #require(trace.metrics.loss[k])
            let rate = try #require(trace.metrics.learningRate?[k] ?? nil)
            let norm = try #require(trace.metrics.gradNorm?[k] ?? nil)
            #expect(record.learningRate == rate, "learning rate of step \(k)")
            worst.lossRelative = max(worst.lossRelative, abs(Double(record.loss) - Double(loss)) / Double(loss))
            worst.gradNormRelative = max(worst.gradNormRelative, abs(Double(record.gradNorm) - Double(norm)) / Double(norm))
            try trainer.withLastWindow { real, prediction in
                for t in 0 ..< T {
                    let expectedReal = try #require(trace.metrics.real?[k * T + t] ?? nil)
                    let expectedPrediction = try #require(trace.metrics.prediction?[k * T + t] ?? nil)
                    worst.real = max(worst.real, Double(abs(real[t] - expectedReal)))
                    worst.prediction = max(worst.prediction, Double(abs(prediction[t] - expectedPrediction)))
                }
            }
        }
        return (trainer, worst)
    }

    @Test("the default network matches PyTorch over its first 20 steps")
    func defaultNetworkFirstSteps() throws {
        let trace = try ReferenceTrace("seed0")
        #expect(trace.config == TrainingConfiguration(), "the seed0 trace uses the default configuration")
        let (_, worst) = try compare(trace, steps: 20)
        print("seed0, 20 steps, worst differences:", worst)
        // The issue asks for 1e-4; measured 3e-6 (loss), 1.5e-6 (predictions), 6e-6 (grad norm).
        #expect(worst.lossRelative < 2e-5)
        #expect(worst.prediction < 1e-5)
        #expect(worst.gradNormRelative < 3e-5)
        // Sine and cosine of the same float32 times: numpy's and glibc's agree to an ulp.
        #expect(worst.real < 1.2e-7)
    }

    @Test("the small network matches PyTorch over all 40 steps, final weights included")
    func smallNetworkWholeRun() throws {
        let trace = try ReferenceTrace("small")
        #expect(trace.config.steps == 40 && trace.config.hiddenSize == 8 && trace.config.numLayers == 1)
        let (trainer, worst) = try compare(trace, steps: trace.config.steps)
        print("small, 40 steps, worst differences:", worst)
        // The issue asks for 1e-4 and 2e-5 for the weights; measured 2.3e-6, 4.2e-7, 2.2e-6 and 1.9e-7.
        #expect(worst.lossRelative < 2e-5)
        #expect(worst.prediction < 5e-6)
        #expect(worst.gradNormRelative < 2e-5)
        let weights = trainer.network.parameterValues
        let worstWeight = zip(weights, trace.final).map { abs($0 - $1) }.max() ?? .infinity
        print("small, final weights, worst difference:", worstWeight)
        #expect(worstWeight < 2e-6)
    }

    @Test("training a whole run records what PyTorch's trace records, each series under its own name")
    func metricsMatchTrace() throws {
        let trace = try ReferenceTrace("small")
        let metrics = try Trainer(config: trace.config, initialParameters: trace.initial).run()
        #expect(metrics.config == trace.config)
        #expect(metrics.learningRate == trace.metrics.learningRate)
        try metrics.validate()
        // Value by value, with the tolerances of smallNetworkWholeRun: a series recorded under the
        // wrong name, or from the wrong window, is far outside them.
        func worst<T: BinaryFloatingPoint>(_ ours: [T?]?, _ theirs: [T?]?, relative: Bool) throws -> Double {
            let (ours, theirs) = (try #require(ours), try #require(theirs))
            try #require(ours.count == theirs.count)
            return try zip(ours, theirs).map { a, b in
                let (a, b) = (Double(try #require(a)), Double(try #require(b)))
                return abs(a - b) / (relative ? abs(b) : 1)
            }.max() ?? 0
        }
        #expect(try worst(metrics.loss, trace.metrics.loss, relative: true) < 2e-5)
        #expect(try worst(metrics.gradNorm, trace.metrics.gradNorm, relative: true) < 2e-5)
        #expect(try worst(metrics.real, trace.metrics.real, relative: false) < 1.2e-7)
        #expect(try worst(metrics.prediction, trace.metrics.prediction, relative: false) < 5e-6)
    }

    @Test("an LSTM and a GRU match PyTorch over all 40 steps, final weights included", arguments: ["lstm-small", "gru-small"])
    func gatedCellsWholeRun(name: String) throws {
        let trace = try ReferenceTrace(name)
        let cell: RecurrentCell = name.hasPrefix("lstm") ? .lstm : .gru
        #expect(trace.config.cell == cell, "the trace's config names its cell")
        #expect(trace.config.steps == 40 && trace.config.hiddenSize == 8 && trace.config.numLayers == 2)
        let (trainer, worst) = try compare(trace, steps: trace.config.steps)
        print("\(name), 40 steps, worst differences:", worst)
        let weights = trainer.network.parameterValues
        let worstWeight = zip(weights, trace.final).map { abs($0 - $1) }.max() ?? .infinity
        print("\(name), final weights, worst difference:", worstWeight)
        // The tolerances of the small RNN: float32 runs of the same maths in another summation
        // order, each step's weights feeding the next. Measured 1.4e-6 and 2.2e-6 (loss), 2.4e-7 and
        // 4.6e-7 (predictions), 2.6e-6 and 2.7e-6 (grad norm), 3.1e-7 and 1.5e-7 (final weights) for
        // the LSTM and the GRU: a wrong gate order or a missing term is off by orders of magnitude.
        #expect(worst.lossRelative < 2e-5)
        #expect(worst.prediction < 5e-6)
        #expect(worst.gradNormRelative < 2e-5)
        #expect(worst.real < 1.2e-7)
        #expect(worstWeight < 2e-6)
    }
}
