/// Where every part of a chart goes on a canvas of a given size: pure geometry, computed from the
/// data and the measured sizes of the texts, before anything is drawn.
///
/// From the top: padding, a header row with the title on the left and the legend on the right
/// (the legend moves to rows of its own when both do not fit), the panels, one under the other
/// with a gap between them, the x tick labels and the x-axis title. From the left: padding, the
/// rotated y-axis titles, the y tick labels, the plots, which all start and end at the same x.
/// Margins follow from the measured text, so long tick labels push the plots inwards instead of
/// being cut. The legend never overlaps a plot.
struct ChartLayout: Sendable {
    /// Where one panel goes: its plot area, its y scale, ticks and title.
    struct PanelLayout: Sendable {
        /// The area of the data, with edges on whole units.
        var plot: Rect
        var yScale: Scale
        var yTicks: [PlacedTick]
        /// Positions of the minor y ticks.
        var yMinorTicks: [Double]
        var yLabel: PlacedText?
    }

    var size: Size
    /// The panels, top to bottom, all as wide as each other.
    var panels: [PanelLayout]
    var xScale: Scale
    var title: PlacedText?
    var legend: [LegendEntry]
    /// The x ticks, labelled under the bottom panel; their positions serve every panel's grid.
    var xTicks: [PlacedTick]
    /// Positions of minor ticks along the x axis.
    var xMinorTicks: [Double]
    var xLabel: PlacedText?

    /// The top panel's plot area (the whole plot of a chart of one panel).
    var plot: Rect { panels[0].plot }
    /// The top panel's y scale.
    var yScale: Scale { panels[0].yScale }
    /// The top panel's y ticks.
    var yTicks: [PlacedTick] { panels[0].yTicks }
    /// The top panel's minor y ticks.
    var yMinorTicks: [Double] { panels[0].yMinorTicks }
    /// The top panel's y-axis title.
    var yLabel: PlacedText? { panels[0].yLabel }

    /// A panel's vertical extent and y ticks, before the plots' left edge is known.
    private struct Vertical {
        var top: Double
        var bottom: Double
        var domain: ClosedRange<Double>
        var ticks: TickSet
        var tickMetrics: [TextMetrics]
        var title: (text: String, metrics: TextMetrics)?
    }

    init<Canvas: ChartCanvas>(chart: Chart, canvas: Canvas) {
        let style = chart.style
        let width = ChartLayout.usable(canvas.size.width)
        let height = ChartLayout.usable(canvas.size.height)
        let padding = style.padding
        size = Size(width: width, height: height)

        let xDomain = DomainFitting.domain(
            extent: DataExtent.x(of: chart.series), scale: chart.xAxis.scale, padding: 0, minimum: chart.xAxis.minimum)

        // MARK: Header: title and legend
        let header = Header(chart: chart, xDomain: xDomain, width: width, canvas: canvas)
        title = header.title
        legend = header.legend
        let tickFontMetrics = canvas.measure("0", font: style.tickLabelFont)
        let plotsTop = header.bottom > padding
            ? (header.bottom + style.headerGap).rounded(.up)
            : (padding + tickFontMetrics.height / 2).rounded(.up)

        // MARK: Bottom: x tick labels and x-axis title
        let xTitle = TextFitting.fit(chart.xAxis.label, font: style.axisLabelFont, maxWidth: width - 2 * padding, canvas: canvas)
        let xTitleSpace = xTitle.map { $0.metrics.height + style.axisLabelGap } ?? 0
        let bottomMargin = padding + xTitleSpace + tickFontMetrics.height + style.tickLabelGap + style.tickLength
        let plotsBottom = max((height - bottomMargin).rounded(.down), plotsTop + 1)

        // MARK: Panels: heights by share (each at least as tall as its title), then each one's y ticks and title
        let titleLengths = chart.panels.map { canvas.measure($0.yAxis.label, font: style.axisLabelFont).width.rounded(.up) }
        let bands = ChartLayout.bands(
            of: chart.panels, from: plotsTop, to: plotsBottom, gap: style.panelGap, minimumHeights: titleLengths)
        let verticals = zip(chart.panels, bands).map { panel, band in
            let yDomain = DomainFitting.domain(
                extent: DataExtent.y(of: panel, scale: panel.yAxis.scale), scale: panel.yAxis.scale,
                padding: ChartLayout.yPadding(height: band.bottom - band.top, inset: style.minimumYDataInset),
                minimum: panel.yAxis.minimum)
            let intervals = min(max(Int((band.bottom - band.top) / style.minimumYTickSpacing), 1), 10)
            let ticks = TickSet.make(
                domain: yDomain, scale: panel.yAxis.scale, maxIntervals: intervals, integer: panel.yAxis.integerTicks)
            return Vertical(
                top: band.top, bottom: band.bottom, domain: yDomain, ticks: ticks,
                tickMetrics: ticks.major.map { canvas.measure($0.label, font: style.tickLabelFont) },
                title: TextFitting.fit(panel.yAxis.label, font: style.axisLabelFont, maxWidth: band.bottom - band.top, canvas: canvas))
        }

        // MARK: Left: the widest y tick labels and y-axis titles of any panel
        let yTickWidth = verticals.flatMap { $0.tickMetrics.map(\.width) }.max() ?? 0
        let yTitleSpace = verticals.compactMap { $0.title.map { $0.metrics.height + style.axisLabelGap } }.max() ?? 0
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
        self.xScale = xScale

        // MARK: Placing the panels and their texts
        let yLabelRight = plotLeft - style.tickLength - style.tickLabelGap
        panels = zip(chart.panels, verticals).map { panel, vertical in
            let yScale = Scale(kind: panel.yAxis.scale, domain: vertical.domain, start: vertical.bottom, end: vertical.top)
            let yTicks = zip(vertical.ticks.major, vertical.tickMetrics).map { tick, metrics in
                let y = yScale.position(tick.value)
                return PlacedTick(value: tick.value, position: y, label: PlacedText(
                    text: tick.label, origin: Point(x: yLabelRight - metrics.width, y: y + (metrics.ascent - metrics.descent) / 2),
                    font: style.tickLabelFont, color: style.tickLabelColor, metrics: metrics))
            }
            let yLabel = vertical.title.map { fitted in
                PlacedText(
                    text: fitted.text,
                    origin: Point(x: padding + fitted.metrics.ascent, y: (vertical.top + vertical.bottom) / 2 + fitted.metrics.width / 2),
                    font: style.axisLabelFont, color: style.textColor, rotation: .vertical, metrics: fitted.metrics)
            }
            return PanelLayout(
                plot: Rect(x: plotLeft, y: vertical.top, width: plotRight - plotLeft, height: vertical.bottom - vertical.top),
                yScale: yScale, yTicks: yTicks,
                yMinorTicks: vertical.ticks.minor.map { yScale.position($0) }.filter { $0 >= vertical.top && $0 <= vertical.bottom },
                yLabel: yLabel)
        }
        let plotBottom = verticals.last?.bottom ?? plotsBottom
        let tickBaseline = plotBottom + style.tickLength + style.tickLabelGap + tickFontMetrics.ascent
        xTicks = zip(xTickSet.major, xTickMetrics).map { tick, metrics in
            let x = xScale.position(tick.value)
            return PlacedTick(value: tick.value, position: x, label: PlacedText(
                text: tick.label, origin: Point(x: x - metrics.width / 2, y: tickBaseline),
                font: style.tickLabelFont, color: style.tickLabelColor, metrics: metrics))
        }
        xMinorTicks = xTickSet.minor.map { xScale.position($0) }.filter { $0 >= plotLeft && $0 <= plotRight }
        xLabel = xTitle.map { fitted in
            let centred = (plotLeft + plotRight) / 2 - fitted.metrics.width / 2
            let x = max(padding, min(centred, width - padding - fitted.metrics.width))
            return PlacedText(
                text: fitted.text, origin: Point(x: x, y: height - padding - fitted.metrics.descent),
                font: style.axisLabelFont, color: style.textColor, metrics: fitted.metrics)
        }
    }

    /// The top and bottom of each panel between `top` and `bottom`: heights in proportion to the
    /// panels' shares, `gap` between neighbours, edges on whole units, each at least 1 unit high.
    ///
    /// A panel whose share would make it shorter than its entry of `minimumHeights` (its y-axis
    /// title's length, so that the title is not cut: a learning-rate panel under a legend of two
    /// rows) is given that height, and the others share the rest by their shares; where the
    /// minimums do not all fit, every panel has its share.
    static func bands(
        of panels: [Panel], from top: Double, to bottom: Double, gap: Double, minimumHeights: [Double] = []
    ) -> [(top: Double, bottom: Double)] {
        let gaps = gap * Double(panels.count - 1)
        let available = max(bottom - top - gaps, Double(panels.count))
        let heights = heights(shares: panels.map(\.heightShare), available: available, minimums: minimumHeights)
        var result: [(top: Double, bottom: Double)] = []
        var start = top
        var sum = 0.0
        for index in panels.indices {
            sum += heights[index]
            let end = index == panels.count - 1
                ? max(bottom, start + 1)
                : max((top + sum + gap * Double(index)).rounded(), start + 1)
            result.append((start, end))
            start = end + gap
        }
        return result
    }

    /// Heights that add up to `available`, in proportion to `shares`, except that a height below
    /// its minimum is raised to it and the others share what is left; proportional alone where
    /// the minimums (missing ones 0) do not fit.
    static func heights(shares: [Double], available: Double, minimums: [Double]) -> [Double] {
        let minimums = shares.indices.map { $0 < minimums.count && minimums[$0].isFinite ? max(minimums[$0], 0) : 0 }
        let fits = minimums.reduce(0, +) < available
        // Raised to their minimum, one round at a time: each round's raise leaves the others less,
        // which may put another below its own. While the minimums fit, one panel at least stays
        // free (their sum is below what the free panels share).
        var pinned = [Bool](repeating: false, count: shares.count)
        while true {
            let room = available - shares.indices.filter { pinned[$0] }.map { minimums[$0] }.reduce(0, +)
            let total = shares.indices.filter { !pinned[$0] }.map { shares[$0] }.reduce(0, +)
            let free = pinned.filter { !$0 }.count
            let heights = shares.indices.map { index in
                pinned[index] ? minimums[index] : total > 0 ? room * shares[index] / total : room / Double(free)
            }
            let below = shares.indices.filter { !pinned[$0] && heights[$0] < minimums[$0] }
            guard fits, !below.isEmpty else { return heights }
            for index in below { pinned[index] = true }
        }
    }

    /// The padding of a panel's y range, as a fraction of the data's span at each end: 5 %, or
    /// more in a short panel, so that the data's extremes are at least `inset` units inside a
    /// plot `height` tall. (5 % of a learning-rate panel 75 units high put a rate reduced to the
    /// bottom of its range 3.4 units above the x axis, half hidden by the axis line.) A fraction
    /// p of the span at each end puts the extremes p · height / (1 + 2p) inside; at most 1.
    static func yPadding(height: Double, inset: Double) -> Double {
        let free = height - 2 * inset
        guard free > 0, inset > 0 else { return inset > 0 ? 1 : 0.05 }
        return min(max(0.05, inset / free), 1)
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
