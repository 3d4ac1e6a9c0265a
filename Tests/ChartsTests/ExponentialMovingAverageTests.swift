import Charts
import Testing

@Suite("Debiased exponential moving average")
struct ExponentialMovingAverageTests {
    @Test("matches the recurrence worked by hand")
    func handWorked() throws {
        // weight 0.5: after 1, the average is 0.5 and the bias 1 − 0.5 = 0.5, so 1.
        // After 3: 0.25 + 1.5 = 1.75, bias 1 − 0.25 = 0.75, so 7/3.
        // After 2: 0.875 + 1 = 1.875, bias 1 − 0.125 = 0.875, so 15/7.
        let smoothed = ExponentialMovingAverage(weight: 0.5).smooth([1, 3, 2])
        let expected = [1, 7.0 / 3, 15.0 / 7]
        for (value, want) in zip(smoothed, expected) {
            // Three roundings at most separate the two computations.
            #expect(try abs(#require(value) - want) < 1e-15)
        }
    }

    @Test("a constant stays constant from the first value (the bias is divided out)")
    func constant() {
        let smoothed = ExponentialMovingAverage(weight: 0.9).smooth(Array(repeating: 0.25, count: 50))
        #expect(smoothed.allSatisfy { $0.map { abs($0 - 0.25) < 1e-12 } ?? false })
    }

    @Test("gaps pass through and leave the average unchanged")
    func gaps() throws {
        let smoothed = ExponentialMovingAverage(weight: 0.5).smooth([1, nil, .nan, 3])
        #expect(smoothed[1] == nil && smoothed[2] == nil)
        #expect(try abs(#require(smoothed[3]) - 7.0 / 3) < 1e-15)
    }

    @Test("weight 0 is no smoothing; weights are clamped")
    func weights() {
        #expect(ExponentialMovingAverage(weight: 0).smooth([4, 1, 9]) == [4, 1, 9])
        #expect(ExponentialMovingAverage(weight: 5).weight == 0.9999)
        #expect(ExponentialMovingAverage(weight: .nan).weight == 0)
    }
}
