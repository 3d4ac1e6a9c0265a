@testable import Report
import Testing

@Suite("Numbers in words")
struct ReportNumberTests {
    @Test func short() {
        #expect(ReportNumber.short(0.0050312) == "0.00503")
        #expect(ReportNumber.short(1.9073486328125e-08) == "1.91e-08")
        #expect(ReportNumber.short(0.9) == "0.9")
        #expect(ReportNumber.short(.nan) == "not a number")
    }

    @Test func counts() {
        #expect(ReportNumber.count(15_000) == "15,000")
        #expect(ReportNumber.count(999) == "999")
        #expect(ReportNumber.count(1_500_000) == "1,500,000")
        #expect(ReportNumber.count(1, "step", "steps") == "1 step")
        #expect(ReportNumber.count(2_000, "step", "steps") == "2,000 steps")
    }

    @Test func lists() {
        #expect(ReportNumber.list([3]) == "3")
        #expect(ReportNumber.list([3, 4]) == "3 and 4")
        #expect(ReportNumber.list([1, 2, 3]) == "1, 2 and 3")
        #expect(ReportNumber.list(Array(1 ... 10), limit: 3) == "1, 2, 3 and 7 more")
    }
}
