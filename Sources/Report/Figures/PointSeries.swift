/// The real and predicted value of every point of the run, as the figures draw them: floats, as
/// the run recorded them, with `nan` for a value that is missing or not finite. Made once and shared by the light and dark
/// figures, so that a long run's values are held once.
public struct PointSeries: Sendable {
    public let real: [Float]
    public let prediction: [Float]

    /// The points of `input`, or `nil` when the run recorded none.
    public init?(_ input: TrainingFigureInput) {
        guard input.hasPoints else { return nil }
        func samples(_ values: [Float?]?) -> [Float] {
            (values ?? []).map { value in value ?? .nan }
        }
        real = samples(input.real)
        prediction = samples(input.prediction)
    }
}
