/// A stacked Elman RNN (tanh) with a linear head on every step, batch size 1, input size I:
/// PyTorch's `nn.RNN(I, H, L, batch_first=True)` followed by `nn.Linear(H, 1)`.
///
/// The network owns its parameters, their gradients and every activation of one window, each
/// allocated once. ``forward(input:)`` runs a window from the carried hidden state;
/// ``backward(target:)`` computes the loss and the gradients of that window; ``carryHiddenState()``
/// hands the final state to the next window (detached: no gradient crosses windows).
public final class RNNNetwork {
    public let layout: ParameterLayout
    /// Window length T.
    public let timeStep: Int

    let parameters: FloatBuffer     // (P)
    let transposed: FloatBuffer     // per layer W_ihᵀ (I, H) then W_hhᵀ (H, H), for the forward pass
    let gradients: FloatBuffer      // (P)
    let input: FloatBuffer          // (T, I)
    let hidden: FloatBuffer         // (L, T+1, H): per layer, h₀ then h₁…h_T
    let output: FloatBuffer         // (T)
    let dOutput: FloatBuffer        // (T)
    private var dHidden: FloatBuffer  // (T, H) ∂loss/∂ outputs of the layer being differentiated
    private var dBelow: FloatBuffer   // (T, H) ∂loss/∂ inputs of that layer = outputs of the one below
    private let dNext: FloatBuffer    // (H)

    /// A network with every parameter zero; set them with ``setParameters(_:)`` or
    /// ``initialize(seed:)``.
    ///
    /// - Parameters:
    ///   - inputSize: values per step of the input (I): 1 for sin→cos.
    public init(hiddenSize: Int, numLayers: Int, timeStep: Int, inputSize: Int = 1) {
        precondition(
            hiddenSize >= 1 && numLayers >= 1 && timeStep >= 1 && inputSize >= 1,
            "RNNNetwork: sizes must be positive")
        layout = ParameterLayout(hiddenSize: hiddenSize, numLayers: numLayers, inputSize: inputSize)
        self.timeStep = timeStep
        let (T, H, L) = (timeStep, hiddenSize, numLayers)
        parameters = FloatBuffer(count: layout.count)
        transposed = FloatBuffer(count: layout.layers.reduce(0) { $0 + ($1.inputSize + H) * H })
        gradients = FloatBuffer(count: layout.count)
        input = FloatBuffer(count: T * inputSize)
        hidden = FloatBuffer(count: L * (T + 1) * H)
        output = FloatBuffer(count: T)
        dOutput = FloatBuffer(count: T)
        dHidden = FloatBuffer(count: T * H)
        dBelow = FloatBuffer(count: T * H)
        dNext = FloatBuffer(count: H)
    }

    // MARK: - Parameters

    /// Every parameter, in ``ParameterLayout`` order.
    public var parameterValues: [Float] { parameters.array }

    /// The gradients of the last ``backward(target:)``, in ``ParameterLayout`` order.
    public var gradientValues: [Float] { gradients.array }

    /// Replaces every parameter.
    /// - Precondition: `values.count == layout.count`.
    public func setParameters(_ values: [Float]) {
        parameters.assign(values)
    }

    /// PyTorch's initialisation, from a seeded generator: every RNN weight and bias, and the linear
    /// head's weight and bias, drawn from U(−1/√H, 1/√H), tensor by tensor in `state_dict` order.
    public func initialize(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let bound = Float(1 / Double(layout.hiddenSize).squareRoot())
        for i in 0 ..< layout.count {
            parameters.base[i] = generator.nextFloat(in: -bound, bound)
        }
    }

    // MARK: - Hidden state

    /// The hidden state the next window starts from, per layer (L, H).
    public var hiddenState: [Float] {
        let (T, H) = (timeStep, layout.hiddenSize)
        return (0 ..< layout.numLayers).flatMap { l in
            Array(UnsafeBufferPointer(start: hidden.base + l * (T + 1) * H, count: H))
        }
    }

    /// Starts the next window from zeros, as PyTorch does for `h_0 = None`.
    public func resetHiddenState() {
        hidden.zero()
    }

    /// Makes each layer's last state the next window's initial state.
    public func carryHiddenState() {
        let (T, H) = (timeStep, layout.hiddenSize)
        for l in 0 ..< layout.numLayers {
            let h = hidden.base + l * (T + 1) * H
            h.update(from: h + T * H, count: H)
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
        var weightsT = transposed.base
        for (l, layer) in layout.layers.enumerated() {
            let I = layer.inputSize
            let weightIHT = weightsT  // (I, H)
            let weightHHT = weightsT + I * H  // (H, H)
            weightsT += (I + H) * H
            transpose(weightIHT, p + layer.weightIH, H, I)
            transpose(weightHHT, p + layer.weightHH, H, H)
            let x = l == 0 ? UnsafePointer(input.base) : UnsafePointer(hiddenOutputs(layer: l - 1))
            rnnForward(
                h: hidden.base + l * (T + 1) * H,
                x: x,
                weightIHT: weightIHT, weightHHT: weightHHT,
                biasIH: p + layer.biasIH, biasHH: p + layer.biasHH,
                T: T, I: I, H: H)
        }
        linearForward(
            y: output.base, h: hiddenOutputs(layer: layout.numLayers - 1),
            weight: p + layout.outWeight, bias: p + layout.outBias, T: T, H: H)
    }

    /// The mean squared error of the last forward pass against `target`, and the gradients of
    /// every parameter with respect to it (replacing the previous ones).
    @discardableResult
    func backward(target: UnsafePointer<Float>) -> Float {
        let (T, H) = (timeStep, layout.hiddenSize)
        let p = parameters.base
        let g = gradients.base
        gradients.zero()
        let loss = mseForward(y: output.base, target: target, T: T)
        mseBackward(dy: dOutput.base, y: output.base, target: target, T: T)
        let top = layout.numLayers - 1
        linearBackward(
            dh: dHidden.base, dWeight: g + layout.outWeight, dBias: g + layout.outBias,
            dy: dOutput.base, h: hiddenOutputs(layer: top), weight: p + layout.outWeight, T: T, H: H)
        for l in stride(from: top, through: 0, by: -1) {
            let layer = layout.layers[l]
            let x = l == 0 ? UnsafePointer(input.base) : UnsafePointer(hiddenOutputs(layer: l - 1))
            rnnBackward(
                dx: l == 0 ? nil : dBelow.base,
                dWeightIH: g + layer.weightIH, dWeightHH: g + layer.weightHH,
                dBiasIH: g + layer.biasIH, dBiasHH: g + layer.biasHH,
                dh: dHidden.base, dNext: dNext.base,
                h: hidden.base + l * (T + 1) * H, x: x,
                weightIH: p + layer.weightIH, weightHH: p + layer.weightHH,
                T: T, I: layer.inputSize, H: H)
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
