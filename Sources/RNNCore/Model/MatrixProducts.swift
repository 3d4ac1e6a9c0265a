// The matrix products of every cell, with one contract each: every element of the result is a sum
// in ascending order of k, started from what the result held (or from zero with `overwrite`), with
// no fused multiply-add. Any implementation that keeps that order gives the same bits, so a blocked
// or threaded one may replace the loops below without changing a single result.
//
// Matrices are row-major with an explicit row stride (`ld…`, in floats), so a product can read or
// write a block of a larger buffer: the gates of one time step, one layer's rows of a (T, 4H) buffer.

/// C (M, N) (+)= A (M, K) · B (K, N).
///
/// C[i][j] = C[i][j] + A[i][0]·B[0][j] + A[i][1]·B[1][j] + … in that order.
///
/// - Parameters:
///   - c: (M, N) with row stride `ldc`.
///   - a: (M, K) with row stride `lda`.
///   - b: (K, N) with row stride `ldb`.
///   - overwrite: start every sum from zero instead of from C.
func matmulNN(
    _ c: UnsafeMutablePointer<Float>, ldc: Int,
    _ a: UnsafePointer<Float>, lda: Int,
    _ b: UnsafePointer<Float>, ldb: Int,
    M: Int, N: Int, K: Int, overwrite: Bool = false
) {
    for i in 0 ..< M {
        accumulateRows(c + i * ldc, N, a + i * lda, 1, b, ldb, K, overwrite: overwrite)
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
func matmulTN(
    _ c: UnsafeMutablePointer<Float>, ldc: Int,
    _ a: UnsafePointer<Float>, lda: Int,
    _ b: UnsafePointer<Float>, ldb: Int,
    M: Int, N: Int, K: Int, overwrite: Bool = false
) {
    for i in 0 ..< M {
        accumulateRows(c + i * ldc, N, a + i, lda, b, ldb, K, overwrite: overwrite)
    }
}
