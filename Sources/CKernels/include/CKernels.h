#ifndef RNNREPORT_CKERNELS_H
#define RNNREPORT_CKERNELS_H

// The training step's hot loops (the matrix product, Adam's update, the transpose and the cells'
// element-by-element work), written once and
// compiled three times: for SSE2 (every x86-64), AVX2 and AVX-512, the widest the processor has
// being chosen at the first call. Swift cannot compile one function for several instruction sets
// and pick among them at run time; C can (clang's target attribute and __builtin_cpu_supports).
//
// Every variant computes every value with the same operations in the same order (vectors run
// across independent results, never along a sum, and no multiply and add are ever fused), so all
// three give the same bits, and the same bits as the simple loops of the tests.

#include <stdint.h>

/// The instruction sets a kernel can be compiled for.
typedef enum {
    rnnk_sse2 = 0,
    rnnk_avx2 = 1,
    rnnk_avx512 = 2,
} rnnk_level;

/// The widest level this processor can run.
rnnk_level rnnk_supported_level(void);

/// The level the kernels use: the supported one, unless `rnnk_use_level` chose another.
rnnk_level rnnk_current_level(void);

/// Makes the kernels use `level` from now on, when the processor can run it. Returns 0, or -1
/// (and changes nothing) when it cannot. For tests and benchmarks; not thread-safe against
/// kernels running at the same time.
int rnnk_use_level(rnnk_level level);

/// C (M, N) (+)= A · B over C's columns [column_start, column_end), where A's element (i, k) is at
/// a[i·row_stride + k·k_stride] (A, or a transposed A), B is (K, N) with row stride ldb and C has
/// row stride ldc.
///
/// C[i][j] = ((C[i][j] + A[i][0]·B[0][j]) + A[i][1]·B[1][j]) + … in ascending k, each product
/// rounded before its addition; with `overwrite` the sum starts from zero instead of from C.
///
/// `stream` asks for C to be stored past the caches (non-temporal stores), for a C too large to
/// stay in cache, which would otherwise first be read from memory only to be written over. It is
/// done where the sums are written once, whole: with `overwrite`, K at most 128, and C, ldc and
/// column_start multiples of a vector; elsewhere C is stored as always. The values are the same.
void rnnk_product(
    float *c, int64_t ldc,
    const float *a, int64_t row_stride, int64_t k_stride,
    const float *b, int64_t ldb,
    int64_t M, int64_t K, int64_t column_start, int64_t column_end, int overwrite, int stream);

/// The one-row product c (1, N) (+)= a (1, K) · B (K, N) over c's columns [column_start,
/// column_end), B row-major with row stride N, each sum as rnnk_product's (the same bits); and,
/// as B is read, those columns of B copied into `out` in panels of P = `panel_columns` columns:
/// panel p holds columns [P·p, P·p + w), w = min(P, N − P·p), as a (K, w) row-major matrix at
/// out + P·p·K. The first product of a backward time loop, which makes the panels the others
/// read.
void rnnk_row_product_copying(
    float *c, const float *a, const float *b, int64_t N, int64_t K, int64_t column_start, int64_t column_end,
    int overwrite, float *out, int64_t panel_columns);

/// Adam's update of parameters [start, end), PyTorch's order of operations:
///
///     g = g·scale               (when `scaled`: gradient clipping's coefficient)
///     m = m + weight1·(g − m)
///     v = v·decay2 + (weight2·g)·g
///     p = p + (step_size·m) / (√v / root + eps)
///
/// step_size is −lr / (1 − β₁ᵗ) and root √(1 − β₂ᵗ), both already rounded to float. The
/// gradients are read, never written: clipping's scale is applied to each as it is read, in one
/// pass with the update instead of two.
void rnnk_adam(
    float *p, const float *g, float *m, float *v, int64_t start, int64_t end,
    float step_size, float weight1, float decay2, float weight2, float root, float eps,
    float scale, int scaled);

/// out (cols, rows) = mᵀ for m (rows, cols), both row-major, over m's columns [column_start,
/// column_end) (out's rows): in tiles of 16 × 16, each four 8 × 8 blocks transposed in vector
/// registers (4 × 4 blocks in SSE2).
void rnnk_transpose(
    float *out, const float *m, int64_t rows, int64_t cols, int64_t column_start, int64_t column_end);

// MARK: - The cells' element-by-element work

/// The functions of `rnnk_map`.
typedef enum {
    rnnk_function_tanh = 0,
    rnnk_function_sigmoid = 1,
    rnnk_function_exp = 2,
} rnnk_function;

/// out[i] = f(x[i]) for i in [0, n) (out may be x): tanh and e^x by Cephes' tanhf and expf
/// (S. L. Moshier), σ(x) = 1/(1 + e^{−x}), from IEEE operations alone, so that every machine,
/// every variant and every C library gives the same bits. exp is for x in [−87, 88].
void rnnk_map(float *out, const float *x, int64_t n, rnnk_function function);

/// One LSTM time step's units [start, end) of H: `gates` (4H) holds the pre-activations
/// (i, f, g, o) on entry and their activations on return, c = f⊙c_prev + i⊙g goes to c_out,
/// tanh(c) to cell_tanh and h = o⊙tanh(c) to h_out.
void rnnk_lstm_cell(
    float *gates, const float *c_prev, float *c_out, float *cell_tanh, float *h_out,
    int64_t H, int64_t start, int64_t end);

/// One GRU time step's units [start, end) of H: `gates` (3H) holds W_ih·x + b_ih for (r, z, n) on
/// entry and r, z, n on return, `hidden_gates` (3H) W_hh·h_prev + b_hh; r = σ(·), z = σ(·),
/// n = tanh(gates_n + r⊙hidden_n), h = n + z⊙(h_prev − n) (PyTorch's CPU order) to h_out, and
/// hidden_n to hidden_new.
void rnnk_gru_cell(
    float *gates, const float *hidden_gates, const float *h_prev, float *h_out, float *hidden_new,
    int64_t H, int64_t start, int64_t end);

// Backward through a time step, for the units [start, end) of H (the unit ranges of the threads
// of a backward time loop). Each output is the same arithmetic, in the same order, in every
// variant and every split of the units. ∂ is ∂loss/∂.

/// An LSTM's step t, with gates (4H) the activated i, f, g, o of step t, cell_tanh tanh(cₜ),
/// c_prev cₜ₋₁; dh is ∂hₜ from above, dh_next ∂hₜ through the recurrence. dc_next holds ∂cₜ
/// through the recurrence on entry and ∂cₜ₋₁ (dc·f) on return, where dc = dc_next + dhₜ·o·(1 −
/// tanh²cₜ) and dhₜ = dh + dh_next. d_gates (4H) receives ∂ of the pre-activations:
/// dc·g·i(1 − i), dc·cₜ₋₁·f(1 − f), dc·i·(1 − g²), dhₜ·tanh cₜ·o(1 − o).
void rnnk_lstm_cell_backward(
    float *d_gates, float *dc_next, const float *dh, const float *dh_next, const float *gates,
    const float *cell_tanh, const float *c_prev, int64_t H, int64_t start, int64_t end);

/// A GRU's step t, with gates (3H) the r, z, n of step t, h_prev hₜ₋₁ and hidden_new W_hn·hₜ₋₁ +
/// b_hn; dh is ∂hₜ from above, dh_next ∂hₜ through the recurrence on entry, and dhₜ·z on return
/// (the direct path to hₜ₋₁, to which the recurrent product then adds the gates' paths), where
/// dhₜ = dh + dh_next. With ∂n = dhₜ·(1 − z)·(1 − n²), ∂r = ∂n·hidden_new·r(1 − r) and ∂z =
/// dhₜ·(hₜ₋₁ − n)·z(1 − z): d_input_gates (3H) receives ∂r, ∂z, ∂n and d_hidden_gates (3H)
/// ∂r, ∂z, ∂n·r.
void rnnk_gru_cell_backward(
    float *d_input_gates, float *d_hidden_gates, float *dh_next, const float *dh, const float *gates,
    const float *h_prev, const float *hidden_new, int64_t H, int64_t start, int64_t end);

/// A tanh RNN's step t, with h hₜ: d_pre holds ∂hₜ from above on entry and ∂ of the
/// pre-activation, (d_pre + dh_next)·(1 − hₜ²), on return; dh_next is ∂hₜ through the recurrence.
void rnnk_rnn_cell_backward(float *d_pre, const float *dh_next, const float *h, int64_t start, int64_t end);

#endif
