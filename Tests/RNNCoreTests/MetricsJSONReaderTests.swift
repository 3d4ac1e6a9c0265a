import Foundation
import Testing
import TestSupport
@testable import RNNCore

/// The one-pass reader of metrics JSON against Foundation's path (``PythonJSONScanner`` then
/// `JSONDecoder`), the reference it must agree with bit for bit, and against `JSONSerialization`.
@Suite("Metrics JSON reader")
struct MetricsJSONReaderTests {
    /// Metrics with every series as bit patterns, so that `-0.0` and `0.0` differ, and the
    /// file's outline (its keys and its `config` as written).
    struct Bits: Equatable, CustomStringConvertible {
        var config: TrainingConfiguration
        var source: String?
        var initWeights: String?
        var loss: [UInt32?]
        var learningRate: [UInt64?]?
        var gradNorm: [UInt32?]?
        var real: [UInt32?]?
        var prediction: [UInt32?]?
        /// The evaluation's rows and errors, as bit patterns; its first held-out row.
        var evaluation: [[UInt64?]]?
        var holdoutStart: Int?
        var outline: MetricsOutline?

        init(_ metrics: TrainingMetrics, outline: MetricsOutline?) {
            config = metrics.config
            source = metrics.source
            initWeights = metrics.initWeights
            loss = metrics.loss.map { $0?.bitPattern }
            learningRate = metrics.learningRate?.map { $0?.bitPattern }
            gradNorm = metrics.gradNorm?.map { $0?.bitPattern }
            real = metrics.real?.map { $0?.bitPattern }
            prediction = metrics.prediction?.map { $0?.bitPattern }
            evaluation = metrics.evaluation.map { evaluation in
                [evaluation.real.map { $0?.bitPattern }, evaluation.prediction.map { $0?.bitPattern },
                 [evaluation.trainMSE?.bitPattern, evaluation.holdoutMSE?.bitPattern]]
            }
            holdoutStart = metrics.evaluation?.holdoutStart
            self.outline = outline
        }

        init(_ read: (TrainingMetrics, MetricsOutline)) {
            self.init(read.0, outline: read.1)
        }

        var description: String {
            "\(source ?? "-") \(loss.count) steps, \(real?.count ?? 0) points"
        }
    }

    /// What Foundation's path reads from `data` (and the outline of the whole file), or its
    /// error's description.
    static func foundation(_ data: Data) -> Result<Bits, MetricsError> {
        Result { () throws(MetricsError) in
            Bits(try TrainingMetrics.decodedWithFoundation(data), outline: MetricsOutline.of(data))
        }
    }

    /// Checks that the reader takes `data` and reads what Foundation reads, bit for bit.
    static func expectSameAsFoundation(_ data: Data, _ comment: Comment? = nil,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fast = try #require(MetricsJSONReader.metrics(from: data), "the reader did not take it",
                                sourceLocation: sourceLocation)
        let reference = try foundation(data).get()
        #expect(Bits(fast) == reference, comment, sourceLocation: sourceLocation)
    }

    /// A metrics text of `texts`, one a step: `real` holds them as written (each twice, a window of
    /// two points), `prediction` in reverse,
    /// and `loss` and `learning_rate`, which hold no negative number, each one's magnitude (the
    /// text without its minus sign). A `Float` series, which refuses a number beyond a float's
    /// range, has `null` in its place.
    static func document(_ texts: [String]) -> Data {
        func float(_ text: String) -> String { Float(strtod(text, nil)).isInfinite ? "null" : text }
        let magnitudes = texts.map(magnitude)
        return Data("""
            {"config":{"time_step":2},"learning_rate":[\(magnitudes.joined(separator: ","))],
            "loss":[\(magnitudes.map(float).joined(separator: ","))],"prediction":[\(twice(texts.reversed().map(float)).joined(separator: ","))],
            "real":[\(twice(texts.map(float)).joined(separator: ","))]}
            """.utf8)
    }

    /// Each value twice in a row: the two points of a step's window (a window has at least two).
    static func twice<T>(_ values: [T]) -> [T] {
        values.flatMap { [$0, $0] }
    }

    /// A number's text without its minus sign.
    static func magnitude(_ text: String) -> String {
        text.hasPrefix("-") ? String(text.dropFirst()) : text
    }

    // MARK: - Files

    @Test("the PyTorch traces read as Foundation reads them, bit for bit", arguments: [
        "small.trace.json", "seed0.trace.json", "lstm-small.trace.json", "gru-small.trace.json",
        "series/oscillator.trace.json", "series/oscillator-rnn.trace.json", "series/room-lstm.trace.json",
    ])
    func pyTorchTraces(_ name: String) throws {
        try Self.expectSameAsFoundation(try Fixtures.data(name))
    }

    @Test("a trace of a CSV run: both paths read its evaluation, every row, and agree")
    func evaluationRead() throws {
        let data = try Fixtures.data("series/oscillator.trace.json")
        let fast = try #require(MetricsJSONReader.metrics(from: data)).0
        let evaluation = try #require(fast.evaluation)
        #expect(evaluation.rowCount == 600 && evaluation.prediction.count == 600)
        #expect(evaluation.holdoutStart == 480)
        #expect(evaluation.trainMSE != nil && evaluation.holdoutMSE != nil)
        #expect(try TrainingMetrics.decodedWithFoundation(data).evaluation == evaluation)
        // Not the same as no evaluation: the comparison sees it.
        var without = fast
        without.evaluation = nil
        #expect(Bits(without, outline: nil) != Bits(fast, outline: nil))
    }

    @Test("rnnreport's metrics of a CSV run, its evaluation written and read back, as Foundation reads them")
    func rnnreportEvaluation() throws {
        let metrics = TrainingMetrics(
            config: TrainingConfiguration(timeStep: 2, steps: 2), loss: [0.5, 0.25], learningRate: [0.01, 0.01],
            gradNorm: [1, 2], real: [1, 2, 3, 4], prediction: [1.5, 2, 3, 4.5],
            evaluation: Evaluation(
                holdoutStart: 3, real: [1, -0.0, Double.leastNormalMagnitude / 4096, nil, 5], prediction: [0.1, 0.2, .leastNonzeroMagnitude, 4, nil],
                trainMSE: 1.0 / 3, holdoutMSE: nil))
        let data = try metrics.jsonData()
        try Self.expectSameAsFoundation(data)
        let read = try #require(MetricsJSONReader.metrics(from: data)).0
        #expect(read.evaluation.map { Bits(TrainingMetrics(config: metrics.config, evaluation: $0), outline: nil) }
            == Bits(TrainingMetrics(config: metrics.config, evaluation: metrics.evaluation), outline: nil))
    }

    @Test("rnnreport's own metrics read as Foundation reads them, bit for bit, subnormals and extremes included")
    func rnnreportMetrics() throws {
        var generator = SplitMix64(seed: 5)
        let count = 3_000
        var floats: [Float?] = (0..<count).map { _ in
            let x = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
            return x.isFinite ? x : nil
        }
        floats += [.leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
                   Float.leastNormalMagnitude.nextDown, .greatestFiniteMagnitude, -0.0, 0, 0.1, 1.0 / 3, 100]
        let doubles: [Double?] = floats.map { _ in
            let x = Double(bitPattern: generator.next())
            return x.isFinite ? x : nil
        }
        // The loss, the gradient norm and the learning rate are never negative.
        let magnitudes = floats.map { $0.map(\.magnitude) }
        let metrics = TrainingMetrics(
            config: TrainingConfiguration(timeStep: 2, steps: floats.count / 2), source: "test", initWeights: "/i",
            loss: Array(magnitudes.prefix(floats.count / 2)),
            learningRate: Array(doubles.prefix(floats.count / 2)).map { $0.map(abs) },
            gradNorm: Array(magnitudes.suffix(floats.count / 2)), real: floats, prediction: floats.reversed())
        let data = try metrics.jsonData()
        try Self.expectSameAsFoundation(data)
        // And what was written is what is read.
        let read = try #require(MetricsJSONReader.metrics(from: data)).0
        #expect(read.real?.map { $0?.bitPattern } == floats.map { $0?.bitPattern })
        #expect(read.learningRate?.map { $0?.bitPattern } == doubles.prefix(floats.count / 2).map { $0.map(abs)?.bitPattern })
    }

    // MARK: - Numbers

    /// Numbers at the edges: of `Float` (beyond it, only as a double), of `Double`, of the fast path
    /// (2^53, 10^22), and halfway cases.
    static let edgeNumbers = [
        "1e-45", "1.4e-45", "7e-46", "8e-46", "1.17549435e-38", "1.1754942e-38", "3.4028235e38",
        "3.4028236e38", "3.4028235677973366e38", "3.5e38", "-3.5e38", "-0.0", "-0", "0", "0.0", "1E+2", "1e2", "1E-2", "0.1", "0.30000000000000004", "4.9e-324", "5e-324",
        "2.4703282292062328e-324", "1e-310", "-1e-320", "2.2250738585072011e-308", "2.2250738585072014e-308",
        "1.7976931348623157e308", "9007199254740992", "9007199254740993", "9007199254740995",
        "18446744073709551615", "18446744073709551616", "123456789012345678901234567890e-10",
        "0.1000000000000000055511151231257827021181583404541015625", "1e22", "1e23", "9e22", "4.5e15",
        "3e23", "1.23e25", "1e-23", "7e-23", "9007199254740993e-5",
        "0.5777220129966736", "1.5e-5", "12345678901234567e-22", "1e-30", "100000000000000000000000",
        "1.0000000000000002",
    ]

    @Test("edge numbers read as Foundation and strtod read them, as doubles and as floats")
    func edgeNumbersReadExactly() throws {
        let data = Self.document(Self.edgeNumbers)
        try Self.expectSameAsFoundation(data)
        let read = try #require(MetricsJSONReader.metrics(from: data)).0

        // The C library's strtod, which Foundation calls, on each text by itself. (JSONSerialization
        // is no reference: it reads 0.30000000000000004 one ulp off, and -0 as 0.)
        let doubles = Self.edgeNumbers.map { strtod($0, nil) }
        let magnitudes = Self.edgeNumbers.map { strtod(Self.magnitude($0), nil) }
        #expect(read.learningRate?.map { $0!.bitPattern } == magnitudes.map(\.bitPattern))
        func floats(_ values: [Double]) -> [UInt32?] { values.map { Float($0).isFinite ? Float($0).bitPattern : nil } }
        #expect(read.loss.map { $0?.bitPattern } == floats(magnitudes))
        #expect(read.real?.map { $0?.bitPattern } == Self.twice(floats(doubles)))

        func value(_ text: String) -> Float? { read.real?[2 * Self.edgeNumbers.firstIndex(of: text)!] }
        #expect(value("1e-45") == .leastNonzeroMagnitude)
        #expect(value("3.4028235e38") == .greatestFiniteMagnitude)
        #expect(value("3.5e38") == nil && value("-3.5e38") == nil)
        #expect(value("-0.0")?.sign == .minus && value("-0.0") == 0)
        #expect(value("1E+2") == 100)
        #expect(read.learningRate?[Self.edgeNumbers.firstIndex(of: "4.9e-324")!] == .leastNonzeroMagnitude)
    }

    @Test("random decimal numbers, of up to 30 digits and any exponent in range, read as Foundation reads them")
    func randomNumbers() throws {
        var generator = SplitMix64(seed: 11)
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(generator.next() % 10)) })
        }
        var texts: [String] = []
        for _ in 0..<6_000 {
            let sign = generator.next() % 4 == 0 ? "-" : ""
            // Never a zero (see `zerosWithExponents`): "0" comes with a fraction that ends in 1…9.
            let zero = generator.next() % 3 == 0
            let integer = zero ? "0" : String(1 + generator.next() % 9) + digits(Int(generator.next() % 12))
            let fraction = !zero && generator.next() % 4 == 0
                ? "" : "." + digits(Int(generator.next() % 18)) + String(1 + generator.next() % 9)
            let exponent: String = switch generator.next() % 4 {
            case 0: ""
            case 1: "e" + String(Int(generator.next() % 50) - 25)
            case 2: "E+" + String(generator.next() % 290)
            default: "e-" + String(generator.next() % 290)
            }
            texts.append(sign + integer + fraction + exponent)
        }
        let data = Self.document(texts)
        try Self.expectSameAsFoundation(data)
        let read = try #require(MetricsJSONReader.metrics(from: data)).0
        #expect(read.learningRate?.map { $0!.bitPattern } == texts.map { strtod(Self.magnitude($0), nil).bitPattern })
        #expect(read.real?.map { $0?.bitPattern } == Self.twice(texts.map { text in
            let value = Float(strtod(text, nil))
            return value.isFinite ? value.bitPattern : nil
        }))
    }

    @Test("zeros written with an exponent are left to Foundation, which refuses some of them", arguments: [
        "0e7", "0E1", "0.00e7", "0e+7", "0e-7", "-0e5", "0e10", "0e999999", "-0.0e-99999",
    ])
    func zerosWithExponents(_ zero: String) throws {
        let data = Self.document([zero])
        #expect(MetricsJSONReader.metrics(from: data) == nil)
        switch Self.foundation(data) {
        case .success(let reference): #expect(Bits(try TrainingMetrics(jsonData: data), outline: MetricsOutline.of(data)) == reference)
        case .failure(let error): #expect(Self.readingError(data)?.description == error.description)
        }
    }

    // MARK: - Shapes

    @Test("what the reader takes reads as Foundation reads it", arguments: [
        // config, source and init_weights in any order, unknown keys with values of every kind
        #"{"real":[],"prediction":[],"loss":[],"source":"s \"[NaN]\" \\","config":{"time_step":3,"dropout":{"a":["}"]}}}"#,
        #" { "config" : { } , "x" : [ { "loss" : [ 1 ] } , "]" , -1.5e3 , true , false , null ] , "loss" : [ 1 , NaN ] , "real" : [ ] , "prediction" : [ ] } "#,
        // absent and null per-step series; NaN in config keeps the default
        #"{"config":{"learning_rate":NaN},"grad_norm":null,"learning_rate":null,"loss":[1],"real":[],"prediction":[]}"#,
        #"{"config":{},"init_weights":null,"source":null,"loss":[-Infinity,Infinity],"real":[null],"prediction":[0]}"#,
        "{\"config\":{},\n\"loss\":[\r\n1,\t2],\"real\":[],\"prediction\":[],\"x\":\"é\"}",
        // only the loss: no config (absent or null), no other series (absent or null)
        #"{"loss":[0.5,0.25]}"#,
        #"{"config":null,"loss":[],"real":null,"prediction":null,"grad_norm":[]}"#,
        // config keys as written, escapes and unknown keys included, in the file's order
        #"{"loss":[1],"config":{"z\u0061":[1, 2],"time_step":2,"cell":"gru","x":{"y":"}"}},"extra":{"config":{}}}"#,
    ])
    func takes(_ json: String) throws {
        try Self.expectSameAsFoundation(Data(json.utf8), "\(json)")
    }

    @Test("nesting in a key metrics do not use is limited as in Foundation's path: 63 levels read, 64 do not")
    func nestingOfOtherValues() throws {
        func json(levels: Int) -> Data {
            let nested = String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
            return Data(#"{"config":{},"extra":\#(nested),"loss":[],"real":[],"prediction":[]}"#.utf8)
        }
        try Self.expectSameAsFoundation(json(levels: 63))
        #expect(MetricsJSONReader.metrics(from: json(levels: 64)) == nil)
        #expect(Self.readingError(json(levels: 64))?.description.hasSuffix("nested more than 64 deep") == true)
    }

    /// The error ``TrainingMetrics/init(jsonData:)`` throws for `data`, or `nil` if it reads.
    static func readingError(_ data: Data) -> MetricsError? {
        do throws(MetricsError) {
            _ = try TrainingMetrics(jsonData: data)
            return nil
        } catch {
            return error
        }
    }

    @Test("a UTF-8 byte-order mark before a metrics file is ignored: both paths read it as without, and places count after it")
    func byteOrderMark() throws {
        let mark = Data([0xEF, 0xBB, 0xBF])
        let taken = Self.document(["1", "NaN", "0.25"])
        let left = Data(#"{"config":{"time_step":2},"ü":0,"loss":[1],"real":[0,0],"prediction":[0,0]}"#.utf8)
        #expect(MetricsJSONReader.metrics(from: taken) != nil && MetricsJSONReader.metrics(from: left) == nil)
        for data in [taken, left] {
            let document = try MetricsDocument(jsonData: mark + data)
            #expect(document == (try MetricsDocument(jsonData: data)))
            var reference = try Self.foundation(data).get()
            reference.outline = nil
            #expect(Bits(document.metrics, outline: nil) == reference, "bit for bit, as Foundation reads the file without the mark")
        }
        let broken = Data(#"{"loss": [1,]}"#.utf8)
        #expect(Self.readingError(mark + broken)?.description == Self.readingError(broken)?.description)
        #expect(Self.readingError(broken)?.description.contains("line 1, column 13") == true)
    }

    @Test("what the reader leaves to Foundation still reads, as Foundation reads it", arguments: [
        // a series key spelt with an escape, or a key that is not ASCII
        #"{"config":{"time_step":2},"lo\u0073s":[1],"real":[0,0],"prediction":[0,0]}"#,
        #"{"config":{"time_step":2},"ü":0,"loss":[1],"real":[0,0],"prediction":[0,0]}"#,
    ])
    func leavesToFoundation(_ json: String) throws {
        let data = Data(json.utf8)
        #expect(MetricsJSONReader.metrics(from: data) == nil)
        #expect(Bits(try TrainingMetrics(jsonData: data), outline: MetricsOutline.of(data)) == (try Self.foundation(data).get()))
    }

    @Test("a key given twice is refused wherever it is, naming it and both places", arguments: [
        (#"{"config":{"time_step":2},"loss":[1],"loss":[2,3],"real":[0,0],"prediction":[0,0]}"#,
         #"line 1, column 38: the key "loss" is given twice (first at line 1, column 27)"#),
        (#"{"config":{"time_step":2},"loss":[1],"lo\u0073s":"x","real":[0,0],"prediction":[0,0]}"#,
         #"line 1, column 38: the key "lo\u0073s" is given twice (first at line 1, column 27)"#),
        (#"{"config":{"time_step":2,"steps":2,"steps":3},"loss":[1],"real":[0,0],"prediction":[0,0]}"#,
         #"line 1, column 36: the key "steps" is given twice in config (first at line 1, column 26)"#),
        (#"{"config":{},"x":[{"a":1,"a":1}],"loss":[1],"real":[0,0],"prediction":[0,0]}"#,
         #"line 1, column 26: the key "a" is given twice in x[0] (first at line 1, column 20)"#),
        (#"{"config":{},"loss":[1],"real":[0],"prediction":[0],"config":{}}"#,
         #"line 1, column 53: the key "config" is given twice (first at line 1, column 2)"#),
    ])
    func duplicateKeys(_ json: String, _ problem: String) throws {
        // Foundation would keep one of the values and say nothing: the file is not one run's.
        let data = Data(json.utf8)
        #expect(MetricsJSONReader.metrics(from: data) == nil)
        #expect(Self.readingError(data)?.description == MetricsError.malformed(problem).description)
    }

    @Test("what Foundation refuses the reader refuses too, and the error is Foundation's", arguments: [
        "[1e400]", "[-2e-324]", "[1e-99999999999999999999]", "[1,]", "[01]", "[1.]", "[.5]", "[+1]", "[-]", "[1e]",
        "[1e+]", "[0x1]", "[NaNx]", "[nul]", "[-Inf]", "[-NaN]", "[Infinity1]", "[1 2]", "[[1]]", "[\"1\"]",
        "[true]", "null", "\"x\"", "{}", "[1", "[1,", "",
    ])
    func refusedSeries(_ loss: String) throws {
        let data = Data(#"{"config":{},"loss":\#(loss),"real":[],"prediction":[]}"#.utf8)
        #expect(MetricsJSONReader.metrics(from: data) == nil)
        guard case .failure(let expected) = Self.foundation(data) else {
            Issue.record("Foundation reads \(loss)")
            return
        }
        #expect(Self.readingError(data)?.description == expected.description)
    }

    @Test("malformed text outside the series is refused by the reader, with Foundation's error", arguments: [
        #"[]"#, #"{"config":{}}"#, #"{"config":{},"loss":null}"#,
        #"{"config":{"a":1,},"loss":[],"real":[],"prediction":[]}"#,
        #"{"config":{},"x":tru,"loss":[],"real":[],"prediction":[]}"#,
        #"{"config":{},"x":"\u12","loss":[],"real":[],"prediction":[]}"#,
        #"{"config":{},"x":"\ud800","loss":[],"real":[],"prediction":[]}"#,
        "{\"config\":{},\"x\":\"a\u{1}\",\"loss\":[],\"real\":[],\"prediction\":[]}",
        #"{"config":{},"x":1e400,"loss":[],"real":[],"prediction":[]}"#,
        #"{"config":{},"x":"]","loss":[],"real":[],"prediction":[]} x"#,
        #"{"config":{},"x":[1}],"loss":[],"real":[],"prediction":[]}"#,
        #"{"config":{},"source":5,"loss":[],"real":[],"prediction":[]}"#,
        #"{"config":{},"loss":[],"real":[],"prediction":[],}"#,
        #"{"config":{} "loss":[],"real":[],"prediction":[]}"#,
        // `null` glued to what follows is no null series (found by MetricsJSONFuzzer).
        #"{"config":{},"loss":[],"real":null[0,1],"prediction":[]}"#,
        #"{"config":{},"loss":[],"real":[],"prediction":nullx}"#,
    ])
    func refusedOther(_ json: String) throws {
        let data = Data(json.utf8)
        #expect(MetricsJSONReader.metrics(from: data) == nil)
        guard case .failure(let expected) = Self.foundation(data) else {
            Issue.record("Foundation reads \(json)")
            return
        }
        #expect(Self.readingError(data)?.description == expected.description)
    }

    @Test("every prefix and every one-byte corruption: what the reader reads, Foundation reads the same")
    func corruptions() throws {
        let data = Data(#"""
            {"config":{"time_step":2,"dropout":"gru"},"extra":[{"a":"\"}]"},null],"grad_norm":null,
             "learning_rate":[5e-3,1E-2],"loss":[NaN,0.5],"prediction":[1,-Infinity,0.25,3e38],
             "real":[1,-2,3,4],"source":"é \u00e9"}
            """#.utf8)
        try Self.expectSameAsFoundation(data)
        var taken = 0
        func check(_ variant: Data) {
            guard let fast = MetricsJSONReader.metrics(from: variant) else { return }
            taken += 1
            switch Self.foundation(variant) {
            case .success(let reference):
                #expect(Bits(fast) == reference, "\(String(decoding: variant, as: UTF8.self))")
            case .failure(let error):
                Issue.record("the reader took what Foundation refuses (\(error)): \(String(decoding: variant, as: UTF8.self))")
            }
        }
        for count in 0..<data.count { check(data.prefix(count)) }
        for index in data.indices {
            for replacement: UInt8 in [0x00, 0x20, 0x22, 0x2C, 0x2D, 0x2E, 0x30, 0x31, 0x3A, 0x45, 0x4E, 0x5B, 0x5C,
                                       0x5D, 0x6E, 0x7B, 0x7D, 0x80, 0xC3, 0xFF] {
                var corrupted = data
                corrupted[index] = replacement
                check(corrupted)
            }
        }
        #expect(taken > 500, "the reader took \(taken) variants")
    }
}
