/// Where a run's learning rate went down.
struct LearningRateChanges {
    /// Steps whose rate is lower than that of the last step before with a recorded rate.
    var reductionSteps: [Int] = []
    /// The first and last recorded rates, when any.
    var first: Double?
    var last: Double?

    init(_ rates: [Double?]) {
        var previous: Double?
        for (step, rate) in rates.enumerated() {
            guard let rate, rate.isFinite else { continue }
            if let previous, rate < previous { reductionSteps.append(step) }
            if first == nil { first = rate }
            previous = rate
        }
        last = previous
    }
}
