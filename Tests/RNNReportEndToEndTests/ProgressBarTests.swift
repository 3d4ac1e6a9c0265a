import Foundation
import Report
@testable import rnnreport
import Testing
import TestSupport

/// What ``ProgressBar`` writes, on a terminal and off one, and what the binary shows.
@Suite("Progress on standard error")
struct ProgressBarTests {
    // MARK: - The three styles

    /// What a ``ProgressBar`` wrote, or the width its terminal has now.
    final class Box<Value> {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    @Test("off a terminal: a plain line at most every interval, none before the first interval")
    func plainLines() throws {
        let written = Box("")
        var bar = ProgressBar(label: "training", total: 10, style: .lines(every: .milliseconds(100))) { written.value += $0 }
        for done in 0 ..< 5 { bar.update(done, detail: "loss 1") }
        bar.finish()
        #expect(written.value == "", "work that ends within the interval shows nothing")

        Thread.sleep(forTimeInterval: 0.15)
        bar.update(5, detail: "loss 0.5")
        bar.update(6, detail: "loss 0.4")  // within the interval of the line before
        bar.finish()
        let lines = written.value.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty, "two lines, ended: \(written.value)")
        #expect(lines[0].hasPrefix("training 5/10  loss 0.5  "), "\(written.value)")
        #expect(lines[0].contains(" s"), "the elapsed time: \(written.value)")
        // Where the work stopped, which the interval had kept from a line of its own.
        #expect(lines[1].hasPrefix("training 6/10  ") && lines[1].contains(" s"), "\(written.value)")
        #expect(!written.value.contains("\u{1B}") && !written.value.contains("\r"), "\(written.value)")
    }

    @Test("on a terminal: each redraw clears the row and fits the width read at that redraw")
    func terminal() throws {
        let written = Box("")
        let width = Box(80)
        var bar = ProgressBar(label: "training", total: 3000, style: .terminal(width: { width.value })) { written.value += $0 }
        bar.update(1200, detail: "loss 1.234e-02  lr 5.00e-03")
        width.value = 40
        Thread.sleep(forTimeInterval: 0.06)
        bar.update(1300, detail: "loss 1.234e-02  lr 5.00e-03")
        bar.finish()
        let draws = written.value.components(separatedBy: "\r\u{1B}[2K")
        #expect(draws.count == 4 && draws[0].isEmpty && draws[3].isEmpty, "\(draws)")
        #expect(draws[1].count <= 79 && draws[1].contains("loss"), "\(draws[1])")
        #expect(draws[2].count <= 39 && draws[2].contains("1300/3000"), "\(draws[2])")
    }

    @Test("off a terminal, work that showed a line shows its end, once, however soon it comes")
    func plainLinesEnd() throws {
        let written = Box("")
        var bar = ProgressBar(label: "sweep", total: 10, style: .lines(every: .seconds(60))) { written.value += $0 }
        bar.update(10, detail: "runs")
        bar.finish()
        #expect(written.value == "", "work that ends within the interval shows nothing, not even its end")

        let shown = Box("")
        var long = ProgressBar(label: "sweep", total: 10, style: .lines(every: .milliseconds(100))) { shown.value += $0 }
        Thread.sleep(forTimeInterval: 0.15)
        long.update(4, detail: "runs")
        long.update(9, detail: "runs")  // within the interval: not shown
        long.update(10, detail: "runs")  // the end: shown at once
        long.update(10, detail: "runs")  // and only once
        long.finish()
        let lines = shown.value.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(shown.value)")
        #expect(lines.first?.hasPrefix("sweep 4/10  runs  ") == true, "\(shown.value)")
        #expect(lines.last?.hasPrefix("sweep 10/10  runs  ") == true, "\(shown.value)")
    }

    @Test("on a terminal that takes no escape sequences: each redraw covers the one before with spaces, no further than the terminal's width, and the end leaves the row blank")
    func dumbTerminal() throws {
        let written = Box("")
        let width = Box(80)
        var bar = ProgressBar(label: "training", total: 3000, style: .terminal(width: { width.value }, erasing: false)) { written.value += $0 }
        bar.update(1200, detail: "loss 1.234e-02  lr 5.00e-03  extra")
        Thread.sleep(forTimeInterval: 0.06)
        bar.update(1250, detail: "loss 1.2e-02")
        width.value = 30
        Thread.sleep(forTimeInterval: 0.06)
        bar.update(1300, detail: "loss 1.234e-02  lr 5.00e-03")
        bar.finish()
        #expect(!written.value.contains("\u{1B}"), "\(written.value.debugDescription)")
        let draws = written.value.components(separatedBy: "\r")
        #expect(draws.count == 6 && draws[0].isEmpty && draws[5].isEmpty, "\(draws)")
        guard draws.count == 6 else { return }
        let (first, second, third, blank) = (draws[1], draws[2], draws[3], draws[4])
        func drawn(_ row: String) -> Int { row.count - row.reversed().prefix { $0 == " " }.count }
        #expect(first.contains("extra") && first.count <= 79, "\(first)")
        // A shorter line, then spaces to the first one's end.
        #expect(second.contains("1250/3000") && drawn(second) < first.count && second.count == first.count,
                "\(second.debugDescription) after \(first.debugDescription)")
        // On the narrowed terminal: the line and spaces up to its last column but one, no further.
        #expect(third.contains("1300/3000") && drawn(third) <= 29 && third.count == 29, "\(third.debugDescription)")
        // The end: blank over what the last redraw drew.
        #expect(blank == String(repeating: " ", count: drawn(third)), "\(blank.debugDescription)")
    }

    @Test("off a terminal, finishing work whose last count was not shown shows it, or the count given; never twice")
    func plainFinish() throws {
        let written = Box("")
        var bar = ProgressBar(label: "writing", total: 13, style: .lines(every: .milliseconds(100))) { written.value += $0 }
        Thread.sleep(forTimeInterval: 0.15)
        bar.update(4, detail: "loss.png")  // shown
        bar.update(12, detail: "model.safetensors")  // within the interval
        bar.finish(done: 13)  // the files are written: all of them
        bar.finish(done: 13)
        var lines = written.value.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0].hasPrefix("writing 4/13  loss.png") && lines[1].hasPrefix("writing 13/13  "), "\(lines)")

        written.value = ""
        var failed = ProgressBar(label: "writing", total: 13, style: .lines(every: .milliseconds(100))) { written.value += $0 }
        Thread.sleep(forTimeInterval: 0.15)
        failed.update(4, detail: "loss.png")
        failed.update(7, detail: "prediction.png")
        failed.finish()  // a failure: where it stopped, not the end
        lines = written.value.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[1].hasPrefix("writing 7/13  "), "\(lines)")
    }

    @Test("a terminal takes escape sequences unless its TERM is dumb, empty or not set", arguments: [
        (true, "xterm-256color", TerminalKind.escapes), (true, "screen", .escapes), (true, "dumb", .dumb), (true, "", .dumb),
        (true, nil, .dumb), (false, "xterm", .none), (false, nil, .none),
    ] as [(Bool, String?, TerminalKind)])
    func terminalKinds(isTerminal: Bool, term: String?, expected: TerminalKind) {
        #expect(TerminalKind.kind(isTerminal: isTerminal, term: term) == expected)
    }

    @Test("with progress off (--quiet) nothing is written")
    func none() {
        let written = Box("")
        var bar = ProgressBar(label: "training", total: 2, style: .none) { written.value += $0 }
        bar.update(1)
        bar.update(2)
        bar.finish()
        #expect(written.value.isEmpty)
    }

    // MARK: - The binary

    @Test("a short run with standard error not a terminal prints no progress")
    func shortRunOffTerminal() throws {
        try withTemporaryDirectory { folder in
            let result = try RNNReportBinary.run(["generate", "--steps", "200", "-o", "run"], workingDirectory: folder)
            #expect(result.status == 0, "\(result)")
            #expect(result.standardError.isEmpty, "\(result)")
            #expect(!result.standardOutput.contains("/200") && !result.standardOutput.contains("\u{1B}"), "\(result)")
        }
    }

    @Test("on a terminal of 80 or 40 columns (or of none, with $COLUMNS), every redraw fits", arguments: [
        ("80", nil), ("40", nil), ("0", "40"),
    ] as [(String, String?)])
    func fitsTerminal(columns: String, environment: String?) throws {
        try withTemporaryDirectory { folder in
            let binary = try RNNReportBinary.url().path
            let command = "stty cols \(columns) rows 24; " + (environment.map { "COLUMNS=\($0) " } ?? "")
                + "exec '\(binary)' train --cell gru --hidden-size 128 --steps 1500 -o run"
            let result = try runProcess(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
                                        workingDirectory: folder)
            #expect(result.status == 0, "\(result)")
            let width = Int(environment ?? columns)!
            // What each redraw wrote: from its clearing of the row to the next carriage return. The
            // last clearing is the end of the bar, and what follows it the command's summary.
            let draws = result.standardOutput.components(separatedBy: "\r\u{1B}[2K").dropFirst().dropLast()
                .map { $0.prefix { $0 != "\r" && $0 != "\n" } }
                .filter { !$0.isEmpty }
            #expect(draws.contains { $0.hasPrefix("training") }, "\(result)")
            #expect(draws.contains { $0.hasPrefix("writing") }, "\(result)")
            let widest = draws.max { $0.count < $1.count } ?? ""
            #expect(widest.count <= width - 1, "\(widest.count) columns at \(width): \(widest)")
        }
    }

    @Test("on a terminal whose TERM is dumb, the bar is drawn with carriage returns and spaces alone")
    func dumbTerminalBinary() throws {
        try withTemporaryDirectory { folder in
            let binary = try RNNReportBinary.url().path
            let command = "stty cols 60 rows 24; TERM=dumb exec '\(binary)' train --cell gru --hidden-size 128 --steps 1500 -o run"
            let result = try runProcess(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
                                        workingDirectory: folder)
            #expect(result.status == 0, "\(result)")
            #expect(result.standardOutput.contains("\rtraining"), "\(result)")
            #expect(!result.standardOutput.contains("\u{1B}"), "\(result.standardOutput.debugDescription)")
            let rows = result.standardOutput.components(separatedBy: CharacterSet(charactersIn: "\r\n"))
            // Each redraw with the spaces that cover the one before, and the blank that ends the bar.
            let draws = rows.filter { $0.hasPrefix("training") || $0.hasPrefix("writing") || ($0.allSatisfy { $0 == " " } && !$0.isEmpty) }
            #expect(draws.contains { $0.hasPrefix("writing") }, "\(result)")
            // Each bar's end: spaces over it, where a terminal that takes escapes erases the row.
            #expect(draws.filter { $0.allSatisfy { $0 == " " } }.count >= 2, "\(result.standardOutput.debugDescription)")
            let widest = draws.max { $0.count < $1.count } ?? ""
            #expect(widest.count <= 59, "\(widest.count) columns at 60: \(widest.debugDescription)")
        }
    }
}
