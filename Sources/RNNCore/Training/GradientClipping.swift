/// PyTorch's `clip_grad_norm_`: scales all gradients together so that their total L2 norm is at
/// most `maxNorm`.
///
/// The total norm is the L2 norm of the per-tensor L2 norms. The scale is
/// `min(maxNorm / (norm + 1e-6), 1)` and is multiplied in (a no-op when it is 1, NaN
/// everywhere when the norm is not finite, as in PyTorch).
///
/// - Returns: the total norm before clipping.
@discardableResult
func clipGradientNorm(
    _ gradients: UnsafeMutablePointer<Float>, layout: ParameterLayout, maxNorm: Double, pool: WorkerPool? = nil
) -> Float {
    // Each tensor's norm is one piece (the same sum whichever thread computes it); the total adds
    // them in tensor order.
    let tensors = layout.tensors
    let sumOfSquares = withUnsafeTemporaryAllocation(of: Float.self, capacity: tensors.count) { norms in
        // (tensors), on the stack: a step allocates nothing.
        let each = { (index: Int) in
            let g = gradients + tensors[index].offset
            norms[index] = dot(g, g, tensors[index].count).squareRoot()
        }
        if let pool, layout.count >= Adam.parallelThreshold {
            pool.run(pieces: tensors.count, each)
        } else {
            for index in tensors.indices { each(index) }
        }
        var sum: Float = 0
        for index in tensors.indices { sum += norms[index] * norms[index] }
        return sum
    }
    let total = sumOfSquares.squareRoot()
    // PyTorch writes max_norm / (norm + 1e-6) with a tensor on the right, which it evaluates as
    // reciprocal(norm + 1e-6) · max_norm: the same rounding here.
    let coefficient = min((1 / (total + 1e-6)) * Float(maxNorm), 1)
    if coefficient != 1 {  // multiplying by 1 changes nothing, NaN included
        forEachRange(of: layout.count, pool: pool) { range in
            mapInPlace(gradients + range.lowerBound, range.count) { $0 * coefficient }
        }
    }
    return total
}

/// Clips gradients held in an array; see the pointer form.
@discardableResult
public func clipGradientNorm(_ gradients: inout [Float], layout: ParameterLayout, maxNorm: Double) -> Float {
    precondition(gradients.count == layout.count, "clipGradientNorm: \(gradients.count) gradients for \(layout.count)")
    return gradients.withUnsafeMutableBufferPointer {
        clipGradientNorm($0.baseAddress!, layout: layout, maxNorm: maxNorm)
    }
}
