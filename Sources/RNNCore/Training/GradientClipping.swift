/// PyTorch's `clip_grad_norm_`: scales all gradients together so that their total L2 norm is at
/// most `maxNorm`.
///
/// The total norm is the L2 norm of the per-tensor L2 norms (``gradientNorm(_:layout:pool:)``).
/// The scale is ``clippingCoefficient(norm:maxNorm:)`` and is multiplied in (a no-op when it is
/// 1, NaN everywhere when the norm is not finite, as in PyTorch). A training step does the
/// multiplication inside Adam's pass instead (``Adam/step(parameters:gradients:count:learningRate:pool:gradientScale:)``).
///
/// - Returns: the total norm before clipping.
@discardableResult
func clipGradientNorm(
    _ gradients: UnsafeMutablePointer<Float>, layout: ParameterLayout, maxNorm: Double, pool: WorkerPool? = nil
) -> Float {
    let total = gradientNorm(gradients, layout: layout, pool: pool)
    let coefficient = clippingCoefficient(norm: total, maxNorm: maxNorm)
    if coefficient != 1 {  // multiplying by 1 changes nothing, NaN included
        forEachRange(of: layout.count, pool: pool) { range in
            mapInPlace(gradients + range.lowerBound, range.count) { $0 * coefficient }
        }
    }
    return total
}

/// The L2 norm of the per-tensor L2 norms of the gradients, PyTorch's total norm.
///
/// Each tensor's norm is one piece of work (the same sum whichever thread computes it); the total
/// adds them in tensor order.
func gradientNorm(_ gradients: UnsafePointer<Float>, layout: ParameterLayout, pool: WorkerPool? = nil) -> Float {
    withUnsafeTemporaryAllocation(of: Float.self, capacity: layout.tensors.count) { norms in
        // (tensors), on the stack: a step allocates nothing.
        let norms = norms.baseAddress!
        tensorNorms(gradients, layout: layout, of: layout.tensors.indices, into: norms, pool: pool)
        return totalNorm(norms, count: layout.tensors.count)
    }
}

/// The L2 norm of each of the tensors `indices` of `layout`, into `norms` at the same indices.
///
/// Each tensor's norm is one piece of work, the same sum whichever thread computes it and
/// whenever: ``RNNNetwork/backward(target:)`` computes each layer's as soon as it has written
/// them, while they are in cache.
func tensorNorms(
    _ gradients: UnsafePointer<Float>, layout: ParameterLayout, of indices: Range<Int>,
    into norms: UnsafeMutablePointer<Float>, pool: WorkerPool? = nil
) {
    let tensors = layout.tensors
    let each = { (piece: Int) in
        let index = indices.lowerBound + piece
        let g = gradients + tensors[index].offset
        norms[index] = dot(g, g, tensors[index].count).squareRoot()
    }
    if let pool, layout.count >= Adam.parallelThreshold {
        pool.run(pieces: indices.count, each)
    } else {
        for piece in 0 ..< indices.count { each(piece) }
    }
}

/// The L2 norm of `count` per-tensor norms, added in tensor order: PyTorch's total norm.
func totalNorm(_ norms: UnsafePointer<Float>, count: Int) -> Float {
    var sum: Float = 0
    for index in 0 ..< count { sum += norms[index] * norms[index] }
    return sum.squareRoot()
}

/// The factor clipping multiplies the gradients by: min(maxNorm / (norm + 1e-6), 1).
///
/// PyTorch writes max_norm / (norm + 1e-6) with a tensor on the right, which it evaluates as
/// reciprocal(norm + 1e-6) · max_norm: the same rounding here.
func clippingCoefficient(norm: Float, maxNorm: Double) -> Float {
    min((1 / (norm + 1e-6)) * Float(maxNorm), 1)
}

/// Clips gradients held in an array; see the pointer form.
@discardableResult
public func clipGradientNorm(_ gradients: inout [Float], layout: ParameterLayout, maxNorm: Double) -> Float {
    precondition(gradients.count == layout.count, "clipGradientNorm: \(gradients.count) gradients for \(layout.count)")
    return gradients.withUnsafeMutableBufferPointer {
        clipGradientNorm($0.baseAddress!, layout: layout, maxNorm: maxNorm)
    }
}
