// MARK: - Drawing

extension Chart {
    /// Lays the chart out for the canvas's size and draws it.
    ///
    /// The same chart on canvases of the same size and resolution that measure text alike gives
    /// the same sequence of drawing operations.
    public func draw<Canvas: ChartCanvas>(on canvas: inout Canvas) {
        let layout = ChartLayout(chart: self, canvas: canvas)
        ChartRenderer<Canvas>(chart: self, layout: layout).draw(on: &canvas)
    }
}
