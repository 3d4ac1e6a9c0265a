// The matrix products of every cell, with one contract each: every element of the result is a sum
// in ascending order of k, started from what the result held (or from zero with `overwrite`), with
// no fused multiply-add. Any implementation that keeps that order gives the same bits, so the
// blocked and threaded products below give exactly what the simple loops of the tests give:
//
//     for i, j: c[i][j] = (overwrite ? 0 : c[i][j]); for k in 0..<K: c[i][j] += a(i, k) · b[k][j]
//
// How they are fast without changing a bit (CKernels' `rnnk_product`): a tile of C (3 rows × 8
// vectors in AVX-512, 6 × 2 in AVX2 and SSE2) is held in registers while k runs, each a(i, k)
// broadcast once per tile row and each row of B loaded once per tile; k goes in chunks of 128 so
// that a chunk of B's strip stays in cache while every block of rows walks it (in AVX2 and SSE2 the
// chunks are the outer loop, each walked strip by strip, and a product of one chunk, a weight
// gradient's, goes block of rows by block); threads take disjoint ranges of columns. The weights a
// time loop reads at every step are stored in panels one tile of a one-row product wide
// (Product.panelColumns), so that each tile reads contiguous memory; a C of 2 MB or more that a
// product writes whole (a weight gradient from hidden 512) is stored past the caches
// (Product.streamingFloats), unless its buffer is in cache and it is 4 MB or less
// (Product.inCacheFloats). Nothing ever reorders a sum over k.
//
// Matrices are row-major with an explicit row stride (`ld…`, in floats), so a product can read or
// write a block of a larger buffer: the gates of one time step, one layer's rows of a (T, 4H) buffer.

/// C (M, N) (+)= A (M, K) · B (K, N).
///
/// C[i][j] = C[i][j] + A[i][0]·B[0][j] + A[i][1]·B[1][j] + … in that order. With M = 1 it is the
/// matrix-vector product of a recurrence step (a row vector times a matrix).
///
/// - Parameters:
///   - c: (M, N) with row stride `ldc`.
///   - a: (M, K) with row stride `lda`.
///   - b: (K, N) with row stride `ldb`, or in panels (``Product/panels``) with `ldb` = N.
///   - overwrite: start every sum from zero instead of from C.
///   - panels: whether B is in panels.
///   - panelWidth: their width (``Product/panelWidth``).
///   - pool: threads to split the columns among, or `nil` for the calling thread alone; the
///     result is the same bits either way.
func matmulNN(
    _ c: UnsafeMutablePointer<Float>, ldc: Int,
    _ a: UnsafePointer<Float>, lda: Int,
    _ b: UnsafePointer<Float>, ldb: Int,
    M: Int, N: Int, K: Int, overwrite: Bool = false, panels: Bool = false,
    panelWidth: Int = Product.panelColumns, pool: WorkerPool? = nil
) {
    let product = Product(
        c: c, ldc: ldc, a: a, rowStride: lda, kStride: 1, b: b, ldb: ldb, M: M, K: K, overwrite: overwrite, panels: panels,
        panelWidth: panelWidth)
    product.run(columns: N, pool: pool)
}

/// dW_ih (G, I) = Σₜ dPreₜ·xₜᵀ = dPreᵀ (G, T) · X (T, I), overwritten: the input weights' gradient
/// of a layer whose pre-activations (T, G), row stride `ldPre`, had the gradient `dPre`.
///
/// With one input (the first layer on sin t, or a one-column series) it is computed as its
/// transpose, Xᵀ (1, T) · dPre (T, G): the G sums side by side in vectors, split among threads,
/// instead of G scalar sums of T terms on one thread (58 µs a step at LSTM 256). Each sum is the
/// same, x[t]·dPre[t][j] added in ascending t, so the bits are too.
func inputWeightGradient(
    _ dWeightIH: UnsafeMutablePointer<Float>, dPre: UnsafePointer<Float>, ldPre: Int,
    x: UnsafePointer<Float>, G: Int, I: Int, T: Int, pool: WorkerPool?
) {
    if I == 1 {
        matmulTN(dWeightIH, ldc: G, x, lda: 1, dPre, ldb: ldPre, M: 1, N: G, K: T, overwrite: true, pool: pool)
    } else {
        matmulTN(dWeightIH, ldc: I, dPre, lda: ldPre, x, ldb: I, M: G, N: I, K: T, overwrite: true, pool: pool)
    }
}

/// C (M, N) (+)= Aᵀ · B, with A (K, M) and B (K, N): the sum over a window of outer products,
/// as in a weight gradient dW = Σₜ dyₜ·xₜᵀ.
///
/// C[i][j] = C[i][j] + A[0][i]·B[0][j] + A[1][i]·B[1][j] + … in that order.
///
/// - Parameters:
///   - c: (M, N) with row stride `ldc`.
///   - a: (K, M) with row stride `lda`.
///   - b: (K, N) with row stride `ldb`.
///   - overwrite: start every sum from zero instead of from C.
///   - cInCache: whether C's buffer is in cache (``Product/cInCache``): a recurrent weight
///     gradient written over its loop's backward panels.
///   - pool: threads to split the columns among, or `nil` for the calling thread alone; the
///     result is the same bits either way.
func matmulTN(
    _ c: UnsafeMutablePointer<Float>, ldc: Int,
    _ a: UnsafePointer<Float>, lda: Int,
    _ b: UnsafePointer<Float>, ldb: Int,
    M: Int, N: Int, K: Int, overwrite: Bool = false, cInCache: Bool = false, pool: WorkerPool? = nil
) {
    let product = Product(
        c: c, ldc: ldc, a: a, rowStride: 1, kStride: lda, b: b, ldb: ldb, M: M, K: K, overwrite: overwrite,
        cInCache: cInCache)
    product.run(columns: N, pool: pool)
}
