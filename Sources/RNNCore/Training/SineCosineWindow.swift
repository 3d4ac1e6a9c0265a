import Foundation

/// The training data: window k reads sin(t) and predicts cos(t) for `timeStep` points
/// t = linspace(kπ, (k+1)π), both ends included, so neighbouring windows share a point.
///
/// The points are computed as NumPy's `np.linspace(start, stop, num, dtype=float32)` computes them:
/// in double (`start + i·(stop − start)/(num − 1)`, the last point set to `stop`), then rounded to
/// float. Sine and cosine of those float times are computed in double and rounded to float: the
/// float functions of a C library differ by an ulp between its FMA and SSE2 versions, which it picks
/// by CPU, and training turns one ulp into a different run. The double results round to the same
/// float on every machine (and agree with NumPy's float32 `np.sin` to an ulp).
public enum SineCosineWindow {
    /// Writes window `step`'s times, inputs and targets.
    ///
    /// - Parameters:
    ///   - time, input, target: (T) each, overwritten; `time` may be `nil`.
    static func fill(
        time: UnsafeMutablePointer<Float>?, input: UnsafeMutablePointer<Float>,
        target: UnsafeMutablePointer<Float>, step: Int, timeStep: Int
    ) {
        let start = Double(step) * Double.pi
        let stop = Double(step + 1) * Double.pi
        let delta = (stop - start) / Double(timeStep - 1)
        for i in 0 ..< timeStep {
            let t = i == timeStep - 1 ? Float(stop) : Float(Double(i) * delta + start)
            time?[i] = t
            input[i] = Float(sin(Double(t)))
            target[i] = Float(cos(Double(t)))
        }
    }

    /// Window `step` as arrays: (time, input = sin(time), target = cos(time)).
    public static func values(step: Int, timeStep: Int) -> (time: [Float], input: [Float], target: [Float]) {
        var time = [Float](repeating: 0, count: timeStep)
        var input = time, target = time
        time.withUnsafeMutableBufferPointer { tp in
            input.withUnsafeMutableBufferPointer { ip in
                target.withUnsafeMutableBufferPointer { yp in
                    fill(time: tp.baseAddress!, input: ip.baseAddress!, target: yp.baseAddress!,
                         step: step, timeStep: timeStep)
                }
            }
        }
        return (time, input, target)
    }
}
