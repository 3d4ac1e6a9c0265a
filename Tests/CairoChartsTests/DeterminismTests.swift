@testable import CairoCharts
import Charts
import Foundation
import Testing

@Suite("Byte-identical output")
struct DeterminismTests {
    private struct Output: Equatable {
        var svg: Data
        var fragment: Data
        var png: Data
        var png2x: Data
    }

    private func render(_ chart: Chart) throws -> Output {
        let renderer = ChartImageRenderer()
        return Output(
            svg: try renderer.svg(chart, idPrefix: "x-"),
            fragment: try renderer.svg(chart, form: .fragment),
            png: try renderer.png(chart),
            png2x: try renderer.png(chart, scale: 2))
    }

    @Test("the same chart twice in one process gives the same bytes")
    func twice() throws {
        let first = try render(SampleCharts.wave())
        let second = try render(SampleCharts.wave())
        #expect(first == second)
    }

    @Test("the order of renders does not matter")
    func orders() throws {
        let waveFirst = try render(SampleCharts.wave())
        let decayAfterWave = try render(SampleCharts.decay())
        let decayFirst = try render(SampleCharts.decay())
        _ = try render(SampleCharts.dense(count: 20_000))
        let waveAfterOthers = try render(SampleCharts.wave())
        #expect(waveFirst == waveAfterOthers)
        #expect(decayFirst == decayAfterWave)
    }

    @Test("concurrent renders give the same bytes as serial ones")
    func concurrent() async throws {
        let expected = try render(SampleCharts.wave())
        let results = try await withThrowingTaskGroup(of: Output.self) { group in
            for _ in 0 ..< 4 { group.addTask { try render(SampleCharts.wave()) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
    }
}
