import CKernels

// The forward and backward pass of one LSTM layer, as free functions over raw buffers, with the
// argument order and conventions of Layers.swift.
//
// Arranged as cuDNN does: the input projection of all T steps is one product before the time loop,
// only the recurrent product h_{t−1}·W_hhᵀ runs inside it, and the weight gradients are products over
// the whole window after it. Every product goes through `matmulNN` / `matmulTN`. Gates are PyTorch's,
// in its row order: input i, forget f, cell g, output o, each H rows of the [4H, ·] weights.

// MARK: - Forward

/// One LSTM layer over a window: with gatesₜ = W_ih·xₜ + b_ih + W_hh·hₜ₋₁ + b_hh split into
/// (i, f, g, o), i = σ, f = σ, g = tanh, o = σ, and cₜ = f⊙cₜ₋₁ + i⊙g, hₜ = o⊙tanh(cₜ).
///
/// - Parameters:
///   - h: (T+1, H). Row 0 holds h₀ on entry; rows 1…T receive h₁…h_T.
///   - c: (T+1, H). Row 0 holds c₀ on entry; rows 1…T receive c₁…c_T.
///   - gates: (T, 4H), receives the activated gates (i, f, g, o) of every step.
///   - cellTanh: (T, H), receives tanh(cₜ).
///   - x: (T, I) inputs.
///   - weightIHT: (I, 4H), W_ihᵀ, and weightHHT: (H, 4H), W_hhᵀ, both in panels (``Product/panels``);
///     biasIH, biasHH: (4H).
///   - projected: whether `gates` already holds the input projection (``InputProjection``), made
///     as Adam updated W_ih.
///   - pool: threads to split each product's columns among, or `nil`; the bits are the same.
func lstmForward(
    h: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>,
    gates: UnsafeMutablePointer<Float>, cellTanh: UnsafeMutablePointer<Float>,
    x: UnsafePointer<Float>,
    weightIHT: UnsafePointer<Float>, weightHHT: UnsafePointer<Float>,
    biasIH: UnsafePointer<Float>, biasHH: UnsafePointer<Float>,
    T: Int, I: Int, H: Int, projected: Bool = false, pool: WorkerPool? = nil
) {
    let G = 4 * H
    // The input projection of every step at once: gates = b_ih + b_hh + X·W_ihᵀ.
    if !projected {
        InputProjection(out: gates, x: x, weightIHT: weightIHT, biasIH: biasIH, biasHH: biasHH, T: T, I: I, N: G)
            .run(pool: pool)
    }
    for t in 0 ..< T {
        let gt = gates + t * G  // (4H)
        let recurrence = Product(
            c: gt, ldc: G, a: h + t * H, rowStride: H, kStride: 1, b: weightHHT, ldb: G, M: 1, K: H,
            overwrite: false, panels: true)
        let cPrev = c + t * H, cOut = c + (t + 1) * H, tc = cellTanh + t * H, hOut = h + (t + 1) * H  // (H) each
        let reversed = ReadOrder.reversed(step: t)
        recurrentStep(units: H, gates: 4, K: H, pool: pool) { units in
            recurrence.compute(units: units, gates: 4, H: H, reversed: reversed)
            rnnk_lstm_cell(gt, cPrev, cOut, tc, hOut, Int64(H), Int64(units.lowerBound), Int64(units.upperBound))
        }
    }
}

// MARK: - Backward

/// Backpropagation through time over one window of ``lstmForward``.
///
/// The state handed to the next window is detached, so nothing flows into h_T or c_T from beyond
/// the window.
///
/// - Parameters:
///   - dx: (T, I), overwritten with ∂loss/∂x; `nil` where the input needs no gradient (layer 0).
///   - dWeightIH: (4H, I), dWeightHH: (4H, H), dBiasIH, dBiasHH: (4H), overwritten with their gradients
///     (dWeightHH holds W_hh in panels during the time loop, as scratch).
///   - dh: (T, H) ∂loss/∂hₜ from above (the layer above, or the head) for t = 1…T.
///   - dGates: (T, 4H), receives ∂loss/∂(pre-activation gates).
///   - dNext: (H), dcNext: (H) scratch: ∂loss/∂hₜ₋₁ and ∂loss/∂cₜ₋₁ through the recurrence.
///   - h, c, gates, cellTanh, x: as the forward pass left them; weightIH: (4H, I), weightHH:
///     (4H, H), row-major.
///   - pool: threads to split each product's columns among, or `nil`; the bits are the same.
func lstmBackward(
    dx: UnsafeMutablePointer<Float>?,
    dWeightIH: UnsafeMutablePointer<Float>, dWeightHH: UnsafeMutablePointer<Float>,
    dBiasIH: UnsafeMutablePointer<Float>, dBiasHH: UnsafeMutablePointer<Float>,
    dh: UnsafePointer<Float>, dGates: UnsafeMutablePointer<Float>,
    dNext: UnsafeMutablePointer<Float>, dcNext: UnsafeMutablePointer<Float>,
    h: UnsafePointer<Float>, c: UnsafePointer<Float>,
    gates: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>, x: UnsafePointer<Float>,
    weightIH: UnsafePointer<Float>, weightHH: UnsafePointer<Float>,
    T: Int, I: Int, H: Int, pool: WorkerPool? = nil
) {
    let G = 4 * H
    dNext.update(repeating: 0, count: H)
    dcNext.update(repeating: 0, count: H)
    // The sequential part: only the recurrent product W_hhᵀ·dGatesₜ inside the loop, each
    // thread's units' columns of it followed by their cell's backward of the step before.
    // W_hh in panels, in dW_hh's place until the gradient is written after the loop; the first
    // product copies it there as it reads it (backwardWeights).
    recurrenceBackward(steps: T, units: H, K: G, pool: pool, product: { t in
        // dNext (1, H) = dGatesₜ (1, 4H) · W_hh (4H, H)
        let w = backwardWeights(weightHH, cols: H, scratch: dWeightHH, step: t, steps: T)
        return Product(
            c: dNext, ldc: H, a: dGates + t * G, rowStride: G, kStride: 1, b: w.b, ldb: H, M: 1, K: G,
            overwrite: true, panels: w.panels, copyInto: w.copyInto)
    }, cell: { t, units in
        rnnk_lstm_cell_backward(
            dGates + t * G, dcNext, dh + t * H, dNext, gates + t * G, cellTanh + t * H, c + t * H,
            Int64(H), Int64(units.lowerBound), Int64(units.upperBound))
    })
    // The rest is products over the whole window.
    biasGradient(dBiasIH, dGates, stride: G, G, T, pool: pool)
    // ∂loss/∂b_hh is the same sum of the same rows, so the same bits.
    dBiasHH.update(from: dBiasIH, count: G)
    // dW_hh (4H, H) = dGatesᵀ (4H, T) · h₀…h_{T−1} (T, H), over the panels the loop has just read
    matmulTN(
        dWeightHH, ldc: H, dGates, lda: G, h, ldb: H, M: G, N: H, K: T,
        overwrite: true, cInCache: true, pool: pool)
    // dW_ih (4H, I) = dGatesᵀ (4H, T) · X (T, I)
    inputWeightGradient(dWeightIH, dPre: dGates, ldPre: G, x: x, G: G, I: I, T: T, pool: pool)
    if let dx {
        // dX (T, I) = dGates (T, 4H) · W_ih (4H, I)
        matmulNN(dx, ldc: I, dGates, lda: G, weightIH, ldb: I, M: T, N: I, K: G, overwrite: true, pool: pool)
    }
}
