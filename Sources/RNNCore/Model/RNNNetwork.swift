/// A stacked recurrent network with a linear head on every step, batch size 1, input size I: PyTorch's
/// `nn.RNN(I, H, L, batch_first=True)` (tanh), `nn.LSTM(…)` or `nn.GRU(…)`, followed by
/// `nn.Linear(H, 1)`.
///
/// The network owns its parameters, their gradients and every activation of one window, each
/// allocated once. ``forward(input:)`` runs a window from the carried state;
/// ``backward(target:)`` computes the loss and the gradients of that window; ``carryHiddenState()``
/// hands the final state (h, and an LSTM's c) to the next window (detached: no gradient crosses
/// windows).
///
/// With more than one thread, each matrix product is split by columns among a pool of threads the
/// network owns; every value is computed exactly as with one thread, so the results are the same
/// bits for every thread count.
public final class RNNNetwork {
    public let layout: ParameterLayout
    /// Window length T.
    public let timeStep: Int
    /// Threads the products run on, the caller's included.
    public let threads: Int
    /// The cell of every layer.
    public var cell: RecurrentCell { layout.cell }

    let parameters: FloatBuffer     // (P)
    /// (P), each written whole by ``backward(target:)``. Between Adam's update and the next
    /// backward pass it holds the forward pass's transposed weights instead: each recurrent weight
    /// matrix's transpose, in panels (``transposeIntoPanels(_:_:_:_:width:pool:)``), in its own
    /// gradient's place. Nothing reads the gradients after Adam (an update that waits,
    /// ``defersUpdates``, reads them when it is applied, before it writes the transposes), so this
    /// is one buffer less for a step to walk (20 % less memory, a working set of 21 MB instead of
    /// 26 at LSTM 256, which fits L3 better; 4–6 % faster a step at hidden 256 and 512).
    let gradients: FloatBuffer
    /// Whether ``gradients`` holds the transposes of the current parameters: made by
    /// ``update(with:learningRate:gradientScale:)``, or by the forward pass when they are not.
    private var transposesCurrent = false
    /// Adam's pieces (``update(with:learningRate:gradientScale:)``): every tensor whole, but the
    /// recurrent weight matrices in bands of ``Product/panelColumns`` rows, each transposed into
    /// its panel right after its update; and their runs, one per thread of the pool
    /// (``Adam/runs(of:among:)``).
    private let updatePieces: UpdatePieces
    /// The same pieces by layer, for an update that waits (``defersUpdates``): each recurrent
    /// layer's biases, then its weight matrices' bands in one group per thread, each group a
    /// share of W_ih's bands followed by the same share of W_hh's. So each thread's run holds its
    /// share of W_ih's bands, whose columns of the input projection it computes as it transposes
    /// them (``applyPendingUpdate(layer:projection:)``), and ends with the panels of W_hhᵀ that the
    /// layer's time loop reads next, the last written, so in cache rather than memory (RNN 1024,
    /// 2 threads, medians of 8 and 16 alternating runs: the forward pass 7.93 → 7.56 and 8.64 →
    /// 8.32 ms a step, where W_ih and W_hh bands alternated; LSTM 512 8.31 → 8.18, 8.06 → 7.87).
    private let layerUpdates: [(biases: UpdatePieces, bands: UpdatePieces)]
    /// The head's pieces, the last of an update that waits.
    private let headUpdate: UpdatePieces
    /// Whether Adam's update waits for the next forward pass, which applies it layer by layer
    /// just before each layer runs (``update(with:learningRate:gradientScale:)``).
    let defersUpdates: Bool
    /// The update that waits, taken by ``update(with:learningRate:gradientScale:)`` and not yet
    /// applied; `nil` when the parameters are current.
    private var pendingUpdate: (adam: Adam, step: Adam.Update)?
    /// The fewest parameters whose update waits for the next forward pass: 2²¹, 32 MB of values,
    /// gradients and Adam's two moments, as large as the development machine's 32 MB L3 (a
    /// constant, not read from the processor: the bits do not depend on it). Below it the four fit
    /// in L3 and one pass over all of them is faster (LSTM 256 and RNN 512: 0.04–0.08 ms a step
    /// slower layer by layer); above it each layer's weights reach its forward pass from cache
    /// instead of memory (3 layers: GRU and LSTM from 512, RNN from 1024).
    static let deferredUpdateParameters = 1 << 21

    /// Whether a network of `parameterCount` parameters defers its updates by default.
    static func defersUpdates(parameterCount: Int) -> Bool {
        parameterCount >= deferredUpdateParameters
    }
    let gradientNorms: FloatBuffer  // (tensors), each tensor's gradient's L2 norm, by ``backward(target:)``
    let input: FloatBuffer          // (T, I)
    let hidden: FloatBuffer         // (L, T+1, H): per layer, h₀ then h₁…h_T
    let output: FloatBuffer         // (T)
    let dOutput: FloatBuffer        // (T)
    private var dHidden: FloatBuffer  // (T, H) ∂loss/∂ outputs of the layer being differentiated
    private var dBelow: FloatBuffer   // (T, H) ∂loss/∂ inputs of that layer = outputs of the one below
    private let dNext: FloatBuffer    // (H)
    let pool: WorkerPool?             // nil for one thread

    // The gated cells' activations and scratch; empty for an RNN.
    let gates: FloatBuffer            // (L, T, G·H) activated gates: LSTM (i, f, g, o), GRU (r, z, n)
    let cellStates: FloatBuffer       // LSTM (L, T+1, H): per layer, c₀ then c₁…c_T
    let cellTanh: FloatBuffer         // LSTM (L, T, H): tanh(cₜ)
    let hiddenNew: FloatBuffer        // GRU (L, T, H): W_hn·hₜ₋₁ + b_hn
    private let hiddenGates: FloatBuffer   // GRU (G·H): W_hh·hₜ₋₁ + b_hh of one step
    private let dGates: FloatBuffer        // (T, G·H) ∂loss/∂ pre-activation gates (a GRU's input side)
    private let dHiddenGates: FloatBuffer  // GRU (T, G·H) ∂loss/∂ (W_hh·hₜ₋₁ + b_hh)
    private let dcNext: FloatBuffer        // LSTM (H) ∂loss/∂cₜ₋₁

    /// A network with every parameter zero; set them with ``setParameters(_:)`` or
    /// ``initialize(seed:)``.
    ///
    /// - Parameters:
    ///   - inputSize: values per step of the input (I): 1 for sin→cos.
    ///   - cell: the cell of every layer.
    ///   - threads: threads to run the products on, the caller's included; with 1 no thread is
    ///     started.
    ///   - defersUpdates: whether Adam's update waits for the next forward pass
    ///     (``update(with:learningRate:gradientScale:)``); `nil` for the default, from
    ///     ``deferredUpdateParameters`` parameters. The results are the same bits either way.
    public init(
        hiddenSize: Int, numLayers: Int, timeStep: Int, inputSize: Int = 1, cell: RecurrentCell = .rnn, threads: Int = 1,
        defersUpdates: Bool? = nil
    ) {
        precondition(
            hiddenSize >= 1 && numLayers >= 1 && timeStep >= 1 && inputSize >= 1,
            "RNNNetwork: sizes must be positive")
        precondition(threads >= 1, "RNNNetwork: \(threads) threads")
        self.threads = threads
        // Threads only where the recurrent product of every time step is split: the workers spin
        // from one time step to the next and are awake for the rest. A narrower network's only
        // pieces would be Adam's and the like, once a step, each waking a sleeping thread, which
        // costs more than it saves (an RNN of hidden 128 took twice as long on 2 threads).
        let gateColumns = cell.gateCount * hiddenSize
        let recurrentIsSplit = Product.isSplit(M: 1, N: gateColumns, K: hiddenSize)
            && Product.isSplit(M: 1, N: hiddenSize, K: gateColumns)
        pool = threads > 1 && recurrentIsSplit ? WorkerPool(threadCount: threads) : nil
        layout = ParameterLayout(hiddenSize: hiddenSize, numLayers: numLayers, inputSize: inputSize, cell: cell)
        self.timeStep = timeStep
        let (T, H, L) = (timeStep, hiddenSize, numLayers)
        let G = cell.gateCount * H
        parameters = FloatBuffer(count: layout.count)
        gradients = FloatBuffer(count: layout.count)
        let matrices = Dictionary(uniqueKeysWithValues: layout.layers.flatMap { layer in
            [(layer.weightIH, layer.inputSize), (layer.weightHH, H)]
        })
        // A tensor's pieces: itself whole, or a weight matrix's bands.
        func pieces(of tensor: ParameterLayout.Tensor) -> [UpdatePieces.Piece] {
            guard let columns = matrices[tensor.offset] else { return [(tensor.range, nil)] }
            return stride(from: 0, to: G, by: Product.panelColumns).map { row in
                let rows = row ..< min(row + Product.panelColumns, G)
                let range = tensor.offset + rows.lowerBound * columns ..< tensor.offset + rows.upperBound * columns
                return (range, (tensor.offset, columns, rows))
            }
        }
        let tensors = Dictionary(uniqueKeysWithValues: layout.tensors.map { ($0.offset, $0) })
        let poolThreads = pool?.threadCount ?? 1
        updatePieces = UpdatePieces(layout.tensors.flatMap(pieces(of:)), threads: poolThreads)
        layerUpdates = layout.layers.map { layer in
            let (ih, hh) = (pieces(of: tensors[layer.weightIH]!), pieces(of: tensors[layer.weightHH]!))
            // A group of bands per thread, W_ih's before W_hh's: each thread's run ends with the
            // panels of W_hhᵀ it has just written, which the layer's time loop reads at once.
            let n = ih.count  // hh has as many: G rows each
            let groups = max(1, min(poolThreads, n))
            let bands = (0 ..< groups).flatMap { group in
                let slice = group * n / groups ..< (group + 1) * n / groups
                return Array(ih[slice]) + Array(hh[slice])
            }
            return (
                UpdatePieces(pieces(of: tensors[layer.biasIH]!) + pieces(of: tensors[layer.biasHH]!), threads: poolThreads),
                UpdatePieces(bands, threads: poolThreads))
        }
        headUpdate = UpdatePieces(
            pieces(of: tensors[layout.outWeight]!) + pieces(of: tensors[layout.outBias]!), threads: poolThreads)
        self.defersUpdates = defersUpdates ?? Self.defersUpdates(parameterCount: layout.count)
        gradientNorms = FloatBuffer(count: layout.tensors.count)
        input = FloatBuffer(count: T * inputSize)
        hidden = FloatBuffer(count: L * (T + 1) * H)
        output = FloatBuffer(count: T)
        dOutput = FloatBuffer(count: T)
        dHidden = FloatBuffer(count: T * H)
        dBelow = FloatBuffer(count: T * H)
        dNext = FloatBuffer(count: H)
        let gated = cell != .rnn
        gates = FloatBuffer(count: gated ? L * T * G : 0)
        cellStates = FloatBuffer(count: cell == .lstm ? L * (T + 1) * H : 0)
        cellTanh = FloatBuffer(count: cell == .lstm ? L * T * H : 0)
        hiddenNew = FloatBuffer(count: cell == .gru ? L * T * H : 0)
        hiddenGates = FloatBuffer(count: cell == .gru ? G : 0)
        dGates = FloatBuffer(count: gated ? T * G : 0)
        dHiddenGates = FloatBuffer(count: cell == .gru ? T * G : 0)
        dcNext = FloatBuffer(count: cell == .lstm ? H : 0)
    }

    // MARK: - Parameters

    /// Every parameter, in ``ParameterLayout`` order.
    public var parameterValues: [Float] {
        completePendingUpdate()
        return parameters.array
    }

    /// The gradients of the last ``backward(target:)``, in ``ParameterLayout`` order, unclipped
    /// (a ``Trainer`` step applies clipping's scale inside Adam's pass), until Adam's pass writes
    /// the transposed weights over them: in ``update(with:learningRate:gradientScale:)``, or, when
    /// the update waits (``defersUpdates``), when it is applied (by the next forward pass, or
    /// anything that reads or replaces the parameters). Reading them applies nothing.
    public var gradientValues: [Float] { gradients.array }

    /// Replaces every parameter.
    /// - Precondition: `values.count == layout.count`.
    public func setParameters(_ values: [Float]) {
        completePendingUpdate()  // Adam's moments take the step the gradients were for
        parameters.assign(values)
        transposesCurrent = false
    }

    /// PyTorch's initialisation, from a seeded generator: every weight and bias of the recurrent
    /// layers (whatever the cell), and the linear head's weight and bias, drawn from U(−1/√H, 1/√H),
    /// tensor by tensor in `state_dict` order.
    public func initialize(seed: UInt64) {
        completePendingUpdate()
        transposesCurrent = false
        var generator = SplitMix64(seed: seed)
        let bound = Float(1 / Double(layout.hiddenSize).squareRoot())
        for i in 0 ..< layout.count {
            parameters.base[i] = generator.nextFloat(in: -bound, bound)
        }
    }

    /// One Adam step of every parameter from the gradients of the last backward pass, which also
    /// leaves the new weights transposed for the next forward pass: each band of a panel's width of
    /// rows (``Product/panelColumns``) of a recurrent weight matrix is transposed into its panel as
    /// soon as Adam has updated it, from cache, over the gradients Adam has just read. The forward pass then has no transposes of its
    /// own to make, which read every weight again from memory at hidden 512 and wider.
    ///
    /// A network of ``deferredUpdateParameters`` or more (``defersUpdates``) takes the step now
    /// (Adam counts it and fixes its learning rate and clipping's scale) but applies it later: the
    /// next forward pass updates each layer just before running it, so that the weights and
    /// transposes Adam has just written reach the layer's products from cache, not memory; the
    /// head goes last. Anything else that reads or replaces the parameters first applies what
    /// waits. Each parameter's update is the same arithmetic either way, so the bits are the same.
    func update(with adam: Adam, learningRate: Double, gradientScale: Float?) {
        completePendingUpdate()
        let step = adam.prepare(learningRate: learningRate, gradientScale: gradientScale)
        if defersUpdates {
            pendingUpdate = (adam, step)
        } else {
            apply(step, of: adam, to: updatePieces)
            transposesCurrent = true
        }
    }

    /// Some of Adam's pieces, and their runs among the pool's threads.
    private struct UpdatePieces {
        /// A band of a weight matrix: the matrix's offset and column count, and the band's rows.
        typealias Band = (matrix: Int, columns: Int, rows: Range<Int>)
        /// A range of parameters, and its band where it is one (`nil` for a tensor taken whole).
        typealias Piece = (range: Range<Int>, band: Band?)

        let ranges: [Range<Int>]
        let bands: [Band?]
        let runs: [Range<Int>]
        /// The parameters they hold.
        let count: Int

        /// `pieces`, cut into at most `threads` runs.
        init(_ pieces: [Piece], threads: Int) {
            ranges = pieces.map(\.range)
            bands = pieces.map(\.band)
            runs = Adam.runs(of: ranges, among: threads)
            count = ranges.reduce(0) { $0 + $1.count }
        }
    }

    /// Applies a step to `pieces`, transposing each band of a weight matrix into its panel as soon
    /// as it is updated, and then calling `transposed` with it, on the same thread.
    private func apply(
        _ step: Adam.Update, of adam: Adam, to pieces: UpdatePieces,
        transposed: (UpdatePieces.Band) -> Void = { _ in }
    ) {
        let (p, g, bands) = (parameters.base, gradients.base, pieces.bands)
        adam.apply(
            step, parameters: p, gradients: g, count: pieces.count, pool: pool, pieces: (pieces.ranges, pieces.runs)
        ) { i in
            guard let band = bands[i] else { return }
            transposeIntoPanel(g + band.matrix, p + band.matrix, rows: band.rows, band.columns)
            transposed(band)
        }
    }

    /// Applies layer `l`'s share of the update that waits, and with it the layer's input
    /// projection: the biases first (a few thousand parameters, on this thread), so that
    /// `projection` can start from their new sum; then the weight matrices' bands, each thread
    /// computing the projection's columns of each band of W_ih it updates right after
    /// transposing it, while the panel is in its core's cache. Read after the whole update, the
    /// panels came from memory (W_ih is 4 MB at LSTM 512, and the layer's update moves 60 MB).
    private func applyPendingUpdate(layer l: Int, projection: InputProjection) {
        guard let (adam, step) = pendingUpdate else { return }
        let weightIH = layout.layers[l].weightIH
        apply(step, of: adam, to: layerUpdates[l].biases)
        projection.start()
        apply(step, of: adam, to: layerUpdates[l].bands) { band in
            if band.matrix == weightIH { projection.compute(columns: band.rows) }
        }
    }

    /// Applies the whole update that waits, if one does, in one pass: the parameters are then
    /// current, and so are the transposes.
    func completePendingUpdate() {
        guard let (adam, step) = pendingUpdate else { return }
        pendingUpdate = nil
        apply(step, of: adam, to: updatePieces)
        transposesCurrent = true
    }

    // MARK: - Hidden state

    /// The hidden state the next window starts from, per layer (L, H).
    public var hiddenState: [Float] {
        let (T, H) = (timeStep, layout.hiddenSize)
        return (0 ..< layout.numLayers).flatMap { l in
            Array(UnsafeBufferPointer(start: hidden.base + l * (T + 1) * H, count: H))
        }
    }

    /// An LSTM's cell state c the next window starts from, per layer (L, H); empty for the other
    /// cells.
    public var cellState: [Float] {
        guard cell == .lstm else { return [] }
        let (T, H) = (timeStep, layout.hiddenSize)
        return (0 ..< layout.numLayers).flatMap { l in
            Array(UnsafeBufferPointer(start: cellStates.base + l * (T + 1) * H, count: H))
        }
    }

    /// Starts the next window from zeros, as PyTorch does for `h_0 = None` (and an LSTM's `c_0`,
    /// which is reset with it).
    public func resetHiddenState() {
        hidden.zero()
        cellStates.zero()
    }

    /// Makes each layer's last state (h, and an LSTM's c with it) the next window's initial state.
    public func carryHiddenState() {
        let (T, H) = (timeStep, layout.hiddenSize)
        for l in 0 ..< layout.numLayers {
            let h = hidden.base + l * (T + 1) * H
            h.update(from: h + T * H, count: H)
        }
        if cell == .lstm {
            for l in 0 ..< layout.numLayers {
                let c = cellStates.base + l * (T + 1) * H
                c.update(from: c + T * H, count: H)
            }
        }
    }

    /// Sets the state the next window starts from: h (L, H) and, for an LSTM, c (L, H).
    ///
    /// - Precondition: each has `numLayers × hiddenSize` values; `cell` is given for an LSTM only.
    public func setState(hidden h0: [Float], cell c0: [Float]? = nil) {
        let (T, H, L) = (timeStep, layout.hiddenSize, layout.numLayers)
        precondition(h0.count == L * H, "setState: \(h0.count) hidden values for \(L) layers of \(H)")
        precondition((c0 != nil) == (cell == .lstm), "setState: a cell state is an LSTM's, and an LSTM needs one")
        for l in 0 ..< L {
            for j in 0 ..< H { hidden.base[l * (T + 1) * H + j] = h0[l * H + j] }
        }
        if let c0 {
            precondition(c0.count == L * H, "setState: \(c0.count) cell values for \(L) layers of \(H)")
            for l in 0 ..< L {
                for j in 0 ..< H { cellStates.base[l * (T + 1) * H + j] = c0[l * H + j] }
            }
        }
    }

    // MARK: - Forward and backward

    /// The predictions of the last ``forward(input:)``.
    public var outputValues: [Float] { output.array }

    /// Runs one window: reads ``timeStep`` rows of ``ParameterLayout/inputSize`` inputs (T, I),
    /// leaves the predictions in the output buffer.
    func forward(input values: UnsafePointer<Float>) {
        input.base.update(from: values, count: timeStep * layout.inputSize)
        forward()
    }

    /// Runs one window on the values already in the input buffer.
    func forward() {
        let (T, H) = (timeStep, layout.hiddenSize)
        let p = parameters.base
        let G = cell.gateCount * H
        // An update that waits makes each layer's transposes, and its input projection, as it
        // updates the layer.
        let updating = pendingUpdate != nil
        if updating { transposesCurrent = true }
        for (l, layer) in layout.layers.enumerated() {
            let I = layer.inputSize
            let weightIHT = gradients.base + layer.weightIH  // (I, G·H) in panels
            let weightHHT = gradients.base + layer.weightHH  // (H, G·H) in panels
            let x = l == 0 ? UnsafePointer(input.base) : UnsafePointer(hiddenOutputs(layer: l - 1))
            if updating {
                let projection = InputProjection(
                    out: cell == .rnn ? hidden.base + l * (T + 1) * H + H : gates.base + l * T * G, x: x,
                    weightIHT: weightIHT, biasIH: p + layer.biasIH, biasHH: cell == .gru ? nil : p + layer.biasHH,
                    T: T, I: I, N: G)
                applyPendingUpdate(layer: l, projection: projection)
            } else if !transposesCurrent {
                transposeIntoPanels(weightIHT, p + layer.weightIH, G, I, pool: pool)
                transposeIntoPanels(weightHHT, p + layer.weightHH, G, H, pool: pool)
            }
            switch cell {
            case .rnn:
                rnnForward(
                    h: hidden.base + l * (T + 1) * H,
                    x: x,
                    weightIHT: weightIHT, weightHHT: weightHHT,
                    biasIH: p + layer.biasIH, biasHH: p + layer.biasHH,
                    T: T, I: I, H: H, projected: updating, pool: pool)
            case .lstm:
                lstmForward(
                    h: hidden.base + l * (T + 1) * H, c: cellStates.base + l * (T + 1) * H,
                    gates: gates.base + l * T * G, cellTanh: cellTanh.base + l * T * H,
                    x: x,
                    weightIHT: weightIHT, weightHHT: weightHHT,
                    biasIH: p + layer.biasIH, biasHH: p + layer.biasHH,
                    T: T, I: I, H: H, projected: updating, pool: pool)
            case .gru:
                gruForward(
                    h: hidden.base + l * (T + 1) * H,
                    gates: gates.base + l * T * G, hiddenNew: hiddenNew.base + l * T * H,
                    hiddenGates: hiddenGates.base,
                    x: x,
                    weightIHT: weightIHT, weightHHT: weightHHT,
                    biasIH: p + layer.biasIH, biasHH: p + layer.biasHH,
                    T: T, I: I, H: H, projected: updating, pool: pool)
            }
        }
        transposesCurrent = true
        if updating, let (adam, step) = pendingUpdate {
            apply(step, of: adam, to: headUpdate)
            pendingUpdate = nil
        }
        linearForward(
            y: output.base, h: hiddenOutputs(layer: layout.numLayers - 1),
            weight: p + layout.outWeight, bias: p + layout.outBias, T: T, H: H)
    }

    /// The mean squared error of the last forward pass against `target`, and the gradients of
    /// every parameter with respect to it (replacing the previous ones), with each tensor's L2
    /// norm in ``gradientNorms``.
    @discardableResult
    func backward(target: UnsafePointer<Float>) -> Float {
        let (T, H) = (timeStep, layout.hiddenSize)
        let p = parameters.base
        let g = gradients.base
        completePendingUpdate()  // none waits after a forward pass
        transposesCurrent = false  // the gradients are written over them
        // Every gradient is written, not added into (its product overwrites, its sum starts from
        // zero), so nothing needs zeroing between steps.
        let loss = mseForward(y: output.base, target: target, T: T)
        mseBackward(dy: dOutput.base, y: output.base, target: target, T: T)
        let top = layout.numLayers - 1
        linearBackward(
            dh: dHidden.base, dWeight: g + layout.outWeight, dBias: g + layout.outBias,
            dy: dOutput.base, h: hiddenOutputs(layer: top), weight: p + layout.outWeight, T: T, H: H)
        // Each tensor's norm for clipping as soon as its gradient is written, while it is in cache
        // (the layout's tensors: 4 a layer, then the head's 2).
        let headTensors = 4 * layout.numLayers ..< layout.tensors.count
        tensorNorms(gradients.base, layout: layout, of: headTensors, into: gradientNorms.base, pool: pool)
        let G = cell.gateCount * H
        for l in stride(from: top, through: 0, by: -1) {
            let layer = layout.layers[l]
            let x = l == 0 ? UnsafePointer(input.base) : UnsafePointer(hiddenOutputs(layer: l - 1))
            switch cell {
            case .rnn:
                rnnBackward(
                    dx: l == 0 ? nil : dBelow.base,
                    dWeightIH: g + layer.weightIH, dWeightHH: g + layer.weightHH,
                    dBiasIH: g + layer.biasIH, dBiasHH: g + layer.biasHH,
                    dh: dHidden.base, dNext: dNext.base,
                    h: hidden.base + l * (T + 1) * H, x: x,
                    weightIH: p + layer.weightIH, weightHH: p + layer.weightHH,
                    T: T, I: layer.inputSize, H: H, pool: pool)
            case .lstm:
                lstmBackward(
                    dx: l == 0 ? nil : dBelow.base,
                    dWeightIH: g + layer.weightIH, dWeightHH: g + layer.weightHH,
                    dBiasIH: g + layer.biasIH, dBiasHH: g + layer.biasHH,
                    dh: dHidden.base, dGates: dGates.base,
                    dNext: dNext.base, dcNext: dcNext.base,
                    h: hidden.base + l * (T + 1) * H, c: cellStates.base + l * (T + 1) * H,
                    gates: gates.base + l * T * G, cellTanh: cellTanh.base + l * T * H, x: x,
                    weightIH: p + layer.weightIH, weightHH: p + layer.weightHH,
                    T: T, I: layer.inputSize, H: H, pool: pool)
            case .gru:
                gruBackward(
                    dx: l == 0 ? nil : dBelow.base,
                    dWeightIH: g + layer.weightIH, dWeightHH: g + layer.weightHH,
                    dBiasIH: g + layer.biasIH, dBiasHH: g + layer.biasHH,
                    dh: dHidden.base,
                    dInputGates: dGates.base, dHiddenGates: dHiddenGates.base,
                    dNext: dNext.base,
                    h: hidden.base + l * (T + 1) * H, gates: gates.base + l * T * G,
                    hiddenNew: hiddenNew.base + l * T * H, x: x,
                    weightIH: p + layer.weightIH, weightHH: p + layer.weightHH,
                    T: T, I: layer.inputSize, H: H, pool: pool)
            }
            tensorNorms(gradients.base, layout: layout, of: 4 * l ..< 4 * l + 4, into: gradientNorms.base, pool: pool)
            swap(&dHidden, &dBelow)
        }
        return loss
    }

    /// h₁…h_T of layer `l`, (T, H).
    private func hiddenOutputs(layer l: Int) -> UnsafeMutablePointer<Float> {
        let (T, H) = (timeStep, layout.hiddenSize)
        return hidden.base + l * (T + 1) * H + H
    }
}

// MARK: - Array conveniences

extension RNNNetwork {
    /// Runs one window from the carried state and returns its predictions.
    ///
    /// - Parameter values: (T, I) inputs, row by row.
    public func forward(input values: [Float]) -> [Float] {
        precondition(
            values.count == timeStep * layout.inputSize,
            "forward: \(values.count) inputs for a window of \(timeStep) steps of \(layout.inputSize)")
        values.withUnsafeBufferPointer { forward(input: $0.baseAddress!) }
        return outputValues
    }

    /// The loss of the last forward pass against `target`; gradients are left in ``gradientValues``.
    @discardableResult
    public func backward(target values: [Float]) -> Float {
        precondition(values.count == timeStep, "backward: \(values.count) targets for a window of \(timeStep)")
        return values.withUnsafeBufferPointer { backward(target: $0.baseAddress!) }
    }
}
