/// What the error panel of the whole-run figure shows, in words: when the prediction locked on
/// to the cosine, and whether it ever lost it again.
struct ErrorSummary {
    /// The RMSE below which a window counts as matched: the square root of the loss threshold at
    /// which a run counts as converged.
    static let threshold = TrainingSummary.convergenceThreshold.squareRoot()

    /// The first window from which every later window stays below ``threshold``.
    let lockedFrom: Int?
    /// Windows at or above the threshold after the first one below it, and the last of them.
    let relapses: Int
    let lastRelapse: Int?
    let windows: Int

    init(rmse: [Double?]) {
        windows = rmse.count
        let above = rmse.indices.filter { (rmse[$0] ?? .infinity) >= Self.threshold }
        let firstBelow = rmse.firstIndex { ($0 ?? .infinity) < Self.threshold }
        if let last = above.last {
            lockedFrom = last + 1 < rmse.count ? last + 1 : nil
        } else {
            lockedFrom = rmse.isEmpty ? nil : 0
        }
        let later = firstBelow.map { first in above.filter { $0 > first } } ?? []
        relapses = later.count
        lastRelapse = later.last
    }

    /// Sentences for the figure's text alternative.
    var description: String {
        guard windows > 0 else { return "" }
        let limit = ReportNumber.short(Self.threshold)
        var text = " The lower panel shows the root mean squared error of each window on a log scale."
        if let lockedFrom {
            text += " It stays below \(limit) from step \(ReportNumber.count(lockedFrom)) to the end"
        } else {
            text += " It does not stay below \(limit) up to the end of the run"
        }
        if relapses > 0, let lastRelapse {
            text += "; after first falling below it, \(ReportNumber.count(relapses, "window rose", "windows rose")) "
                + "to \(limit) or more again, the last at step \(ReportNumber.count(lastRelapse))"
        }
        return text + "."
    }
}
