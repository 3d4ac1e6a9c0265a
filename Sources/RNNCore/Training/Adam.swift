import CKernels
import Foundation

/// Adam (Kingma and Ba), with PyTorch's formulas and order of operations for float32 parameters.
///
/// Per step t and parameter: m ← m + (1 − β₁)(g − m) (PyTorch's `lerp_`), v ← β₂v + (1 − β₂)g²,
/// then p ← p − stepSize·m / (√v / √(1 − β₂ᵗ) + ε) with stepSize = lr / (1 − β₁ᵗ). The bias
/// corrections are computed in double and applied as floats, as PyTorch does. PyTorch's `lerp_`
/// fuses its multiply and add; here they are rounded separately (a fused multiply-add is a slow
/// library call on x86-64 without FMA), which can leave the first moment one ulp apart.
///
/// A class: the moments and the step count are one state, which a copy must not split.
public final class Adam {
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    /// Number of steps taken.
    public private(set) var completedSteps = 0
    let m: FloatBuffer  // (P) first moment
    let v: FloatBuffer  // (P) second moment
    /// The fewest parameters worth splitting among threads.
    static let parallelThreshold = 1 << 16

    public init(parameterCount: Int, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        m = FloatBuffer(count: parameterCount)
        v = FloatBuffer(count: parameterCount)
    }

    /// Updates `count` parameters from their gradients.
    ///
    /// With a pool, the parameters are cut into one range per thread (``forEachRange(of:pool:_:)``);
    /// every parameter's update is the same operations whichever range it falls in.
    ///
    /// - Parameters:
    ///   - gradientScale: gradient clipping's coefficient, multiplied into each gradient as it is
    ///     read (the same rounding as scaling the gradients first, which are left as they are),
    ///     or `nil` for none.
    func step(
        parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
        count: Int, learningRate: Double, pool: WorkerPool? = nil, gradientScale: Float? = nil
    ) {
        let update = prepare(learningRate: learningRate, gradientScale: gradientScale)
        apply(update, parameters: p, gradients: g, count: count, pool: pool, pieces: nil) { _ in }
    }

    /// One step's constants, fixed when the step is taken (``prepare(learningRate:gradientScale:)``):
    /// the learning rate, clipping's scale and the bias corrections of that step's number. With
    /// them, the update of any part of the parameters can be applied later
    /// (``apply(_:parameters:gradients:count:pool:pieces:after:)``), part by part.
    struct Update {
        let stepSize: Float
        let weight1: Float
        let decay2: Float
        let weight2: Float
        let root: Float
        let epsilon: Float
        /// Gradient clipping's coefficient, or `nil` for none.
        let gradientScale: Float?
    }

    /// Counts a step and fixes its constants: the update of every parameter is then
    /// ``apply(_:parameters:gradients:count:pool:pieces:after:)`` of them, once for each parameter
    /// (the moments change only there).
    func prepare(learningRate: Double, gradientScale: Float?) -> Update {
        completedSteps += 1
        let t = Double(completedSteps)
        let bias1 = 1 - pow(beta1, t)
        let bias2Root = (1 - pow(beta2, t)).squareRoot()
        return Update(
            stepSize: Float(-(learningRate / bias1)), weight1: Float(1 - beta1), decay2: Float(beta2),
            weight2: Float(1 - beta2), root: Float(bias2Root), epsilon: Float(epsilon),
            gradientScale: gradientScale)
    }

    /// Applies a prepared step to `count` parameters: with `nil` pieces, to all of `0 ..< count`,
    /// cut into one range per thread, as ``step(parameters:gradients:count:learningRate:pool:gradientScale:)``
    /// does; otherwise piece by piece. `pieces.ranges` are disjoint ranges holding `count`
    /// parameters, and `after(i)` runs on the same thread as soon as piece i is updated, while its
    /// values are still in cache. With a pool, each thread takes one of `pieces.runs`, consecutive
    /// pieces of about `count / threads` parameters (``runs(of:among:)`` for the pool's thread
    /// count, made once by the caller, so that a step makes no array). The pieces need not cover
    /// every parameter: a step's pieces can be applied at different times, as long as each
    /// parameter is updated once.
    func apply(
        _ update: Update, parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
        count: Int, pool: WorkerPool?, pieces: (ranges: [Range<Int>], runs: [Range<Int>])?,
        after: (Int) -> Void
    ) {
        let (m, v) = (m.base, v.base)
        // Every parameter's update, for those in `range`, in CKernels' vector code (the formula is
        // in the type's summary; `rnnk_adam` gives the same bits on every instruction set).
        @inline(__always) func apply(_ range: Range<Int>) {
            rnnk_adam(
                p, g, m, v, Int64(range.lowerBound), Int64(range.upperBound),
                update.stepSize, update.weight1, update.decay2, update.weight2, update.root, update.epsilon,
                update.gradientScale ?? 1, update.gradientScale == nil ? 0 : 1)
        }
        guard let pieces else {
            forEachRange(of: count, pool: pool, apply)
            return
        }
        let (ranges, runs) = pieces
        assert(ranges.reduce(0) { $0 + $1.count } == count, "Adam.apply: \(count) parameters for pieces of another total")
        guard let pool, pool.threadCount > 1, count >= Self.parallelThreshold else {
            for i in ranges.indices {
                apply(ranges[i])
                after(i)
            }
            return
        }
        pool.run(pieces: runs.count) { run in
            for i in runs[run] {
                apply(ranges[i])
                after(i)
            }
        }
    }

    /// `pieces` cut into at most `threads` runs of consecutive pieces, a run ending at the first
    /// piece that takes it to its share (k/threads) of all the parameters.
    static func runs(of pieces: [Range<Int>], among threads: Int) -> [Range<Int>] {
        let total = pieces.reduce(0) { $0 + $1.count }
        var runs: [Range<Int>] = []
        var (start, done) = (0, 0)
        for (i, piece) in pieces.enumerated() {
            done += piece.count
            if done * threads >= (runs.count + 1) * total || i == pieces.count - 1 {
                runs.append(start ..< i + 1)
                start = i + 1
            }
        }
        return runs
    }

    /// Updates parameters held in arrays; for tests and small uses.
    public func step(parameters: inout [Float], gradients: [Float], learningRate: Double) {
        precondition(parameters.count == m.count && gradients.count == m.count, "Adam: size mismatch")
        let count = m.count
        var gradients = gradients
        parameters.withUnsafeMutableBufferPointer { p in
            gradients.withUnsafeMutableBufferPointer { g in
                step(parameters: p.baseAddress!, gradients: g.baseAddress!, count: count, learningRate: learningRate)
            }
        }
    }

    /// First and second moments, in parameter order.
    public var moments: (m: [Float], v: [Float]) { (m.array, v.array) }
}

