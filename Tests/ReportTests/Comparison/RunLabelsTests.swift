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

    @Test("the same path twice keeps its short name and gets #2: it never grows to the whole path")
    func samePath() {
        #expect(RunLabels.distinct([["a", "run"], ["a", "run"], ["b"]]) == ["run", "run #2", "b"])
        #expect(RunLabels.distinct([["tmp", "wb", "t1"], ["tmp", "wb", "t1"]]) == ["t1", "t1 #2"])
        // Beside another run of the same name, the two grow only as far as that one needs.
        #expect(RunLabels.distinct([["x", "a", "run"], ["x", "a", "run"], ["x", "b", "run"]]) == ["a/run", "a/run #2", "b/run"])
    }
}
