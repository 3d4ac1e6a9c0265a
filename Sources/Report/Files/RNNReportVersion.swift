/// rnnreport's version, as the command prints it and the files record it.
public enum RNNReportVersion {
    public static let current = "0.1.0"

    /// What made a run's numbers, as `metrics.json` records it in `source`.
    public static var source: String { "rnnreport \(current) float32" }
}
