/// rnnreport's version, as the command prints it and the files record it.
public enum RNNReportVersion {
    public static let current = "0.1.0"

    /// What made a run's numbers, as `metrics.json` records it in `source`.
    public static var source: String { "\(sourcePrefix)\(current) float32" }

    /// How `source` starts in the metrics of every version of rnnreport.
    public static let sourcePrefix = "rnnreport "
}
