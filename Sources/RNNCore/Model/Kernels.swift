// Vector kernels of the forward and backward passes, on raw buffers.
//
// Every kernel is written with explicit 8-lane SIMD and a fixed order of operations, so the compiler
// never has to reassociate a floating-point sum to vectorize it: the results are the same whatever
// the vector width of the machine, run after run. No multiply is fused with an add.

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
/// In blocks of 8 × 8 transposed in registers (``transpose8x8(_:_:_:_:)``): eight rows of the
/// matrix are read and eight rows of the result written, a vector at a time. The edges (the last
/// 1–7 rows or columns) are copied element by element.
@inline(__always)
func transpose(_ out: UnsafeMutablePointer<Float>, _ m: UnsafePointer<Float>, _ rows: Int, _ cols: Int) {
    let fullRows = rows / vecWidth * vecWidth
    let fullCols = cols / vecWidth * vecWidth
    var r0 = 0
    while r0 < fullRows {
        var c0 = 0
        while c0 < fullCols {
            transpose8x8(out + c0 * rows + r0, rows, m + r0 * cols + c0, cols)
            c0 += vecWidth
        }
        for r in r0 ..< r0 + vecWidth {
            for c in fullCols ..< cols { out[c * rows + r] = m[r * cols + c] }
        }
        r0 += vecWidth
    }
    for r in fullRows ..< rows {
        for c in 0 ..< cols { out[c * rows + r] = m[r * cols + c] }
    }
}

/// Transposes the 8 × 8 block at `m` (row stride `ldm`) into the block at `out` (row stride `ldo`).
///
/// Three rounds of the perfect unshuffle of the block's 64 elements (the even-numbered elements,
/// then the odd-numbered ones): each round rotates the 6 bits of an element's index right by one,
/// so three rounds swap its 3 row bits with its 3 column bits. A round is two shuffles per row
/// (`shufps` in the baseline build).
@inline(__always)
func transpose8x8(_ out: UnsafeMutablePointer<Float>, _ ldo: Int, _ m: UnsafePointer<Float>, _ ldm: Int) {
    var r0 = load(m), r1 = load(m, ldm), r2 = load(m, 2 * ldm), r3 = load(m, 3 * ldm)
    var r4 = load(m, 4 * ldm), r5 = load(m, 5 * ldm), r6 = load(m, 6 * ldm), r7 = load(m, 7 * ldm)
    for _ in 0 ..< 3 {
        let p0 = SIMD16(lowHalf: r0, highHalf: r1), p1 = SIMD16(lowHalf: r2, highHalf: r3)
        let p2 = SIMD16(lowHalf: r4, highHalf: r5), p3 = SIMD16(lowHalf: r6, highHalf: r7)
        (r0, r1, r2, r3) = (p0.evenHalf, p1.evenHalf, p2.evenHalf, p3.evenHalf)
        (r4, r5, r6, r7) = (p0.oddHalf, p1.oddHalf, p2.oddHalf, p3.oddHalf)
    }
    store(r0, out); store(r1, out, ldo); store(r2, out, 2 * ldo); store(r3, out, 3 * ldo)
    store(r4, out, 4 * ldo); store(r5, out, 5 * ldo); store(r6, out, 6 * ldo); store(r7, out, 7 * ldo)
}
