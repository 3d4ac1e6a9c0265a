import RNNCore

extension TrainingConfiguration {
    /// The task as a name: `sin(t) → cos(t)`, or `indoor_c from heater_kw, outdoor_c in
    /// room-temperature.csv`.
    public var taskName: String {
        guard let data else { return "sin(t) → cos(t)" }
        let inputs = input.joined(separator: ", ")
        return (target ?? "target") + (inputs.isEmpty ? "" : " from \(inputs)") + " in \(data)"
    }

    /// The units of the run's loss, in words: the quantity it predicts, `cos(t)` or `indoor_c in
    /// room-temperature.csv`, and for a series standardised with `--normalize`, `standardised`
    /// after it. Two runs' losses can be set side by side only when these are the same: the
    /// squared error of another quantity, or of the same one divided by its training rows'
    /// standard deviation, is another number. The inputs do not change it: a run that predicts
    /// the same column from other inputs is measured in the same units.
    public var lossUnits: String {
        guard let data else { return "cos(t)" }
        // The file's name, as a run's metrics record it (a sweep's grid may hold its path).
        let name = data.split(separator: "/").last.map(String.init) ?? data
        return "\(target ?? "target") in \(name)" + (normalize ? ", standardised" : "")
    }

    /// The distinct ``lossUnits`` of `configurations`, in their order.
    static func lossUnits(of configurations: some Sequence<TrainingConfiguration>) -> [String] {
        var units: [String] = []
        for configuration in configurations where !units.contains(configuration.lossUnits) {
            units.append(configuration.lossUnits)
        }
        return units
    }

    /// Why runs whose losses are in different units (`units`, more than one) cannot be ranked by
    /// them: `the losses are squared errors of different quantities (…)`.
    static func unlikeLosses(_ units: [String]) -> String {
        "the losses are squared errors of different quantities (\(units.joined(separator: "; ")))"
    }
}
