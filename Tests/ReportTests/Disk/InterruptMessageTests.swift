import Foundation
@testable import Report
import Testing

@Suite("the message of a signal")
struct InterruptMessageTests {
    @Test("each signal caught is named as the shell names it; another by its number")
    func names() {
        #expect(InterruptCoordinator.name(of: SIGHUP) == "SIGHUP")
        #expect(InterruptCoordinator.name(of: SIGINT) == "SIGINT")
        #expect(InterruptCoordinator.name(of: SIGTERM) == "SIGTERM")
        #expect(InterruptCoordinator.name(of: SIGUSR1) == "signal \(SIGUSR1)")
    }

    @Test("a staging folder removed gives its line; a report committed after the signal gives its own")
    func linesOfFolders() {
        #expect(InterruptCoordinator.message(signal: "SIGINT", removed: ["b", "a/runs/x"], written: ["c"], note: nil) == [
            "interrupted (SIGINT): nothing was written to b",
            "interrupted (SIGINT): nothing was written to a/runs/x",
            "interrupted (SIGINT) after the report in c was written",
        ])
        #expect(InterruptCoordinator.message(signal: "SIGTERM", removed: [], written: [], note: nil) == ["interrupted (SIGTERM)"])
    }

    @Test("a note takes the place of its directory's line, and goes last")
    func noteReplacesItsDirectory() {
        let note = (directory: Optional("sweep"), text: "the sweep's report was not written to sweep, but 3 of 8 runs had finished")
        #expect(InterruptCoordinator.message(signal: "SIGTERM", removed: ["sweep", "sweep/runs/h8"], written: [], note: note) == [
            "interrupted (SIGTERM): nothing was written to sweep/runs/h8",
            "interrupted (SIGTERM): the sweep's report was not written to sweep, but 3 of 8 runs had finished",
        ])
        // A note of no directory replaces nothing.
        #expect(InterruptCoordinator.message(signal: "SIGTERM", removed: ["sweep"], written: [], note: (nil, "3 of 8 runs had finished")) == [
            "interrupted (SIGTERM): nothing was written to sweep",
            "interrupted (SIGTERM): 3 of 8 runs had finished",
        ])
    }

    @Test("a note about a report not written is left out when that report's commit completed after the signal")
    func noteOfAWrittenDirectory() {
        let note = (directory: Optional("sweep"), text: "the sweep's report was not written to sweep, but all 8 runs had finished")
        #expect(InterruptCoordinator.message(signal: "SIGINT", removed: [], written: ["sweep"], note: note) == [
            "interrupted (SIGINT) after the report in sweep was written",
        ])
        #expect(InterruptCoordinator.message(signal: "SIGINT", removed: [], written: ["other"], note: note) == [
            "interrupted (SIGINT) after the report in other was written",
            "interrupted (SIGINT): the sweep's report was not written to sweep, but all 8 runs had finished",
        ])
    }

    @Test("the message clears a progress bar's row on a terminal, with spaces to the last column but one on a dumb one, and adds nothing off a terminal")
    func clearing() {
        #expect(InterruptCoordinator.clearing(.escapes, columns: 80) == "\r\u{1B}[2K")
        #expect(InterruptCoordinator.clearing(.dumb, columns: 40) == "\r" + String(repeating: " ", count: 39) + "\r")
        #expect(InterruptCoordinator.clearing(.dumb, columns: 0) == "\r\r")
        #expect(InterruptCoordinator.clearing(.none, columns: 80) == "")
    }
}
