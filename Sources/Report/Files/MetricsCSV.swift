import Foundation

/// `metrics.csv`: one row per training step with what the figures draw for it, so that pandas, a
/// spreadsheet or a test reads exactly what the figures show. The columns are the same for every
/// run; a series the run did not record leaves its column empty.
///
/// Columns: `step`, `loss`, `loss_smoothed` (the loss figure's moving average), `learning_rate`,
/// `grad_norm` (before clipping) and `window_rmse` (the whole-run figure's error panel). A value
/// that is missing or not finite is an empty field. Numbers are written in the shortest form that
/// reads back to the same double.
public enum MetricsCSV {
    public static let fileName = "metrics.csv"
    public static let header = "step,loss,loss_smoothed,learning_rate,grad_norm,window_rmse"

    /// The file, written in pieces when the folder is written.
    public static func file(_ series: StepSeries) -> ReportFile {
        ReportFile(name: fileName) { sink in try write(series, to: sink) }
    }

    /// The file's bytes, in memory; for tests.
    public static func data(_ series: StepSeries) -> Data {
        var data = Data()
        try? write(series) { data.append(contentsOf: $0) }
        return data
    }

    /// Writes the table in pieces of about a megabyte.
    static func write(_ series: StepSeries, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let steps = max(
            series.loss.count, series.learningRate?.count ?? 0, series.gradNorm?.count ?? 0, series.windowRMSE?.count ?? 0)
        var text = header + "\n"
        func field(_ values: [Double?]?, _ step: Int) -> String {
            guard let values, step < values.count, let value = values[step], value.isFinite else { return "" }
            return "\(value)"
        }
        for step in 0 ..< steps {
            text += "\(step),\(field(series.loss, step)),\(field(series.smoothedLoss, step)),"
                + "\(field(series.learningRate, step)),\(field(series.gradNorm, step)),\(field(series.windowRMSE, step))\n"
            if text.utf8.count >= 1 << 20 {
                try flush(&text, to: sink)
            }
        }
        try flush(&text, to: sink)
    }

    private static func flush(_ text: inout String, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try text.withUTF8 { try sink(UnsafeRawBufferPointer($0)) }
        text = ""
    }
}
