import Foundation

/// The training data: window k reads sin(t) and predicts cos(t) for `timeStep` points
/// t = linspace(kπ, (k+1)π), both ends included, so neighbouring windows share a point.
///
/// The points are computed as NumPy's `np.linspace(start, stop, num, dtype=float32)` computes them:
/// in double (`start + i·(stop − start)/(num − 1)`, the last point set to `stop`), then rounded to
/// float. Sine and cosine are taken in float, as `np.sin` of a float32 array.
public enum SineCosineWindow {
    /// Writes window `step`'s times, inputs and targets.
    ///
    /// - Parameters:
    ///   - time, input, target: (T) each, overwritten; `time` may be `nil`.
    public static func fill(
        time: UnsafeMutablePointer<Float>?, input: UnsafeMutablePointer<Float>,
        target: UnsafeMutablePointer<Float>, step: Int, timeStep: Int
    ) {
        let start = Double(step) * Double.pi
        let stop = Double(step + 1) * Double.pi
        let delta = (stop - start) / Double(timeStep - 1)
        for i in 0 ..< timeStep {
            let t = i == timeStep - 1 ? Float(stop) : Float(Double(i) * delta + start)
            time?[i] = t
            input[i] = sinf(t)
            target[i] = cosf(t)
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
