/// Makes user-supplied text fit the space the layout has for it.
enum TextFitting {
    /// `text` as it will be drawn: control characters (line breaks, tabs) become spaces, and text
    /// wider than `maxWidth` is cut and ends with an ellipsis.
    ///
    /// - Returns: The text and its size, or `nil` when there is nothing to draw (empty text, or
    ///   not even an ellipsis fits).
    static func fit<Canvas: ChartCanvas>(
        _ text: String, font: Font, maxWidth: Double, canvas: Canvas
    ) -> (text: String, metrics: TextMetrics)? {
        let clean = String(text.map { character -> Character in
            let isControl = character.unicodeScalars.contains { $0.properties.generalCategory == .control }
            return character.isNewline || isControl ? " " : character
        })
        guard !clean.allSatisfy({ $0.isWhitespace }) else { return nil }
        let whole = canvas.measure(clean, font: font)
        if whole.width <= maxWidth { return (clean, whole) }
        let characters = Array(clean)
        // The longest prefix that fits with an ellipsis: width grows with length, so bisect.
        var low = 0
        var high = characters.count - 1
        var best: (text: String, metrics: TextMetrics)?
        while low <= high {
            let middle = (low + high) / 2
            let candidate = String(characters[..<middle]).trimmingTrailingWhitespace() + "…"
            let metrics = canvas.measure(candidate, font: font)
            if metrics.width <= maxWidth {
                best = (candidate, metrics)
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return best
    }
}

extension String {
    fileprivate func trimmingTrailingWhitespace() -> String {
        var result = self
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
