/// The band above the plot: the title on the left and the legend on the right.
///
/// When title and legend do not fit side by side, the legend takes rows of its own under the
/// title, each right-aligned, with entries wrapped as needed.
struct Header {
    private(set) var title: PlacedText?
    private(set) var legend: [LegendEntry] = []
    /// The y of the lowest point of the header; the top padding when it is empty.
    private(set) var bottom: Double

    init<Canvas: ChartCanvas>(chart: Chart, xDomain: ClosedRange<Double>, width: Double, canvas: Canvas) {
        let style = chart.style
        let padding = style.padding
        let available = width - 2 * padding
        let entryGap = 3 * style.legendSpacing
        let sampleSpace = style.legendSampleLength + style.legendSpacing

        let fittedTitle = TextFitting.fit(chart.title, font: style.titleFont, maxWidth: available, canvas: canvas)
        let items = Header.legendItems(chart: chart, xDomain: xDomain).compactMap { label, lineStyle in
            TextFitting.fit(label, font: style.legendFont, maxWidth: available - sampleSpace, canvas: canvas)
                .map { (text: $0.text, metrics: $0.metrics, style: lineStyle) }
        }
        let widths = items.map { sampleSpace + $0.metrics.width }
        let legendWidth = widths.reduce(0, +) + entryGap * Double(max(items.count - 1, 0))

        // Rows of legend entry indices.
        var rows: [[Int]] = []
        let sharesRow = fittedTitle == nil || (fittedTitle?.metrics.width ?? 0) + 2 * entryGap + legendWidth <= available
        if !items.isEmpty {
            if sharesRow {
                rows = [Array(items.indices)]
            } else {
                var current: [Int] = []
                var used = 0.0
                for index in items.indices {
                    let needed = (current.isEmpty ? 0 : entryGap) + widths[index]
                    if !current.isEmpty, used + needed > available {
                        rows.append(current)
                        current = []
                        used = 0
                    }
                    used += current.isEmpty ? widths[index] : needed
                    current.append(index)
                }
                rows.append(current)
            }
        }

        let legendMetrics = canvas.measure("0", font: style.legendFont)
        var y = padding
        var legendBaselines: [Double] = []
        if let fittedTitle {
            let rowHeight = sharesRow && !rows.isEmpty ? max(fittedTitle.metrics.height, legendMetrics.height) : fittedTitle.metrics.height
            title = PlacedText(
                text: fittedTitle.text,
                origin: Point(x: padding, y: y + (rowHeight - fittedTitle.metrics.height) / 2 + fittedTitle.metrics.ascent),
                font: style.titleFont, color: style.textColor, metrics: fittedTitle.metrics)
            if sharesRow, !rows.isEmpty {
                legendBaselines.append(y + (rowHeight - legendMetrics.height) / 2 + legendMetrics.ascent)
            }
            y += rowHeight
        }
        while legendBaselines.count < rows.count {
            if y > padding { y += style.legendSpacing }
            legendBaselines.append(y + legendMetrics.ascent)
            y += legendMetrics.height
        }
        bottom = y

        for (row, baseline) in zip(rows, legendBaselines) {
            let rowWidth = row.map { widths[$0] }.reduce(0, +) + entryGap * Double(row.count - 1)
            var x = width - padding - rowWidth
            for index in row {
                let item = items[index]
                let middle = baseline - (item.metrics.ascent - item.metrics.descent) / 2
                legend.append(LegendEntry(
                    sampleStart: Point(x: x, y: middle),
                    sampleEnd: Point(x: x + style.legendSampleLength, y: middle),
                    style: item.style,
                    label: PlacedText(
                        text: item.text, origin: Point(x: x + sampleSpace, y: baseline),
                        font: style.legendFont, color: style.textColor, metrics: item.metrics)))
                x += widths[index] + entryGap
            }
        }
    }

    /// Panel by panel: labelled series, labelled marker groups with at least one marker in range,
    /// labelled levels (one far off its panel, and so not drawn, says where: `clip threshold
    /// 1e+300, above the panel`), and labelled spans that reach into the x range.
    private static func legendItems(chart: Chart, xDomain: ClosedRange<Double>) -> [(String, StrokeStyle)] {
        chart.panels.flatMap { panel in
            let series = panel.series.filter { !$0.label.isEmpty }.map { ($0.label, $0.style) }
            let markers = panel.markers
                .filter { !$0.label.isEmpty && $0.positions.contains(where: xDomain.contains) }
                .map { ($0.label, $0.style) }
            let levels = panel.levels.filter { !$0.label.isEmpty && $0.value.isFinite }.map { level in
                switch panel.placement(of: level) {
                case .inPanel: (level.label, level.style)
                case .above: (level.label + ", above the panel", level.style)
                case .below: (level.label + ", below the panel", level.style)
                }
            }
            let spans = panel.spans
                .filter { !$0.label.isEmpty && max($0.from, $0.to) > xDomain.lowerBound && min($0.from, $0.to) < xDomain.upperBound }
                .map { ($0.label, $0.legendStyle) }
            return series + markers + levels + spans
        }
    }
}
