/// The facts a reader of a prediction figure should get from its text alternative.
struct PredictionSummary {
    /// Mean squared error over the points with both values, or `nil` when there is none.
    var meanSquaredError: Double?
    var missingReal = 0
    var missingPredicted = 0
    /// What the values are (`cos(t)`, or the target column's name).
    var quantity: String
    /// The units of the error, as a phrase (``TrainingFigureInput/squaredErrorUnits``).
    var units: String

    /// Summarises the points from index `start` on.
    init(input: TrainingFigureInput, from start: Int) {
        quantity = input.quantity
        units = input.squaredErrorUnits
        var sum = 0.0
        var count = 0
        let reals = input.real ?? [], predictions = input.prediction ?? []
        let end = max(reals.count, predictions.count)
        for index in start ..< max(start, end) {
            let real = index < reals.count ? reals[index].flatMap { $0.isFinite ? Double($0) : nil } : nil
            let predicted = index < predictions.count ? predictions[index].flatMap { $0.isFinite ? Double($0) : nil } : nil
            if real == nil { missingReal += 1 }
            if predicted == nil { missingPredicted += 1 }
            if let real, let predicted {
                sum += (predicted - real) * (predicted - real)
                count += 1
            }
        }
        meanSquaredError = count > 0 ? sum / Double(count) : nil
    }

    /// The text alternative; `scope` says which points the figure covers.
    func description(scope: String) -> String {
        var text = "Line chart of the real \(quantity) and the network's prediction \(scope)."
        if let meanSquaredError {
            text += " Mean squared error between them\(units): \(ReportNumber.short(meanSquaredError))."
        } else {
            text += " No point has both a real and a predicted value."
        }
        for (missing, kind) in [(missingPredicted, "predicted"), (missingReal, "real")] where missing > 0 {
            text += " " + ReportNumber.count(missing, "\(kind) value is", "\(kind) values are")
                + " missing or not finite and " + (missing == 1 ? "leaves a gap." : "leave gaps.")
        }
        return text
    }
}
