@testable import Charts
import Testing

@Suite("Axis ranges")
struct DomainFittingTests {
    @Test("data range padded by a fraction of the span")
    func padded() {
        #expect(DomainFitting.domain(extent: -1...1, scale: .linear, padding: 0.05) == -1.1...1.1)
        #expect(DomainFitting.domain(extent: 0...14999, scale: .linear, padding: 0) == 0...14999)
        // On a log scale the padding is in decades: 10⁻² … 10⁰ padded by 5 % of 2 decades.
        let log = DomainFitting.domain(extent: 0.01...1, scale: .log10, padding: 0.05)
        #expect(abs(log.lowerBound - pow10(-2.1)) < 1e-15)
        #expect(abs(log.upperBound - pow10(0.1)) < 1e-12)
    }

    @Test("a single value sits in the middle of a small range")
    func singleValue() {
        #expect(DomainFitting.domain(extent: 0.5...0.5, scale: .linear, padding: 0.05) == 0.45...0.55)
        #expect(DomainFitting.domain(extent: 0...0, scale: .linear, padding: 0.05) == -1...1)
        #expect(DomainFitting.domain(extent: 14999...14999, scale: .linear, padding: 0) == 14998...15000)
        let log = DomainFitting.domain(extent: 100...100, scale: .log10, padding: 0.05)
        #expect(abs(log.lowerBound - pow10(1.5)) < 1e-12 && abs(log.upperBound - pow10(2.5)) < 1e-9)
    }

    @Test("an axis with a minimum (steps, never negative): padding stops there; a lone value at it is moved a quarter in")
    func minimum() throws {
        #expect(DomainFitting.domain(extent: 0...0, scale: .linear, padding: 0, minimum: 0) == -0.5...1.5)
        #expect(DomainFitting.domain(extent: 0.5...0.5, scale: .linear, padding: 0, minimum: 0) == 0.45...0.55)
        #expect(DomainFitting.domain(extent: 14999...14999, scale: .linear, padding: 0, minimum: 0) == 14998...15000)
        // Padding stops at the minimum; data below it is shown as it is.
        #expect(DomainFitting.domain(extent: 0...10, scale: .linear, padding: 0.05, minimum: 0) == 0...10.5)
        #expect(DomainFitting.domain(extent: -1...1, scale: .linear, padding: 0.05, minimum: 0) == -1.1...1.1)
        // A one-step run's loss: one point at step 0, drawn as a dot inside the plot, clear of
        // the y axis that would hide it, with ticks at whole steps from 0, none below.
        let chart = Chart(
            title: "", xAxis: Axis(label: "step", integerTicks: true, minimum: 0), yAxis: Axis(label: "loss"),
            series: [LineSeries(label: "loss", values: [0.5], style: .series(Palette.blue))])
        let layout = ChartLayout(chart: chart, canvas: RecordingCanvas())
        #expect(layout.xScale.domain == -0.5...1.5)
        let dot = SeriesPath.dotStyle(for: chart.series[0].style).width
        #expect(layout.xScale.position(0) - layout.plot.minX >= 4 * dot, "\(layout.xScale.position(0)) \(layout.plot)")
        let ticks = layout.xTicks.map(\.value)
        #expect(ticks.first == 0 && ticks.allSatisfy { $0 >= 0 && $0 == $0.rounded() }, "\(ticks)")
        #expect(!layout.xTicks.contains { $0.label.text.hasPrefix("-") || $0.label.text.hasPrefix("−") })
    }

    @Test("no data: a unit range")
    func empty() {
        #expect(DomainFitting.domain(extent: nil, scale: .linear, padding: 0.05) == 0...1)
        #expect(DomainFitting.domain(extent: nil, scale: .log10, padding: 0.05) == 1...10)
    }

    @Test("extreme values stay finite")
    func extreme() {
        let huge = DomainFitting.domain(
            extent: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude, scale: .linear, padding: 0.05)
        #expect(huge.lowerBound.isFinite && huge.upperBound.isFinite && huge.lowerBound < huge.upperBound)
    }
}
