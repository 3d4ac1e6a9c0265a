// The logistic sigmoid for 8 floats at once, from IEEE operations only, like ``tanh(_:)``: the same
// bits on every machine.
//
// σ(x) = 1/(1 + e^{−x}), with e^y from the Cephes `expf` of VectorMath.swift (within 2 ulp). The
// division adds half an ulp and 1 + e^{−x} at most another: the test suite measures the whole
// within a few ulp of the correctly rounded σ.

/// σ(x) = 1/(1 + e^{−x}) of eight values; NaN stays NaN.
@inline(__always)
func sigmoid(_ x: Vec) -> Vec {
    // −x is clamped to exp's domain [−87, 88]: below −87, σ rounds to 1 in float (1 + e^{−87} is 1);
    // above 88, σ(x) < 7e−39 and 1/(1 + e^{88}) differs from it by less than the smallest normal.
    let negated = (-x).clamped(lowerBound: Vec(repeating: -87), upperBound: Vec(repeating: 88))
    let result = 1 / (1 + exp(negated))
    // NaN (x ≠ x) passes through; `clamped` would have turned it into a bound.
    return result.replacing(with: x, where: x .!= x)
}
