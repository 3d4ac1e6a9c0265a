/// How data values map to positions along an axis.
public enum AxisScale: Hashable, Sendable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios; values that are not positive cannot be shown and leave a gap.
    case log10
}
