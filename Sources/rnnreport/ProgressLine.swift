import Foundation

/// What a progress line says (the work's label, how much of it is done, a detail, the time so far
/// and the time left) and how it is laid out: fitted into a terminal's width with a bar, or plain,
/// for a log.
struct ProgressLine {
    /// What the work is: `training`, `writing`, `sweep`.
    var label: String
    var done: Int
    var total: Int
    /// What follows the count, such as `loss 1.234e-02  lr 5.00e-03`: parts separated by two
    /// spaces, the first the most important (a narrow line keeps the first parts).
    var detail: String
    /// The seconds since the work started.
    var elapsed: Double

    /// The widest and the narrowest bar, in columns.
    static let widestBar = 30
    static let narrowestBar = 8
    /// The seconds of work before the time left is estimated: the rate of the first steps, which
    /// include a run's start, says little of the rest.
    static let estimateAfter = 1.0

    /// The seconds left, at the rate so far; `nil` until a unit is done and ``estimateAfter``
    /// seconds have passed, and once all are done.
    var timeLeft: Double? {
        guard done > 0, done < total, elapsed >= Self.estimateAfter else { return nil }
        return elapsed / Double(done) * Double(total - done)
    }

    /// The whole line, without a bar: what a log gets (`training 1200/3000  loss 1.234e-02
    /// lr 5.00e-03  12.3 s, about 18 s left`).
    var plain: String {
        layout(label: true, bar: nil, detail: detail, elapsed: true, timeLeft: true)
    }

    /// The line for a terminal `width` columns wide, in at most `width - 1` columns, so that it
    /// never wraps (the redraw clears only the cursor's row, so a line that wraps leaves a row
    /// behind each time) and the cursor never sits past the last column.
    ///
    /// The bar shrinks first, from ``widestBar`` columns to ``narrowestBar``; then the fields go,
    /// the least important first: the elapsed time, the detail's last parts (and its first part's
    /// end, cut with `…`), the bar, the label, the time left. `done/total` stays, cut only when
    /// the width leaves no room even for it alone.
    func fitted(toWidth width: Int) -> String {
        let limit = max(width - 1, 1)
        let parts = detail.components(separatedBy: "  ").filter { !$0.isEmpty }
        // With a bar: the detail's parts, from all to the first only, then none.
        var details = [(detail: String, elapsed: Bool)]()
        details.append((parts.joined(separator: "  "), true))
        for count in stride(from: parts.count, through: 1, by: -1) {
            details.append((parts.prefix(count).joined(separator: "  "), false))
        }
        for (detail, elapsed) in details {
            if let line = withBar(limit, detail: detail, elapsed: elapsed) { return line }
        }
        // The first part cut to the room left, if that shows at least a few characters of it.
        if let first = parts.first {
            let room = limit - Self.columns(layout(label: true, bar: Self.narrowestBar, detail: "", elapsed: false, timeLeft: true)) - 2
            if room >= 6, let line = withBar(limit, detail: Self.cut(first, to: room), elapsed: false) { return line }
        }
        if let line = withBar(limit, detail: "", elapsed: false) { return line }
        for (label, timeLeft) in [(true, true), (false, true), (true, false)] {
            let line = layout(label: label, bar: nil, detail: "", elapsed: false, timeLeft: timeLeft)
            if Self.columns(line) <= limit { return line }
        }
        return Self.cut("\(done)/\(total)", to: limit)
    }

    /// The line with the widest bar that fits in `limit` columns, or `nil` when even the
    /// narrowest does not.
    private func withBar(_ limit: Int, detail: String, elapsed: Bool) -> String? {
        let rest = Self.columns(layout(label: true, bar: 0, detail: detail, elapsed: elapsed, timeLeft: true))
        guard rest + Self.narrowestBar <= limit else { return nil }
        return layout(label: true, bar: min(Self.widestBar, limit - rest), detail: detail, elapsed: elapsed, timeLeft: true)
    }

    /// `label bar done/total  detail  elapsed, about … left`, with the fields asked for.
    private func layout(label: Bool, bar: Int?, detail: String, elapsed: Bool, timeLeft: Bool) -> String {
        var head = [String]()
        if label, !self.label.isEmpty { head.append(self.label) }
        if let bar { head.append(Self.bar(filled: done, of: total, width: bar)) }
        head.append("\(done)/\(total)")
        var fields = [head.joined(separator: " ")]
        if !detail.isEmpty { fields.append(detail) }
        var times = [String]()
        if elapsed { times.append(Self.elapsed(self.elapsed)) }
        if timeLeft, let left = self.timeLeft { times.append("about \(Self.duration(left)) left") }
        if !times.isEmpty { fields.append(times.joined(separator: ", ")) }
        return fields.joined(separator: "  ")
    }

    /// A bar of `width` columns, `█` for the share done and `·` for the rest.
    static func bar(filled done: Int, of total: Int, width: Int) -> String {
        let filled = total > 0 ? width * min(max(done, 0), total) / total : 0
        return String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    }

    /// The time so far: `12.3 s` under a minute, then as ``duration(_:)``.
    static func elapsed(_ seconds: Double) -> String {
        seconds < 59.95 ? String(format: "%.1f s", seconds) : duration(seconds)
    }

    /// A duration in words: `42 s`, `3 min 5 s`, `2 h 10 min`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60) min \(total % 60) s" }
        return "\(total / 3600) h \(total % 3600 / 60) min"
    }

    // MARK: - Columns

    /// The columns `text` takes on a terminal: one a character (a letter with its accents is one
    /// character, and `█` and `·` one column each), two for an East Asian wide character or an
    /// emoji, not its UTF-8 bytes.
    static func columns(_ text: String) -> Int {
        text.reduce(0) { $0 + columns(of: $1) }
    }

    /// `text` cut to at most `limit` columns, its end replaced by `…` when it is cut.
    static func cut(_ text: String, to limit: Int) -> String {
        guard columns(text) > limit else { return text }
        guard limit > 0 else { return "" }
        var kept = ""
        var used = 1  // the ellipsis
        for character in text {
            let width = columns(of: character)
            if used + width > limit { break }
            kept.append(character)
            used += width
        }
        return kept + "…"
    }

    private static func columns(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100 ... 0x115F, 0x2E80 ... 0x303E, 0x3041 ... 0x33FF, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF,
             0xA000 ... 0xA4CF, 0xAC00 ... 0xD7A3, 0xF900 ... 0xFAFF, 0xFE30 ... 0xFE4F, 0xFF00 ... 0xFF60,
             0xFFE0 ... 0xFFE6, 0x20000 ... 0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
