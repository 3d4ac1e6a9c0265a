/// Everything the report page shows, as plain values; the template decides how it looks.
///
/// Each property becomes a template variable of the same name (see `templates/report.html.mustache`).
public struct ReportPage: Sendable {
    /// A figure as the page shows it: its inline SVG, its caption and the files it was also
    /// written to.
    public struct FigureEntry: Sendable {
        /// File stem (`prediction`); also the figure's anchor, `#figure-prediction`.
        public var stem: String
        public var title: String
        /// What the reader should see in the figure.
        public var caption: String
        /// The figure as inline SVG markup, drawn by rnnreport (inserted unescaped).
        public var svg: String
        /// Names of the figure's files beside the page, or `nil` when that format was not written.
        public var svgFile: String?
        /// The figure in dark colours, as inline SVG markup, shown on a dark page.
        public var darkSVG: String
        /// Name of the dark SVG file, or `nil` when SVG was not written.
        public var darkSVGFile: String?
        public var pngFile: String?

        public init(
            stem: String, title: String, caption: String, svg: String, darkSVG: String = "", svgFile: String?,
            darkSVGFile: String? = nil, pngFile: String?
        ) {
            self.darkSVG = darkSVG
            self.darkSVGFile = darkSVGFile
            self.stem = stem
            self.title = title
            self.caption = caption
            self.svg = svg
            self.svgFile = svgFile
            self.pngFile = pngFile
        }
    }

    /// A figure of the summary: a label, a value, and an optional line under it.
    public struct Fact: Sendable {
        public var label: String
        public var value: String
        public var detail: String?

        public init(label: String, value: String, detail: String? = nil) {
            self.label = label
            self.value = value
            self.detail = detail
        }
    }

    /// One hyperparameter, named as in metrics.json and on the command line.
    public struct Setting: Sendable {
        public var key: String
        public var flag: String
        public var value: String
        public var meaning: String

        public init(key: String, flag: String, value: String, meaning: String) {
            self.key = key
            self.flag = flag
            self.value = value
            self.meaning = meaning
        }
    }

    /// A change of the learning rate, from the step that first used the new rate.
    public struct RateChange: Sendable {
        public var step: String
        public var from: String
        public var to: String

        public init(step: String, from: String, to: String) {
            self.step = step
            self.from = from
            self.to = to
        }
    }

    /// A key of the `config` of a run made elsewhere, as its metrics file wrote it.
    public struct WrittenSetting: Sendable {
        /// The key as written (`hidden_size`, or one rnnreport does not know).
        public var key: String
        /// The value's JSON text as written.
        public var value: String
        /// The command-line option of the same setting, if rnnreport has it.
        public var flag: String?
        /// What the setting means, or that rnnreport does not know it.
        public var meaning: String

        public init(key: String, value: String, flag: String?, meaning: String) {
            self.key = key
            self.value = value
            self.flag = flag
            self.meaning = meaning
        }
    }

    /// Where the run of a report made from a metrics file (`generate --metrics`) came from.
    public struct Origin: Sendable {
        /// The metrics file's name, without its folder.
        public var file: String
        /// What made the run, as the file's `source` says.
        public var source: String?
        /// Where the file says its initial weights came from.
        public var initWeights: String?
        /// What the file does not record, and so what the page leaves out, in a sentence; `nil`
        /// when it records every series.
        public var omissions: String?

        public init(file: String, source: String? = nil, initWeights: String? = nil, omissions: String? = nil) {
            self.file = file
            self.source = source
            self.initWeights = initWeights
            self.omissions = omissions
        }
    }

    /// A file of the report's folder that the page links to.
    public struct File: Sendable {
        public var name: String
        public var description: String

        public init(name: String, description: String) {
            self.name = name
            self.description = description
        }
    }

    /// How the verdict reads, as the class of its paragraph.
    public enum VerdictTone: String, Sendable {
        case good, bad
        /// Neither: the outcome is stated, not judged.
        case neutral
    }

    /// A run the page compares this one with (`generate --baseline DIR`).
    public struct Baseline: Sendable {
        /// Where the baseline was read from, and what made it.
        public var origin: String
        public var source: String
        /// The headline numbers of both runs and their change.
        public var differences: BaselineDifferences
        /// Both runs' losses in one figure, then each run's prediction tail.
        public var figures: [FigureEntry]

        public init(origin: String, source: String, differences: BaselineDifferences, figures: [FigureEntry]) {
            self.origin = origin
            self.source = source
            self.differences = differences
            self.figures = figures
        }
    }

    /// The CSV series a run trained on: its file, its shape and its first rows.
    public struct DataSection: Sendable {
        /// The file's name, as metrics.json records it.
        public var file: String
        /// The series' shape in words: `600 rows × 3 columns`.
        public var shape: String
        /// What was trained on and what held out, in words.
        public var split: String
        /// The columns used, in words: `input force, target position`.
        public var columns: String
        /// How the values were scaled, in words.
        public var scaling: String
        /// The header of the first rows' table (every column of the file), and the rows as written.
        public var header: [String]
        public var firstRows: [[String]]

        public init(file: String, shape: String, split: String, columns: String, scaling: String, header: [String], firstRows: [[String]]) {
            self.file = file
            self.shape = shape
            self.split = split
            self.columns = columns
            self.scaling = scaling
            self.header = header
            self.firstRows = firstRows
        }
    }

    public var title: String
    /// What the network was trained to do, in words (`read sin(t) and predict cos(t), one window of π per step`).
    public var task: String
    /// The CSV series trained on, or `nil` for sin→cos.
    public var data: DataSection?
    /// The network in words (`3-layer tanh RNN of width 32 with a linear head`); `nil` when a
    /// metrics file does not say.
    public var architecture: String?
    /// Whether the mean loss of the last steps is below sin→cos's threshold.
    public var converged: Bool
    /// One sentence on the outcome of the run.
    public var verdict: String
    /// How the verdict reads: good (converged), bad (did not converge or diverged), or neutral (a
    /// run on a CSV series, whose errors are stated without a judgement).
    public var verdictTone: VerdictTone
    public var summary: [Fact]
    public var rateChanges: [RateChange]
    /// Whether the run recorded its learning rate (and so whether the page speaks of its changes).
    public var recordsLearningRate: Bool
    /// The hyperparameters of a run rnnreport trained; empty for a run made elsewhere.
    public var hyperparameters: [Setting]
    /// Where a run made elsewhere came from; `nil` for a run rnnreport trained.
    public var origin: Origin?
    /// The `config` of a run made elsewhere, as written; empty when there is none.
    public var writtenConfig: [WrittenSetting]
    public var figures: [FigureEntry]
    public var files: [File]
    /// rnnreport's version.
    public var version: String
    /// When the page was made, if the caller wants it shown (from `SOURCE_DATE_EPOCH`).
    public var generated: String?
    /// The baseline run and how this one differs from it, or `nil` for none.
    public var baseline: Baseline?

    public init(
        title: String, architecture: String?, converged: Bool, verdict: String, summary: [Fact],
        rateChanges: [RateChange], hyperparameters: [Setting], figures: [FigureEntry], files: [File],
        version: String, generated: String? = nil, recordsLearningRate: Bool = true, origin: Origin? = nil,
        writtenConfig: [WrittenSetting] = [],
        task: String = "read sin(t) and predict cos(t), one window of π per step", data: DataSection? = nil,
        verdictTone: VerdictTone? = nil
    ) {
        self.verdictTone = verdictTone ?? (converged ? .good : .bad)
        self.title = title
        self.task = task
        self.data = data
        self.architecture = architecture
        self.converged = converged
        self.verdict = verdict
        self.summary = summary
        self.rateChanges = rateChanges
        self.recordsLearningRate = recordsLearningRate
        self.hyperparameters = hyperparameters
        self.origin = origin
        self.writtenConfig = writtenConfig
        self.figures = figures
        self.files = files
        self.version = version
        self.generated = generated
    }
}

// MARK: - Template context

extension ReportPage {
    /// The values the template sees. Optional values that are `nil` are left out, so that a
    /// section `{{#x}}…{{/x}}` shows only when `x` is there.
    var templateContext: [String: Any] {
        var context: [String: Any] = [
            "title": title,
            "task": task,
            "converged": converged,
            "verdict": verdict,
            "verdictParts": OptionMarking.parts(verdict),
            "verdictTone": verdictTone.rawValue,
            "summary": summary.map { fact in
                var item: [String: Any] = ["label": fact.label, "value": fact.value]
                if let detail = fact.detail { item["detail"] = detail }
                return item
            },
            "recordsLearningRate": recordsLearningRate,
            "hasRateChanges": !rateChanges.isEmpty,
            "rateChangeCount": rateChanges.count,
            "rateChanges": rateChanges.map { ["step": $0.step, "from": $0.from, "to": $0.to] },
            "hasHyperparameters": !hyperparameters.isEmpty,
            "hyperparameters": hyperparameters.map {
                ["key": $0.key, "flag": $0.flag, "value": $0.value, "meaning": $0.meaning]
            },
            "hasWrittenConfig": !writtenConfig.isEmpty,
            "writtenConfig": writtenConfig.map { setting in
                var item: [String: Any] = ["key": setting.key, "value": setting.value, "meaning": setting.meaning]
                if let flag = setting.flag { item["flag"] = flag }
                return item
            },
            "figures": figures.enumerated().map { index, figure in
                var item: [String: Any] = [
                    "stem": figure.stem, "number": index + 1, "title": figure.title,
                    "caption": figure.caption, "captionParts": OptionMarking.parts(figure.caption),
                    "svg": figure.svg, "darkSVG": figure.darkSVG,
                ]
                if let svgFile = figure.svgFile { item["svgFile"] = svgFile }
                if let darkSVGFile = figure.darkSVGFile { item["darkSVGFile"] = darkSVGFile }
                if let pngFile = figure.pngFile { item["pngFile"] = pngFile }
                return item
            },
            "files": files.map { ["name": $0.name, "description": $0.description] },
            "version": version,
        ]
        if let generated { context["generated"] = generated }
        if let architecture { context["architecture"] = architecture }
        if let origin {
            var item: [String: Any] = ["file": origin.file]
            if let source = origin.source { item["source"] = source }
            if let initWeights = origin.initWeights { item["initWeights"] = initWeights }
            if let omissions = origin.omissions {
                item["omissions"] = omissions
                item["omissionsParts"] = OptionMarking.parts(omissions)
            }
            context["origin"] = item
        }
        if let baseline {
            let table = baseline.differences.table
            var values: [String: Any] = [
                "origin": baseline.origin,
                "source": baseline.source,
                "header": table.header.enumerated().map { index, text in ["text": text, "numeric": table.numeric[index]] },
                "rows": table.rows.map { cells in
                    ["label": cells.first ?? "", "cells": cells.dropFirst().map { ["text": $0] }] as [String: Any]
                },
                "lossFigure": baseline.figures.prefix(1).enumerated().map { index, figure in
                    figure.templateValues(number: figures.count + index + 1)
                },
                "tailFigures": baseline.figures.dropFirst().enumerated().map { index, figure in
                    figure.templateValues(number: figures.count + index + 2)
                },
            ]
            if !baseline.differences.settings.isEmpty {
                values["settings"] = baseline.differences.settings.joined(separator: ", ")
            }
            if let unlike = baseline.differences.unlikeSentence {
                values["unlike"] = unlike
            } else {
                values["hasTable"] = true
            }
            context["baseline"] = values
        }
        if let data {
            context["data"] = [
                "file": data.file, "shape": data.shape, "split": data.split, "columns": data.columns,
                "scaling": data.scaling,
                "header": data.header.map { ["name": $0] },
                "firstRows": data.firstRows.map { ["cells": $0.map { ["value": $0] }] },
                "hasFirstRows": !data.firstRows.isEmpty,
            ] as [String: Any]
        }
        return context
    }
}
