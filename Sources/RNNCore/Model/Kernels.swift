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

/// Transposes a row-major (rows, cols) matrix into (cols, rows) stored in panels of
/// ``Product/panelColumns`` columns (see ``Product/panels``): panel p is the transpose of rows
/// [128p, 128p + 128) alone, (cols, width) row-major, and the panels follow one another. With a
/// pool, each thread transposes a range of whole panels.
func transposeIntoPanels(
    _ out: UnsafeMutablePointer<Float>, _ m: UnsafePointer<Float>, _ rows: Int, _ cols: Int,
    pool: WorkerPool? = nil
) {
    let width = Product.panelColumns
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

/// One panel of ``transposeIntoPanels(_:_:_:_:pool:)``: the transpose of m's rows `rows` (a band
/// of at most ``Product/panelColumns`` starting at a multiple of it), (cols, rows.count)
/// row-major, where the layout puts it. The panel starts at the same offset as the band, so a
/// band can be transposed into its place as soon as it is written (Adam's pass does).
func transposeIntoPanel(
    _ out: UnsafeMutablePointer<Float>, _ m: UnsafePointer<Float>, rows: Range<Int>, _ cols: Int
) {
    let offset = rows.lowerBound * cols
    rnnk_transpose(out + offset, m + offset, Int64(rows.count), Int64(cols), 0, Int64(cols))
}

/// Copies a row-major (rows, cols) matrix into panels of ``Product/panelColumns`` columns (see
/// ``Product/panels``). With a pool, each thread copies a range of whole panels.
func copyIntoPanels(
    _ out: UnsafeMutablePointer<Float>, _ m: UnsafePointer<Float>, _ rows: Int, _ cols: Int,
    pool: WorkerPool? = nil
) {
    let width = Product.panelColumns
    // Row by row, so that m is read in order (a panel at a time would read 512 bytes of every
    // row, rows kilobytes apart: the pattern the panels are there to avoid).
    func panels(_ range: Range<Int>) {
        for r in 0 ..< rows {
            for start in stride(from: range.lowerBound, to: range.upperBound, by: width) {
                let count = min(width, cols - start)
                (out + start * rows + r * count).update(from: m + r * cols + start, count: count)
            }
        }
    }
    guard let pool, pool.threadCount > 1, rows * cols >= transposeParallelThreshold, cols > width else {
        panels(0 ..< cols)
        return
    }
    pool.run(rangesOf: cols, multipleOf: width, panels)
}

/// A matrix B (rows, cols) for the products of a time loop: copied into panels in `scratch`
/// (rows · cols floats) when it is wider than one panel, else B itself, which is the same layout.
/// Returns what to read and whether it is in panels (``Product/panels``).
///
/// While the matrix fits a core's L2 the copy costs the loop more than it saves (an LSTM's W_hh
/// at hidden 256, 1 MB: the backward loop took 588 µs a step with it, 557 without, best of 8 on
/// 2 threads), yet the step as a whole was faster with it (2.64 ms against 2.71; Adam's pass,
/// which reads the same parameters next, took 373 µs against 455). So it is made at every width.
func inPanels(
    _ m: UnsafePointer<Float>, rows: Int, cols: Int, scratch: UnsafeMutablePointer<Float>, pool: WorkerPool?
) -> (b: UnsafePointer<Float>, panels: Bool) {
    guard cols > Product.panelColumns else { return (m, false) }
    copyIntoPanels(scratch, m, rows, cols, pool: pool)
    return (UnsafePointer(scratch), true)
}

/// The fewest elements worth transposing on several threads (a 128 × 128 matrix).
private let transposeParallelThreshold = 128 * 128
