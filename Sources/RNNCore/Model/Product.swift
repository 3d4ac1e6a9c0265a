/// One matrix product C (M, N) (+)= A·B, where A's element (i, k) is at
/// `a[i·rowStride + k·kStride]`: A itself (rowStride = lda, kStride = 1) or a transposed A
/// (rowStride = 1, kStride = lda).
///
/// ``compute(columns:)`` computes a range of C's columns, blocked for registers and cache; every
/// element is a sum in ascending order of k, so any split of the columns gives the same bits.
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

    /// Columns per register tile: two vectors.
    static let tileColumns = 2 * vecWidth
    /// Rows per register tile.
    static let tileRows = 4
    /// The narrowest row streamed through L1 rather than held in registers (see ``row(_:columns:)``).
    static let streamingColumns = 128
    /// The least multiply-adds worth handing to another thread: below it the hand-over costs more
    /// than it saves (a matrix-vector product of about 128 × 128).
    static let parallelThreshold = 16 * 1024
    /// The fewest columns worth splitting: narrower products (every product of the default
    /// hidden size 32) stay on the calling thread, where a hand-over would cost more than it saves.
    static let parallelColumns = 128

    /// Computes every column, on the pool's threads when the product is large enough to gain.
    ///
    /// The columns are cut into one range per thread, each a multiple of 16 columns except the
    /// last, fixed by N and the thread count alone.
    func run(columns N: Int, pool: WorkerPool?) {
        guard M > 0, N > 0 else { return }
        guard let pool, pool.threadCount > 1, M * N * K >= Self.parallelThreshold, N >= Self.parallelColumns else {
            compute(columns: 0 ..< N)
            return
        }
        let pieces = min(pool.threadCount, N / Self.tileColumns)
        let perPiece = (N / Self.tileColumns + pieces - 1) / pieces * Self.tileColumns
        pool.run(pieces: pieces) { piece in
            let start = piece * perPiece
            let end = piece == pieces - 1 ? N : min(N, start + perPiece)
            if start < end { compute(columns: start ..< end) }
        }
    }

    /// Computes the columns `columns` of every row.
    ///
    /// Strips of 16 columns outside, blocks of 4 rows inside: a strip of B is read from memory once
    /// and from cache by the other blocks. The last 8 and the last 1–7 columns, and the last 1–3
    /// rows, go through narrower code with the same order of k.
    func compute(columns: Range<Int>) {
        let fullRows = M / Self.tileRows * Self.tileRows
        var j = columns.lowerBound
        if fullRows > 0 {
            while j + Self.tileColumns <= columns.upperBound {
                var i = 0
                while i < fullRows {
                    tile4x16(row: i, column: j)
                    i += Self.tileRows
                }
                j += Self.tileColumns
            }
            if j + vecWidth <= columns.upperBound {
                var i = 0
                while i < fullRows {
                    tile4x8(row: i, column: j)
                    i += Self.tileRows
                }
                j += vecWidth
            }
            if j < columns.upperBound {
                for i in 0 ..< fullRows { row(i, columns: j ..< columns.upperBound) }
            }
        }
        for i in fullRows ..< M { row(i, columns: columns) }
    }

    /// One row of C over `columns`.
    ///
    /// A narrow row keeps 32 columns in registers while k runs (the one-row kernel). A wide one
    /// streams B instead: k outside in groups of 4, every column inside, so that the row of C stays
    /// in L1 and B is read row after row, in the order memory and its prefetchers like best; each
    /// element still adds its terms one by one in ascending order of k.
    @inline(__always)
    func row(_ i: Int, columns: Range<Int>) {
        if columns.count >= Self.streamingColumns && K >= 4 {
            streamRow(i, columns: columns)
            return
        }
        accumulateRows(
            c + i * ldc + columns.lowerBound, columns.count, a + i * rowStride, kStride,
            b + columns.lowerBound, ldb, K, overwrite: overwrite)
    }

    /// Row i over `columns`, k outside in groups of four rows of B.
    @inline(__always)
    func streamRow(_ i: Int, columns: Range<Int>) {
        let out = c + i * ldc
        let x = a + i * rowStride
        let end = columns.upperBound
        var k = 0
        var fresh = overwrite  // the first terms start from zero
        while k + 4 <= K {
            let (x0, x1, x2, x3) = (x[k * kStride], x[(k + 1) * kStride], x[(k + 2) * kStride], x[(k + 3) * kStride])
            let (v0, v1, v2, v3) = (Vec(repeating: x0), Vec(repeating: x1), Vec(repeating: x2), Vec(repeating: x3))
            let b0 = b + k * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb
            var j = columns.lowerBound
            while j + vecWidth <= end {
                var s = fresh ? Vec() : load(out, j)
                s += v0 * load(b0, j)
                s += v1 * load(b1, j)
                s += v2 * load(b2, j)
                s += v3 * load(b3, j)
                store(s, out, j)
                j += vecWidth
            }
            while j < end {
                var s: Float = fresh ? 0 : out[j]
                s += x0 * b0[j]
                s += x1 * b1[j]
                s += x2 * b2[j]
                s += x3 * b3[j]
                out[j] = s
                j += 1
            }
            fresh = false
            k += 4
        }
        while k < K {
            let xk = x[k * kStride]
            let vk = Vec(repeating: xk)
            let bk = b + k * ldb
            var j = columns.lowerBound
            while j + vecWidth <= end {
                store((fresh ? Vec() : load(out, j)) + vk * load(bk, j), out, j)
                j += vecWidth
            }
            while j < end {
                out[j] = (fresh ? 0 : out[j]) + xk * bk[j]
                j += 1
            }
            fresh = false
            k += 1
        }
    }

    /// Rows i..<i+4, columns j..<j+16.
    @inline(__always)
    func tile4x16(row i: Int, column j: Int) {
        let c0 = c + i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc
        @inline(__always) func start(_ p: UnsafeMutablePointer<Float>, _ o: Int) -> Vec {
            overwrite ? Vec() : load(p, o)
        }
        var s00 = start(c0, 0), s01 = start(c0, 8)
        var s10 = start(c1, 0), s11 = start(c1, 8)
        var s20 = start(c2, 0), s21 = start(c2, 8)
        var s30 = start(c3, 0), s31 = start(c3, 8)
        var ak = a + i * rowStride
        var bk = b + j
        let (r1, r2, r3) = (rowStride, 2 * rowStride, 3 * rowStride)
        for _ in 0 ..< K {
            let b0 = load(bk, 0), b1 = load(bk, 8)
            let x0 = Vec(repeating: ak[0])
            s00 += x0 * b0; s01 += x0 * b1
            let x1 = Vec(repeating: ak[r1])
            s10 += x1 * b0; s11 += x1 * b1
            let x2 = Vec(repeating: ak[r2])
            s20 += x2 * b0; s21 += x2 * b1
            let x3 = Vec(repeating: ak[r3])
            s30 += x3 * b0; s31 += x3 * b1
            ak += kStride
            bk += ldb
        }
        store(s00, c0, 0); store(s01, c0, 8)
        store(s10, c1, 0); store(s11, c1, 8)
        store(s20, c2, 0); store(s21, c2, 8)
        store(s30, c3, 0); store(s31, c3, 8)
    }

    /// Rows i..<i+4, columns j..<j+8.
    @inline(__always)
    func tile4x8(row i: Int, column j: Int) {
        let c0 = c + i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc
        var s0 = overwrite ? Vec() : load(c0), s1 = overwrite ? Vec() : load(c1)
        var s2 = overwrite ? Vec() : load(c2), s3 = overwrite ? Vec() : load(c3)
        var ak = a + i * rowStride
        var bk = b + j
        let (r1, r2, r3) = (rowStride, 2 * rowStride, 3 * rowStride)
        for _ in 0 ..< K {
            let b0 = load(bk)
            s0 += Vec(repeating: ak[0]) * b0
            s1 += Vec(repeating: ak[r1]) * b0
            s2 += Vec(repeating: ak[r2]) * b0
            s3 += Vec(repeating: ak[r3]) * b0
            ak += kStride
            bk += ldb
        }
        store(s0, c0); store(s1, c1); store(s2, c2); store(s3, c3)
    }
}
