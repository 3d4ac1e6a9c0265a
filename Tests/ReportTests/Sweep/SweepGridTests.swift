import Foundation
import RNNCore
@testable import Report
import Testing

@Suite("sweep grid")
struct SweepGridTests {
    private func grid(_ lists: [(TrainingSetting, String)], base: TrainingConfiguration = TrainingConfiguration()) throws(SweepGridError) -> SweepGrid {
        try SweepGrid(base: base, lists: lists)
    }

    @Test("lists and seed ranges expand to every combination, seeds innermost, settings in their order")
    func expansion() throws {
        let grid = try grid([(.learningRate, "0.002,0.005"), (.hiddenSize, "16,32"), (.seed, "0..2,7")])
        #expect(grid.seeds == [0, 1, 2, 7])
        #expect(grid.axes == [SweepAxis(setting: .hiddenSize, values: ["16", "32"]), SweepAxis(setting: .learningRate, values: ["0.002", "0.005"])])
        #expect(grid.runs.count == 16)
        #expect(grid.configurations == ["h16-lr0.002", "h16-lr0.005", "h32-lr0.002", "h32-lr0.005"])
        #expect(grid.runs.prefix(5).map(\.name) == ["h16-lr0.002-seed0", "h16-lr0.002-seed1", "h16-lr0.002-seed2", "h16-lr0.002-seed7", "h16-lr0.005-seed0"])
        let run = grid.runs[13]
        #expect(run.name == "h32-lr0.005-seed1")
        #expect(run.configurationIndex == 3)
        #expect(run.config == TrainingConfiguration(hiddenSize: 32, learningRate: 0.005, seed: 1))
    }

    @Test("a value is the setting's own: exact doubles, the largest seed, one value goes into the base")
    func values() throws {
        let grid = try grid([(.learningRate, "0.1, 1e-3"), (.steps, "120"), (.clipNorm, ".5"), (.seed, "18446744073709551615")])
        #expect(grid.axes == [SweepAxis(setting: .learningRate, values: ["0.1", "0.001"])])
        #expect(grid.runs.map(\.config.learningRate) == [0.1, 0.001])
        #expect(grid.base.steps == 120 && grid.base.clipNorm == 0.5)
        #expect(grid.runs.allSatisfy { $0.config.steps == 120 && $0.config.seed == UInt64.max })
        #expect(grid.runs.map(\.name) == ["lr0.1-seed18446744073709551615", "lr0.001-seed18446744073709551615"])
        // Only seeds: every run is of the one configuration.
        let seeds = try self.grid([(.seed, "3,1")])
        #expect(seeds.configurations == ["all"] && seeds.runs.map(\.name) == ["seed3", "seed1"])
    }

    @Test("a bad list is refused naming its option and the value", arguments: [
        (TrainingSetting.learningRate, "0.1,,0.2", "--learning-rate", "empty value"),
        (.learningRate, "0.1,fast", "--learning-rate", "'fast' is not a number"),
        (.hiddenSize, "16,2.5", "--hidden-size", "whole number"),
        (.hiddenSize, "16,0", "--hidden-size", "value 0"),
        (.numLayers, "1,x", "--num-layers", "'x'"),
        (.learningRate, "0.005,0.0050", "--learning-rate", "given twice"),
        (.seed, "5..2", "--seeds", "empty"),
        (.seed, "-1", "--seeds", "'-1' is not a seed"),
        (.seed, "0..3,2", "--seeds", "seed 2 is given twice"),
        (.seed, "0..", "--seeds", "'' is not a seed"),
        (.learningRate, "inf", "--learning-rate", "'inf' is not a number"),
        // Decimal only, as in JSON: Double("0x1e") would read 30.
        (.steps, "20,0x1e", "--steps", "'0x1e'"),
        (.learningRate, "0x1p-7", "--learning-rate", "'0x1p-7' is not a number"),
        // Out of range: named as typed, not as read (1.0, 0.0, 10000).
        (.lrFactor, "0.5,1e0", "--lr-factor", "invalid value 1e0: expected a number greater than 0 and less than 1"),
        (.clipNorm, "1,0", "--clip-norm", "invalid value 0: expected a finite number greater than 0"),
        (.hiddenSize, "8,1e4", "--hidden-size", "invalid value 1e4: expected an integer from 1 to 4096"),
        // Beyond every integer type: quoted with the digits given, and the setting's own range.
        (.hiddenSize, "8,99999999999999999999", "--hidden-size",
         "'99999999999999999999' is not accepted: expected an integer from 1 to 4096, found 99999999999999999999"),
        (.seed, "0,-99999999999999999999", "--seeds", "'-99999999999999999999' is not a seed"),
        (.normalize, "maybe,true", "--normalize", "'maybe' is not true or false; it takes true, false, or both as the list true,false"),
    ])
    func badLists(setting: TrainingSetting, list: String, option: String, words: String) {
        do {
            _ = try grid([(setting, list)])
            Issue.record("\(option) \(list) was accepted")
        } catch {
            #expect(error.option == option, "\(error)")
            #expect(error.description.contains(words), "\(error)")
        }
    }

    @Test("a grid of too many runs is refused")
    func tooLarge() {
        #expect(throws: SweepGridError.self) {
            try grid([(.hiddenSize, (1 ... 100).map(String.init).joined(separator: ",")), (.seed, "0..999"), (.steps, "1,2")])
        }
    }

    @Test("a grid whose count of runs overflows is too many runs, not the count it wraps to", .timeLimit(.minutes(1)))
    func overflowingCount() {
        // 2¹⁶ values on each of four axes: 2⁶⁴ runs, which wraps to 0 in an Int.
        let values = (0 ..< 65536).map(String.init)
        let axes = [TrainingSetting.hiddenSize, .numLayers, .timeStep, .steps].map { SweepAxis(setting: $0, values: values) }
        #expect(throws: SweepGridError.self) { try SweepGrid(base: TrainingConfiguration(), axes: axes, seeds: [0]) }
    }

    @Test("shards are disjoint slices that together are the grid, each with a share of every configuration")
    func shards() throws {
        let grid = try grid([(.learningRate, "0.002,0.005"), (.seed, "0..9")])
        let shards = (1 ... 3).map { grid.runs(ofShard: $0, of: 3) }
        #expect(shards.map(\.count) == [7, 7, 6])
        #expect(Set(shards.flatMap { $0.map(\.name) }) == Set(grid.runs.map(\.name)))
        #expect(shards.flatMap { $0 }.count == grid.runs.count)
        #expect(shards[0].map(\.name).prefix(3) == ["lr0.002-seed0", "lr0.002-seed3", "lr0.002-seed6"])
        #expect(shards.allSatisfy { Set($0.map(\.configurationIndex)) == [0, 1] })
        #expect(grid.runs(ofShard: 1, of: 1) == grid.runs)
    }

    @Test("sweep.json reads back to the same grid, and a file whose runs do not match is refused")
    func json() throws {
        let grid = try grid([(.learningRate, "0.002,0.005"), (.steps, "80"), (.seed, "0..2")])
        let data = grid.jsonData()
        #expect(try SweepGrid(jsonData: data) == grid)
        #expect(String(decoding: data, as: UTF8.self).contains("\"name\" : \"lr0.005-seed2\""))
        let tampered = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "lr0.005-seed2", with: "lr0.005-seed9").utf8)
        #expect(throws: SweepGridError(option: "sweep.json", problem: "its runs are not the runs of its grid")) { try SweepGrid(jsonData: tampered) }
        #expect(throws: SweepGridError.self) { try SweepGrid(jsonData: Data("{}".utf8)) }
    }

    @Test("a sweep.json that gives a key twice is refused, naming the key and its place, rather than read as one value")
    func jsonKeyTwice() {
        let twice = Data(#"{"format": "rnnreport-sweep-1", "format": "rnnreport-sweep-1"}"#.utf8)
        #expect(throws: SweepGridError(
            option: "sweep.json",
            problem: #"not a sweep's grid: line 1, column 33: the key "format" is given twice (first at line 1, column 2)"#)) {
            try SweepGrid(jsonData: twice)
        }
    }
}
