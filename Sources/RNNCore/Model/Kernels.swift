// Vector kernels of the forward and backward passes, on raw buffers.
//
// Every kernel is written with explicit 8-lane SIMD and a fixed order of operations, so the compiler
// never has to reassociate a floating-point sum to vectorize it: the results are the same whatever
// the vector width of the machine, run after run. No multiply is fused with an add.

import CKernels

typealias Vec = SIMD8<Float>
let vecWidth = Vec.scalarCount

@inline(__always)
func load(_ p: UnsafePointer<Float>, _ i: Int = 0) -> Vec {
    UnsafeRawPointer(p + i).loadUnaligned(as: Vec.self)
}

@inline(__always)
func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>, _ i: Int = 0) {
    UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: Vec.self)
}

/// out[0..<n] (+)= Σₖ c[k·cStride] · m[k·mStride ..< k·mStride + n], for k in 0..<K.
///
/// The one kernel behind every matrix product of the network: a matrix-vector product when `m` is
/// a weight matrix and `c` a vector, a sum of outer products when `c` walks a column of per-step
/// values. `out` is kept in registers in blocks of 32 while k runs, and each output's terms are
/// added in order of k: to what `out` held, or to zero when `overwrite` is true.
@inline(__always)
func accumulateRows(
    _ out: UnsafeMutablePointer<Float>, _ n: Int,
    _ c: UnsafePointer<Float>, _ cStride: Int,
    _ m: UnsafePointer<Float>, _ mStride: Int, _ K: Int,
    overwrite: Bool = false
) {
    @inline(__always) func start(_ j: Int) -> Vec { overwrite ? Vec() : load(out, j) }
    var j = 0
    while j + 4 * vecWidth <= n {
        var a0 = start(j), a1 = start(j + 8), a2 = start(j + 16), a3 = start(j + 24)
        var row = m + j
        var ck = c
        for _ in 0 ..< K {
            let s = Vec(repeating: ck.pointee)
            a0 += s * load(row, 0)
            a1 += s * load(row, 8)
            a2 += s * load(row, 16)
            a3 += s * load(row, 24)
            row += mStride
            ck += cStride
        }
        store(a0, out, j); store(a1, out, j + 8); store(a2, out, j + 16); store(a3, out, j + 24)
        j += 4 * vecWidth
    }
    while j + vecWidth <= n {
        var a = start(j)
        var row = m + j
        var ck = c
        for _ in 0 ..< K {
            a += Vec(repeating: ck.pointee) * load(row)
            row += mStride
            ck += cStride
        }
        store(a, out, j)
        j += vecWidth
    }
    while j < n {
        var a = overwrite ? 0 : out[j]
        for k in 0 ..< K {
            a += c[k * cStride] * m[k * mStride + j]
        }
        out[j] = a
        j += 1
    }
}

/// Σ a[i]·b[i] over `n` values, in eight interleaved partial sums.
@inline(__always)
func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
    var acc = Vec()
    var i = 0
    while i + vecWidth <= n {
        acc += load(a, i) * load(b, i)
        i += vecWidth
    }
    var sum = acc.sum()
    while i < n {
        sum += a[i] * b[i]
        i += 1
    }
    return sum
}

/// Applies `body` to `n` values in place, eight at a time, then one at a time.
@inline(__always)
func mapInPlace(
    _ v: UnsafeMutablePointer<Float>, _ n: Int, _ body: (Vec) -> Vec
) {
    var i = 0
    while i + vecWidth <= n {
        store(body(load(v, i)), v, i)
        i += vecWidth
    }
    while i < n {
        // The tail goes through the same vector code, so every value gets the same rounding.
        var lane = Vec()
        lane[0] = v[i]
        v[i] = body(lane)[0]
        i += 1
    }
}

/// Transposes a row-major (rows, cols) matrix into a row-major (cols, rows) one.
///
/// CKernels' `rnnk_transpose`: tiles of 16 × 16, each four blocks of 8 × 8 (4 × 4 in SSE2)
/// transposed in vector registers, the last 1–7 rows or columns element by element. With a pool,
/// each thread writes a range of the result's rows (a multiple of 8 but the last).
func transpose(
    _ out: UnsafeMutablePointer<Float>, _ m: UnsafePointer<Float>, _ rows: Int, _ cols: Int,
    pool: WorkerPool? = nil
) {
    guard let pool, pool.threadCount > 1, rows * cols >= transposeParallelThreshold, cols >= 16 else {
        rnnk_transpose(out, m, Int64(rows), Int64(cols), 0, Int64(cols))
        return
    }
    let pieces = min(pool.threadCount, cols / 8)
    let perPiece = (cols / 8 + pieces - 1) / pieces * 8
    pool.run(pieces: pieces) { piece in
        let start = min(cols, piece * perPiece)
        let end = piece == pieces - 1 ? cols : min(cols, start + perPiece)
        if start < end { rnnk_transpose(out, m, Int64(rows), Int64(cols), Int64(start), Int64(end)) }
    }
}

/// Transposes a row-major (rows, cols) matrix into (cols, rows) stored in panels of `width`
/// columns (see ``Product/panels``): panel p is the transpose of rows [width·p, width·p + width)
/// alone, (cols, its width) row-major, and the panels follow one another. With a pool, each thread
/// transposes a range of whole panels.
func transposeIntoPanels(
    _ out: UnsafeMutablePointer<Float>, _ m: UnsafePointer<Float>, _ rows: Int, _ cols: Int,
    width: Int = Product.panelColumns, pool: WorkerPool? = nil
) {
    guard rows > width else {
        transpose(out, m, rows, cols, pool: pool)  // one panel: the plain transpose
        return
    }
    func panels(_ range: Range<Int>) {
        for start in stride(from: range.lowerBound, to: range.upperBound, by: width) {
            transposeIntoPanel(out, m, rows: start ..< min(start + width, range.upperBound), cols)
        }
    }
    guard let pool, pool.threadCount > 1, rows * cols >= transposeParallelThreshold else {
        panels(0 ..< rows)
        return
    }
    pool.run(rangesOf: rows, multipleOf: width, panels)
}

/// One panel of ``transposeIntoPanels(_:_:_:_:width:pool:)``: the transpose of m's rows `rows` (a
/// band of at most a panel's width starting at a multiple of it), (cols, rows.count) row-major,
/// where the layout puts it. The panel starts at the same offset as the band, so a
/// band can be transposed into its place as soon as it is written (Adam's pass does).
func transposeIntoPanel(
    _ out: UnsafeMutablePointer<Float>, _ m: UnsafePointer<Float>, rows: Range<Int>, _ cols: Int
) {
    let offset = rows.lowerBound * cols
    rnnk_transpose(out + offset, m + offset, Int64(rows.count), Int64(cols), 0, Int64(cols))
}

/// What the product of step t of a backward time loop reads of W_hh (rows, cols), row-major. The
/// loop (``recurrenceBackward(steps:units:K:pool:product:cell:)``, t from T − 1 down to 1) reads
/// all of it at every step, so it reads it in panels (``Product/panels``), in `scratch` (rows ·
/// cols floats): the first product, t = T − 1, reads W_hh as it is and copies it into the panels
/// as it goes (``Product/copyInto``), and the others read the panels. A matrix of one panel or
/// narrower is its own panel: W_hh throughout.
///
/// The first product has to read W_hh from memory in any case; copying it in that same pass
/// instead of in one of its own before the loop saves reading it twice where it no longer stays
/// in L3 between steps: the copy took 0.75–0.8 ms of an LSTM step at hidden 512 (8× its time at
/// 256, where W_hh is read from L3), and the loop and the copy together went from 2.96 to 2.75 ms
/// (best of 6, alternating, 2 threads).
func backwardWeights(
    _ m: UnsafePointer<Float>, cols: Int, scratch: UnsafeMutablePointer<Float>, step t: Int, steps T: Int
) -> (b: UnsafePointer<Float>, panels: Bool, copyInto: UnsafeMutablePointer<Float>?) {
    guard cols > Product.panelColumns else { return (m, false, nil) }
    return t == T - 1 ? (m, false, scratch) : (UnsafePointer(scratch), true, nil)
}

/// The fewest elements worth transposing on several threads (a 128 × 128 matrix).
private let transposeParallelThreshold = 128 * 128
