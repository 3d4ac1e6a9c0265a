import RNNCore

extension Evaluation {
    /// The evaluation in one line, for the end of a command's report: `train MSE 0.3, held-out
    /// MSE 0.266` (in the loss's units), without the held-out part when no row was held out.
    public var summaryLine: String {
        func format(_ value: Double?) -> String { value.map(ReportNumber.short) ?? "not finite" }
        var line = "train MSE \(format(trainMSE))"
        if holdoutStart < rowCount { line += ", held-out MSE \(format(holdoutMSE))" }
        return line
    }
}
