import CKernels

/// One matrix product C (M, N) (+)= A·B, where A's element (i, k) is at
/// `a[i·rowStride + k·kStride]`: A itself (rowStride = lda, kStride = 1) or a transposed A
/// (rowStride = 1, kStride = lda).
///
/// ``compute(columns:)`` computes a range of C's columns with CKernels' `rnnk_product`: blocked
/// for registers and cache, in the widest vectors the processor has (SSE2, AVX2 or AVX-512), and
/// every element a sum in ascending order of k, so any split of the columns and any of the three
/// instruction sets gives the same bits. B may be stored in panels (``panels``, of
/// ``panelWidth`` columns), as the recurrent weights are for the time loops: the same sums, read
/// from contiguous memory.
struct Product {
    let c: UnsafeMutablePointer<Float>  // (M, N), row stride ldc
    let ldc: Int
    let a: UnsafePointer<Float>          // (M, K) through rowStride and kStride
    let rowStride: Int
    let kStride: Int
    let b: UnsafePointer<Float>          // (K, N), row stride ldb
    let ldb: Int
    let M: Int
    let K: Int
    let overwrite: Bool
    /// Whether B is stored in panels of ``panelWidth`` columns rather than with row stride `ldb`;
    /// `ldb` is then B's column count N.
    var panels = false
    /// The width of B's panels, where ``panels`` or ``copyInto`` says it is in them: the
    /// processor's (``panelColumns``) unless a test chooses another. Any width gives the same bits.
    var panelWidth = Product.panelColumns
    /// Where a one-row product (M = 1, kStride = 1) over B in its natural layout also copies the
    /// columns it computes, in panels (``panels``'s layout, with B's row count), as it reads them;
    /// `nil` for none. The first product of a backward time loop makes the panels the others read.
    var copyInto: UnsafeMutablePointer<Float>? = nil

    /// The width of the time loops' panels on this processor: one tile of a one-row product in
    /// the widest vectors it has (8 vectors: 128 columns in AVX-512, 64 in AVX2, 32 in SSE2),
    /// fixed for the process (choosing narrower kernels with ``InstructionSet/use()`` keeps it).
    ///
    /// A recurrent product reads all of B at every time step. Stored with its natural row
    /// stride, each thread's tile reads 512 bytes of every row, and the rows lie kilobytes apart
    /// (an LSTM's W_hhᵀ has 4H columns: 8 KB at hidden 512). The hardware prefetchers do not
    /// follow that: from L3 the product ran at 138 GB/s at hidden 512 and 88 GB/s at 1024 (an
    /// LSTM's forward step on 2 threads, Zen 4, in a C harness over `rnnk_product`). In panels of
    /// 128 columns, stored one after the other and each (K, 128) row-major, a tile reads one
    /// contiguous stretch: 184 and 144 GB/s, where plainly reading the same bytes runs at
    /// 175–190 GB/s. An AVX2 tile is 64 columns: in panels of 128 it read every other 256 bytes,
    /// and on Zen 3 panels of 64 made an LSTM 512 step's forward loops 5.5 → 3.9 ms and its
    /// backward loops 6.7 → 4.5 ms (medians of 8 alternating runs, 2 threads, a build with
    /// timers). A product no wider than a panel is one panel: the natural layout.
    static let panelColumns = InstructionSet.supported.panelColumns

    /// The columns a thread's range is a multiple of: the kernels' widest strip (two AVX-512
    /// vectors), so that a split never leaves a thread a narrower, slower strip in the middle.
    static let pieceColumns = 32
    /// The least multiply-adds worth handing to another thread: below it the hand-over costs more
    /// than it saves. An RNN's recurrent product at hidden 128 (16 384) is below: split, a step
    /// took 0.43 ms on 2 threads against 0.36 on 1. An LSTM's at 128 (65 536) gains.
    static let parallelThreshold = 32 * 1024
    /// The fewest columns worth splitting: narrower products (every product of the default
    /// hidden size 32) stay on the calling thread, where a hand-over would cost more than it saves.
    static let parallelColumns = 128
    /// The least C, in floats (2 MB), that an overwriting product stores past the caches (CKernels'
    /// `stream`): a weight gradient's from hidden 512 (an RNN's from 1024). An input weight
    /// gradient's buffer is not in cache then (it held the forward pass's transposes, read long
    /// before), so ordinary stores first read every line of it from memory, only to write it over;
    /// and Adam's pass, which reads it next, does not find it in cache either way. Smaller gradients
    /// stay in cache from backward to Adam.
    static let streamingFloats = 512 * 1024
    /// The most floats (4 MB) of a C whose buffer is in cache (``cInCache``) that is still stored
    /// through the caches. A recurrent weight gradient is written over the backward panels its
    /// time loop has just read at every step, which are in cache at 3 and 4 MB (GRU 512, LSTM 512,
    /// RNN 1024): ordinary stores find their lines there, and the gradient's norm, taken right
    /// after, reads it from cache (a timed build, 5 alternating runs each, 2 threads, ms a step:
    /// the norms 0.53–0.56 → 0.36–0.40 at LSTM 512, 0.54–0.60 → 0.37–0.42 at RNN 1024, 0.43 → 0.28
    /// at GRU 512; the sum of the timed phases, medians, 12.64 → 12.31 at LSTM 512 and 13.02 →
    /// 12.46 at RNN 1024, GRU 512 the same within the noise). Larger ones still stream: at 16 MB
    /// (LSTM 1024) the panels no longer all stay in cache, and through the caches the product took
    /// 4.94–5.23 → 5.27–5.78 ms; at 12 MB (GRU 1024) the step was the same either way.
    static let inCacheFloats = 1024 * 1024
    /// Whether C's buffer is in cache when the product starts (the backward panels of a recurrent
    /// weight gradient's time loop), so that ordinary stores of a C up to ``inCacheFloats`` cost
    /// no reading from memory.
    var cInCache = false

    /// Whether an overwriting product stores a C of `floats` past the caches.
    static func storesPastCaches(floats: Int, cInCache: Bool) -> Bool {
        floats >= streamingFloats && !(cInCache && floats <= inCacheFloats)
    }

    /// Whether a product of this shape is split among threads.
    static func isSplit(M: Int, N: Int, K: Int) -> Bool {
        M * N * K >= parallelThreshold && N >= parallelColumns
    }

    /// Computes every column, on the pool's threads when the product is large enough to gain.
    ///
    /// The columns are cut into one range per thread, each a multiple of 32 columns except the
    /// last, fixed by N and the thread count alone.
    func run(columns N: Int, pool: WorkerPool?) {
        guard M > 0, N > 0 else { return }
        guard let pool, pool.threadCount > 1, Self.isSplit(M: M, N: N, K: K) else {
            compute(columns: 0 ..< N)
            return
        }
        pool.run(rangesOf: N, multipleOf: Self.pieceColumns) { compute(columns: $0) }
    }

    /// Computes the columns `columns` of every row; with `reversed`, the panels the range meets
    /// from the last to the first (each panel's columns are sums of their own, so the bits are the
    /// same in either order).
    ///
    /// A time loop reads all of its thread's panels at every step. Where they do not fit the
    /// core's L2 (from an LSTM's or a GRU's hidden 512 and an RNN's 1024 on 2 threads with 512 KB
    /// of L2 a core), read in the same order at every step each panel has left L2 by the time it
    /// is read again; read in the opposite order at every other step, the panels read last at one
    /// step, still in L2, are read first at the next (``ReadOrder``).
    func compute(columns: Range<Int>, reversed: Bool = false) {
        precondition(panelWidth > 0, "Product: panels of \(panelWidth) columns")
        if let copyInto {
            precondition(M == 1 && kStride == 1 && !panels, "Product: only a one-row product over B as it is copies B")
            rnnk_row_product_copying(
                c, a, b, Int64(ldb), Int64(K), Int64(columns.lowerBound), Int64(columns.upperBound),
                overwrite ? 1 : 0, copyInto, Int64(panelWidth))
            return
        }
        let stream: Int32 = overwrite && Self.storesPastCaches(floats: M * ldc, cInCache: cInCache) ? 1 : 0
        guard panels else {
            rnnk_product(
                c, Int64(ldc), a, Int64(rowStride), Int64(kStride), b, Int64(ldb),
                Int64(M), Int64(K), Int64(columns.lowerBound), Int64(columns.upperBound), overwrite ? 1 : 0, stream)
            return
        }
        // Each panel the range meets is a product of its own: (K, width) with row stride width.
        guard !columns.isEmpty else { return }
        for panel in Self.panelOrder(of: columns, width: panelWidth, reversed: reversed) {
            let start = panel * panelWidth
            let width = min(panelWidth, ldb - start)
            let low = max(columns.lowerBound, start), high = min(columns.upperBound, start + width)
            rnnk_product(
                c + start, Int64(ldc), a, Int64(rowStride), Int64(kStride), b + start * K, Int64(width),
                Int64(M), Int64(K), Int64(low - start), Int64(high - start), overwrite ? 1 : 0, stream)
        }
    }

    /// The panels of `width` columns that the non-empty `columns` meet (panel p holds columns
    /// p·width ..< (p + 1)·width), in the order a product reads them: from the first to the last,
    /// or with `reversed` from the last to the first.
    static func panelOrder(of columns: Range<Int>, width: Int, reversed: Bool) -> StrideThrough<Int> {
        let first = columns.lowerBound / width, last = (columns.upperBound - 1) / width
        return reversed ? stride(from: last, through: first, by: -1) : stride(from: first, through: last, by: 1)
    }

    /// Computes the columns of units `units` in each of `gates` blocks of `H` columns: a gated
    /// cell's columns of those units (gate g of unit j is column g·H + j); with `reversed`, the
    /// gates and each gate's panels from the last to the first (``compute(columns:reversed:)``).
    func compute(units: Range<Int>, gates: Int, H: Int, reversed: Bool = false) {
        for gate in reversed ? stride(from: gates - 1, through: 0, by: -1) : stride(from: 0, through: gates - 1, by: 1) {
            compute(columns: gate * H + units.lowerBound ..< gate * H + units.upperBound, reversed: reversed)
        }
    }
}

/// One time step of a recurrence: `body(units)` computes the recurrent product's columns of those
/// hidden units (``Product/compute(units:gates:H:)``) and then the cell's element-by-element work on
/// them, which needs no other unit's columns. On the pool's threads, when the product is large
/// enough to split (``Product/isSplit(M:N:K:)`` with N = gates·H), each thread takes a fixed
/// range of units, so the activations are computed in parallel too, with no second hand-over; a
/// unit's values are the same bits in any range.
func recurrentStep(units H: Int, gates: Int, K: Int, pool: WorkerPool?, _ body: (Range<Int>) -> Void) {
    guard H > 0 else { return }
    guard let pool, pool.threadCount > 1, Product.isSplit(M: 1, N: gates * H, K: K) else {
        body(0 ..< H)
        return
    }
    pool.run(rangesOf: H, multipleOf: Product.pieceColumns, body)
}

/// Backpropagation through a window's recurrence: `cell(T − 1, all units)`, then for t = T − 1 …
/// 1 one hand-over in which each thread computes its units' columns of `product(t)` (the gradient
/// reaching hₜ₋₁ through the recurrent weights, K terms each) and at once `cell(t − 1, units)`,
/// the cell's element-by-element backward of step t − 1 for those units, which needs no other
/// unit's value. So the element-by-element work is split among the threads too, with no serial
/// pass between hand-overs; each unit's values are the same bits in any range.
func recurrenceBackward(
    steps T: Int, units H: Int, K: Int, pool: WorkerPool?,
    product: (Int) -> Product, cell: (_ t: Int, _ units: Range<Int>) -> Void
) {
    guard T > 0, H > 0 else { return }
    cell(T - 1, 0 ..< H)
    for t in stride(from: T - 1, to: 0, by: -1) {
        let recurrence = product(t)
        let reversed = ReadOrder.reversed(step: T - 1 - t)
        recurrentStep(units: H, gates: 1, K: K, pool: pool) { units in
            recurrence.compute(columns: units, reversed: reversed)
            cell(t - 1, units)
        }
    }
}

/// The order in which a time loop's products read their panels: forward at its first step, then
/// from the last panel to the first at every other step (``Product/compute(columns:reversed:)``).
///
/// Reading the same bytes in the opposite order at the next step finds in L2 what the step before
/// read last, as much of it as L2 holds, where the same order finds nothing there once a thread's
/// panels are larger than L2: each panel is evicted just before it is read again.
enum ReadOrder {
    /// Whether the loop's `step`th product (0 for the first) reads its panels backwards.
    static func reversed(step: Int) -> Bool { step % 2 == 1 }
}
