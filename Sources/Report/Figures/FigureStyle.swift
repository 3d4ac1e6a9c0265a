import Charts

/// Line styles shared by the report's figures, from the colour-blind-safe palette.
enum FigureStyle {
    /// The target: a wide, light blue band, so that the prediction drawn over it stays visible
    /// where the two coincide.
    static let real = StrokeStyle.series(Palette.blue.opacity(0.45), width: 3.5)
    /// The prediction: a thin vermillion line on top.
    static let prediction = StrokeStyle.series(Palette.vermillion, width: 1.25)
    /// The loss of each step: faint, as TensorBoard draws the unsmoothed curve.
    static let rawLoss = StrokeStyle.series(Palette.blue.opacity(0.4), width: 1)
    /// The smoothed loss: solid.
    static let smoothedLoss = StrokeStyle.series(Palette.blue, width: 2)
    /// A change of learning rate: a thin dashed grey line behind the data.
    static let learningRateMarker = StrokeStyle(color: Color(rgb: 0x8A8A8A), width: 1, dash: [4, 3])
}
