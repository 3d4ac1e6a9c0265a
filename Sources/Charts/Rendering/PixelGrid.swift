/// Puts thin horizontal and vertical lines on the device pixel grid, so that they are crisp
/// rather than smeared over two rows of pixels.
struct PixelGrid {
    /// Device pixels per user unit.
    let resolution: Double

    /// The position nearest to `value` at which a line `width` units wide covers whole device pixels.
    func snap(_ value: Double, width: Double) -> Double {
        guard value.isFinite else { return value }
        let deviceWidth = (width * resolution).rounded()
        let isOdd = deviceWidth.truncatingRemainder(dividingBy: 2) == 1
        let device = value * resolution
        return (isOdd ? device.rounded(.down) + 0.5 : device.rounded()) / resolution
    }
}
