import RNNCore

/// The facts a reader of the held-out figure should get from its text alternative: how many rows
/// were trained on and held out, and the error over each, in the target's own units.
struct HoldoutSummary {
    let rows: Int
    let holdoutStart: Int
    /// Mean squared error over the training rows and the held-out rows, in the target's units;
    /// `nil` where no row has both values.
    let trainError: Double?
    let holdoutError: Double?

    init(_ evaluation: Evaluation) {
        rows = evaluation.real.count
        holdoutStart = min(max(evaluation.holdoutStart, 0), rows)
        func error(_ range: Range<Int>) -> Double? {
            var sum = 0.0, count = 0
            for row in range {
                guard let real = evaluation.real[row], let predicted = row < evaluation.prediction.count ? evaluation.prediction[row] : nil
                else { continue }
                sum += (predicted - real) * (predicted - real)
                count += 1
            }
            return count > 0 ? sum / Double(count) : nil
        }
        trainError = error(0 ..< holdoutStart)
        holdoutError = error(holdoutStart ..< rows)
    }

    /// The text alternative.
    func description(quantity: String) -> String {
        let held = rows - holdoutStart
        var text = "Line chart of the real \(quantity) and the trained network's prediction at each of the "
            + "\(ReportNumber.count(rows, "row", "rows")) of the series, run from a zero state after training. "
        text += held == 0
            ? "No row was held out: every row was trained on."
            : "Rows \(ReportNumber.count(holdoutStart)) to \(ReportNumber.count(rows - 1)) "
                + "(\(ReportNumber.count(held, "row", "rows"))), shaded, were held out of training."
        func error(_ value: Double?) -> String { value.map(ReportNumber.short) ?? "none" }
        text += " Mean squared error in \(quantity)'s own units: \(error(trainError)) over the training rows"
            + (held == 0 ? "." : ", \(error(holdoutError)) over the held-out rows.")
        return text
    }
}
