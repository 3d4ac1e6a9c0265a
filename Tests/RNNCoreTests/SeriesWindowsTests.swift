import Foundation
import Testing
@testable import RNNCore

/// Training rows, standardisation and windows of a CSV series, as the reference computes them.
@Suite struct SeriesWindowsTests {
    func series(rows: Int, _ x: (Int) -> Double = { Double($0) }, _ y: (Int) -> Double = { Double($0 * $0) }) -> DataSeries {
        DataSeries(
            header: ["x", "y"], inputNames: ["x"], targetName: "y",
            inputs: (0 ..< rows).map(x), target: (0 ..< rows).map(y))
    }

    @Test("the training rows are ⌊(1 − holdout)·N⌋, the windows the whole runs of time_step of them",
          arguments: [(10, 0.0, 3, 10, 3), (10, 0.2, 3, 8, 2), (7, 0.5, 3, 3, 1), (600, 0.2, 20, 480, 24), (3, 0.1, 2, 2, 1)])
    func split(rows: Int, holdout: Double, timeStep: Int, training: Int, windows: Int) throws {
        let windowed = try SeriesWindows(series: series(rows: rows), holdout: holdout, normalize: false, timeStep: timeStep)
        #expect(windowed.trainingRows == training)
        #expect(windowed.windowCount == windows)
    }

    @Test("fewer training rows than one window is an error that says how many there are")
    func tooShort() {
        #expect(throws: SeriesError.self) { try SeriesWindows(series: series(rows: 10), holdout: 0.5, normalize: false, timeStep: 6) }
        do {
            _ = try SeriesWindows(series: series(rows: 10), holdout: 0.5, normalize: false, timeStep: 6)
        } catch {
            #expect(error.description.contains("5 training rows (10 rows, 5 of them held out) are fewer than one window of time_step 6"))
        }
        #expect((try? SeriesWindows(series: series(rows: 10), holdout: 0.4, normalize: false, timeStep: 6)) != nil)
    }

    @Test("standardised with the training rows' mean and population standard deviation, in double, then rounded to float")
    func standardised() throws {
        // Training rows 0…3 of x = 0, 1, 2, 3, …: mean 1.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
        let windowed = try SeriesWindows(series: series(rows: 5), holdout: 0.2, normalize: true, timeStep: 2)
        #expect(windowed.inputMean == [1.5])
        #expect(windowed.inputScale == [(1.25).squareRoot()])
        #expect(windowed.inputs == (0 ..< 5).map { Float((Double($0) - 1.5) / (1.25).squareRoot()) })
        // y = 0, 1, 4, 9: mean 3.5, variance (12.25 + 6.25 + 0.25 + 30.25) / 4 = 12.25, deviation 3.5.
        #expect(windowed.targetMean == 3.5 && windowed.targetScale == 3.5)
        #expect(windowed.target == [-1, Float(-2.5 / 3.5), Float(0.5 / 3.5), Float(5.5 / 3.5), Float(12.5 / 3.5)])
        #expect(windowed.destandardized(Float(0.5 / 3.5)) == Double(Float(0.5 / 3.5)) * 3.5 + 3.5)
    }

    @Test("without normalize the values are only rounded to float, and predictions pass through unchanged")
    func raw() throws {
        let windowed = try SeriesWindows(series: series(rows: 4, { Double($0) / 3 }), holdout: 0, normalize: false, timeStep: 2)
        #expect(windowed.inputs == (0 ..< 4).map { Float(Double($0) / 3) })
        #expect(windowed.destandardized(0.25) == 0.25)
    }

    @Test("a column that is constant over the training rows cannot be standardised: the error names it")
    func constant() {
        // x is constant over the 4 training rows, though not over the held-out one.
        let flat = series(rows: 5, { $0 < 4 ? 2 : 7 })
        do {
            _ = try SeriesWindows(series: flat, holdout: 0.2, normalize: true, timeStep: 2)
            Issue.record("expected an error")
        } catch {
            #expect(error.column == "x")
            #expect(error.problem.contains("constant (2.0) over the 4 training rows"))
        }
        #expect((try? SeriesWindows(series: flat, holdout: 0.2, normalize: false, timeStep: 2)) != nil)
        let flatTarget = series(rows: 4, { Double($0) }, { _ in 1 })
        #expect(throws: SeriesError.self) { try SeriesWindows(series: flatTarget, holdout: 0, normalize: true, timeStep: 2) }
    }

    @Test("a constant column of a value binary cannot hold is constant too, though its mean in double is not the value",
          arguments: [0.1, 1e-30, 1e-45])
    func constantInexact(value: Double) {
        // The mean of 100 copies of 0.1 is not 0.1 in double, so the standard deviation is not 0.
        let mean = PairwiseSum.sum(100) { _ in value } / 100
        #expect(mean != value || value == 1e-45)
        for (inputs, target) in [({ (_: Int) in value }, { (row: Int) in Double(row) }), ({ Double($0) }, { _ in value })] {
            do {
                _ = try SeriesWindows(series: series(rows: 100, inputs, target), holdout: 0, normalize: true, timeStep: 10)
                Issue.record("a constant column of \(value) was standardised")
            } catch {
                #expect(error.problem.contains("constant (\(value)) over the 100 training rows"), "\(error)")
            }
        }
    }

    @Test("sums as NumPy sums: pairwise over one column, row by row over several")
    func numpySums() {
        // x_i = 0.1 · ((7919 i) mod 1000) / 7 for i < 1000: NumPy's a.sum() is 7135.714285714286,
        // a plain loop gives 7135.714285714288 (checked with NumPy 2 in /tmp/ref).
        let values = (0 ..< 1000).map { 0.1 * Double((7919 * $0) % 1000) / 7 }
        #expect(PairwiseSum.sum(values.count) { values[$0] } == 7135.714285714286)
        var plain = 0.0
        for value in values { plain += value }
        #expect(plain == 7135.714285714288)
        // Below 8 values, a plain loop.
        #expect(PairwiseSum.sum(3) { [0.1, 0.2, 0.3][$0] } == 0.1 + 0.2 + 0.3)
    }
}

extension SeriesWindowsTests {
    @Test("a target whose square over a window overflows the loss is refused before training, naming its line and the bound")
    func targetOverflowingTheLoss() throws {
        // √(3.4028235e38 / 2) ≈ 1.3044e19: over windows of 2 rows 1.30e19 trains and 1.31e19 cannot.
        let read = try DataSeries(csv: Data("x,y\n1,1.30e19\n2,-1\n3,-1.31e19\n4,0\n".utf8), input: ["x"], target: "y")
        do {
            _ = try SeriesWindows(series: read, holdout: 0, normalize: false, timeStep: 2)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 4 && error.column == "y")
            #expect(error.problem.hasPrefix("-1.31e+19 is too large a target: its square over a window of 2 rows overflows the loss"))
            #expect(error.problem.contains("at most about ±1.3e19; rescale the column, or use --normalize"), "\(error)")
        }
        // The first row alone is within the bound: the rows before the bad one pass.
        let within = try DataSeries(csv: Data("x,y\n1,1.30e19\n2,-1\n".utf8), input: ["x"], target: "y")
        #expect((try? SeriesWindows(series: within, holdout: 0, normalize: false, timeStep: 2)) != nil)
        // Over longer windows the bound is lower: √(3.4e38 / 4) ≈ 9.2e18.
        #expect((try? SeriesWindows(series: within, holdout: 0, normalize: false, timeStep: 1)) != nil)
        let longer = try DataSeries(csv: Data("x,y\n1,1e19\n2,0\n3,0\n4,0\n".utf8), input: ["x"], target: "y")
        #expect((try? SeriesWindows(series: longer, holdout: 0, normalize: false, timeStep: 4)) == nil)
        #expect((try? SeriesWindows(series: longer, holdout: 0, normalize: false, timeStep: 2)) != nil)
        // Standardised, the same values are small.
        #expect((try? SeriesWindows(series: read, holdout: 0, normalize: true, timeStep: 2)) != nil)
        #expect(SeriesWindows.scientific(SeriesWindows.largestTarget(timeStep: 4)) == "9.2e18")
    }

    @Test("a value beyond float's range is refused, naming its line and column; too large to standardise likewise")
    func beyondFloat() throws {
        let read = try DataSeries(csv: Data("x,y\n1,2\n3,4\n1e100,5\n7,8\n".utf8), input: ["x"], target: "y")
        do {
            _ = try SeriesWindows(series: read, holdout: 0, normalize: false, timeStep: 2)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 4 && error.column == "x")
            #expect(error.problem.contains("beyond the range of a float") && error.problem.contains("--normalize"))
        }
        // Standardised, the same values fit in a float.
        #expect((try? SeriesWindows(series: read, holdout: 0, normalize: true, timeStep: 2)) != nil)
        let huge = try DataSeries(csv: Data("x,y\n1e308,2\n1.7e308,4\n1,5\n".utf8), input: ["x"], target: "y")
        do {
            _ = try SeriesWindows(series: huge, holdout: 0, normalize: true, timeStep: 2)
            Issue.record("expected an error")
        } catch {
            #expect(error.column == "x" && error.problem.contains("too large to standardise"))
        }
    }
}
