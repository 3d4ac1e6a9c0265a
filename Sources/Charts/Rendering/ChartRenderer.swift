/// Draws a laid-out chart onto a canvas, back to front: background, then panel by panel its
/// shaded spans, grid, markers, levels, series, axes and the series' lone points, then all text.
struct ChartRenderer<Canvas: ChartCanvas> {
    let chart: Chart
    let layout: ChartLayout

    func draw(on canvas: inout Canvas) {
        let style = chart.style
        let grid = PixelGrid(resolution: canvas.resolution)
        canvas.fill(.rectangle(Rect(x: 0, y: 0, width: layout.size.width, height: layout.size.height)), color: style.background)
        for (index, (panel, placed)) in zip(chart.panels, layout.panels).enumerated() {
            for span in panel.spans { drawSpan(span, in: placed, on: &canvas) }
            drawGrid(placed, on: &canvas, grid: grid)
            for markers in panel.markers { drawMarkers(markers, in: placed, on: &canvas, grid: grid) }
            for level in panel.levels { drawLevel(level, in: placed, on: &canvas, grid: grid) }
            for fill in panel.fills where panel.series.indices.contains(fill.lower) && panel.series.indices.contains(fill.upper) {
                let path = AreaPath(
                    lower: panel.series[fill.lower], upper: panel.series[fill.upper], xScale: layout.xScale,
                    yScale: placed.yScale, resolution: canvas.resolution).path
                if !path.isEmpty { canvas.fill(path, color: fill.color) }
            }
            var dots: [(Path, StrokeStyle)] = []
            for series in panel.series {
                let paths = SeriesPath(series, xScale: layout.xScale, yScale: placed.yScale, resolution: canvas.resolution)
                if !paths.line.isEmpty { canvas.stroke(paths.line, style: series.style) }
                if !paths.dots.isEmpty { dots.append((paths.dots, SeriesPath.dotStyle(for: series.style))) }
            }
            drawAxes(placed, xTickMarks: index == layout.panels.count - 1, on: &canvas, grid: grid)
            // Lone points over the axes: one at the first or last step, or at the top or bottom of
            // the range, sits on an axis line, which would hide it (a line's end there stays
            // visible along the line).
            for (path, style) in dots { canvas.stroke(path, style: style) }
        }
        drawTexts(on: &canvas)
    }

    // MARK: - Plot furniture

    private func drawGrid(_ panel: ChartLayout.PanelLayout, on canvas: inout Canvas, grid: PixelGrid) {
        let plot = panel.plot
        let width = chart.style.grid.width
        var path = Path()
        for tick in panel.yTicks {
            let y = grid.snap(tick.position, width: width)
            path.move(to: Point(x: plot.minX, y: y))
            path.line(to: Point(x: plot.maxX, y: y))
        }
        for tick in layout.xTicks {
            let x = grid.snap(tick.position, width: width)
            path.move(to: Point(x: x, y: plot.minY))
            path.line(to: Point(x: x, y: plot.maxY))
        }
        if !path.isEmpty { canvas.stroke(path, style: chart.style.grid) }
    }

    private func drawSpan(_ span: ShadedSpan, in panel: ChartLayout.PanelLayout, on canvas: inout Canvas) {
        let domain = layout.xScale.domain
        guard span.from.isFinite, span.to.isFinite else { return }
        let low = max(min(span.from, span.to), domain.lowerBound), high = min(max(span.from, span.to), domain.upperBound)
        guard low < high else { return }
        let left = layout.xScale.position(low), right = layout.xScale.position(high)
        let plot = panel.plot
        canvas.fill(.rectangle(Rect(x: min(left, right), y: plot.minY, width: abs(right - left), height: plot.height)), color: span.color)
    }

    private func drawMarkers(_ markers: VerticalMarkers, in panel: ChartLayout.PanelLayout, on canvas: inout Canvas, grid: PixelGrid) {
        let plot = panel.plot
        var path = Path()
        var columns = Set<Double>()  // one line per device column, however many markers share it
        for position in markers.positions where position.isFinite && layout.xScale.domain.contains(position) {
            let x = grid.snap(layout.xScale.position(position), width: markers.style.width)
            guard columns.insert(x).inserted else { continue }
            path.move(to: Point(x: x, y: plot.minY))
            path.line(to: Point(x: x, y: plot.maxY))
        }
        if !path.isEmpty { canvas.stroke(path, style: markers.style) }
    }

    private func drawLevel(_ level: HorizontalLevel, in panel: ChartLayout.PanelLayout, on canvas: inout Canvas, grid: PixelGrid) {
        let position = panel.yScale.position(transformed: Scale.transform(level.value, panel.yScale.kind))
        guard position.isFinite, position >= panel.plot.minY, position <= panel.plot.maxY else { return }
        let y = grid.snap(position, width: level.style.width)
        canvas.stroke(.segment(from: Point(x: panel.plot.minX, y: y), to: Point(x: panel.plot.maxX, y: y)), style: level.style)
    }

    private func drawAxes(_ panel: ChartLayout.PanelLayout, xTickMarks: Bool, on canvas: inout Canvas, grid: PixelGrid) {
        let style = chart.style
        let plot = panel.plot
        let width = style.axis.width
        let left = grid.snap(plot.minX, width: width)
        let bottom = grid.snap(plot.maxY, width: width)
        var path = Path()
        path.move(to: Point(x: left, y: plot.minY))
        path.line(to: Point(x: left, y: bottom))
        path.line(to: Point(x: plot.maxX, y: bottom))
        let major = style.tickLength
        let minor = style.tickLength / 2
        if xTickMarks {
            for (position, length) in layout.xTicks.map({ ($0.position, major) }) + layout.xMinorTicks.map({ ($0, minor) }) {
                let x = grid.snap(position, width: width)
                path.move(to: Point(x: x, y: bottom))
                path.line(to: Point(x: x, y: bottom + length))
            }
        }
        for (position, length) in panel.yTicks.map({ ($0.position, major) }) + panel.yMinorTicks.map({ ($0, minor) }) {
            let y = grid.snap(position, width: width)
            path.move(to: Point(x: left, y: y))
            path.line(to: Point(x: left - length, y: y))
        }
        canvas.stroke(path, style: style.axis)
    }

    // MARK: - Text

    private func drawTexts(on canvas: inout Canvas) {
        let texts = layout.xTicks.map(\.label) + layout.panels.flatMap { $0.yTicks.map(\.label) }
            + ([layout.xLabel] + layout.panels.map(\.yLabel) + [layout.title]).compactMap { $0 }
        for text in texts { draw(text, on: &canvas) }
        for entry in layout.legend {
            var sampleStyle = entry.style
            sampleStyle.cap = .butt
            canvas.stroke(.segment(from: entry.sampleStart, to: entry.sampleEnd), style: sampleStyle)
            draw(entry.label, on: &canvas)
        }
    }

    private func draw(_ text: PlacedText, on canvas: inout Canvas) {
        canvas.drawText(text.text, at: text.origin, font: text.font, color: text.color, rotation: text.rotation)
    }
}
