/// A layer's input projection over a window, the product before its time loop:
/// out (T, N) = b + X (T, I) · W_ihᵀ (I, N), with W_ihᵀ in panels (``Product/panels``) and b the
/// bias sum every row starts from (b_ih + b_hh; b_ih alone for a GRU, whose b_hh is inside its
/// reset gate's product).
///
/// ``start()`` writes the bias sum into every row; the product then adds X·W_ihᵀ, which can be
/// computed whole (``run(pool:)``) or a range of columns at a time, in any order and on any
/// thread (``compute(columns:)``): each element is one sum in ascending order of k from its bias
/// sum, so the bits are the same. A layer whose update waits (``RNNNetwork/defersUpdates``)
/// computes each panel's columns as soon as Adam has updated that band of W_ih and transposed it
/// into its panel, while the panel is in the core's cache, instead of reading every panel back
/// from memory after the whole update.
struct InputProjection {
    let out: UnsafeMutablePointer<Float>  // (T, N), row stride N
    let x: UnsafePointer<Float>           // (T, I)
    let weightIHT: UnsafePointer<Float>   // (I, N) in panels
    let biasIH: UnsafePointer<Float>      // (N)
    let biasHH: UnsafePointer<Float>?     // (N), or nil
    let T: Int
    let I: Int
    let N: Int

    /// Every row of `out` holds the bias sum, computed once and copied (the same sum in each row).
    func start() {
        guard T > 0 else { return }
        if let biasHH { add(out, biasIH, biasHH, N) } else { out.update(from: biasIH, count: N) }
        for t in 1 ..< T { (out + t * N).update(from: out, count: N) }
    }

    /// Adds X·W_ihᵀ's columns `columns` into `out`, from what ``start()`` wrote.
    func compute(columns: Range<Int>) { product.compute(columns: columns) }

    /// The whole projection: ``start()``, then every column, split among the pool's threads.
    func run(pool: WorkerPool?) {
        start()
        product.run(columns: N, pool: pool)
    }

    private var product: Product {
        Product(
            c: out, ldc: N, a: x, rowStride: I, kStride: 1, b: weightIHT, ldb: N, M: T, K: I, overwrite: false,
            panels: true)
    }
}
