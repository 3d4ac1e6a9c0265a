@testable import Charts
import Testing

@Suite("Log ticks")
struct LogTicksTests {
    @Test("powers of ten with minor ticks at 2…9 times each")
    func decades() {
        let ticks = LogTicks.ticks(in: 5e-5...0.7, maxIntervals: 6)
        #expect(ticks.major.map(\.value) == [1e-4, 1e-3, 1e-2, 1e-1])
        #expect(ticks.major.map(\.label) == ["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"])
        // Below the first decade: 5e-5 … 9e-5; above the last: 0.2 … 0.7.
        #expect(ticks.minor.count == 5 + 8 * 3 + 6)
        #expect(ticks.minor.first.map { abs($0 - 5e-5) < 1e-18 } == true)
        #expect(ticks.minor.last.map { abs($0 - 0.7) < 1e-15 } == true)
    }

    @Test("every k-th power when there are too many")
    func strided() {
        // 10⁻³⁰ … 10¹⁰ is 41 powers; at most 6 ticks → every 7th, on multiples of 7.
        let ticks = LogTicks.ticks(in: 1e-30...1e10, maxIntervals: 5)
        #expect(ticks.major.map(\.label) == ["10⁻²⁸", "10⁻²¹", "10⁻¹⁴", "10⁻⁷", "10⁰", "10⁷"])
        // The powers skipped become minor ticks.
        #expect(ticks.minor.count == 41 - 6)
    }

    @Test("1, 2 and 5 times a power of ten across less than a decade")
    func oneTwoFive() {
        let ticks = LogTicks.ticks(in: 0.015...0.3, maxIntervals: 6)
        #expect(ticks.major.map(\.label) == ["0.02", "0.05", "0.1", "0.2"])
        #expect(ticks.major.map(\.value) == [0.02, 0.05, 0.1, 0.2])
    }

    @Test("where 1, 2 and 5 are too many for the axis, 1 and 5, or 1 and 3, never linear ticks crowding a decade's top")
    func fewerMultiples() {
        // A learning rate that never changed, 0.005, on a small panel: half a decade each side.
        let rate = LogTicks.ticks(in: (0.005 / 10.0.squareRoot())...(0.005 * 10.0.squareRoot()), maxIntervals: 1)
        #expect(rate.major.map(\.label) == ["0.005", "0.01"])
        #expect(rate.minor.count == 7)  // 0.002 … 0.004 and 0.006 … 0.009
        let error = LogTicks.ticks(in: 0.025...0.9, maxIntervals: 2)
        #expect(error.major.map(\.value) == [0.05, 0.1, 0.5])
        let three = LogTicks.ticks(in: 0.025...0.4, maxIntervals: 1)
        #expect(three.major.map(\.value) == [0.05, 0.1])
        // All too many: the fewest of them, not linear ticks.
        let crowded = LogTicks.ticks(in: 0.012...0.99, maxIntervals: 1)
        #expect(crowded.major.map(\.value) == [0.05, 0.1, 0.5])
    }

    @Test("linear ticks across a very narrow range")
    func narrow() {
        let ticks = LogTicks.ticks(in: 1.1...1.3, maxIntervals: 4)
        #expect(ticks.major.map(\.value) == [1.1, 1.15, 1.2, 1.25, 1.3])
        #expect(ticks.minor.isEmpty)
    }

    @Test("no ticks for an invalid domain")
    func invalid() {
        #expect(LogTicks.ticks(in: 0...1, maxIntervals: 4).major.isEmpty)
        #expect(LogTicks.ticks(in: -5 ... -1, maxIntervals: 4).major.isEmpty)
    }
}
