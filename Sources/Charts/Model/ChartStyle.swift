/// Fonts, colours and spacing shared by every part of a chart.
///
/// The defaults suit a figure about 1000 × 400 user units shown on a white page: text no smaller
/// than 12 units, a light grid, dark grey axes.
public struct ChartStyle: Hashable, Sendable {
    public var background: Color = .white
    public var titleFont = Font(family: ChartStyle.defaultFamily, size: 16, weight: .bold)
    public var axisLabelFont = Font(family: ChartStyle.defaultFamily, size: 12)
    public var tickLabelFont = Font(family: ChartStyle.defaultFamily, size: 12)
    public var legendFont = Font(family: ChartStyle.defaultFamily, size: 12)
    public var textColor = Color(rgb: 0x222222)
    public var tickLabelColor = Color(rgb: 0x444444)
    public var axis = StrokeStyle(color: Color(rgb: 0x555555), width: 1, cap: .square)
    public var grid = StrokeStyle(color: Color(rgb: 0xE3E3E3), width: 1)
    /// Empty space around the whole figure.
    public var padding: Double = 14
    /// Length of a major tick mark, outside the plot; minor ticks are half as long.
    public var tickLength: Double = 5
    /// Space between a tick mark and its label.
    public var tickLabelGap: Double = 4
    /// Space between the tick labels and the axis title.
    public var axisLabelGap: Double = 8
    /// Space between two panels.
    public var panelGap: Double = 16
    /// Space between the title/legend header and the plot.
    public var headerGap: Double = 12
    /// Length of the line sample in a legend entry.
    public var legendSampleLength: Double = 24
    /// Space between a legend sample and its text, and (×3) between entries.
    public var legendSpacing: Double = 6
    /// Least distance between two y ticks, which decides how many there are.
    public var minimumYTickSpacing: Double = 45
    /// Least free space between two neighbouring x tick labels.
    public var minimumXLabelSpacing: Double = 24
    /// Least distance between the data's lowest or highest value and the bottom or top of its
    /// panel: a line at the bottom of its range stays clear of the x axis line.
    public var minimumYDataInset: Double = 6

    /// The font family of every default font: DejaVu Sans, which Debian installs with
    /// `fonts-dejavu-core` and which covers the superscripts of log-axis labels.
    public static let defaultFamily = "DejaVu Sans"

    /// The default style.
    public static let standard = ChartStyle()

    public init() {}
}
