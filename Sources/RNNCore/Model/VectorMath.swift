// tanh for 8 floats at once, from IEEE operations only, so that it gives the same bits on every
// machine (a C library's `tanhf` may differ between versions).
//
// The method is Cephes' `tanhf` (S. L. Moshier): an odd polynomial below |x| = 0.625, and
// 1 − 2/(e^{2|x|} + 1) above, with e^y from Cephes' `expf` (range reduction by ln 2 in two parts, a
// degree-6 polynomial, and a scale by 2ⁿ through the exponent bits). Its error is within 2 ulp of
// the correctly rounded tanh; the test suite measures it.

/// tanh of eight values; NaN stays NaN.
@inline(__always)
func tanh(_ x: Vec) -> Vec {
    typealias Bits = SIMD8<Int32>
    let bits = unsafeBitCast(x, to: Bits.self)
    let sign = bits & Int32.min
    let absBits = bits & Int32.max
    // Both branches work on |x| and take the sign of x at the end, so tanh(−0) = −0.
    let a = unsafeBitCast(absBits, to: Vec.self)
    // Small |x|: |x| + |x|³·P(x²).
    let s = a * a
    var p = Vec(repeating: -5.70498872745e-3)
    p = p * s + Vec(repeating: 2.06390887954e-2)
    p = p * s - Vec(repeating: 5.37397155531e-2)
    p = p * s + Vec(repeating: 1.33314422036e-1)
    p = p * s - Vec(repeating: 3.33332819422e-1)
    let small = unsafeBitCast(p * s * a + a, to: Bits.self)
    // Large |x|: 1 − 2/(e^{2|x|} + 1). Above 10 it rounds to 1 in float (tanh 9 does not), and the
    // clamp keeps e^{2|x|} finite.
    let ten: Int32 = 0x4120_0000
    let clamped = unsafeBitCast(select(absBits, below: ten, absBits, Bits(repeating: ten)), to: Vec.self)
    let e = exp(2 * clamped)
    let large = unsafeBitCast(1 - 2 / (e + 1), to: Bits.self)
    let result = select(absBits, below: 0x3F20_0000, small, large) | sign  // 0.625
    // NaN (bits above infinity's) passes through.
    return unsafeBitCast(select(absBits, below: 0x7F80_0001, result, bits), to: Vec.self)
}

/// Lane by lane, `ifBelow` where `key < limit` and `otherwise` elsewhere, for non-negative keys:
/// the comparison is a subtraction whose sign bit, spread over the lane, is the mask.
@inline(__always)
private func select(
    _ key: SIMD8<Int32>, below limit: Int32, _ ifBelow: SIMD8<Int32>, _ otherwise: SIMD8<Int32>
) -> SIMD8<Int32> {
    let mask = (key &- limit) &>> 31
    return (ifBelow & mask) | (otherwise & ~mask)
}

/// e^x of eight values, for x in [−87, 88].
@inline(__always)
func exp(_ x: Vec) -> Vec {
    // x = n·ln2 + r with n = round(x/ln2) and |r| ≤ ln2/2; ln 2 in two parts keeps r exact. Adding
    // 1.5·2²³ rounds x/ln2 to an integer held in the low bits of the float's significand.
    let magic: Float = 12_582_912  // 1.5·2²³, bit pattern 0x4B40_0000
    let shifted = x * 1.44269504088896341 + magic
    let n = shifted - magic
    var r = x - n * 0.693359375
    r = r + n * 2.12194440e-4
    let r2 = r * r
    var p = Vec(repeating: 1.9875691500e-4)
    p = p * r + Vec(repeating: 1.3981999507e-3)
    p = p * r + Vec(repeating: 8.3334519073e-3)
    p = p * r + Vec(repeating: 4.1665795894e-2)
    p = p * r + Vec(repeating: 1.6666665459e-1)
    p = p * r + Vec(repeating: 5.0000001201e-1)
    let y = p * r2 + r + 1
    // 2ⁿ from its exponent bits: n + 127 shifted into place.
    let bits = (unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000 &+ 127) &<< 23
    let scale = unsafeBitCast(bits, to: Vec.self)
    return y * scale
}
