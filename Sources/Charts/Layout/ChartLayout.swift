/// Where every part of a chart goes on a canvas of a given size: pure geometry, computed from the
/// data and the measured sizes of the texts, before anything is drawn.
///
/// From the top: padding, a header row with the title on the left and the legend on the right
/// (the legend moves to rows of its own when both do not fit), the plot, the x tick labels and
/// the x-axis title. From the left: padding, the rotated y-axis title, the y tick labels, the
/// plot. Margins follow from the measured text, so long tick labels push the plot inwards
/// instead of being cut. The legend never overlaps the plot.
struct ChartLayout: Sendable {
    var size: Size
    /// The area of the data, with edges on whole units.
    var plot: Rect
    var xScale: Scale
    var yScale: Scale
    var title: PlacedText?
    var legend: [LegendEntry]
    var xTicks: [PlacedTick]
    var yTicks: [PlacedTick]
    /// Positions of minor ticks along each axis.
    var xMinorTicks: [Double]
    var yMinorTicks: [Double]
    var xLabel: PlacedText?
    var yLabel: PlacedText?

    init<Canvas: ChartCanvas>(chart: Chart, canvas: Canvas) {
        let style = chart.style
        let width = ChartLayout.usable(canvas.size.width)
        let height = ChartLayout.usable(canvas.size.height)
        let padding = style.padding
        size = Size(width: width, height: height)

        let xDomain = DomainFitting.domain(extent: DataExtent.x(of: chart.series), scale: chart.xAxis.scale, padding: 0)
        let yDomain = DomainFitting.domain(
            extent: DataExtent.y(of: chart.series, scale: chart.yAxis.scale), scale: chart.yAxis.scale, padding: 0.05)

        // MARK: Header: title and legend
        let header = Header(chart: chart, xDomain: xDomain, width: width, canvas: canvas)
        title = header.title
        legend = header.legend
        let tickFontMetrics = canvas.measure("0", font: style.tickLabelFont)
        let plotTop = header.bottom > padding
            ? (header.bottom + style.headerGap).rounded(.up)
            : (padding + tickFontMetrics.height / 2).rounded(.up)

        // MARK: Bottom: x tick labels and x-axis title
        let xTitle = TextFitting.fit(chart.xAxis.label, font: style.axisLabelFont, maxWidth: width - 2 * padding, canvas: canvas)
        let xTitleSpace = xTitle.map { $0.metrics.height + style.axisLabelGap } ?? 0
        let bottomMargin = padding + xTitleSpace + tickFontMetrics.height + style.tickLabelGap + style.tickLength
        let plotBottom = max((height - bottomMargin).rounded(.down), plotTop + 1)

        // MARK: Left: y tick labels and y-axis title
        let yIntervals = min(max(Int((plotBottom - plotTop) / style.minimumYTickSpacing), 1), 10)
        let yTickSet = TickSet.make(
            domain: yDomain, scale: chart.yAxis.scale, maxIntervals: yIntervals, integer: chart.yAxis.integerTicks)
        let yTickMetrics = yTickSet.major.map { canvas.measure($0.label, font: style.tickLabelFont) }
        let yTickWidth = yTickMetrics.map(\.width).max() ?? 0
        let yTitle = TextFitting.fit(chart.yAxis.label, font: style.axisLabelFont, maxWidth: plotBottom - plotTop, canvas: canvas)
        let yTitleSpace = yTitle.map { $0.metrics.height + style.axisLabelGap } ?? 0
        var plotLeft = (padding + yTitleSpace + yTickWidth + style.tickLabelGap + style.tickLength).rounded(.up)
        var plotRight = max((width - padding).rounded(.down), plotLeft + 1)

        // MARK: x ticks: as many as fit without their labels touching
        let xTickSet = ChartLayout.xTicks(chart: chart, domain: xDomain, from: plotLeft, to: plotRight, canvas: canvas)
        let xTickMetrics = xTickSet.major.map { canvas.measure($0.label, font: style.tickLabelFont) }
        var xScale = Scale(kind: chart.xAxis.scale, domain: xDomain, start: plotLeft, end: plotRight)
        if let last = xTickSet.major.last, let metrics = xTickMetrics.last {
            let overflow = xScale.position(last.value) + metrics.width / 2 - (width - padding)
            if overflow > 0 { plotRight = max(plotRight - overflow.rounded(.up), plotLeft + 1) }
        }
        if let first = xTickSet.major.first, let metrics = xTickMetrics.first {
            let overflow = padding - (xScale.position(first.value) - metrics.width / 2)
            if overflow > 0 { plotLeft = min(plotLeft + overflow.rounded(.up), plotRight - 1) }
        }
        xScale = Scale(kind: chart.xAxis.scale, domain: xDomain, start: plotLeft, end: plotRight)
        let yScale = Scale(kind: chart.yAxis.scale, domain: yDomain, start: plotBottom, end: plotTop)
        self.xScale = xScale
        self.yScale = yScale
        plot = Rect(x: plotLeft, y: plotTop, width: plotRight - plotLeft, height: plotBottom - plotTop)

        // MARK: Placing the texts
        let tickBaseline = plotBottom + style.tickLength + style.tickLabelGap + tickFontMetrics.ascent
        xTicks = zip(xTickSet.major, xTickMetrics).map { tick, metrics in
            let x = xScale.position(tick.value)
            return PlacedTick(value: tick.value, position: x, label: PlacedText(
                text: tick.label, origin: Point(x: x - metrics.width / 2, y: tickBaseline),
                font: style.tickLabelFont, color: style.tickLabelColor, metrics: metrics))
        }
        let yLabelRight = plotLeft - style.tickLength - style.tickLabelGap
        yTicks = zip(yTickSet.major, yTickMetrics).map { tick, metrics in
            let y = yScale.position(tick.value)
            return PlacedTick(value: tick.value, position: y, label: PlacedText(
                text: tick.label, origin: Point(x: yLabelRight - metrics.width, y: y + (metrics.ascent - metrics.descent) / 2),
                font: style.tickLabelFont, color: style.tickLabelColor, metrics: metrics))
        }
        xMinorTicks = xTickSet.minor.map { xScale.position($0) }.filter { $0 >= plotLeft && $0 <= plotRight }
        yMinorTicks = yTickSet.minor.map { yScale.position($0) }.filter { $0 >= plotTop && $0 <= plotBottom }

        xLabel = xTitle.map { fitted in
            let centred = (plotLeft + plotRight) / 2 - fitted.metrics.width / 2
            let x = max(padding, min(centred, width - padding - fitted.metrics.width))
            return PlacedText(
                text: fitted.text, origin: Point(x: x, y: height - padding - fitted.metrics.descent),
                font: style.axisLabelFont, color: style.textColor, metrics: fitted.metrics)
        }
        yLabel = yTitle.map { fitted in
            PlacedText(
                text: fitted.text,
                origin: Point(x: padding + fitted.metrics.ascent, y: (plotTop + plotBottom) / 2 + fitted.metrics.width / 2),
                font: style.axisLabelFont, color: style.textColor, rotation: .vertical, metrics: fitted.metrics)
        }
    }

    /// A canvas dimension made safe to compute with: at least 1 unit, finite.
    private static func usable(_ length: Double) -> Double {
        length.isFinite ? min(max(length, 1), 1e6) : 1
    }

    /// The most x ticks (up to one per 60 units) whose labels keep a clear gap between them.
    private static func xTicks<Canvas: ChartCanvas>(
        chart: Chart, domain: ClosedRange<Double>, from left: Double, to right: Double, canvas: Canvas
    ) -> TickSet {
        let style = chart.style
        let scale = Scale(kind: chart.xAxis.scale, domain: domain, start: left, end: right)
        let most = min(max(Int((right - left) / 60), 1), 15)
        var ticks = TickSet(major: [])
        for intervals in stride(from: most, through: 1, by: -1) {
            ticks = TickSet.make(domain: domain, scale: chart.xAxis.scale, maxIntervals: intervals, integer: chart.xAxis.integerTicks)
            let widths = ticks.major.map { canvas.measure($0.label, font: style.tickLabelFont).width }
            let positions = ticks.major.map { scale.position($0.value) }
            let clear = positions.indices.dropFirst().allSatisfy { index in
                positions[index] - positions[index - 1]
                    >= (widths[index] + widths[index - 1]) / 2 + style.minimumXLabelSpacing
            }
            if clear { break }
        }
        return ticks
    }
}
