import Foundation

/// A centred moving average, taken where the curve is drawn: of log₁₀ of the values on a log
/// axis (a geometric mean), of the values themselves on a linear one.
///
/// The value at index `i` is the mean over the values from `i − halfWidth` to `i + halfWidth`
/// (fewer at the ends) that the scale can show; a missing value, or one a log axis cannot show,
/// is left out of every window, and an index whose window holds none has no smoothed value.
/// Centred, it does not lag; a mean of a window lies between the window's smallest and largest
/// value, so the smoothed curve never leaves the band the raw values draw around it, and a step
/// in the data is spread over one window and no further. It takes time proportional to the
/// number of values, whatever the width.
public struct CenteredMovingAverage: Hashable, Sendable {
    /// Values on each side of the centre; 0 leaves the data as it is.
    public var halfWidth: Int
    public var scale: AxisScale

    /// - Parameter halfWidth: a negative width is taken as 0.
    public init(halfWidth: Int, scale: AxisScale) {
        self.halfWidth = max(halfWidth, 0)
        self.scale = scale
    }

    /// The smoothed values, one for each value.
    public func smooth(_ values: [Double?]) -> [Double?] {
        let count = values.count
        // The values the scale can show (nan for the others), and prefix sums of their transforms.
        let shown = values.map { value -> Double in
            guard let value, value.isFinite, scale == .linear || value > 0 else { return .nan }
            return value
        }
        var sums = [Double](repeating: 0, count: count + 1)
        var counts = [Int](repeating: 0, count: count + 1)
        for (index, value) in shown.enumerated() {
            sums[index + 1] = sums[index] + (value.isNaN ? 0 : transform(value))
            counts[index + 1] = counts[index] + (value.isNaN ? 0 : 1)
        }
        let (lowest, highest) = slidingExtremes(shown)
        return (0 ..< count).map { index in
            let low = max(index - halfWidth, 0)
            let high = min(index + halfWidth, count - 1) + 1
            let n = counts[high] - counts[low]
            guard n > 0 else { return nil }
            // Rounding (of the sums, and of 10^log₁₀ x) can stray past the window's own values by
            // an ulp: clamp back, so that the promise above holds to the bit.
            let mean = inverse((sums[high] - sums[low]) / Double(n))
            return min(max(mean, lowest[index]), highest[index])
        }
    }

    private func transform(_ value: Double) -> Double {
        scale == .log10 ? log10(value) : value
    }

    private func inverse(_ value: Double) -> Double {
        scale == .log10 ? pow(10, value) : value
    }

    /// The smallest and largest shown value in each index's window (nan where there is none), in
    /// time proportional to the count: a monotonic queue of candidates for each.
    private func slidingExtremes(_ shown: [Double]) -> (lowest: [Double], highest: [Double]) {
        let count = shown.count
        var lowest = [Double](repeating: .nan, count: count)
        var highest = [Double](repeating: .nan, count: count)
        var minQueue: [Int] = [], minHead = 0
        var maxQueue: [Int] = [], maxHead = 0
        var next = 0  // the next index to enter the windows
        for index in 0 ..< count {
            let high = min(index + halfWidth, count - 1)
            while next <= high {
                let value = shown[next]
                if !value.isNaN {
                    while minQueue.count > minHead, shown[minQueue[minQueue.count - 1]] >= value { minQueue.removeLast() }
                    minQueue.append(next)
                    while maxQueue.count > maxHead, shown[maxQueue[maxQueue.count - 1]] <= value { maxQueue.removeLast() }
                    maxQueue.append(next)
                }
                next += 1
            }
            let low = index - halfWidth
            while minQueue.count > minHead, minQueue[minHead] < low { minHead += 1 }
            while maxQueue.count > maxHead, maxQueue[maxHead] < low { maxHead += 1 }
            if minQueue.count > minHead { lowest[index] = shown[minQueue[minHead]] }
            if maxQueue.count > maxHead { highest[index] = shown[maxQueue[maxHead]] }
        }
        return (lowest, highest)
    }
}
