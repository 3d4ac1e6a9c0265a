import Foundation

extension TrainingMetrics {
    /// Writes `metrics.json` in pieces, without building it in memory: keys sorted, no white
    /// space, a newline at the end, so that equal metrics give equal bytes. The bytes are those
    /// `JSONEncoder` writes with sorted keys (a whole number is written without `.0`, a value
    /// that is missing or not finite as `null`).
    ///
    /// - Parameters:
    ///   - chunkSize: about how many bytes each call to `sink` gets.
    ///   - progress: called after each piece with the fraction written so far.
    ///   - sink: takes each piece; its bytes are valid only during the call.
    public func writeJSON(
        chunkSize: Int = 1 << 20, progress: (Double) -> Void = { _ in },
        to sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try withoutActuallyEscaping(sink) { sink in
            try write(chunkSize: chunkSize, progress: progress, sink: sink)
        }
    }

    private func write(
        chunkSize: Int, progress: (Double) -> Void, sink: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var writer = ChunkWriter(chunkSize: chunkSize, sink: sink)
        let evaluated = (evaluation?.real.count ?? 0) * 2
        let total = Double(max(
            loss.count + (learningRate?.count ?? 0) + (gradNorm?.count ?? 0) + (real?.count ?? 0) + (prediction?.count ?? 0)
                + evaluated, 1))
        var done = 0.0
        func report() { progress(min(done / total, 1)) }

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try writer.append("{\"config\":")
        try writer.append(encoder.encode(config))
        if let evaluation {
            // Its keys in sorted order, as JSONEncoder writes them; a missing MSE is null.
            try writer.append(",\"evaluation\":{\"holdout_mse\":")
            try writer.appendNumber(evaluation.holdoutMSE)
            try writer.append(",\"holdout_start\":\(evaluation.holdoutStart),\"prediction\":")
            try writer.appendArray(evaluation.prediction, onChunk: { done += $0; report() })
            try writer.append(",\"real\":")
            try writer.appendArray(evaluation.real, onChunk: { done += $0; report() })
            try writer.append(",\"train_mse\":")
            try writer.appendNumber(evaluation.trainMSE)
            try writer.append("}")
        }
        // The other keys, in sorted order; absent optionals (a series not recorded too) are left
        // out, as JSONEncoder does.
        if let gradNorm {
            try writer.append(",\"grad_norm\":")
            try writer.appendArray(gradNorm, onChunk: { done += $0; report() })
        }
        if let initWeights {
            try writer.append(",\"init_weights\":")
            try writer.append(encoder.encode(initWeights))
        }
        if let learningRate {
            try writer.append(",\"learning_rate\":")
            try writer.appendArray(learningRate, onChunk: { done += $0; report() })
        }
        try writer.append(",\"loss\":")
        try writer.appendArray(loss, onChunk: { done += $0; report() })
        if let prediction {
            try writer.append(",\"prediction\":")
            try writer.appendArray(prediction, onChunk: { done += $0; report() })
        }
        if let real {
            try writer.append(",\"real\":")
            try writer.appendArray(real, onChunk: { done += $0; report() })
        }
        if let source {
            try writer.append(",\"source\":")
            try writer.append(encoder.encode(source))
        }
        try writer.append("}\n")
        try writer.flush()
        progress(1)
    }

    /// The JSON bytes of ``writeJSON(chunkSize:progress:to:)``, in memory; for small runs and tests.
    public func jsonData() throws -> Data {
        var data = Data()
        try writeJSON { data.append(contentsOf: $0) }
        return data
    }
}

/// Gathers bytes into pieces of about `chunkSize` and hands each to the sink.
private struct ChunkWriter {
    let chunkSize: Int
    let sink: (UnsafeRawBufferPointer) throws -> Void
    private var buffer: [UInt8] = []

    init(chunkSize: Int, sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.chunkSize = max(chunkSize, 64)
        self.sink = sink
        buffer.reserveCapacity(self.chunkSize + 64)
    }

    mutating func append(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= chunkSize { try flush() }
    }

    mutating func append(_ data: Data) throws {
        buffer.append(contentsOf: data)
        if buffer.count >= chunkSize { try flush() }
    }

    /// A number as JSONEncoder writes it (a whole number without `.0`), or `null` when it is
    /// missing or not finite.
    mutating func appendNumber<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T?) throws {
        appendValue(value)
        if buffer.count >= chunkSize { try flush() }
    }

    private mutating func appendValue<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T?) {
        if let value, value.isFinite {
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            buffer.append(contentsOf: text.utf8)
        } else {
            buffer.append(contentsOf: "null".utf8)
        }
    }

    /// A JSON array of numbers; `onChunk` hears how many values were written each time a piece
    /// is handed on.
    mutating func appendArray<T: BinaryFloatingPoint & CustomStringConvertible>(
        _ values: [T?], onChunk: (Double) -> Void
    ) throws {
        buffer.append(UInt8(ascii: "["))
        var pending = 0
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            appendValue(value)
            pending += 1
            if buffer.count >= chunkSize {
                try flush()
                onChunk(Double(pending))
                pending = 0
            }
        }
        buffer.append(UInt8(ascii: "]"))
        onChunk(Double(pending))
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
