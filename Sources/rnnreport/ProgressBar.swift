import Foundation

/// The progress of some work on standard error: on a terminal, a bar redrawn in place at most
/// every 50 ms (so that it costs the training loop nothing measurable), fitted into the
/// terminal's width at each redraw; otherwise (a log, CI, nohup, Slurm) a plain line at most every
/// 10 seconds, and none for work that ends sooner.
struct ProgressBar {
    /// How the progress is shown.
    enum Style {
        /// Not at all (`--quiet`).
        case none
        /// A bar redrawn in place, as wide as the terminal's width, read at each redraw, allows.
        case terminal(width: () -> Int)
        /// A plain line, the first after `interval` and then at most every `interval`.
        case lines(every: Duration)
    }

    private let label: String
    private let total: Int
    private let style: Style
    private let write: (String) -> Void
    private var lastDraw: ContinuousClock.Instant?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    /// Progress shown when `enabled`: as a bar if standard error is a terminal, otherwise as a
    /// plain line every 10 seconds.
    init(label: String, total: Int, enabled: Bool) {
        let style: Style = !enabled ? .none
            : isatty(STDERR_FILENO) == 1 ? .terminal(width: Self.terminalWidth) : .lines(every: .seconds(10))
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
        switch style {
        case .none:
            return
        case .terminal(let width):
            let now = clock.now
            if let lastDraw, done < total, now - lastDraw < .milliseconds(50) { return }
            lastDraw = now
            let line = ProgressLine(label: label, done: done, total: total, detail: detail(), elapsed: (now - start).seconds)
            write("\r\u{1B}[2K" + line.fitted(toWidth: width()))
        case .lines(let interval):
            let now = clock.now
            guard now - (lastDraw ?? start) >= interval else { return }
            lastDraw = now
            let line = ProgressLine(label: label, done: done, total: total, detail: detail(), elapsed: (now - start).seconds)
            write(line.plain + "\n")
        }
    }

    /// Removes the bar, leaving the line empty for what follows; the plain lines stay.
    func finish() {
        guard case .terminal = style else { return }
        write("\r\u{1B}[2K")
    }

    /// The width of the terminal on standard error, in columns: as the terminal reports it, else
    /// `$COLUMNS`, else 80.
    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = getenv("COLUMNS"), let columns = Int(String(cString: text)), columns > 0 { return columns }
        return 80
    }

    private static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
