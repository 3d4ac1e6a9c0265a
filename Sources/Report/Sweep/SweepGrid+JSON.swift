import Foundation
import RNNCore

extension SweepGrid {
    /// The name of the grid's file in a sweep directory.
    public static let fileName = "sweep.json"
    /// The value of `format` in `sweep.json`.
    static let format = "rnnreport-sweep-1"

    /// `sweep.json`'s form: the grid, and every run with its full settings (for readers other than
    /// rnnreport). Keys sorted, two-space indents: the same bytes from every shard.
    struct File: Codable {
        struct Axis: Codable {
            var setting: String
            var values: [String]
        }

        struct Run: Codable {
            var name: String
            var configuration: String
            var config: TrainingConfiguration
        }

        var format: String
        var base: TrainingConfiguration
        var axes: [Axis]
        var seeds: [UInt64]
        var runs: [Run]
    }

    /// `sweep.json`: the same bytes for the same grid, whichever shard writes it.
    public func jsonData() -> Data {
        let file = File(
            format: Self.format, base: base, axes: axes.map { .init(setting: $0.setting.key, values: $0.values) },
            seeds: seeds, runs: runs.map { .init(name: $0.name, configuration: $0.configuration, config: $0.config) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain numbers and strings cannot fail.
        return ((try? encoder.encode(file)) ?? Data()) + Data("\n".utf8)
    }

    /// Reads a grid back from `sweep.json`, and checks that it expands to the runs it lists.
    ///
    /// The text is checked as ``StrictJSON`` does first: a key given twice is refused rather than
    /// read as one of its values.
    ///
    /// - Throws: ``SweepGridError`` (option `sweep.json`) naming what is wrong.
    public init(jsonData data: Data) throws(SweepGridError) {
        let problem = { (text: String) in SweepGridError(option: Self.fileName, problem: text) }
        let data = StrictJSON.withoutByteOrderMark(data)
        let file: File
        do {
            try StrictJSON.check(data)
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as StrictJSONError {
            throw problem("not a sweep's grid: \(error)")
        } catch let error as DecodingError {
            throw problem("not a sweep's grid: \(error.readableDescription)")
        } catch let error as NullSettingError {
            throw problem("not a sweep's grid: \(error)")
        } catch {
            throw problem("not a sweep's grid")
        }
        guard file.format == Self.format else { throw problem("format '\(file.format)' is not \(Self.format)") }
        var axes: [SweepAxis] = []
        for axis in file.axes {
            guard let setting = TrainingSetting(rawValue: axis.setting) else {
                throw problem("unknown setting '\(axis.setting)'")
            }
            axes.append(SweepAxis(setting: setting, values: axis.values))
        }
        do { try self.init(base: file.base, axes: axes, seeds: file.seeds) } catch {
            throw problem(error.description)
        }
        guard runs.map(\.name) == file.runs.map(\.name), runs.map(\.config) == file.runs.map(\.config) else {
            throw problem("its runs are not the runs of its grid")
        }
    }
}
