import Foundation
import Report

/// The progress of some work on standard error: on a terminal, a bar redrawn in place at most
/// every 50 ms (so that it costs the training loop nothing measurable), fitted into the
/// terminal's width at each redraw; otherwise (a log, CI, nohup, Slurm) a plain line at most every
/// 10 seconds, none for work that ends sooner, and a last one when work that showed any ends.
struct ProgressBar {
    /// How the progress is shown.
    enum Style {
        /// Not at all (`--quiet`).
        case none
        /// A bar redrawn in place, as wide as the terminal's width, read at each redraw, allows;
        /// with `erasing` false (a terminal that takes no escape sequences, ``TerminalKind/dumb``),
        /// drawn over with spaces rather than erased.
        case terminal(width: () -> Int, erasing: Bool = true)
        /// A plain line, the first after `interval` and then at most every `interval`, and one
        /// when work that showed any reaches its end (``update(_:detail:)`` with all done, or
        /// ``finish(done:)``).
        case lines(every: Duration)
    }

    private let label: String
    private let total: Int
    private let style: Style
    private let write: (String) -> Void
    private var lastDraw: ContinuousClock.Instant?
    /// The columns of the bar last drawn, that spaces cover on a terminal that cannot erase.
    private var drawnLength = 0
    /// The count the last ``update(_:detail:)`` gave, and the one the last plain line showed.
    private var lastDone = 0
    private var lastShown: Int?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    /// Progress shown when `enabled`: as a bar if standard error is a terminal, otherwise as a
    /// plain line every 10 seconds.
    init(label: String, total: Int, enabled: Bool) {
        let style: Style = switch (enabled, TerminalKind.standardError) {
        case (false, _): .none
        case (true, .none): .lines(every: .seconds(10))
        case (true, .escapes): .terminal(width: TerminalKind.standardErrorColumns)
        case (true, .dumb): .terminal(width: TerminalKind.standardErrorColumns, erasing: false)
        }
        self.init(label: label, total: total, style: style)
    }

    /// Progress shown in `style`, written by `write` (standard error unless given).
    init(label: String, total: Int, style: Style, write: @escaping (String) -> Void = Self.standardError) {
        self.label = label
        self.total = max(total, 1)
        self.style = style
        self.write = write
        start = clock.now
    }

    /// Shows `done` of `total`, with `detail` after it, unless it was shown too recently.
    mutating func update(_ done: Int, detail: @autoclosure () -> String = "") {
        lastDone = done
        switch style {
        case .none:
            return
        case .terminal(let width, let erasing):
            let now = clock.now
            if let lastDraw, done < total, now - lastDraw < .milliseconds(50) { return }
            lastDraw = now
            let columnsNow = width()
            let line = ProgressLine(label: label, done: done, total: total, detail: detail(), elapsed: (now - start).seconds)
                .fitted(toWidth: columnsNow)
            if erasing {
                write("\r\u{1B}[2K" + line)
            } else {
                // Spaces over the rest of the bar before, no further than the line may go now (a
                // terminal narrowed since has rewrapped that bar already).
                let columns = ProgressLine.columns(line)
                let cover = min(drawnLength, max(columnsNow - 1, 1))
                write("\r" + line + String(repeating: " ", count: max(cover - columns, 0)))
                drawnLength = columns
            }
        case .lines(let interval):
            let now = clock.now
            // The end is shown, once, whenever some of the way was: a log then says the work
            // finished.
            if done >= total && lastShown == done { return }
            let endDue = done >= total && lastDraw != nil
            guard now - (lastDraw ?? start) >= interval || endDue else { return }
            lastShown = done
            lastDraw = now
            let line = ProgressLine(label: label, done: done, total: total, detail: detail(), elapsed: (now - start).seconds)
            write(line.plain + "\n")
        }
    }

    /// Removes the bar, leaving the line empty for what follows; off a terminal, where the work
    /// showed a line, shows where it ended (`done`, or what the last update gave) unless the last
    /// line showed that already.
    mutating func finish(done: Int? = nil) {
        switch style {
        case .none:
            return
        case .terminal(_, let erasing):
            write(erasing ? "\r\u{1B}[2K" : "\r" + String(repeating: " ", count: drawnLength) + "\r")
        case .lines:
            let end = done ?? lastDone
            guard lastDraw != nil, lastShown != end else { return }
            lastShown = end
            let line = ProgressLine(label: label, done: end, total: total, detail: "", elapsed: (clock.now - start).seconds)
            write(line.plain + "\n")
        }
    }

    private static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
