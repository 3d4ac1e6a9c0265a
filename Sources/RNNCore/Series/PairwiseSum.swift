/// NumPy's pairwise summation of doubles (`pairwise_sum` in its `loops_utils`), which `np.mean`
/// and `np.std` use over a contiguous array: below 8 values a plain loop; up to 128, eight running
/// sums combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), then the rest in order;
/// above, the two halves (the first a multiple of 8 long) summed apart and added.
///
/// Standardising a series with the same sums as the reference gives the same doubles, and so the
/// same floats.
enum PairwiseSum {
    /// The sum of `count` values `value(0) … value(count − 1)`.
    static func sum(_ count: Int, _ value: (Int) -> Double) -> Double {
        sum(from: 0, count: count, value)
    }

    private static func sum(from start: Int, count n: Int, _ value: (Int) -> Double) -> Double {
        if n < 8 {
            var result = -0.0
            for i in 0 ..< n { result += value(start + i) }
            return result
        }
        if n <= 128 {
            var r = (0 ..< 8).map { value(start + $0) }
            var i = 8
            while i < n - n % 8 {
                for j in 0 ..< 8 { r[j] += value(start + i + j) }
                i += 8
            }
            var result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                result += value(start + i)
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return sum(from: start, count: half, value) + sum(from: start + half, count: n - half, value)
    }

    /// `np.mean`: the pairwise sum divided by the count.
    static func mean(_ count: Int, _ value: (Int) -> Double) -> Double {
        sum(count, value) / Double(count)
    }
}
