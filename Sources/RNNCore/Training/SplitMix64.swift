/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast, seedable generator whose sequence is
/// the same on every platform, so that a seed names the same initial weights everywhere.
///
/// The standard library has no seedable generator; this one is ten lines and well studied, so it is
/// written here rather than brought in as a dependency.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A float uniform between `low` and `high`: 24 random bits scaled to u in [0, 1), then
    /// `low + (high − low)·u`, the formula of PyTorch's `uniform_`. Rounding can make the result
    /// equal to `high` for some ranges; for the symmetric ranges of the initialisation it stays
    /// below (the tests check every hidden size).
    public mutating func nextFloat(in low: Float, _ high: Float) -> Float {
        let u = Float(next() >> 40) * 0x1p-24
        return low + (high - low) * u
    }
}
