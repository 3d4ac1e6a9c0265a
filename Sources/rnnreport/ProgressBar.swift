import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal and
/// redrawn at most every 50 ms, so that it costs the training loop nothing measurable.
struct ProgressBar {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private var lastDraw: ContinuousClock.Instant?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = max(total, 1)
        self.enabled = enabled
        start = clock.now
    }

    /// Redraws the bar for `done` of `total`, with `detail` after it, unless it was drawn very recently.
    mutating func update(_ done: Int, detail: @autoclosure () -> String = "") {
        guard enabled else { return }
        let now = clock.now
        if let lastDraw, done < total, now - lastDraw < .milliseconds(50) { return }
        lastDraw = now
        let width = 30
        let filled = width * min(done, total) / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let seconds = (now - start).seconds
        FileHandle.standardError.write(Data(
            "\r\u{1B}[2K\(label) \(bar) \(done)/\(total)  \(detail())  \(String(format: "%.1f s", seconds))".utf8))
    }

    /// Removes the bar, leaving the line empty for what follows.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
