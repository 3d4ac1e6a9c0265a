/// The real and predicted value of every point of the run, as the figures draw them: doubles, with
/// `nan` for a value that is missing or not finite. Made once and shared by the light and dark
/// figures, so that a long run's values are held once.
public struct PointSeries: Sendable {
    public let real: [Double]
    public let prediction: [Double]

    public init(_ input: TrainingFigureInput) {
        func samples(_ values: [Float?]) -> [Double] {
            values.map { value in value.map(Double.init) ?? .nan }
        }
        real = samples(input.real)
        prediction = samples(input.prediction)
    }
}
