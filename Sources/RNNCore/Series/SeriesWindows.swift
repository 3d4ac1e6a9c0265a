import Foundation

/// A ``DataSeries`` made ready for training: its training and held-out rows, its values
/// standardised (or not) and rounded to float, and its training windows.
///
/// The semantics are the reference's (`golden.py --data`):
/// - The first ⌊(1 − holdout)·N⌋ rows are the training rows; the rest are held out.
/// - With `normalize`, each input column and the target are standardised with the mean and the
///   population standard deviation (ddof 0) of the training rows, computed in double with NumPy's
///   sums (pairwise over one column; row by row over several, as `mean(0)` reduces a 2-D array),
///   then rounded to float. Without it, the values are only rounded to float.
/// - The training windows are the consecutive, non-overlapping runs of `timeStep` training rows; a
///   partial last one is not trained on. Step k trains on window k mod W.
public struct SeriesWindows: Sendable {
    public let series: DataSeries
    /// Rows per window, T.
    public let timeStep: Int
    /// The fraction of rows held out, from 0 up to (not including) 1.
    public let holdout: Double
    /// Whether the values are standardised.
    public let normalize: Bool
    /// Number of training rows: the held-out rows start here.
    public let trainingRows: Int
    /// Number of whole training windows, W (at least 1).
    public let windowCount: Int
    /// Per input column, the mean subtracted (0 without `normalize`). // (I)
    public let inputMean: [Double]
    /// Per input column, the standard deviation divided by (1 without `normalize`). // (I)
    public let inputScale: [Double]
    /// The target's mean (0 without `normalize`).
    public let targetMean: Double
    /// The target's standard deviation (1 without `normalize`).
    public let targetScale: Double
    /// The inputs in the units the network sees. // (N, I)
    public let inputs: [Float]
    /// The target in the units the network is trained in. // (N)
    public let target: [Float]

    /// Splits, standardises and windows `series`.
    ///
    /// - Parameters:
    ///   - holdout: the fraction of rows held out, in [0, 1).
    ///   - timeStep: rows per training window, at least 1.
    /// - Throws: ``SeriesError`` when the training rows are fewer than one window; with
    ///   `normalize`, when a column is constant over them (its standard deviation is 0) or too large
    ///   to standardise in double; and when a value, as the network sees it, is beyond float's range.
    /// - Precondition: `holdout` is in [0, 1) and `timeStep` ≥ 1.
    public init(series: DataSeries, holdout: Double, normalize: Bool, timeStep: Int) throws(SeriesError) {
        precondition(holdout >= 0 && holdout < 1 && timeStep >= 1, "SeriesWindows: holdout or time step out of range")
        let (N, I) = (series.rowCount, series.inputSize)
        let trainingRows = Int(((1.0 - holdout) * Double(N)).rounded(.down))
        guard trainingRows >= timeStep else {
            // Without a held-out part the training rows are the series' rows: said once.
            let held = holdout > 0 ? " (\(N) row\(N == 1 ? "" : "s"), \(N - trainingRows) of them held out)" : ""
            throw SeriesError(
                problem: "\(trainingRows) training row\(trainingRows == 1 ? "" : "s")\(held) \(trainingRows == 1 ? "is" : "are") fewer than one window of "
                    + "time_step \(timeStep) rows; lower --time-step\(holdout > 0 ? " or --holdout" : ""), or use a longer series")
        }
        var inputMean = [Double](repeating: 0, count: I), inputScale = [Double](repeating: 1, count: I)
        var targetMean = 0.0, targetScale = 1.0
        if normalize {
            for c in 0 ..< I {
                let value = { (row: Int) in series.inputs[row * I + c] }
                (inputMean[c], inputScale[c]) = Self.moments(trainingRows, pairwise: I == 1, value)
                guard inputMean[c].isFinite, inputScale[c].isFinite else { throw Self.tooLarge(series.inputNames[c]) }
                guard inputScale[c] > 0, !Self.isConstant(trainingRows, value) else {
                    throw Self.constant(series.inputNames[c], value: value(0), rows: trainingRows)
                }
            }
            (targetMean, targetScale) = Self.moments(trainingRows, pairwise: true) { series.target[$0] }
            guard targetMean.isFinite, targetScale.isFinite else { throw Self.tooLarge(series.targetName) }
            guard targetScale > 0, !Self.isConstant(trainingRows, { series.target[$0] }) else {
                throw Self.constant(series.targetName, value: series.target[0], rows: trainingRows)
            }
        }
        var inputs = [Float](repeating: 0, count: N * I)
        for row in 0 ..< N {
            for c in 0 ..< I {
                let value = Float((series.inputs[row * I + c] - inputMean[c]) / inputScale[c])
                guard value.isFinite else {
                    throw Self.beyondFloat(series.inputs[row * I + c], line: series.line(ofRow: row), column: series.inputNames[c], normalize: normalize)
                }
                inputs[row * I + c] = value
            }
        }
        let target = series.target.map { [targetMean, targetScale] in Float(($0 - targetMean) / targetScale) }
        if let row = target.firstIndex(where: { !$0.isFinite }) {
            throw Self.beyondFloat(series.target[row], line: series.line(ofRow: row), column: series.targetName, normalize: normalize)
        }
        // The loss sums a window's squared errors in float: a target whose square, over a window,
        // overflows it would leave the loss infinite from the first step, whatever the learning rate.
        let largestTarget = Self.largestTarget(timeStep: timeStep)
        if let row = target.firstIndex(where: { Double($0.magnitude) > largestTarget }) {
            throw SeriesError(
                line: series.line(ofRow: row), column: series.targetName,
                problem: "\(series.target[row]) is too large a target\(normalize ? " once standardised" : ""): its square over a window of "
                    + "\(timeStep) rows overflows the loss, a float (at most about 3.4e38), so training could not start; "
                    + "a target of time_step \(timeStep) is at most about ±\(Self.scientific(largestTarget)); "
                    + "rescale the column\(normalize ? "" : ", or use --normalize")")
        }
        self.series = series
        self.timeStep = timeStep
        self.holdout = holdout
        self.normalize = normalize
        self.trainingRows = trainingRows
        self.windowCount = trainingRows / timeStep
        self.inputMean = inputMean
        self.inputScale = inputScale
        self.targetMean = targetMean
        self.targetScale = targetScale
        self.inputs = inputs
        self.target = target
    }

    /// Mean and population standard deviation of `count` values, as NumPy computes them: the
    /// mean; the squared deviations summed the same way, divided by the count, square-rooted.
    private static func moments(_ count: Int, pairwise: Bool, _ value: (Int) -> Double) -> (mean: Double, deviation: Double) {
        func sum(_ term: (Int) -> Double) -> Double {
            if pairwise { return PairwiseSum.sum(count, term) }
            var total = 0.0
            for i in 0 ..< count { total += term(i) }
            return total
        }
        let mean = sum(value) / Double(count)
        let variance = sum { let d = value($0) - mean; return d * d } / Double(count)
        return (mean, variance.squareRoot())
    }

    /// The largest target magnitude whose square, summed over a window of `timeStep` rows, stays
    /// within float: √(3.4e38 / T).
    static func largestTarget(timeStep: Int) -> Double {
        (Double(Float.greatestFiniteMagnitude) / Double(timeStep)).squareRoot()
    }

    /// `x` > 0 as "5.8e18": two significant digits, rounded down so that the value shown is within
    /// the bound it states.
    static func scientific(_ x: Double) -> String {
        var exponent = Int(log10(x).rounded(.down))
        var mantissa = (x / pow(10, Double(exponent)) * 10).rounded(.down) / 10
        if mantissa >= 10 { mantissa /= 10; exponent += 1 }
        return String(format: "%.1fe%d", mantissa, exponent)
    }

    private static func tooLarge(_ column: String) -> SeriesError {
        SeriesError(
            column: column,
            problem: "the values are too large to standardise: their mean or standard deviation overflows a double")
    }

    private static func beyondFloat(_ value: Double, line: Int?, column: String, normalize: Bool) -> SeriesError {
        SeriesError(
            line: line, column: column,
            problem: "\(value) is beyond the range of a float (about ±3.4e38)\(normalize ? " once standardised" : ""), "
                + "in which rnnreport trains; rescale the column\(normalize ? "" : ", or use --normalize")")
    }

    /// Whether the first `rows` values are all the same. The standard deviation of a constant
    /// column of a value that binary cannot hold (0.1) is not always 0: the mean, in double, may
    /// round to another value than the column's, and the column divided by that difference is
    /// noise, not the column.
    private static func isConstant(_ rows: Int, _ value: (Int) -> Double) -> Bool {
        let first = value(0)
        return (1 ..< rows).allSatisfy { value($0) == first }
    }

    private static func constant(_ column: String, value: Double, rows: Int) -> SeriesError {
        SeriesError(
            column: column,
            problem: "the column is constant (\(value)) over the \(rows) training rows, so its standard deviation is 0 "
                + "and --normalize cannot divide by it; leave out --normalize, or choose another column")
    }

    // MARK: - Windows

    /// Number of rows, N.
    public var rowCount: Int { series.rowCount }
    /// Number of input columns, I.
    public var inputSize: Int { series.inputSize }

    /// Writes rows `start ..< start + count` (at most `timeStep` of them) into `input` (count, I)
    /// and `target` (count); `target` may be `nil`.
    func fill(rows start: Int, count: Int, input: UnsafeMutablePointer<Float>, target: UnsafeMutablePointer<Float>?) {
        let I = inputSize
        inputs.withUnsafeBufferPointer { input.update(from: $0.baseAddress! + start * I, count: count * I) }
        if let target {
            self.target.withUnsafeBufferPointer { target.update(from: $0.baseAddress! + start, count: count) }
        }
    }

    /// A prediction in the target's own units: `value · scale + mean`, in double.
    public func destandardized(_ value: Float) -> Double {
        Double(value) * targetScale + targetMean
    }
}
