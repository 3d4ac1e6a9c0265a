/// A font request: family, size in user units and weight.
public struct Font: Hashable, Sendable {
    /// Stroke weight of a font.
    public enum Weight: Hashable, Sendable {
        case regular
        case bold
    }

    public var family: String
    public var size: Double
    public var weight: Weight

    public init(family: String, size: Double, weight: Weight = .regular) {
        self.family = family
        self.size = size
        self.weight = weight
    }
}
