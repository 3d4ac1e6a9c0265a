import CKernels

// The forward and backward pass of each layer, as free functions over raw buffers.
//
// Argument order is fixed: outputs, inputs, weights, sizes. A backward function overwrites its
// weight-gradient buffers (nothing zeroes them between steps) and runs its forward's loops in
// reverse. In the forward time loop, each thread's piece of a step is a range of hidden units: their
// columns of the recurrent product, then their activations (`recurrentStep`).
// T is the window length, I a layer's input width, H the hidden width. Weight matrices are
// row-major as in PyTorch; the forward pass reads transposed copies (`…T`, (I, H) and (H, H)) so
// that each step is a sum of rows kept in registers.

// MARK: - Recurrent layer

/// Elman layer with tanh: hₜ = tanh(W_ih·xₜ + b_ih + W_hh·hₜ₋₁ + b_hh).
///
/// Arranged as cuDNN does: the input projection of all T steps is one (T, I)·(I, H) product, and
/// only the recurrent product hₜ₋₁·W_hhᵀ is left in the time loop. Each pre-activation is still
/// one sum in the order (b_ih + b_hh), then the I input terms, then the H recurrent terms, so the
/// result is the same bits as a step-by-step loop.
///
/// - Parameters:
///   - h: (T+1, H). Row 0 holds h₀ on entry; rows 1…T receive h₁…h_T.
///   - x: (T, I) inputs.
///   - weightIHT: (I, H), W_ihᵀ, and weightHHT: (H, H), W_hhᵀ, both in panels (``Product/panels``);
///     biasIH, biasHH: (H).
///   - projected: whether rows 1…T of `h` already hold the input projection
///     (``InputProjection``), made as Adam updated W_ih.
///   - pool: threads to split each product's columns among, or `nil`.
func rnnForward(
    h: UnsafeMutablePointer<Float>,
    x: UnsafePointer<Float>,
    weightIHT: UnsafePointer<Float>, weightHHT: UnsafePointer<Float>,
    biasIH: UnsafePointer<Float>, biasHH: UnsafePointer<Float>,
    T: Int, I: Int, H: Int, projected: Bool = false, pool: WorkerPool? = nil
) {
    let hOut = h + H  // (T, H) h₁…h_T
    if !projected {
        InputProjection(out: hOut, x: x, weightIHT: weightIHT, biasIH: biasIH, biasHH: biasHH, T: T, I: I, N: H)
            .run(pool: pool)
    }
    for t in 0 ..< T {
        let hPrev = h + t * H  // (H)
        let ht = hOut + t * H  // (H)
        let recurrence = Product(
            c: ht, ldc: H, a: hPrev, rowStride: H, kStride: 1, b: weightHHT, ldb: H, M: 1, K: H,
            overwrite: false, panels: true)
        let reversed = ReadOrder.reversed(step: t)
        recurrentStep(units: H, gates: 1, K: H, pool: pool) { units in
            recurrence.compute(columns: units, reversed: reversed)
            rnnk_map(ht + units.lowerBound, ht + units.lowerBound, Int64(units.count), rnnk_function_tanh)
        }
    }
}

/// Backpropagation through time over one window of ``rnnForward``.
///
/// Only the gradient through the recurrence (dhₜ₋₁ = W_hhᵀ·dPreₜ) runs step by step; the weight
/// gradients and the gradient of the input are products over the whole window, each element a sum
/// in ascending order of t (or of the hidden unit).
///
/// - Parameters:
///   - dx: (T, I), overwritten with ∂loss/∂x; `nil` where the input needs no gradient (layer 0).
///   - dWeightIH: (H, I), dWeightHH: (H, H), dBiasIH, dBiasHH: (H), overwritten with their gradients
///     (dWeightHH holds W_hh in panels during the time loop, as scratch).
///   - dh: (T, H) ∂loss/∂hₜ from above for t = 1…T; overwritten with ∂loss/∂(pre-activation).
///   - dNext: (H) scratch.
///   - h, x: as in the forward pass; weightIH: (H, I), weightHH: (H, H), row-major.
///   - pool: threads to split each product's columns among, or `nil`.
func rnnBackward(
    dx: UnsafeMutablePointer<Float>?,
    dWeightIH: UnsafeMutablePointer<Float>, dWeightHH: UnsafeMutablePointer<Float>,
    dBiasIH: UnsafeMutablePointer<Float>, dBiasHH: UnsafeMutablePointer<Float>,
    dh: UnsafeMutablePointer<Float>, dNext: UnsafeMutablePointer<Float>,
    h: UnsafePointer<Float>, x: UnsafePointer<Float>,
    weightIH: UnsafePointer<Float>, weightHH: UnsafePointer<Float>,
    T: Int, I: Int, H: Int, pool: WorkerPool? = nil
) {
    // The sequential part: the gradient flowing back through the recurrence. The state handed to
    // the next window is detached, so nothing flows into h_T from beyond the window.
    // Each thread's units' columns of dNext = dPreₜ·W_hh, then their dPreₜ₋₁.
    dNext.update(repeating: 0, count: H)
    // W_hh in panels, in dW_hh's place until the gradient is written after the loop; the first
    // product copies it there as it reads it (backwardWeights).
    recurrenceBackward(steps: T, units: H, K: H, pool: pool, product: { t in
        let w = backwardWeights(weightHH, cols: H, scratch: dWeightHH, step: t, steps: T)
        return Product(
            c: dNext, ldc: H, a: dh + t * H, rowStride: H, kStride: 1, b: w.b, ldb: H, M: 1, K: H,
            overwrite: true, panels: w.panels, copyInto: w.copyInto)
    }, cell: { t, units in
        rnnk_rnn_cell_backward(dh + t * H, dNext, h + (t + 1) * H, Int64(units.lowerBound), Int64(units.upperBound))
    })
    // The rest needs every step's dPre and nothing sequential.
    biasGradient(dBiasIH, dh, stride: H, H, T, pool: pool)
    // ∂loss/∂b_hh is the same sum of the same rows, so the same bits.
    dBiasHH.update(from: dBiasIH, count: H)
    // dW_hh = Σₜ dPreₜ·hₜ₋₁ᵀ: (H, T)·(T, H), over the panels the loop has just read
    matmulTN(dWeightHH, ldc: H, dh, lda: H, h, ldb: H, M: H, N: H, K: T, overwrite: true, cInCache: true, pool: pool)
    // dW_ih = Σₜ dPreₜ·xₜᵀ: (H, T)·(T, I)
    inputWeightGradient(dWeightIH, dPre: dh, ldPre: H, x: x, G: H, I: I, T: T, pool: pool)
    if let dx {
        // dx = dPre·W_ih: (T, H)·(H, I)
        matmulNN(dx, ldc: I, dh, lda: H, weightIH, ldb: I, M: T, N: I, K: H, overwrite: true, pool: pool)
    }
}

// MARK: - Linear head

/// yₜ = w·hₜ + b at every step.
///
/// - Parameters:
///   - y: (T) outputs.
///   - h: (T, H) the top layer's outputs h₁…h_T.
///   - weight: (1, H); bias: (1).
func linearForward(
    y: UnsafeMutablePointer<Float>,
    h: UnsafePointer<Float>,
    weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
    T: Int, H: Int
) {
    for t in 0 ..< T {
        y[t] = dot(weight, h + t * H, H) + bias[0]
    }
}

/// - Parameters:
///   - dh: (T, H), overwritten with ∂loss/∂hₜ.
///   - dWeight: (1, H), dBias: (1), overwritten with their gradients.
///   - dy: (T) ∂loss/∂yₜ.
///   - h, weight: as in the forward pass.
func linearBackward(
    dh: UnsafeMutablePointer<Float>,
    dWeight: UnsafeMutablePointer<Float>, dBias: UnsafeMutablePointer<Float>,
    dy: UnsafePointer<Float>,
    h: UnsafePointer<Float>, weight: UnsafePointer<Float>,
    T: Int, H: Int
) {
    dBias[0] = 0
    for t in 0 ..< T {
        let dht = dh + t * H  // (H)
        for i in 0 ..< H { dht[i] = dy[t] * weight[i] }
        dBias[0] += dy[t]
    }
    accumulateRows(dWeight, H, dy, 1, h, H, T, overwrite: true)
}

// MARK: - Mean squared error

/// The mean of (yₜ − targetₜ)² over the window.
func mseForward(y: UnsafePointer<Float>, target: UnsafePointer<Float>, T: Int) -> Float {
    var sum: Float = 0
    for t in 0 ..< T {
        let d = y[t] - target[t]
        sum += d * d
    }
    return sum / Float(T)
}

/// dyₜ = 2(yₜ − targetₜ)/T, PyTorch's `mse_loss_backward` with a mean reduction.
func mseBackward(dy: UnsafeMutablePointer<Float>, y: UnsafePointer<Float>, target: UnsafePointer<Float>, T: Int) {
    let norm = Float(2.0 / Double(T))
    for t in 0 ..< T {
        dy[t] = norm * (y[t] - target[t])
    }
}
