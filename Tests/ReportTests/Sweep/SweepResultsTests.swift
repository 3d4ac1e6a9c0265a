import Foundation
import RNNCore
@testable import Report
import Testing

@Suite("sweep results")
struct SweepResultsTests {
    /// A run whose loss is `value` at every step.
    private func metrics(_ run: SweepRun, _ value: Float?) -> TrainingMetrics {
        TrainingMetrics(config: run.config, loss: Array(repeating: value, count: run.config.steps))
    }

    @Test("configurations are sorted by the share of seeds that converged, then median last-50 loss, with counts, spreads, best and worst seeds")
    func statistics() throws {
        let grid = try SweepGrid(base: TrainingConfiguration(), lists: [(.learningRate, "0.002,0.005,0.01"), (.steps, "60"), (.seed, "0..3")])
        // lr 0.002: losses 1e-2 for every seed; 0.005: 1e-4, 2e-4, 5e-4, 3e-3 (median 3.5e-4);
        // 0.01: 1e-4 for seeds 0 and 1, a missing loss for seeds 2 and 3 (the worst is the last of equals).
        let table: [String: [Float?]] = [
            "lr0.002": [1e-2, 1e-2, 1e-2, 1e-2], "lr0.005": [1e-4, 2e-4, 5e-4, 3e-3], "lr0.01": [1e-4, 1e-4, nil, nil],
        ]
        let results = SweepResults(grid: grid) { run in metrics(run, table[run.configuration]![Int(run.config.seed)]) }
        // 3 of 4 converged before 2 of 4, although the median of the second is lower.
        #expect(results.configurations.map(\.label) == ["lr0.005", "lr0.01", "lr0.002"])
        let lr005 = results.configurations[0], lr01 = results.configurations[1], lr002 = results.configurations[2]
        #expect(lr01.converged == 2 && lr01.minLast == Double(Float(1e-4)) && lr01.worst?.run.config.seed == 3)
        #expect(lr005.converged == 3)
        #expect(abs(lr005.medianLast! - 3.5e-4) < 1e-9)
        #expect(lr005.best?.run.config.seed == 0 && lr005.worst?.run.config.seed == 3)
        #expect(abs(lr005.maxLast! - 3e-3) < 1e-9)
        #expect(lr002.converged == 0 && lr002.values == ["0.002"])
        #expect(results.convergedCount == 5)
        #expect(results.bestRun?.run.name == "lr0.005-seed0")
        // Per step: the median of 1e-4, 2e-4, 5e-4 and 3e-3, and the smallest and largest.
        #expect(abs(lr005.medianLoss[0]! - 3.5e-4) < 1e-9 && lr005.minLoss[0] == Double(Float(1e-4)) && lr005.maxLoss[0] == Double(Float(3e-3)))
        #expect(SweepResults.median([1, 2, 10]) == 2 && SweepResults.median([1, 2, 3, 10]) == 2.5)
    }

    @Test("summary.csv and the Markdown summary hold one row per configuration, best first")
    func tables() throws {
        let grid = try SweepGrid(base: TrainingConfiguration(), lists: [(.hiddenSize, "8,16"), (.steps, "60"), (.seed, "0,1")])
        let results = SweepResults(grid: grid) { run in metrics(run, run.config.hiddenSize == 16 ? 1e-4 : 2e-3) }
        let csv = String(decoding: SweepReport.table(results), as: UTF8.self)
        #expect(csv == """
            rank,configuration,hidden_size,runs,converged,median_last50_loss,min_last50_loss,max_last50_loss,best_seed,worst_seed
            1,h16,16,2,2,\(Double(Float(1e-4))),\(Double(Float(1e-4))),\(Double(Float(1e-4))),0,1
            2,h8,8,2,0,\(Double(Float(2e-3))),\(Double(Float(2e-3))),\(Double(Float(2e-3))),0,1

            """)
        let markdown = SweepReport.markdown(results)
        #expect(markdown.contains("| 1 | `h16` ★ | 16 | 2 / 2 | 0.0001 |"), "\(markdown)")
        #expect(markdown.contains("| 2 | `h8` | 8 | 0 / 2 | 0.002 |"), "\(markdown)")
        #expect(markdown.contains("2 of 4 runs converged"))
        #expect(SweepReport.seedText([0, 1, 2, 3, 7, 9, 10]) == "0..3, 7, 9, 10")
    }

    @Test("on a CSV series with held-out rows, configurations and seeds are ranked by held-out MSE, not by the last-50 loss")
    func heldOutRanking() throws {
        var base = TrainingConfiguration()
        base.data = "room.csv"
        base.input = ["u"]
        base.target = "y"
        base.holdout = 0.2
        let grid = try SweepGrid(base: base, lists: [(.hiddenSize, "8,16"), (.steps, "60"), (.seed, "0,1")])
        // h8 fits the training rows best (last-50 loss 1e-4) and the held-out rows worst.
        let heldOut: [String: [Double]] = ["h8": [0.5, 0.3], "h16": [0.2, 0.4]]
        let results = SweepResults(grid: grid) { run in
            let mse = heldOut[run.configuration]![Int(run.config.seed)]
            return TrainingMetrics(
                config: run.config, loss: Array(repeating: run.config.hiddenSize == 8 ? 1e-4 : 1e-2, count: run.config.steps),
                evaluation: Evaluation(holdoutStart: 0, real: [], prediction: [], trainMSE: mse / 2, holdoutMSE: mse))
        }
        #expect(results.hasData && results.ranksByHoldout)
        #expect(results.configurations.map(\.label) == ["h16", "h8"])
        let h16 = results.configurations[0]
        #expect(abs(h16.medianHoldoutMSE! - 0.3) < 1e-12 && abs(h16.medianTrainMSE! - 0.15) < 1e-12)
        #expect(h16.best?.run.config.seed == 0 && h16.worst?.run.config.seed == 1)
        #expect(results.bestRun?.run.name == "h16-seed0")
        let csv = String(decoding: SweepReport.table(results), as: UTF8.self)
        #expect(csv.hasPrefix("rank,configuration,hidden_size,runs,converged,median_train_mse,median_holdout_mse,median_last50_loss,"), "\(csv)")
        #expect(csv.contains("\n1,h16,16,2,0,\((0.1 + 0.2) / 2),\((0.2 + 0.4) / 2),"), "\(csv)")
        let markdown = SweepReport.markdown(results)
        #expect(markdown.contains("| 1 | `h16` ★ | 16 | 0 / 2 | 0.15 | 0.3 |"), "\(markdown)")
    }
}
