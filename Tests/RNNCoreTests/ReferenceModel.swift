import Foundation
import TestSupport
@testable import RNNCore

/// The network written the plainest way, in double precision: a second implementation to check
/// the optimised float one against, and a function smooth and exact enough for finite differences.
struct ReferenceModel {
    let layout: ParameterLayout
    var parameters: [Double]

    init(layout: ParameterLayout, parameters: [Float]) {
        self.layout = layout
        self.parameters = parameters.map(Double.init)
    }

    /// Offset of a tensor in the flat parameters.
    private func offset(_ name: String) -> Int {
        guard let tensor = layout.tensor(named: name) else { preconditionFailure("no tensor \(name)") }
        return tensor.offset
    }

    /// Runs a window of (T, I) inputs from `h0` (and an LSTM's `c0`), each L×H layer by layer;
    /// returns the predictions, the MSE against `target` and the final states.
    func run(
        input: [Float], target: [Float], h0: [Double], c0: [Double]? = nil
    ) -> (outputs: [Double], loss: Double, hT: [Double], cT: [Double]) {
        let (H, L, I0) = (layout.hiddenSize, layout.numLayers, layout.inputSize)
        let T = input.count / I0
        let G = layout.cell.gateCount
        let p = parameters
        var sequence = (0 ..< T).map { t in input[t * I0 ..< (t + 1) * I0].map(Double.init) }  // (T, I)
        var hT: [Double] = [], cT: [Double] = []
        func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
        for l in 0 ..< L {
            let I = sequence[0].count
            let (wih, whh) = (offset("rnn.weight_ih_l\(l)"), offset("rnn.weight_hh_l\(l)"))
            let (bih, bhh) = (offset("rnn.bias_ih_l\(l)"), offset("rnn.bias_hh_l\(l)"))
            var h = Array(h0[l * H ..< (l + 1) * H])
            var c = c0.map { Array($0[l * H ..< (l + 1) * H]) } ?? [Double](repeating: 0, count: H)
            var outputs: [[Double]] = []
            for t in 0 ..< T {
                // Row r of W_ih·x + b_ih and of W_hh·h + b_hh, kept apart for the GRU's new gate.
                let xs = (0 ..< G * H).map { r in
                    (0 ..< I).reduce(p[bih + r]) { $0 + p[wih + r * I + $1] * sequence[t][$1] }
                }
                let hs = (0 ..< G * H).map { r in
                    (0 ..< H).reduce(p[bhh + r]) { $0 + p[whh + r * H + $1] * h[$1] }
                }
                var next = [Double](repeating: 0, count: H)
                for i in 0 ..< H {
                    switch layout.cell {
                    case .rnn:
                        next[i] = Foundation.tanh(xs[i] + hs[i])
                    case .lstm:
                        let ig = sigmoid(xs[i] + hs[i]), fg = sigmoid(xs[H + i] + hs[H + i])
                        let gg = Foundation.tanh(xs[2 * H + i] + hs[2 * H + i]), og = sigmoid(xs[3 * H + i] + hs[3 * H + i])
                        c[i] = fg * c[i] + ig * gg
                        next[i] = og * Foundation.tanh(c[i])
                    case .gru:
                        let r = sigmoid(xs[i] + hs[i]), z = sigmoid(xs[H + i] + hs[H + i])
                        let n = Foundation.tanh(xs[2 * H + i] + r * hs[2 * H + i])
                        next[i] = (1 - z) * n + z * h[i]
                    }
                }
                h = next
                outputs.append(h)
            }
            hT += h
            cT += c
            sequence = outputs
        }
        let (w, b) = (offset("out.weight"), offset("out.bias"))
        var predictions: [Double] = []
        var loss = 0.0
        for t in 0 ..< T {
            var y = p[b]
            for j in 0 ..< H { y += p[w + j] * sequence[t][j] }
            predictions.append(y)
            loss += (y - Double(target[t])) * (y - Double(target[t]))
        }
        return (predictions, loss / Double(T), hT, cT)
    }

    /// ∂loss/∂θ for every parameter by central differences with step `h`.
    func numericalGradient(input: [Float], target: [Float], h0: [Double], c0: [Double]? = nil, step h: Double = 1e-6) -> [Double] {
        numericalGradient(of: Array(0 ..< parameters.count), input: input, target: target, h0: h0, c0: c0, step: h)
    }

    /// Central differences of the loss with respect to the parameters at `indices` alone, in order.
    func numericalGradient(
        of indices: [Int], input: [Float], target: [Float], h0: [Double], c0: [Double]? = nil, step h: Double = 1e-6
    ) -> [Double] {
        var probe = self
        return indices.map { k in
            let saved = probe.parameters[k]
            probe.parameters[k] = saved + h
            let up = probe.run(input: input, target: target, h0: h0, c0: c0).loss
            probe.parameters[k] = saved - h
            let down = probe.run(input: input, target: target, h0: h0, c0: c0).loss
            probe.parameters[k] = saved
            return (up - down) / (2 * h)
        }
    }
}

/// A PyTorch trace from `Fixtures/`: initial and final weights, and what each step recorded.
struct ReferenceTrace {
    let metrics: TrainingMetrics
    let initial: [Float]
    let final: [Float]
    var config: TrainingConfiguration { metrics.config }

    init(_ name: String) throws {
        metrics = try TrainingMetrics(contentsOf: Fixtures.url("\(name).trace.json"))
        let layout = ParameterLayout(
            hiddenSize: metrics.config.hiddenSize, numLayers: metrics.config.numLayers, inputSize: metrics.config.inputSize,
            cell: metrics.config.cell)
        initial = try layout.parameters(fromSafetensorsAt: Fixtures.url("\(name).init.safetensors"))
        final = try layout.parameters(fromSafetensorsAt: Fixtures.url("\(name).final.safetensors"))
    }
}
