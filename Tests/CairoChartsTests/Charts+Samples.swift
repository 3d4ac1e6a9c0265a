import Charts
import Foundation

/// Charts to draw in the tests: plain values, not the report's figures.
enum SampleCharts {
    /// A wave and a noisy copy of it with some gaps, `count` points each.
    static func wave(count: Int = 600, title: String = "A wave") -> Chart {
        let wave = (0 ..< count).map { sin(Double($0) / 20) }
        let noisy = (0 ..< count).map { index -> Double? in
            index % 50 == 7 ? nil : sin(Double(index) / 20) + 0.1 * sin(Double(index) * 1.7)
        }
        return Chart(
            title: title, description: "Two waves.", xAxis: Axis(label: "step", integerTicks: true), yAxis: Axis(label: "value"),
            series: [
                LineSeries(label: "wave", values: wave, style: .series(Palette.blue, width: 3)),
                LineSeries(label: "noisy", values: noisy, style: .series(Palette.vermillion)),
            ])
    }

    /// A decaying curve on a log scale with markers.
    static func decay() -> Chart {
        Chart(
            title: "Decay", xAxis: Axis(label: "step"), yAxis: Axis(label: "loss", scale: .log10),
            series: [LineSeries(label: "loss", values: (0 ..< 300).map { exp(-Double($0) / 30) }, style: .series(Palette.bluishGreen))],
            markers: [VerticalMarkers(label: "event", positions: [100, 200], style: StrokeStyle(color: .black, dash: [4, 3]))])
    }

    /// A dense, noisy series of `count` points: the worst case for file size.
    static func dense(count: Int) -> Chart {
        var state: UInt64 = 42
        let values = (0 ..< count).map { index -> Double? in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let noise = Double(state >> 11) / Double(1 << 53)
            return cos(Double(index) * .pi / 29) + 0.2 * noise
        }
        return Chart(
            title: "Dense", xAxis: Axis(label: "time step", integerTicks: true), yAxis: Axis(label: "cos(t)"),
            series: [
                LineSeries(label: "real", values: values, style: .series(Palette.blue, width: 3)),
                LineSeries(label: "predicted", values: values.reversed(), style: .series(Palette.vermillion)),
            ])
    }
}
