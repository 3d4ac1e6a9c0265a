import CKernels

/// The instruction sets the matrix products, transposes, Adam's update and the cells' activations
/// are compiled for (CKernels), from the narrowest.
///
/// The widest the processor has is used unless ``use()`` chooses another. Every set gives the
/// same bits: vectors hold independent results side by side, never the terms of one sum, and no
/// multiply is fused with its add. Choosing one changes the speed and nothing else, which the
/// tests check by training with each.
public enum InstructionSet: String, CaseIterable, Sendable, Comparable {
    /// 4 floats a vector: every x86-64 processor (and the portable build elsewhere).
    case sse2
    /// 8 floats a vector.
    case avx2
    /// 16 floats a vector.
    case avx512

    /// The widest set this processor runs.
    public static var supported: InstructionSet { InstructionSet(rnnk_supported_level()) }

    /// The set the kernels use now.
    public static var current: InstructionSet { InstructionSet(rnnk_current_level()) }

    /// Whether this processor can run the set.
    public var isSupported: Bool { self <= Self.supported }

    /// The width of the panels the time loops' weights are stored in on a processor whose widest
    /// set is this one (``Product/panelColumns``): one tile of a one-row product, 8 vectors, so
    /// that a tile reads its panel as one contiguous stretch.
    var panelColumns: Int {
        switch self {
        case .sse2: 32
        case .avx2: 64
        case .avx512: 128
        }
    }

    /// Makes the kernels use this set from now on, for the whole process.
    ///
    /// Not to be called while a product runs on another thread.
    /// - Precondition: ``isSupported``.
    public func use() {
        precondition(isSupported, "InstructionSet: \(rawValue) is not supported here")
        _ = rnnk_use_level(level)
    }

    public static func < (lhs: InstructionSet, rhs: InstructionSet) -> Bool {
        lhs.level.rawValue < rhs.level.rawValue
    }

    private var level: rnnk_level {
        switch self {
        case .sse2: rnnk_sse2
        case .avx2: rnnk_avx2
        case .avx512: rnnk_avx512
        }
    }

    private init(_ level: rnnk_level) {
        switch level {
        case rnnk_avx512: self = .avx512
        case rnnk_avx2: self = .avx2
        default: self = .sse2
        }
    }
}
