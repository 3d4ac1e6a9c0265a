import Foundation
import Testing
@testable import RNNCore

/// The blocked, threaded matmulNN and matmulTN against the simple loops of their contract, bit for
/// bit: every element a sum in ascending order of k from its start value, no fused multiply-add.
///
/// Each instruction set this processor runs is tested (SSE2, AVX2, AVX-512: vectors of 4, 8 and 16
/// floats). The sizes cross every edge of the blocking of each (tiles of 6 rows × 2 vectors, the
/// one-vector strip and the 1-to-15-column tails, the 1-to-5-row tails, the 8- and 4-vector strips
/// of the one-row kernel, k in chunks of 128 with a shorter last one) and of the split among threads (column ranges in multiples of 32, a last
/// range with a tail, products too small to split); every matrix has a row stride larger than its
/// width, whose padding must come out untouched. The values span six orders of magnitude and both signs, so that any other
/// order of summation changes some last bits.
@Suite("Matrix products")
struct MatrixProductTests {
    static let rowCounts = [1, 2, 3, 4, 5, 6, 7, 9, 12, 31, 33, 65]
    static let columnCounts = [1, 3, 4, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 48, 63, 65, 128, 129, 143, 176, 255, 256, 300, 401]
    static let depths = [0, 1, 7, 8, 9, 31, 33, 65, 128, 129, 256, 257]
    /// The value the padding of C holds, which no product may touch.
    static let sentinel = Float.nan

    /// A matrix of `rows` × `columns` in a buffer of row stride `stride`, its padding `sentinel`.
    struct Matrix {
        var values: [Float]
        let rows: Int, columns: Int, stride: Int

        init(rows: Int, columns: Int, stride: Int, generator: inout SplitMix64) {
            (self.rows, self.columns, self.stride) = (rows, columns, stride)
            values = [Float](repeating: MatrixProductTests.sentinel, count: max(rows * stride, 1))
            for r in 0 ..< rows {
                for c in 0 ..< columns {
                    // ± 10^u with u uniform in [−3, 3]: sums whose value depends on their order.
                    let magnitude = Float(pow(10, Double(generator.nextFloat(in: -3, 3))))
                    values[r * stride + c] = generator.nextFloat(in: 0, 1) < 0.5 ? -magnitude : magnitude
                }
            }
        }

        subscript(r: Int, c: Int) -> Float { values[r * stride + c] }
    }

    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case nn, tn
        var testDescription: String { rawValue == "nn" ? "A·B" : "Aᵀ·B" }
    }

    /// The contract, written as plainly as it reads.
    static func reference(
        _ kind: Kind, c: inout Matrix, a: Matrix, b: Matrix, M: Int, N: Int, K: Int, overwrite: Bool
    ) {
        for i in 0 ..< M {
            for j in 0 ..< N {
                var sum: Float = overwrite ? 0 : c[i, j]
                for k in 0 ..< K {
                    let x = kind == .nn ? a[i, k] : a[k, i]
                    let product = x * b[k, j]
                    sum = sum + product
                }
                c.values[i * c.stride + j] = sum
            }
        }
    }

    /// The product under test, on `pool`.
    static func product(
        _ kind: Kind, c: inout Matrix, a: Matrix, b: Matrix, M: Int, N: Int, K: Int, overwrite: Bool, pool: WorkerPool?
    ) {
        c.values.withUnsafeMutableBufferPointer { cp in
            a.values.withUnsafeBufferPointer { ap in
                b.values.withUnsafeBufferPointer { bp in
                    switch kind {
                    case .nn:
                        matmulNN(cp.baseAddress!, ldc: c.stride, ap.baseAddress!, lda: a.stride, bp.baseAddress!, ldb: b.stride,
                                 M: M, N: N, K: K, overwrite: overwrite, pool: pool)
                    case .tn:
                        matmulTN(cp.baseAddress!, ldc: c.stride, ap.baseAddress!, lda: a.stride, bp.baseAddress!, ldb: b.stride,
                                 M: M, N: N, K: K, overwrite: overwrite, pool: pool)
                    }
                }
            }
        }
    }

    /// The first element (or padding) whose bits differ, described, or `nil`.
    static func firstDifference(_ actual: Matrix, _ expected: Matrix) -> String? {
        for index in expected.values.indices where actual.values[index].bitPattern != expected.values[index].bitPattern {
            let (r, c) = index.quotientAndRemainder(dividingBy: expected.stride)
            let place = c < expected.columns ? "[\(r)][\(c)]" : "padding [\(r)][\(c)]"
            return "\(place): \(actual.values[index]) instead of \(expected.values[index])"
        }
        return nil
    }

    /// The instruction sets to test: every one this processor runs.
    static let instructionSets = InstructionSet.allCases.filter(\.isSupported)

    @Test("the same bits as the simple loops, at every edge of the blocking, on 1, 2 and 3 threads",
          arguments: Kind.allCases, Self.instructionSets)
    func sameBitsAsSimpleLoops(kind: Kind, set: InstructionSet) {
        withInstructionSet(set) { sameBitsAsSimpleLoops(kind: kind, label: set.rawValue) }
    }

    func sameBitsAsSimpleLoops(kind: Kind, label: String) {
        let pools: [WorkerPool?] = [nil, WorkerPool(threadCount: 1), WorkerPool(threadCount: 2), WorkerPool(threadCount: 3)]
        var generator = SplitMix64(seed: kind == .nn ? 10 : 11)
        var failures = 0
        var checked = 0
        var split = 0
        for M in Self.rowCounts {
            for N in Self.columnCounts {
                for K in Self.depths {
                    let a = kind == .nn
                        ? Matrix(rows: M, columns: K, stride: K + 3, generator: &generator)
                        : Matrix(rows: K, columns: M, stride: M + 5, generator: &generator)
                    let b = Matrix(rows: K, columns: N, stride: N + 2, generator: &generator)
                    let start = Matrix(rows: M, columns: N, stride: N + 7, generator: &generator)
                    for overwrite in [false, true] {
                        var expected = start
                        Self.reference(kind, c: &expected, a: a, b: b, M: M, N: N, K: K, overwrite: overwrite)
                        for pool in pools {
                            var actual = start
                            Self.product(kind, c: &actual, a: a, b: b, M: M, N: N, K: K, overwrite: overwrite, pool: pool)
                            checked += 1
                            if let difference = Self.firstDifference(actual, expected) {
                                failures += 1
                                if failures <= 5 {
                                    Issue.record("\(label) \(kind.testDescription) M \(M) N \(N) K \(K) overwrite \(overwrite) threads \(pool?.threadCount ?? 0): \(difference)")
                                }
                            }
                        }
                    }
                    if Product.isSplit(M: M, N: N, K: K) { split += 1 }
                }
            }
        }
        #expect(failures == 0, "\(label): \(failures) of \(checked) products differ from the simple loops")
        // The sizes must include products that the threads really split.
        #expect(split >= 20, "only \(split) sizes are large enough to be split among threads")
    }

    @Test("an input weight gradient is the simple loop's sums, bit for bit, with one input (computed as its transpose) or several, on 1 and 2 threads",
          arguments: [1, 3, 40])
    func inputWeightGradientSameBits(inputs I: Int) {
        let (G, T) = (4 * 70, 30)  // an LSTM's 4H rows at hidden 70, a window of 30
        var generator = SplitMix64(seed: 12)
        let dPre = (0 ..< T * G).map { _ in Float.random(in: -1 ... 1, using: &generator) }  // (T, G)
        let x = (0 ..< T * I).map { _ in Float.random(in: -1 ... 1, using: &generator) }    // (T, I)
        // dW_ih[g][i] = Σₜ dPre[t][g]·x[t][i] in ascending t, from zero.
        var expected = [Float](repeating: 0, count: G * I)
        for g in 0 ..< G {
            for i in 0 ..< I {
                var sum: Float = 0
                for t in 0 ..< T { sum = sum + dPre[t * G + g] * x[t * I + i] }
                expected[g * I + i] = sum
            }
        }
        for pool in [nil, WorkerPool(threadCount: 2)] {
            var actual = [Float](repeating: .nan, count: G * I)
            inputWeightGradient(&actual, dPre: dPre, ldPre: G, x: x, G: G, I: I, T: T, pool: pool)
            #expect(actual.map(\.bitPattern) == expected.map(\.bitPattern), "I = \(I), \(pool?.threadCount ?? 1) threads")
        }
    }

    @Test("a weight gradient of 2 MB or more, stored past the caches or through them, is the simple loop's bits, with C aligned or not, on 1, 2 and 3 threads",
          arguments: Self.instructionSets)
    func streamedProductSameBits(set: InstructionSet) {
        // 1027 rows (a tail after the tiles of 3 and of 6) × 500 columns (every strip width and 4
        // single columns), C's row stride 512: a multiple of every vector, so that C at an aligned
        // address is stored past the caches unless its buffer is said to be in cache; K = 129 is
        // past the one pass over k that allows it.
        let (M, N, ldc) = (1027, 500, 512)
        #expect(M * ldc >= Product.streamingFloats, "C is too small to be stored past the caches")
        #expect(M * ldc <= Product.inCacheFloats, "C is too large to be stored through the caches when in cache")
        var generator = SplitMix64(seed: 16)
        let pools: [WorkerPool?] = [nil, WorkerPool(threadCount: 2), WorkerPool(threadCount: 3)]
        let floats = M * ldc + 16
        let storage = UnsafeMutableRawPointer.allocate(byteCount: floats * 4, alignment: 64)
        defer { storage.deallocate() }
        let buffer = storage.bindMemory(to: Float.self, capacity: floats)
        withInstructionSet(set) {
            for K in [1, 30, 128, 129] {
                let a = Matrix(rows: K, columns: M, stride: M + 5, generator: &generator)
                let b = Matrix(rows: K, columns: N, stride: N + 2, generator: &generator)
                // The padding of C's rows, and the floats around it, must come out untouched.
                var expected = Matrix(rows: M, columns: N, stride: ldc, generator: &generator)
                Self.reference(.tn, c: &expected, a: a, b: b, M: M, N: N, K: K, overwrite: true)
                // C at a 64-byte boundary, and one float past it; past the caches, and through them
                // as for a C whose buffer is in cache (Product.inCacheFloats).
                for offset in [0, 1] {
                    for (pool, cInCache) in pools.flatMap({ pool in [(pool, false), (pool, true)] }) {
                        buffer.initialize(repeating: Self.sentinel, count: floats)
                        a.values.withUnsafeBufferPointer { ap in
                            b.values.withUnsafeBufferPointer { bp in
                                matmulTN(buffer + offset, ldc: ldc, ap.baseAddress!, lda: a.stride, bp.baseAddress!, ldb: b.stride,
                                         M: M, N: N, K: K, overwrite: true, cInCache: cInCache, pool: pool)
                            }
                        }
                        var actual = expected
                        actual.values = Array(UnsafeBufferPointer(start: buffer + offset, count: M * ldc))
                        let outside = (0 ..< offset).contains { !buffer[$0].isNaN }
                            || (offset + M * ldc ..< floats).contains { !buffer[$0].isNaN }
                        let difference = Self.firstDifference(actual, expected) ?? (outside ? "a float outside C" : nil)
                        #expect(difference == nil, "\(set.rawValue) K \(K) offset \(offset) threads \(pool?.threadCount ?? 1) in cache \(cInCache): \(difference ?? "")")
                    }
                }
            }
        }
    }

    @Test("an overwritten C goes past the caches from 2 MB, but through them up to 4 MB when its buffer is in cache")
    func whichProductsStorePastCaches() {
        let (lstm256, lstm512, lstm1024) = (4 * 256 * 256, 4 * 512 * 512, 4 * 1024 * 1024)
        let (gru512, gru1024) = (3 * 512 * 512, 3 * 1024 * 1024)
        #expect(!Product.storesPastCaches(floats: lstm256, cInCache: false), "a gradient of 1 MB stays in cache")
        #expect(Product.storesPastCaches(floats: lstm512, cInCache: false), "an input weight gradient of 4 MB, over stale transposes")
        #expect(!Product.storesPastCaches(floats: lstm512, cInCache: true), "a recurrent weight gradient of 4 MB, over its loop's panels")
        #expect(!Product.storesPastCaches(floats: gru512, cInCache: true), "a recurrent weight gradient of 3 MB")
        #expect(Product.storesPastCaches(floats: gru1024, cInCache: true), "a recurrent weight gradient of 12 MB")
        #expect(Product.storesPastCaches(floats: lstm1024, cInCache: true), "a recurrent weight gradient of 16 MB")
        #expect(Product.storesPastCaches(floats: Product.streamingFloats, cInCache: false))
        #expect(!Product.storesPastCaches(floats: Product.streamingFloats - 1, cInCache: false))
        #expect(!Product.storesPastCaches(floats: Product.inCacheFloats, cInCache: true))
        #expect(Product.storesPastCaches(floats: Product.inCacheFloats + 1, cInCache: true))
    }

    @Test("a product with an empty dimension leaves C as it was, or zero with overwrite when K is 0")
    func emptyDimensions() {
        var generator = SplitMix64(seed: 3)
        let a = Matrix(rows: 4, columns: 4, stride: 4, generator: &generator)
        let b = Matrix(rows: 4, columns: 4, stride: 4, generator: &generator)
        let start = Matrix(rows: 4, columns: 4, stride: 4, generator: &generator)
        for kind in Kind.allCases {
            var c = start
            Self.product(kind, c: &c, a: a, b: b, M: 0, N: 4, K: 4, overwrite: true, pool: nil)
            Self.product(kind, c: &c, a: a, b: b, M: 4, N: 0, K: 4, overwrite: true, pool: nil)
            #expect(Self.firstDifference(c, start) == nil, "\(kind.testDescription) with M or N of 0 wrote into C")
            Self.product(kind, c: &c, a: a, b: b, M: 4, N: 4, K: 0, overwrite: false, pool: nil)
            #expect(Self.firstDifference(c, start) == nil, "\(kind.testDescription) with K 0 changed C")
            Self.product(kind, c: &c, a: a, b: b, M: 4, N: 4, K: 0, overwrite: true, pool: nil)
            #expect(c.values.allSatisfy { $0 == 0 }, "\(kind.testDescription) with K 0 and overwrite: \(c.values)")
        }
    }

    @Test("the tiled transpose puts every element where the simple loop puts it, on 1 and 2 threads",
          arguments: Self.instructionSets)
    func transposeMatchesSimpleLoop(set: InstructionSet) {
        let pools: [WorkerPool?] = [nil, WorkerPool(threadCount: 2)]
        withInstructionSet(set) {
            for rows in [1, 5, 8, 16, 17, 24, 33, 40, 64, 130] {
                for cols in [1, 3, 4, 9, 16, 24, 31, 32, 40, 49, 131] {
                    let m = (0 ..< rows * cols).map { Float($0) }
                    var expected = [Float](repeating: 0, count: rows * cols)
                    for r in 0 ..< rows {
                        for c in 0 ..< cols { expected[c * rows + r] = m[r * cols + c] }
                    }
                    for pool in pools {
                        var out = [Float](repeating: .nan, count: rows * cols)
                        out.withUnsafeMutableBufferPointer { op in
                            m.withUnsafeBufferPointer { mp in transpose(op.baseAddress!, mp.baseAddress!, rows, cols, pool: pool) }
                        }
                        let misplaced = out.indices.first { out[$0] != expected[$0] }
                        #expect(misplaced == nil, "\(set.rawValue) transpose of \(rows) × \(cols) on \(pool?.threadCount ?? 1) threads: index \(misplaced ?? -1) holds the wrong element")
                    }
                }
            }
        }
    }

    // MARK: - B in panels

    /// The panel widths of the three instruction sets' processors: whatever this processor's
    /// own, the kernels of every set read and write all of them.
    static let panelWidths = InstructionSet.allCases.map(\.panelColumns)

    /// Where element (r, c) of a (rows, cols) matrix lies once stored in panels of `panel`
    /// columns, written from the definition: panel after panel, each (rows, width) row-major.
    static func panelIndex(row r: Int, column c: Int, rows: Int, columns cols: Int, panel: Int) -> Int {
        let start = c / panel * panel
        let width = min(panel, cols - start)
        return start * rows + r * width + (c - start)
    }

    /// A row-major (rows, cols) matrix stored in panels, element by element from the definition.
    static func inPanels(_ m: [Float], stride: Int, rows: Int, columns cols: Int, panel: Int) -> [Float] {
        var out = [Float](repeating: .nan, count: max(rows * cols, 1))
        for r in 0 ..< rows {
            for c in 0 ..< cols { out[panelIndex(row: r, column: c, rows: rows, columns: cols, panel: panel)] = m[r * stride + c] }
        }
        return out
    }

    @Test("a product with B in panels of each width is the simple loop's bits, whichever panels a thread's columns cross, on 1, 2 and 3 threads",
          arguments: Self.instructionSets, Self.panelWidths)
    func panelProductSameBits(set: InstructionSet, width: Int) {
        let pools: [WorkerPool?] = [nil, WorkerPool(threadCount: 2), WorkerPool(threadCount: 3)]
        var generator = SplitMix64(seed: 13)
        var (failures, checked, split) = (0, 0, 0)
        withInstructionSet(set) {
            for M in [1, 2, 3, 4, 7, 30] {
                for N in [1, 100, 127, 128, 129, 200, 256, 257, 300, 401] {
                    for K in [0, 1, 9, 128, 129, 257] {
                        let a = Matrix(rows: M, columns: K, stride: K + 3, generator: &generator)
                        let b = Matrix(rows: K, columns: N, stride: N, generator: &generator)
                        let panels = Self.inPanels(b.values, stride: N, rows: K, columns: N, panel: width)
                        let start = Matrix(rows: M, columns: N, stride: N + 7, generator: &generator)
                        for overwrite in [false, true] {
                            var expected = start
                            Self.reference(.nn, c: &expected, a: a, b: b, M: M, N: N, K: K, overwrite: overwrite)
                            for pool in pools {
                                var actual = start
                                actual.values.withUnsafeMutableBufferPointer { cp in
                                    a.values.withUnsafeBufferPointer { ap in
                                        panels.withUnsafeBufferPointer { bp in
                                            matmulNN(cp.baseAddress!, ldc: start.stride, ap.baseAddress!, lda: a.stride, bp.baseAddress!, ldb: N,
                                                     M: M, N: N, K: K, overwrite: overwrite, panels: true, panelWidth: width, pool: pool)
                                        }
                                    }
                                }
                                checked += 1
                                if let difference = Self.firstDifference(actual, expected) {
                                    failures += 1
                                    if failures <= 5 {
                                        Issue.record("\(set.rawValue) panels of \(width) M \(M) N \(N) K \(K) overwrite \(overwrite) threads \(pool?.threadCount ?? 0): \(difference)")
                                    }
                                }
                            }
                        }
                        if Product.isSplit(M: M, N: N, K: K) && N > width { split += 1 }
                    }
                }
            }
        }
        #expect(failures == 0, "\(set.rawValue): \(failures) of \(checked) products with B in panels of \(width) differ from the simple loop")
        #expect(split >= 20, "only \(split) sizes of several panels are split among threads")
    }

    @Test("the first backward product, over B as it is: the simple loop's bits, and B's columns copied into their panels of each width, for any range of columns",
          arguments: Self.instructionSets, Self.panelWidths)
    func copyingProduct(set: InstructionSet, width: Int) {
        var generator = SplitMix64(seed: 15)
        var checked = 0
        withInstructionSet(set) {
            for N in [1, 17, 128, 129, 150, 200, 256, 257, 300, 401] {
                for K in [0, 1, 9, 129, 257] {
                    let a = Matrix(rows: 1, columns: K, stride: K, generator: &generator)
                    let b = Matrix(rows: K, columns: N, stride: N, generator: &generator)
                    let panels = Self.inPanels(b.values, stride: N, rows: K, columns: N, panel: width)
                    let start = Matrix(rows: 1, columns: N, stride: N, generator: &generator)
                    // The whole row, the ranges 2 and 3 threads take (multiples of 32), and ranges
                    // that start and end inside a vector and inside a panel.
                    var ranges = [0 ..< N, min(5, N) ..< max(min(5, N), N - 3), min(100, N) ..< min(N, 140)]
                    for threads in [2, 3] {
                        let blocks = (N + 31) / 32, pieces = min(threads, blocks)
                        let perPiece = (blocks + pieces - 1) / pieces * 32
                        for piece in 0 ..< pieces {
                            let low = piece * perPiece, high = piece == pieces - 1 ? N : min(N, low + perPiece)
                            if low < high { ranges.append(low ..< high) }
                        }
                    }
                    for overwrite in [false, true] {
                        var expected = start
                        Self.reference(.nn, c: &expected, a: a, b: b, M: 1, N: N, K: K, overwrite: overwrite)
                        for columns in ranges where !columns.isEmpty {
                            var actual = start
                            var copy = [Float](repeating: .nan, count: max(K * N, 1))
                            actual.values.withUnsafeMutableBufferPointer { cp in
                                a.values.withUnsafeBufferPointer { ap in
                                    b.values.withUnsafeBufferPointer { bp in
                                        copy.withUnsafeMutableBufferPointer { out in
                                            Product(c: cp.baseAddress!, ldc: N, a: ap.baseAddress!, rowStride: K, kStride: 1, b: bp.baseAddress!, ldb: N,
                                                    M: 1, K: K, overwrite: overwrite, panelWidth: width, copyInto: out.baseAddress!)
                                                .compute(columns: columns)
                                        }
                                    }
                                }
                            }
                            checked += 1
                            let wrongSum = (0 ..< N).first { j in
                                actual.values[j].bitPattern != (columns.contains(j) ? expected.values[j] : start.values[j]).bitPattern
                            }
                            #expect(wrongSum == nil, "\(set.rawValue) panels of \(width) N \(N) K \(K) columns \(columns) overwrite \(overwrite): column \(wrongSum ?? -1) of c")
                            // Each column of the range in its panel, and nothing else written.
                            let wrongCopy = (0 ..< K).lazy.flatMap { k in (0 ..< N).lazy.map { (k, $0) } }.first { k, j in
                                let index = Self.panelIndex(row: k, column: j, rows: K, columns: N, panel: width)
                                return columns.contains(j) ? copy[index].bitPattern != panels[index].bitPattern : !copy[index].isNaN
                            }
                            #expect(wrongCopy == nil, "\(set.rawValue) panels of \(width) N \(N) K \(K) columns \(columns): element \(String(describing: wrongCopy)) of the panels")
                        }
                    }
                }
            }
        }
        #expect(checked >= 400, "only \(checked) products checked")
    }

    @Test("a gated cell's units in panels, read from the first panel to the last and from the last to the first: each range of units gets the simple loop's columns in every gate, and no other column",
          arguments: Self.instructionSets, Self.panelWidths)
    func panelUnitsSameBits(set: InstructionSet, width: Int) {
        var generator = SplitMix64(seed: 14)
        withInstructionSet(set) {
            for (gates, H) in [(4, 150), (3, 200), (1, 300), (4, 64)] {
                let (N, K) = (gates * H, H)
                let a = Matrix(rows: 1, columns: K, stride: K, generator: &generator)
                let b = Matrix(rows: K, columns: N, stride: N, generator: &generator)
                let panels = Self.inPanels(b.values, stride: N, rows: K, columns: N, panel: width)
                let start = Matrix(rows: 1, columns: N, stride: N, generator: &generator)
                var expected = start
                Self.reference(.nn, c: &expected, a: a, b: b, M: 1, N: N, K: K, overwrite: false)
                // Ranges of units as threads take them (multiples of 32), and one that is not.
                for (low, high) in [(0, 32), (32, 96), (96, H), (5, H - 3)] where low < high && high <= H {
                    for reversed in [false, true] {
                        let units = low ..< high
                        var actual = start
                        actual.values.withUnsafeMutableBufferPointer { cp in
                            a.values.withUnsafeBufferPointer { ap in
                                panels.withUnsafeBufferPointer { bp in
                                    Product(c: cp.baseAddress!, ldc: N, a: ap.baseAddress!, rowStride: K, kStride: 1, b: bp.baseAddress!, ldb: N,
                                            M: 1, K: K, overwrite: false, panels: true, panelWidth: width)
                                        .compute(units: units, gates: gates, H: H, reversed: reversed)
                                }
                            }
                        }
                        for column in 0 ..< N {
                            let inRange = units.contains(column % H)
                            let want = inRange ? expected.values[column] : start.values[column]
                            if actual.values[column].bitPattern != want.bitPattern {
                                Issue.record("\(set.rawValue) panels of \(width), \(gates) gates of \(H), units \(units), reversed \(reversed): column \(column) is \(actual.values[column]), not \(want)")
                                break
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("a product reads the panels its columns meet from the first to the last, or from the last to the first; a time loop reverses the order at every other step")
    func panelOrder() {
        func order(_ columns: Range<Int>, _ width: Int, _ reversed: Bool) -> [Int] {
            Array(Product.panelOrder(of: columns, width: width, reversed: reversed))
        }
        #expect(order(0 ..< 300, 64, false) == [0, 1, 2, 3, 4])
        #expect(order(0 ..< 300, 64, true) == [4, 3, 2, 1, 0])
        #expect(order(70 ..< 130, 64, false) == [1, 2] && order(70 ..< 130, 64, true) == [2, 1])
        #expect(order(64 ..< 128, 64, true) == [1] && order(5 ..< 6, 32, true) == [0])
        #expect((0 ..< 6).map(ReadOrder.reversed(step:)) == [false, true, false, true, false, true])
    }

    @Test("a transpose into panels of each width puts every element where the layout says, on 1 and 2 threads",
          arguments: Self.instructionSets, Self.panelWidths)
    func panelLayouts(set: InstructionSet, width: Int) {
        let pools: [WorkerPool?] = [nil, WorkerPool(threadCount: 2)]
        withInstructionSet(set) {
            for rows in [1, 5, 127, 128, 129, 300] {
                for cols in [1, 3, 40, 128, 129, 257] {
                    let m = (0 ..< rows * cols).map { Float($0) }
                    // mᵀ (cols, rows) in panels.
                    var transposed = [Float](repeating: .nan, count: rows * cols)
                    for r in 0 ..< rows {
                        for c in 0 ..< cols {
                            transposed[Self.panelIndex(row: c, column: r, rows: cols, columns: rows, panel: width)] = m[r * cols + c]
                        }
                    }
                    for pool in pools {
                        var outT = [Float](repeating: .nan, count: rows * cols)
                        m.withUnsafeBufferPointer { mp in
                            outT.withUnsafeMutableBufferPointer { transposeIntoPanels($0.baseAddress!, mp.baseAddress!, rows, cols, width: width, pool: pool) }
                        }
                        let threads = pool?.threadCount ?? 1
                        let wrongT = outT.indices.first { outT[$0].bitPattern != transposed[$0].bitPattern }
                        #expect(wrongT == nil, "\(set.rawValue) transpose of \(rows) × \(cols) into panels of \(width) on \(threads) threads: index \(wrongT ?? -1)")
                    }
                }
            }
        }
    }
}
