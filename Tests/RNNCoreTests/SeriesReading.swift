import Foundation
import Testing
@testable import RNNCore

/// What the suites of CSV reading share: a series read from text, and the error a reading throws.
protocol SeriesReading {}

extension SeriesReading {
    /// The series of `text`, with `input` and `target` its columns.
    func series(_ text: String, input: [String] = ["x"], target: String = "y") throws(SeriesError) -> DataSeries {
        try DataSeries(csv: Data(text.utf8), input: input, target: target)
    }

    /// The error `body` throws, or an issue when it throws none.
    func error(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> SeriesError? {
        do {
            try body()
            Issue.record("expected an error", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error is SeriesError, "\(error)", sourceLocation: sourceLocation)
            return error as? SeriesError
        }
    }
}
