/// A labelled position on an axis.
struct Tick: Hashable, Sendable {
    /// The data value at the tick.
    var value: Double
    /// The text under or beside the tick.
    var label: String
}
