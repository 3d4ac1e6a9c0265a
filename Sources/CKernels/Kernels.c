// The three builds of the kernels (Kernels.inc) and the choice among them.

#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// No multiply and add may become one fused operation (which rounds once instead of twice): the
// AVX-512 variant could otherwise use vfmadd, and its bits would differ from the others'.
#pragma clang fp contract(off)

// The depth of the chunks of k in a product of many rows (see Kernels.inc's strip).
#define KC 128

// Orders a product's stores past the caches before the stores that follow (the thread pool's
// hand-over), which otherwise would not be.
#if defined(__x86_64__)
#define STREAM_FENCE() _mm_sfence()
#else
#define STREAM_FENCE() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif

#if defined(__x86_64__)

// Tiles of 6 rows × 2 vectors: 12 sums, the two rows of B and a broadcast fit in 16 registers.
// A product walks its chunks of k outermost, and one whose k fits one chunk (a weight
// gradient's, k = the window's T) block of rows by block of rows (CHUNKS_OUTER, see
// Kernels.inc's product). On Zen 3, AVX2, one thread, with nothing in cache (C harness over
// rnnk_product): a 2048 × 512 gradient over 30 steps took 1.3 ms against 1.9–2.3 strip by strip,
// and stored past the caches 1.2–1.4 against 2.4–2.5 (SSE2 alike); an input gradient's
// (30 × 2048)·(2048 × 512) 1.35–1.45 ms against 1.9–2.0.
#define TR 6
#define TV 2
#define CHUNKS_OUTER 1

#define VW 4
#define SUFFIX sse2
#define TARGET
#include "Kernels.inc"
#undef VW
#undef SUFFIX
#undef TARGET

#define VW 8
#define SUFFIX avx2
#define TARGET __attribute__((target("avx2")))
#include "Kernels.inc"
#undef VW
#undef SUFFIX
#undef TARGET

// AVX-512 has 32 registers: tiles of 3 rows × 8 vectors (128 columns) hold 24 sums and need one
// broadcast of A per 8 products instead of one per 2, which is what bounded the 6 × 2 tile on
// Zen 4 (76–79 GFLOP/s a core on the window's products against 93–96 for 3 × 8, measured with a C
// harness over rnnk_product; 4 × 4, 5 × 4, 4 × 6 and 2 × 8 fell between).
#undef TR
#undef TV
#undef CHUNKS_OUTER
#define TR 3
#define TV 8
// Strip by strip, as measured on Zen 4 (no AVX-512 processor was at hand to measure the other
// order on).
#define CHUNKS_OUTER 0
#define VW 16
#define SUFFIX avx512
#define TARGET __attribute__((target("avx512f,evex512")))
#include "Kernels.inc"
#undef VW
#undef SUFFIX
#undef TARGET
#undef TR
#undef TV
#undef CHUNKS_OUTER

#else

// Elsewhere (arm64) one portable build, with the compiler's own vector width.
#define TR 6
#define TV 2
#define CHUNKS_OUTER 1
#define VW 4
#define SUFFIX sse2
#define TARGET
#include "Kernels.inc"
#undef VW
#undef SUFFIX
#undef TARGET

#endif

// 0 until the first call chooses; then 1 + the level in use.
static int chosen = 0;

rnnk_level rnnk_supported_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return rnnk_avx512;
    if (__builtin_cpu_supports("avx2")) return rnnk_avx2;
#endif
    return rnnk_sse2;
}

rnnk_level rnnk_current_level(void) {
    int level = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
    if (level == 0) {
        level = 1 + (int)rnnk_supported_level();
        __atomic_store_n(&chosen, level, __ATOMIC_RELAXED);
    }
    return (rnnk_level)(level - 1);
}

int rnnk_use_level(rnnk_level level) {
    if (level < rnnk_sse2 || level > rnnk_supported_level()) return -1;
    __atomic_store_n(&chosen, 1 + (int)level, __ATOMIC_RELAXED);
    return 0;
}

// Calls the variant of NAME for the level in use with the arguments that follow.
#if defined(__x86_64__)
#define DISPATCH(NAME, ...) \
    switch (rnnk_current_level()) { \
    case rnnk_avx512: NAME##_avx512(__VA_ARGS__); return; \
    case rnnk_avx2: NAME##_avx2(__VA_ARGS__); return; \
    default: NAME##_sse2(__VA_ARGS__); return; \
    }
#else
#define DISPATCH(NAME, ...) NAME##_sse2(__VA_ARGS__);
#endif

void rnnk_product(
    float *c, int64_t ldc, const float *a, int64_t row_stride, int64_t k_stride,
    const float *b, int64_t ldb, int64_t M, int64_t K, int64_t column_start, int64_t column_end,
    int overwrite, int stream)
{
    DISPATCH(product, c, ldc, a, row_stride, k_stride, b, ldb, M, K, column_start, column_end, overwrite, stream)
}

void rnnk_row_product_copying(
    float *c, const float *a, const float *b, int64_t N, int64_t K, int64_t column_start, int64_t column_end,
    int overwrite, float *out, int64_t panel_columns)
{
    DISPATCH(row_product_copying, c, a, b, N, K, column_start, column_end, overwrite, out, panel_columns)
}

void rnnk_adam(
    float *p, const float *g, float *m, float *v, int64_t start, int64_t end,
    float step_size, float weight1, float decay2, float weight2, float root, float eps,
    float scale, int scaled)
{
    DISPATCH(adam, p, g, m, v, start, end, step_size, weight1, decay2, weight2, root, eps, scale, scaled)
}

// MARK: - Transposes (moving floats, no arithmetic: every variant gives the same bits trivially)

/// The elements of rows [r0, r1) × columns [c0, c1) one by one.
static void transpose_elements(
    float *out, const float *m, int64_t rows, int64_t cols, int64_t r0, int64_t r1, int64_t c0, int64_t c1)
{
    for (int64_t c = c0; c < c1; c++)
        for (int64_t r = r0; r < r1; r++) out[c * rows + r] = m[r * cols + c];
}

#if defined(__x86_64__)

/// The 8 × 8 block at row r, column c: unpack pairs of rows, shuffle pairs of pairs, then
/// exchange 128-bit halves.
__attribute__((target("avx2"), always_inline))
static inline void transpose8x8_avx2(float *out, const float *m, int64_t rows, int64_t cols, int64_t r, int64_t c) {
    const float *p = m + r * cols + c;
    __m256 r0 = _mm256_loadu_ps(p), r1 = _mm256_loadu_ps(p + cols);
    __m256 r2 = _mm256_loadu_ps(p + 2 * cols), r3 = _mm256_loadu_ps(p + 3 * cols);
    __m256 r4 = _mm256_loadu_ps(p + 4 * cols), r5 = _mm256_loadu_ps(p + 5 * cols);
    __m256 r6 = _mm256_loadu_ps(p + 6 * cols), r7 = _mm256_loadu_ps(p + 7 * cols);
    __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
    __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
    __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
    __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
    __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
    __m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
    __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
    __m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
    float *o = out + c * rows + r;
    _mm256_storeu_ps(o, _mm256_permute2f128_ps(u0, u4, 0x20));
    _mm256_storeu_ps(o + rows, _mm256_permute2f128_ps(u1, u5, 0x20));
    _mm256_storeu_ps(o + 2 * rows, _mm256_permute2f128_ps(u2, u6, 0x20));
    _mm256_storeu_ps(o + 3 * rows, _mm256_permute2f128_ps(u3, u7, 0x20));
    _mm256_storeu_ps(o + 4 * rows, _mm256_permute2f128_ps(u0, u4, 0x31));
    _mm256_storeu_ps(o + 5 * rows, _mm256_permute2f128_ps(u1, u5, 0x31));
    _mm256_storeu_ps(o + 6 * rows, _mm256_permute2f128_ps(u2, u6, 0x31));
    _mm256_storeu_ps(o + 7 * rows, _mm256_permute2f128_ps(u3, u7, 0x31));
}

/// Tiles of 16 × 16 as four 8 × 8 blocks, so that every cache line of the result (16 floats of
/// one of its rows) is written whole, at once: rows of a power-of-two length all fall in the same
/// few sets of the cache, and half-written lines would be evicted and fetched again. A band of 16
/// of the result's rows is written from start to end before the next. The edges go 8 × 8, then
/// element by element.
__attribute__((target("avx2")))
static void transpose_avx2(float *out, const float *m, int64_t rows, int64_t cols, int64_t c0, int64_t c1) {
    const int64_t rows16 = rows / 16 * 16, rows8 = rows / 8 * 8;
    const int64_t end16 = c0 + (c1 - c0) / 16 * 16, end8 = c0 + (c1 - c0) / 8 * 8;
    for (int64_t c = c0; c < end16; c += 16) {
        for (int64_t r = 0; r < rows16; r += 16) {
            transpose8x8_avx2(out, m, rows, cols, r, c);
            transpose8x8_avx2(out, m, rows, cols, r + 8, c);
            transpose8x8_avx2(out, m, rows, cols, r, c + 8);
            transpose8x8_avx2(out, m, rows, cols, r + 8, c + 8);
        }
    }
    // The last 8 columns of the range, if any, for every row block of 8.
    for (int64_t r = 0; r < rows8; r += 8)
        for (int64_t c = end16; c < end8; c += 8) transpose8x8_avx2(out, m, rows, cols, r, c);
    // The last 8 rows, if any, over the 16-column tiles.
    for (int64_t r = rows16; r < rows8; r += 8)
        for (int64_t c = c0; c < end16; c += 8) transpose8x8_avx2(out, m, rows, cols, r, c);
    transpose_elements(out, m, rows, cols, 0, rows8, end8, c1);
    transpose_elements(out, m, rows, cols, rows8, rows, c0, c1);
}

/// 4 × 4 blocks with SSE2's shuffles.
static void transpose_sse2(float *out, const float *m, int64_t rows, int64_t cols, int64_t c0, int64_t c1) {
    const int64_t fullRows = rows / 4 * 4;
    const int64_t fullEnd = c0 + (c1 - c0) / 4 * 4;
    for (int64_t r = 0; r < fullRows; r += 4) {
        for (int64_t c = c0; c < fullEnd; c += 4) {
            const float *p = m + r * cols + c;
            __m128 r0 = _mm_loadu_ps(p), r1 = _mm_loadu_ps(p + cols);
            __m128 r2 = _mm_loadu_ps(p + 2 * cols), r3 = _mm_loadu_ps(p + 3 * cols);
            _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
            float *o = out + c * rows + r;
            _mm_storeu_ps(o, r0);
            _mm_storeu_ps(o + rows, r1);
            _mm_storeu_ps(o + 2 * rows, r2);
            _mm_storeu_ps(o + 3 * rows, r3);
        }
        transpose_elements(out, m, rows, cols, r, r + 4, fullEnd, c1);
    }
    transpose_elements(out, m, rows, cols, fullRows, rows, c0, c1);
}

#endif

void rnnk_transpose(
    float *out, const float *m, int64_t rows, int64_t cols, int64_t column_start, int64_t column_end)
{
#if defined(__x86_64__)
    if (rnnk_current_level() >= rnnk_avx2) {
        transpose_avx2(out, m, rows, cols, column_start, column_end);
    } else {
        transpose_sse2(out, m, rows, cols, column_start, column_end);
    }
#else
    transpose_elements(out, m, rows, cols, 0, rows, column_start, column_end);
#endif
}

// MARK: - The cells' element-by-element work

void rnnk_map(float *out, const float *x, int64_t n, rnnk_function function) {
    DISPATCH(map, out, x, n, function)
}

void rnnk_lstm_cell(
    float *gates, const float *c_prev, float *c_out, float *cell_tanh, float *h_out,
    int64_t H, int64_t start, int64_t end)
{
    DISPATCH(lstm_cell, gates, c_prev, c_out, cell_tanh, h_out, H, start, end)
}

void rnnk_gru_cell(
    float *gates, const float *hidden_gates, const float *h_prev, float *h_out, float *hidden_new,
    int64_t H, int64_t start, int64_t end)
{
    DISPATCH(gru_cell, gates, hidden_gates, h_prev, h_out, hidden_new, H, start, end)
}

void rnnk_lstm_cell_backward(
    float *d_gates, float *dc_next, const float *dh, const float *dh_next, const float *gates,
    const float *cell_tanh, const float *c_prev, int64_t H, int64_t start, int64_t end)
{
    DISPATCH(lstm_cell_backward, d_gates, dc_next, dh, dh_next, gates, cell_tanh, c_prev, H, start, end)
}

void rnnk_gru_cell_backward(
    float *d_input_gates, float *d_hidden_gates, float *dh_next, const float *dh, const float *gates,
    const float *h_prev, const float *hidden_new, int64_t H, int64_t start, int64_t end)
{
    DISPATCH(gru_cell_backward, d_input_gates, d_hidden_gates, dh_next, dh, gates, h_prev, hidden_new, H, start, end)
}

void rnnk_rnn_cell_backward(float *d_pre, const float *dh_next, const float *h, int64_t start, int64_t end)
{
    DISPATCH(rnn_cell_backward, d_pre, dh_next, h, start, end)
}
