import Foundation
import Testing
import TestSupport
@testable import RNNCore

/// Training windows against NumPy: t = `np.linspace(kπ, (k+1)π, T, dtype=float32)`, `np.sin(t)`,
/// `np.cos(t)`, for k = 0, 1, 7, 499, 10 000 and T = 2, 10, 30.
@Suite("Sine and cosine windows")
struct SineCosineWindowTests {
    /// Tolerance of sin and cos, in ulp. We compute them in double and round to float (correctly
    /// rounded in practice); NumPy uses its own vectorised float32 sine and cosine, which are
    /// accurate to about 1 ulp, so the two may disagree by one in the last place.
    static let trigTolerance: UInt32 = 1

    @Test("times equal NumPy's linspace bit for bit; sin and cos are within 1 ulp of NumPy's")
    func matchesNumPy() throws {
        let windows = try UnitReferences.load().windows
        #expect(windows.count == 15)
        var worst: UInt32 = 0
        for window in windows {
            let label = "k = \(window.step), T = \(window.timeStep)"
            let (time, input, target) = SineCosineWindow.values(step: window.step, timeStep: window.timeStep)
            #expect(time.map(\.bitPattern) == window.time.values.map(\.bitPattern), "\(label): times")
            for (name, actual, expected) in [("sin", input, window.sin.values), ("cos", target, window.cos.values)] {
                let (distance, at) = worstUlpDistance(actual, expected)
                #expect(distance != nil && distance! <= Self.trigTolerance,
                        "\(label): \(name)(\(time[at])) = \(actual[at]) vs NumPy \(expected[at])")
                worst = max(worst, distance ?? .max)
            }
        }
        print("SineCosineWindow vs NumPy: worst sin/cos difference \(worst) ulp")
    }

    @Test("neighbouring windows share their end point", arguments: [2, 3, 10, 30])
    func windowsOverlap(timeStep: Int) {
        for k in [0, 1, 2, 7, 498, 499, 9_999] {
            let (time, input, target) = SineCosineWindow.values(step: k, timeStep: timeStep)
            let next = SineCosineWindow.values(step: k + 1, timeStep: timeStep)
            #expect(time.last == next.time.first, "k = \(k)")
            #expect(input.last == next.input.first, "k = \(k)")
            #expect(target.last == next.target.first, "k = \(k)")
            #expect(time.first == Float(Double(k) * .pi), "k = \(k): the first point is kπ rounded to float")
            #expect(time.count == timeStep && input.count == timeStep && target.count == timeStep)
            #expect(zip(time, time.dropFirst()).allSatisfy { $0 < $1 }, "k = \(k): times increase")
        }
    }

    @Test("fill without times writes the same inputs and targets as values")
    func fillWithoutTimes() {
        let (_, input, target) = SineCosineWindow.values(step: 7, timeStep: 30)
        var filledInput = [Float](repeating: .nan, count: 30)
        var filledTarget = [Float](repeating: .nan, count: 30)
        filledInput.withUnsafeMutableBufferPointer { x in
            filledTarget.withUnsafeMutableBufferPointer { y in
                SineCosineWindow.fill(time: nil, input: x.baseAddress!, target: y.baseAddress!, step: 7, timeStep: 30)
            }
        }
        #expect(filledInput == input)
        #expect(filledTarget == target)
    }
}
