import Charts
import Foundation
@testable import Report
import Testing

/// `metrics.csv` holds exactly what the figures draw.
@Suite("metrics.csv")
struct MetricsCSVTests {
    private func input() -> TrainingFigureInput {
        let steps = 300
        let points = steps * 4
        let real: [Float?] = (0 ..< points).map { index in Float(sin(Double(index) / 3)) }
        var prediction: [Float?] = (0 ..< points).map { index in
            let error = 0.1 / Double(index / 4 + 1)
            return Float(sin(Double(index) / 3) + error)
        }
        prediction[17] = nil
        var loss: [Float?] = (0 ..< steps).map { step in Float(1 / Double(step + 1)) }
        loss[40] = nil
        let rates: [Double?] = (0 ..< steps).map { step in step < 150 ? 0.01 : 0.005 }
        let norms: [Float?] = (0 ..< steps).map { step in Float(2 / Double(step + 1)) }
        return TrainingFigureInput(
            timeStep: 4, real: real, prediction: prediction, loss: loss, learningRate: rates, gradNorm: norms, clipNorm: 1)
    }

    /// The columns of the file, by header name, as doubles (nil for an empty field).
    private func columns(_ data: Data) throws -> [String: [Double?]] {
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "the file ends with a newline")
        let header = lines[0].split(separator: ",").map(String.init)
        var result = Dictionary(uniqueKeysWithValues: header.map { ($0, [Double?]()) })
        for line in lines.dropFirst().dropLast() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            try #require(fields.count == header.count, "\(line)")
            for (name, field) in zip(header, fields) {
                guard !field.isEmpty else {
                    result[name]!.append(nil)
                    continue
                }
                let value: Double = try #require(Double(field), "\(name): \(field)")
                result[name]!.append(value)
            }
        }
        return result
    }

    @Test("every column equals the series drawn, value for value")
    func columnsAreWhatIsDrawn() throws {
        let input = input()
        let figures = TrainingFigures(input)
        let table = try columns(MetricsCSV.data(StepSeries(input)))
        #expect(table.keys.sorted() == MetricsCSV.header.split(separator: ",").map(String.init).sorted())
        func drawn(_ series: LineSeries) -> [Double?] { (0 ..< series.count).map { series[$0] } }
        let loss = figures.loss.chart.panels[0]
        #expect(table["loss"]! == drawn(loss.series[0]))
        #expect(table["loss_smoothed"]! == drawn(loss.series[1]))
        #expect(table["learning_rate"]! == drawn(figures.loss.chart.panels[1].series[0]))
        #expect(table["grad_norm"]! == drawn(figures.loss.chart.panels[2].series[0]))
        #expect(table["window_rmse"]! == drawn(figures.prediction!.chart.panels[1].series[0]))
        #expect(table["step"]! == (0 ..< 300).map(Double.init))
        #expect(table["loss"]![40] == nil)
    }
}
