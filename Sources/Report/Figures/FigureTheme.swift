import Charts

/// The colours of a figure: for a light page, or a dark one (`NAME.dark.svg`).
///
/// Both use the Okabe–Ito palette, which colour-blind readers can tell apart; on dark the lighter
/// members take the place of the darker ones. Text in either meets WCAG's 4.5:1 contrast against
/// its background.
public enum FigureTheme: String, CaseIterable, Sendable {
    case light
    case dark

    /// The chart style: background, text, grid and axes.
    public var chartStyle: ChartStyle {
        var style = ChartStyle.standard
        if self == .dark {
            style.background = Color(rgb: 0x0D1117)
            style.textColor = Color(rgb: 0xE6EDF3)
            style.tickLabelColor = Color(rgb: 0xC9D1D9)
            style.axis.color = Color(rgb: 0x8B949E)
            style.grid.color = Color(rgb: 0x262C36)
        }
        return style
    }

    /// The target: a wide, pale band, so that the prediction drawn over it stays visible where
    /// the two coincide.
    var real: StrokeStyle {
        self == .light ? .series(Palette.blue.opacity(0.45), width: 3.5) : .series(Palette.skyBlue.opacity(0.5), width: 3.5)
    }

    /// The prediction: a thin line on top.
    var prediction: StrokeStyle {
        self == .light ? .series(Palette.vermillion, width: 1.25) : .series(Palette.orange, width: 1.25)
    }

    /// The error of each window: neutral, so that it does not read as one of the two lines above.
    var error: StrokeStyle {
        self == .light ? .series(Color(rgb: 0x3A3F47), width: 1.25) : .series(Color(rgb: 0xD0D7DE), width: 1.25)
    }

    /// A threshold: dashed, behind the data.
    var threshold: StrokeStyle { clipLevel }

    /// The loss of each step: faint, as TensorBoard draws the unsmoothed curve.
    var rawLoss: StrokeStyle {
        self == .light ? .series(Palette.blue.opacity(0.35), width: 1) : .series(Palette.skyBlue.opacity(0.4), width: 1)
    }

    /// The loss of each step when it is not smoothed (a run shorter than the smoothing window):
    /// the main line, solid, in the smoothed loss's colour.
    var unsmoothedLoss: StrokeStyle {
        self == .light ? .series(Palette.blue, width: 1.5) : .series(Palette.skyBlue, width: 1.5)
    }

    /// The smoothed loss: solid.
    var smoothedLoss: StrokeStyle {
        self == .light ? .series(Palette.blue, width: 2) : .series(Palette.skyBlue, width: 2)
    }

    /// The learning rate.
    var learningRate: StrokeStyle {
        self == .light ? .series(Palette.bluishGreen, width: 1.75) : .series(Color(rgb: 0x3DD6AC), width: 1.75)
    }

    /// The gradient norm before clipping.
    var gradNorm: StrokeStyle {
        self == .light ? .series(Palette.reddishPurple, width: 1) : .series(Palette.reddishPurple, width: 1)
    }

    /// The band behind the held-out rows: faint enough that both lines read over it.
    var heldOut: Color {
        self == .light ? Palette.orange.opacity(0.16) : Palette.orange.opacity(0.14)
    }

    /// Where a CSV series starts over (a new epoch): a thin dotted line, behind the data.
    var restart: StrokeStyle {
        StrokeStyle(color: self == .light ? Color(rgb: 0x6E6E6E) : Color(rgb: 0xA0A0A0), width: 1, dash: [1.5, 2.5])
    }

    /// The clipping threshold: dashed, behind the data.
    var clipLevel: StrokeStyle {
        StrokeStyle(color: self == .light ? Color(rgb: 0x6E6E6E) : Color(rgb: 0xA0A0A0), width: 1, dash: [5, 3])
    }
}
