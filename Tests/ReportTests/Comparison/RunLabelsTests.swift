@testable import Report
import Testing

@Suite("names of compared runs")
struct RunLabelsTests {
    @Test("each run is named by its last component when that is enough")
    func lastComponent() {
        #expect(RunLabels.distinct([["out", "lr0.005"], ["out", "lr0.01"], ["ref", "seed0.trace"]]) == ["lr0.005", "lr0.01", "seed0.trace"])
    }

    @Test("two runs of the same name take the folders above them until they differ")
    func lengthened() {
        let labels = RunLabels.distinct([["a", "x", "run"], ["b", "x", "run"], ["c", "other"]])
        #expect(labels == ["a/x/run", "b/x/run", "other"])
    }

    @Test("the same path twice gets #2")
    func samePath() {
        #expect(RunLabels.distinct([["a", "run"], ["a", "run"], ["b"]]) == ["a/run", "a/run #2", "b"])
    }
}
