// Loads and stores of the element-by-element work left in Swift (the bias sums and the bias add),
// eight lanes at a time over a width that need not be a multiple of eight. The cells' own work,
// forward and backward, is CKernels' (`rnnk_lstm_cell`, `rnnk_lstm_cell_backward`, …).
//
// The last, partial vector of a row goes through the same vector code as the others (its unused
// lanes hold zeros and are not stored), so every unit gets the same rounding whatever its place.

/// The `count` (1…8) values at `p + i` in the first lanes, zeros after them.
@inline(__always)
func load(_ p: UnsafePointer<Float>, _ i: Int, count: Int) -> Vec {
    if count == vecWidth { return load(p, i) }
    var v = Vec()
    for lane in 0 ..< count { v[lane] = p[i + lane] }
    return v
}

/// Stores the first `count` (1…8) lanes of `v` at `p + i`.
@inline(__always)
func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>, _ i: Int, count: Int) {
    if count == vecWidth { return store(v, p, i) }
    for lane in 0 ..< count { p[i + lane] = v[lane] }
}

/// Calls `body(i, count)` for i = 0, 8, 16, … below `n`, with the lanes in use at each.
@inline(__always)
func forEachVector(_ n: Int, _ body: (_ i: Int, _ count: Int) -> Void) {
    forEachVector(in: 0 ..< n, body)
}

/// Calls `body(i, count)` for i = start, start + 8, … below the range's end, with the lanes in use
/// at each.
@inline(__always)
func forEachVector(in range: Range<Int>, _ body: (_ i: Int, _ count: Int) -> Void) {
    var i = range.lowerBound
    while i < range.upperBound {
        body(i, min(vecWidth, range.upperBound - i))
        i += vecWidth
    }
}

/// out (n) = a + b, elementwise.
@inline(__always)
func add(_ out: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) {
    forEachVector(n) { i, k in store(load(a, i, count: k) + load(b, i, count: k), out, i, count: k) }
}

/// out (n) = 0 + Σₜ rows[t·stride ..< t·stride + n] for t in 0..<T, in order of t: the bias gradient
/// of a window, the column sums of a (T, n) block. With a pool and enough work, each thread sums a
/// range of the columns (every column's sum is the same wherever it is computed).
func biasGradient(
    _ out: UnsafeMutablePointer<Float>, _ rows: UnsafePointer<Float>, stride: Int, _ n: Int, _ T: Int,
    pool: WorkerPool?
) {
    func columns(_ range: Range<Int>) {
        forEachVector(in: range) { i, k in
            var sum = Vec()
            for t in 0 ..< T { sum += load(rows + t * stride, i, count: k) }
            store(sum, out, i, count: k)
        }
    }
    // Below some 16 000 additions (a few microseconds) a hand-over would cost more than it saves.
    guard let pool, pool.threadCount > 1, n * T >= 16_384, n >= 2 * Product.pieceColumns else {
        columns(0 ..< n)
        return
    }
    pool.run(rangesOf: n, multipleOf: Product.pieceColumns, columns)
}
