import Foundation

/// Reads metrics JSON of the usual shape in one pass, the five series straight from the bytes.
///
/// ``TrainingMetrics/init(jsonData:)`` tries this reader first, and reads with Foundation
/// (``TrainingMetrics/decodedWithFoundation(_:)``: ``PythonJSONScanner``, then `JSONDecoder`) when
/// it returns `nil`. The reader takes a top-level object whose keys are plain (ASCII, no escapes),
/// each series key (`loss`, `learning_rate`, `grad_norm`, `real`, `prediction`) at most once, and
/// whose series are arrays of JSON numbers, `null`, `NaN`, `Infinity` and `-Infinity`
/// (a series other than `loss` may also be `null`: absent). It reads each number as Foundation
/// does (see ``readNumber()``), and a word or `null` as a missing value. A number the series
/// cannot hold (a negative loss, a value beyond `Float`'s range in a `Float` series) it leaves
/// to Foundation, which refuses it at its position.
///
/// Everything else (`config`, `source`, `init_weights`, keys metrics do not use) it does not read
/// itself: it copies the file into a small *header*, the file with each series replaced by `[]`,
/// and has Foundation read that, and ``MetricsOutline`` its keys and `config` as written. Those values therefore mean what they always did, strictness,
/// nesting limit and duplicate keys included.
///
/// At the first thing it does not expect the reader gives up and returns `nil`, so that Foundation
/// reads the whole file: either it reads it (a key written with an escape, a series key that comes
/// twice) or it names the problem, with its line and column. Messages about malformed files are
/// thus Foundation's by construction, and this reader has only to be right about what it accepts:
/// whatever it reads, Foundation reads to the same values, bit for bit. Every byte it looks at is
/// bounds checked, and nothing recurses, so no input traps.
struct MetricsJSONReader: JSONByteScanning {
    let bytes: UnsafeRawBufferPointer
    /// Position of the next byte to read.
    var index = 0
    /// The header so far: the bytes before `copied`, each series replaced by `[]`.
    private var header: [UInt8] = []
    private var copied = 0

    private var loss: [Float?]?
    private var learningRate: [Double?]?
    private var gradNorm: [Float?]?
    private var real: [Float?]?
    private var prediction: [Float?]?
    /// The series read so far, `null` ones included.
    private var seen: Set<TrainingMetrics.CodingKeys> = []

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The metrics in `data` (not yet validated) and the outline of the file, or `nil` when the
    /// data is not of the shape this reader takes; then ``TrainingMetrics/decodedWithFoundation(_:)``
    /// reads it, or says what is wrong with it.
    static func metrics(from data: Data) -> (TrainingMetrics, MetricsOutline)? {
        data.withUnsafeBytes { raw in
            var reader = MetricsJSONReader(bytes: raw)
            return reader.readDocument()
        }
    }

    // MARK: - The document

    private mutating func readDocument() -> (TrainingMetrics, MetricsOutline)? {
        skipWhitespace()
        guard consume(UInt8(ascii: "{")) else { return nil }
        skipWhitespace()
        if !consume(UInt8(ascii: "}")) {
            repeat {
                skipWhitespace()
                guard let key = readKey() else { return nil }
                skipWhitespace()
                guard consume(UInt8(ascii: ":")) else { return nil }
                skipWhitespace()
                let valueStart = index
                if let key = TrainingMetrics.CodingKeys(rawValue: key), key.isSeries {
                    guard readSeries(key) else { return nil }
                    header.append(contentsOf: bytes[copied..<valueStart])
                    header.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
                    copied = index
                } else {
                    guard skipValue() else { return nil }
                }
                skipWhitespace()
            } while consume(UInt8(ascii: ","))
            guard consume(UInt8(ascii: "}")) else { return nil }
        }
        skipWhitespace()
        guard index == bytes.count else { return nil }
        header.append(contentsOf: bytes[copied...])

        let headerData = Data(header)
        guard var metrics = try? TrainingMetrics.decodedWithFoundation(headerData),
              let outline = MetricsOutline.of(headerData), let loss
        else { return nil }
        metrics.loss = loss
        metrics.learningRate = learningRate
        metrics.gradNorm = gradNorm
        metrics.real = real
        metrics.prediction = prediction
        return (metrics, outline)
    }

    /// A key in double quotes, if it has nothing but printable ASCII and no backslash; the reader
    /// leaves other keys, which might spell a series key with escapes, to Foundation.
    private mutating func readKey() -> String? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count, (0x20..<0x7F).contains(bytes[index]),
              bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            index += 1
        }
        let end = index
        guard consume(UInt8(ascii: "\"")) else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    // MARK: - Series

    /// Reads the series `key` into its property; `false` if it comes a second time or is not an
    /// array of numbers and missing values (or `null`, for a series other than `loss`: absent, as
    /// Foundation reads it).
    private mutating func readSeries(_ key: TrainingMetrics.CodingKeys) -> Bool {
        guard seen.insert(key).inserted else { return false }
        if key != .loss, skipWord("null") { return true }
        // readNumbers(_:of:) has refused a number beyond Float's range.
        let float = { (value: Double) -> Float? in Float(value) }
        switch key {
        case .loss:
            loss = readNumbers(float, of: key)
            return loss != nil
        case .learningRate:
            learningRate = readNumbers({ $0 }, of: key)
            return learningRate != nil
        case .gradNorm:
            gradNorm = readNumbers(float, of: key)
            return gradNorm != nil
        case .real:
            real = readNumbers(float, of: key)
            return real != nil
        case .prediction:
            prediction = readNumbers(float, of: key)
            return prediction != nil
        default:
            return false
        }
    }

    /// An array of numbers, `null`, `NaN`, `Infinity` and `-Infinity`, each number converted with
    /// `convert` and each word or `null` a missing value; `nil` for anything else, and for a
    /// number the series `key` cannot hold (``TrainingMetrics/CodingKeys/refusal(of:)``: a
    /// negative loss, a value beyond `Float`'s range), which Foundation's path then names.
    private mutating func readNumbers<T>(_ convert: (Double) -> T?, of key: TrainingMetrics.CodingKeys) -> [T?]? {
        guard consume(UInt8(ascii: "[")) else { return nil }
        var values: [T?] = []
        values.reserveCapacity(countUpToBracket())
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return values }
        while true {
            switch peek() {
            case UInt8(ascii: "n"): guard skipWord("null") else { return nil }; values.append(nil)
            case UInt8(ascii: "N"): guard skipWord("NaN") else { return nil }; values.append(nil)
            case UInt8(ascii: "I"): guard skipWord("Infinity") else { return nil }; values.append(nil)
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "I"):
                guard skipWord("-Infinity") else { return nil }
                values.append(nil)
            default:
                guard let number = readNumber(), key.refusal(of: number) == nil else { return nil }
                values.append(convert(number))
            }
            skipWhitespace()
            if consume(UInt8(ascii: "]")) { return values }
            guard consume(UInt8(ascii: ",")) else { return nil }
            skipWhitespace()
        }
    }

    /// How many values the array from here holds if it is one of numbers: one more than the commas
    /// before the next `]`. Only a capacity hint, so that a series is allocated once, and never more
    /// than one more than the bytes up to that bracket.
    private func countUpToBracket() -> Int {
        guard let base = bytes.baseAddress, index < bytes.count else { return 0 }
        let end = memchr(base + index, Int32(UInt8(ascii: "]")), bytes.count - index)
            .map { UnsafeRawPointer($0) - base } ?? bytes.count
        var commas = 0
        for byte in UnsafeRawBufferPointer(rebasing: bytes[index..<end]) where byte == UInt8(ascii: ",") {
            commas += 1
        }
        return commas + 1
    }

    // MARK: - Other values

    // MARK: - Reading bytes

    // peek(), consume(_:), skipWhitespace(), skipString() and skipValue() come from
    // JSONByteScanning, which MetricsOutline's scanner shares.

    /// Whether the bytes from `index` start with `word`.
    private func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        return word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
    }

    /// Moves past `word` and checks that a delimiter follows it.
    private mutating func skipWord(_ word: StaticString) -> Bool {
        guard matches(word) else { return false }
        let start = index
        index += word.utf8CodeUnitCount
        guard isJSONDelimiter(peek()) else {
            // `null[0, 1]` is no word: leave the index on it, so that nothing after it is read as
            // the value.
            index = start
            return false
        }
        return true
    }

    /// The bytes from `start` to `index`, for ``readNumber()``'s slow path.
    func text(from start: Int) -> String {
        String(decoding: bytes[start..<index], as: UTF8.self)
    }
}

private extension TrainingMetrics.CodingKeys {
    /// Whether the key names one of the five series.
    var isSeries: Bool {
        switch self {
        case .loss, .learningRate, .gradNorm, .real, .prediction: true
        case .config, .source, .initWeights, .evaluation: false
        }
    }
}
