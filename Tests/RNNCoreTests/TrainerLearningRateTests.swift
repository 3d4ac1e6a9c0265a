import Foundation
import Testing
import TestSupport
@testable import RNNCore

/// Which learning rate a step records: the one it used, not the one the scheduler chose for the
/// next step. The rates expected come from `PlateauSchedule`, a transcription of PyTorch's
/// scheduler kept apart from RNNCore's, run over the losses the training recorded.
@Suite("Trainer learning rates")
struct TrainerLearningRateTests {
    /// The small network with patience 0: every step whose loss does not improve halves the rate
    /// for the next one. Its losses alternate up and down early on, so the rate is reduced many
    /// times within 40 steps, until a halving is smaller than the scheduler's eps (1e-8).
    static let impatient = TrainingConfiguration(hiddenSize: 8, numLayers: 1, timeStep: 10, steps: 40, lrPatience: 0)

    @Test("PyTorch's trace records at learning_rate[k] the rate step k used")
    func traceConvention() throws {
        // The default run reduces its rate from step 103 on: the transcription, fed PyTorch's own
        // losses, must give PyTorch's rates at every one of the 500 steps.
        let trace = try ReferenceTrace("seed0")
        let config = trace.config
        let rates = PlateauSchedule.ratesUsed(
            losses: trace.metrics.loss, initialRate: config.learningRate, factor: config.lrFactor,
            patience: config.lrPatience)
        let traceRates = try #require(trace.metrics.learningRate)
        #expect(PlateauSchedule.reductionSteps(traceRates).first == 103)
        #expect(rates == traceRates.map { $0 ?? .nan })

        // RNNCore's scheduler, stepped with the same losses, returns at step k the rate of step k + 1.
        var scheduler = ReduceLROnPlateau(factor: config.lrFactor, patience: config.lrPatience)
        var rate = config.learningRate
        for (k, loss) in trace.metrics.loss.enumerated().dropLast() {
            rate = scheduler.step(metric: Double(try #require(loss)), learningRate: rate)
            #expect(rate == traceRates[k + 1], "the rate after step \(k)")
        }
    }

    @Test("metrics record at learning_rate[k] the rate step k used, through many reductions")
    func runRecordsRateUsed() throws {
        let config = Self.impatient
        let metrics = try Trainer(config: config).run()
        let expected = PlateauSchedule.ratesUsed(
            losses: metrics.loss, initialRate: config.learningRate, factor: config.lrFactor, patience: 0)
        let reductions = PlateauSchedule.reductionSteps(try #require(metrics.learningRate))
        try #require(reductions.count >= 5, "the run must reduce its rate for this test to mean anything: \(reductions)")
        #expect(metrics.learningRate == expected)
        // Step 0 uses the initial rate, and so does step 1: step 0's loss always improves on the
        // initial best (infinity), so the first reduction can come at step 2 at the earliest.
        #expect(metrics.learningRate?.prefix(2) == [config.learningRate, config.learningRate])
        #expect(reductions[0] >= 2)
    }

    @Test("step() returns the rate it used, and learningRate is the rate of the next step")
    func stepRecordsRateUsed() throws {
        let trainer = try Trainer(config: Self.impatient)
        var records: [Trainer.StepRecord] = []
        for k in 0 ..< Self.impatient.steps {
            let before = trainer.learningRate
            let record = trainer.step()
            #expect(record.step == k)
            #expect(record.learningRate == before, "step \(k) recorded \(record.learningRate), used \(before)")
            records.append(record)
        }
        let expected = PlateauSchedule.ratesUsed(
            losses: records.map(\.loss), initialRate: Self.impatient.learningRate,
            factor: Self.impatient.lrFactor, patience: 0)
        #expect(records.map(\.learningRate) == expected)
        #expect(PlateauSchedule.reductionSteps(records.map(\.learningRate)).count >= 5)
    }
}
