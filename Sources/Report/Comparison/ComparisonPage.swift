import Charts
import RNNCore

/// The page of a comparison as the values its template sees (see ``ComparisonTemplate``).
struct ComparisonPage {
    var title: String
    var runs: [ComparedRun]
    var tables: ComparisonTables
    var loss: ReportPage.FigureEntry
    var tails: [ReportPage.FigureEntry]
    var generated: String?

    /// The template's values. Optional values that are `nil` are left out.
    var templateContext: [String: Any] {
        var context: [String: Any] = [
            "title": title,
            "version": RNNReportVersion.current,
            "runCount": runs.count,
            "subtitle": Self.subtitle(runs),
            "runs": runs.enumerated().map { index, run in
                ["label": run.label, "origin": run.origin, "source": run.source, "number": index + 1,
                 "color": Self.css(RunColors.color(index, theme: .light)), "darkColor": Self.css(RunColors.color(index, theme: .dark))]
            },
            // The source goes under the run's name: the table stays narrow enough for a page.
            "results": Self.context(tables.results, best: tables.best, runs: runs, sourceColumn: 1, rankingColumn: tables.rankingColumn),
            "loss": loss.templateValues(number: 1),
            "tails": tails.enumerated().map { index, figure in figure.templateValues(number: index + 2) },
        ]
        if let differing = tables.differingSettings {
            context["differing"] = Self.context(differing, best: nil, runs: runs)
        }
        if let best = tables.best, let value = tables.rankingValue(of: runs[best]) {
            let phrase = tables.rankingPhrase(for: runs[best])
            context["bestSentence"] = "Lowest \(phrase): \(ReportNumber.short(value)), \(runs[best].label)."
        } else if tables.lossUnits.count > 1 {
            let reason = Self.notRanked(tables)
            context["bestSentence"] = reason.sentence + "."
        }
        if let note = tables.noVerdictNote { context["resultsNote"] = note }
        // An empty string is not false to the template: a list that is empty is left out.
        if !tables.sharedSettings.isEmpty { context["shared"] = tables.sharedSettings.joined(separator: ", ") }
        if !tables.unrecordedSettings.isEmpty { context["unrecorded"] = tables.unrecordedSettings.joined(separator: ", ") }
        if let generated { context["generated"] = generated }
        return context
    }

    /// Why runs whose losses are in different units are not ranked: `not ranked: the losses are
    /// squared errors of different quantities (…), so the lowest is not the best`.
    static func notRanked(_ tables: ComparisonTables) -> String {
        "not ranked: \(TrainingConfiguration.unlikeLosses(tables.lossUnits)), so the lowest is not the best"
    }

    /// What the runs did, in a sentence: one task, or each task with its runs' count.
    static func subtitle(_ runs: [ComparedRun]) -> String {
        var tasks: [String] = []
        var counts: [String: Int] = [:]
        for run in runs {
            if counts[run.taskName] == nil { tasks.append(run.taskName) }
            counts[run.taskName, default: 0] += 1
        }
        let count = ReportNumber.count(runs.count, "training run", "training runs")
        if runs.allSatisfy({ $0.metrics.config.data == nil }) {
            return "\(count) of a recurrent network that reads sin(t) and predicts cos(t), one window of π per step."
        }
        if tasks.count == 1 {
            return "\(count) of a recurrent network that \(runs[0].task)."
        }
        return "\(count) of recurrent networks: " + tasks.map { task in
            "\(ReportNumber.count(counts[task]!)) on \(task)"
        }.joined(separator: "; ") + "."
    }

    /// A table whose first column names the run, with the run's colour beside it.
    ///
    /// - Parameter sourceColumn: a column shown under the run's name (`source`) instead of as a
    ///   column of its own.
    static func context(
        _ table: ComparisonTables.Table, best: Int?, runs: [ComparedRun], sourceColumn: Int? = nil, rankingColumn: Int? = nil
    ) -> [String: Any] {
        let columns = table.header.indices.filter { $0 != 0 && $0 != sourceColumn }
        return [
            "header": ([0] + columns).map { index in
                ["text": table.header[index], "numeric": index < table.numeric.count && table.numeric[index],
                 "ranking": index == rankingColumn]
            },
            "rows": table.rows.enumerated().map { row, cells in
                var values: [String: Any] = [
                    "best": row == best,
                    "color": css(RunColors.color(row, theme: .light)),
                    "darkColor": css(RunColors.color(row, theme: .dark)),
                    "label": cells.first ?? "",
                    "cells": columns.filter { $0 < cells.count }.map { column in
                        ["text": cells[column], "numeric": column < table.numeric.count && table.numeric[column],
                         "ranking": column == rankingColumn]
                    },
                ]
                if let sourceColumn, sourceColumn < cells.count { values["source"] = cells[sourceColumn] }
                return values
            },
        ]
    }

    /// A colour as CSS (`#0072B2`), for the swatch beside a run's name.
    static func css(_ color: Color) -> String {
        func byte(_ value: Double) -> String {
            let hex = String(Int((value * 255).rounded()), radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + byte(color.red) + byte(color.green) + byte(color.blue)
    }
}

extension ReportPage.FigureEntry {
    /// The figure as template values: stem, number, title, caption, svg, darkSVG and the files.
    func templateValues(number: Int) -> [String: Any] {
        var item: [String: Any] = [
            "stem": stem, "number": number, "title": title, "caption": caption,
            "captionParts": OptionMarking.parts(caption), "svg": svg, "darkSVG": darkSVG,
        ]
        if let svgFile { item["svgFile"] = svgFile }
        if let darkSVGFile { item["darkSVGFile"] = darkSVGFile }
        if let pngFile { item["pngFile"] = pngFile }
        return item
    }

    /// The entry of a drawn figure.
    init(_ figure: Figure, caption: String, drawn: DrawnFigures) {
        self.init(
            stem: figure.stem, title: figure.title, caption: caption,
            svg: drawn.inlineSVG[figure.stem]?.light ?? "", darkSVG: drawn.inlineSVG[figure.stem]?.dark ?? "",
            svgFile: drawn.fileName(of: figure, .svg), darkSVGFile: drawn.fileName(of: figure, .svg, theme: .dark),
            pngFile: drawn.fileName(of: figure, .png))
    }
}
