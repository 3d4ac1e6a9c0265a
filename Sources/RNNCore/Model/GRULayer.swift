import CKernels

// The forward and backward pass of one GRU layer, as free functions over raw buffers, with the
// argument order and conventions of Layers.swift and the cuDNN arrangement of LSTMLayer.swift: the
// input projection of all T steps before the time loop, only the recurrent product inside it, the
// weight gradients as products over the window. Gates are PyTorch's, in its row order: reset r,
// update z, new n, each H rows of the [3H, ·] weights.

// MARK: - Forward

/// One GRU layer over a window, PyTorch's equations:
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h, computed as
/// n + z ⊙ (h − n) as PyTorch's CPU kernel does.
///
/// - Parameters:
///   - h: (T+1, H). Row 0 holds h₀ on entry; rows 1…T receive h₁…h_T.
///   - gates: (T, 3H), receives the activated gates (r, z, n) of every step.
///   - hiddenNew: (T, H), receives W_hn·hₜ₋₁ + b_hn, which the backward pass needs.
///   - hiddenGates: (3H) scratch for W_hh·hₜ₋₁ + b_hh.
///   - x: (T, I) inputs.
///   - weightIHT: (I, 3H), W_ihᵀ, and weightHHT: (H, 3H), W_hhᵀ, both in panels (``Product/panels``);
///     biasIH, biasHH: (3H).
///   - projected: whether `gates` already holds the input projection (``InputProjection``), made
///     as Adam updated W_ih.
///   - pool: threads to split each product's columns among, or `nil`; the bits are the same.
func gruForward(
    h: UnsafeMutablePointer<Float>,
    gates: UnsafeMutablePointer<Float>, hiddenNew: UnsafeMutablePointer<Float>,
    hiddenGates: UnsafeMutablePointer<Float>,
    x: UnsafePointer<Float>,
    weightIHT: UnsafePointer<Float>, weightHHT: UnsafePointer<Float>,
    biasIH: UnsafePointer<Float>, biasHH: UnsafePointer<Float>,
    T: Int, I: Int, H: Int, projected: Bool = false, pool: WorkerPool? = nil
) {
    let G = 3 * H
    // The input projection of every step at once: gates = b_ih + X·W_ihᵀ.
    if !projected {
        InputProjection(out: gates, x: x, weightIHT: weightIHT, biasIH: biasIH, biasHH: nil, T: T, I: I, N: G)
            .run(pool: pool)
    }
    for t in 0 ..< T {
        let gt = gates + t * G  // (3H)
        let hPrev = h + t * H, hOut = h + (t + 1) * H, hn = hiddenNew + t * H  // (H) each
        let recurrence = Product(
            c: hiddenGates, ldc: G, a: hPrev, rowStride: H, kStride: 1, b: weightHHT, ldb: G, M: 1, K: H,
            overwrite: false, panels: true)
        let reversed = ReadOrder.reversed(step: t)
        recurrentStep(units: H, gates: 3, K: H, pool: pool) { units in
            for gate in 0 ..< 3 {
                (hiddenGates + gate * H + units.lowerBound).update(from: biasHH + gate * H + units.lowerBound, count: units.count)
            }
            recurrence.compute(units: units, gates: 3, H: H, reversed: reversed)
            rnnk_gru_cell(gt, hiddenGates, hPrev, hOut, hn, Int64(H), Int64(units.lowerBound), Int64(units.upperBound))
        }
    }
}

// MARK: - Backward

/// Backpropagation through time over one window of ``gruForward``.
///
/// The state handed to the next window is detached, so nothing flows into h_T from beyond it.
///
/// - Parameters:
///   - dx: (T, I), overwritten with ∂loss/∂x; `nil` where the input needs no gradient (layer 0).
///   - dWeightIH: (3H, I), dWeightHH: (3H, H), dBiasIH, dBiasHH: (3H), overwritten with their gradients
///     (dWeightHH holds W_hh in panels during the time loop, as scratch).
///   - dh: (T, H) ∂loss/∂hₜ from above (the layer above, or the head) for t = 1…T.
///   - dInputGates: (T, 3H), receives ∂loss/∂(W_ih·xₜ + b_ih).
///   - dHiddenGates: (T, 3H), receives ∂loss/∂(W_hh·hₜ₋₁ + b_hh); it differs from dInputGates only
///     in the new gate, scaled by r.
///   - dNext: (H) scratch: ∂loss/∂hₜ₋₁ through the recurrence.
///   - h, gates, hiddenNew, x: as the forward pass left them; weightIH: (3H, I), weightHH: (3H, H),
///     row-major.
///   - pool: threads to split each product's columns among, or `nil`; the bits are the same.
func gruBackward(
    dx: UnsafeMutablePointer<Float>?,
    dWeightIH: UnsafeMutablePointer<Float>, dWeightHH: UnsafeMutablePointer<Float>,
    dBiasIH: UnsafeMutablePointer<Float>, dBiasHH: UnsafeMutablePointer<Float>,
    dh: UnsafePointer<Float>,
    dInputGates: UnsafeMutablePointer<Float>, dHiddenGates: UnsafeMutablePointer<Float>,
    dNext: UnsafeMutablePointer<Float>,
    h: UnsafePointer<Float>, gates: UnsafePointer<Float>, hiddenNew: UnsafePointer<Float>,
    x: UnsafePointer<Float>,
    weightIH: UnsafePointer<Float>, weightHH: UnsafePointer<Float>,
    T: Int, I: Int, H: Int, pool: WorkerPool? = nil
) {
    let G = 3 * H
    dNext.update(repeating: 0, count: H)
    // The sequential part: only the recurrent product W_hhᵀ·dHiddenGatesₜ inside the loop, each
    // thread's units' columns of it followed by their cell's backward of the step before.
    // W_hh in panels, in dW_hh's place until the gradient is written after the loop; the first
    // product copies it there as it reads it (backwardWeights).
    recurrenceBackward(steps: T, units: H, K: G, pool: pool, product: { t in
        // dNext (1, H) += dHiddenGatesₜ (1, 3H) · W_hh (3H, H)
        let w = backwardWeights(weightHH, cols: H, scratch: dWeightHH, step: t, steps: T)
        return Product(
            c: dNext, ldc: H, a: dHiddenGates + t * G, rowStride: G, kStride: 1, b: w.b, ldb: H, M: 1, K: G,
            overwrite: false, panels: w.panels, copyInto: w.copyInto)
    }, cell: { t, units in
        // The direct path h' = … + z ⊙ h goes to dNext; the product adds the gates' paths.
        rnnk_gru_cell_backward(
            dInputGates + t * G, dHiddenGates + t * G, dNext, dh + t * H, gates + t * G, h + t * H,
            hiddenNew + t * H, Int64(H), Int64(units.lowerBound), Int64(units.upperBound))
    })
    // The rest is products over the whole window.
    biasGradient(dBiasIH, dInputGates, stride: G, G, T, pool: pool)
    biasGradient(dBiasHH, dHiddenGates, stride: G, G, T, pool: pool)
    // dW_hh (3H, H) = dHiddenGatesᵀ (3H, T) · h₀…h_{T−1} (T, H), over the panels the loop has just read
    matmulTN(
        dWeightHH, ldc: H, dHiddenGates, lda: G, h, ldb: H, M: G, N: H, K: T,
        overwrite: true, cInCache: true, pool: pool)
    // dW_ih (3H, I) = dInputGatesᵀ (3H, T) · X (T, I)
    inputWeightGradient(dWeightIH, dPre: dInputGates, ldPre: G, x: x, G: G, I: I, T: T, pool: pool)
    if let dx {
        // dX (T, I) = dInputGates (T, 3H) · W_ih (3H, I)
        matmulNN(dx, ldc: I, dInputGates, lda: G, weightIH, ldb: I, M: T, N: I, K: G, overwrite: true, pool: pool)
    }
}
