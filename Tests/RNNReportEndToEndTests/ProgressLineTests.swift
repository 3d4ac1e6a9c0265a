import Foundation
@testable import rnnreport
import Testing

/// The progress line: fitted into a terminal's width, its time left, its plain form for a log.
@Suite("Progress line")
struct ProgressLineTests {
    /// Lines as the commands show them, at the start, early, late, and with long fields.
    static let lines: [ProgressLine] = [
        ProgressLine(label: "training", done: 0, total: 500, detail: "", elapsed: 0),
        ProgressLine(label: "training", done: 120, total: 500, detail: "loss 1.234e-02  lr 5.00e-03", elapsed: 0.4),
        ProgressLine(label: "training", done: 1200, total: 3000, detail: "loss 1.234e-02  lr 5.00e-03", elapsed: 12.3),
        ProgressLine(label: "training", done: 65, total: 3000, detail: "loss 1.234e-02  lr 5.00e-03", elapsed: 63),
        ProgressLine(label: "training", done: 12000, total: 100_000, detail: "loss 1.234e-02  lr 5.00e-03", elapsed: 1000),
        ProgressLine(label: "writing", done: 3, total: 14, detail: "metrics.json  1.2 MB", elapsed: 0.2),
        ProgressLine(label: "writing", done: 9, total: 14, detail: "prediction-tail.dark.svg-with-a-much-longer-name-than-ours  123 kB", elapsed: 2.5),
        ProgressLine(label: "sweep", done: 7, total: 100_000, detail: "runs", elapsed: 400),
    ]

    // MARK: - Fitting into the width

    @Test("a line on a terminal takes at most width - 1 columns and keeps done/total", arguments: [20, 40, 80, 200])
    func fitsTheWidth(width: Int) {
        for line in Self.lines {
            let text = line.fitted(toWidth: width)
            // Every character here is one column wide, so the count of characters is the count of columns.
            #expect(text.count <= width - 1, "\(text.count) columns at width \(width): \(text)")
            #expect(ProgressLine.columns(text) == text.count, "\(text)")
            #expect(text.contains("\(line.done)/\(line.total)"), "width \(width): \(text)")
            #expect(!text.contains("\n") && !text.contains("\r"), "\(text)")
        }
    }

    @Test("the bar shrinks first, then the least important fields go")
    func whatGoesFirst() {
        let line = Self.lines[2]  // training 1200/3000 at 12.3 s: about 18 s left
        let wide = line.fitted(toWidth: 200)
        #expect(wide == "training \(String(repeating: "█", count: 12))\(String(repeating: "·", count: 18)) 1200/3000  "
            + "loss 1.234e-02  lr 5.00e-03  12.3 s, about 18 s left")
        // 80 columns: a narrower bar, the elapsed time gone, the rest kept.
        let eighty = line.fitted(toWidth: 80)
        #expect(eighty.hasPrefix("training █"), "\(eighty)")
        #expect(eighty.hasSuffix(" 1200/3000  loss 1.234e-02  lr 5.00e-03  about 18 s left"), "\(eighty)")
        #expect(eighty.count == 79, "\(eighty)")
        // 40 columns: no room for the bar beside the time left, nor for the detail.
        #expect(line.fitted(toWidth: 40) == "training 1200/3000  about 18 s left")
        // 20 columns: the count alone.
        #expect(line.fitted(toWidth: 20) == "training 1200/3000")
        #expect(line.fitted(toWidth: 8) == "1200/3…")
        // A long file name is cut, with an ellipsis, rather than dropped while there is room.
        let long = Self.lines[6].fitted(toWidth: 80)
        #expect(long.contains("  prediction-tail.dark.svg-with") && long.contains("…") && !long.contains("123 kB"), "\(long)")
        #expect(long.count == 79, "\(long)")
    }

    @Test("columns are counted by character, not by UTF-8 byte; wide characters take two")
    func columns() {
        #expect(ProgressLine.columns("██··") == 4)
        #expect(ProgressLine.columns("e\u{301}té") == 3)
        #expect(ProgressLine.columns("学习") == 4)
        #expect(ProgressLine.cut("学习率", to: 5) == "学习…")
        #expect(ProgressLine.bar(filled: 1, of: 3, width: 9) == "███······")
    }

    // MARK: - Time left

    @Test("the time left is estimated from the rate so far, once a unit is done and a second has passed")
    func timeLeft() {
        #expect(ProgressLine(label: "", done: 1200, total: 3000, detail: "", elapsed: 12).timeLeft == 18)
        #expect(ProgressLine(label: "", done: 1, total: 10, detail: "", elapsed: 30).timeLeft == 270)
        // Too early: nothing done, or less than a second gone.
        #expect(ProgressLine(label: "", done: 0, total: 3000, detail: "", elapsed: 5).timeLeft == nil)
        #expect(ProgressLine(label: "", done: 100, total: 3000, detail: "", elapsed: 0.9).timeLeft == nil)
        // Done.
        #expect(ProgressLine(label: "", done: 3000, total: 3000, detail: "", elapsed: 20).timeLeft == nil)
    }

    @Test("durations read as the sweep's always did: 42 s, 3 min 5 s, 2 h 10 min")
    func durations() {
        #expect(ProgressLine.duration(41.6) == "42 s")
        #expect(ProgressLine.duration(185) == "3 min 5 s")
        #expect(ProgressLine.duration(7800) == "2 h 10 min")
        #expect(ProgressLine.elapsed(12.34) == "12.3 s")
        #expect(ProgressLine.elapsed(185) == "3 min 5 s")
        #expect(ProgressLine(label: "sweep", done: 1, total: 10, detail: "runs", elapsed: 30).plain
            == "sweep 1/10  runs  30.0 s, about 4 min 30 s left")
    }
}
