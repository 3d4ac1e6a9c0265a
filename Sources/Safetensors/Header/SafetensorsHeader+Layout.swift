extension SafetensorsHeader {
    /// Checks that the entries describe a data buffer of `dataSize` bytes exactly.
    ///
    /// Each entry's offsets must be in order and within the buffer, and span exactly the bytes of its
    /// shape and dtype; taken in the order of their offsets, the entries must then tile the buffer from
    /// 0 to its end, with no gap, no overlap and nothing after the last tensor. These are the rules of
    /// the Python library, which with them also rejects two entries that alias the same bytes.
    ///
    /// - Throws: ``SafetensorsError`` naming the first tensor (or range of bytes) at fault.
    func checkLayout(dataSize: Int) throws(SafetensorsError) {
        for entry in entries {
            guard entry.begin <= entry.end else {
                throw .invalidTensorInfo(
                    tensor: entry.name,
                    reason: "data_offsets [\(entry.begin), \(entry.end)] end before they begin")
            }
            guard entry.end <= dataSize else {
                throw .offsetsOutOfBounds(tensor: entry.name, begin: entry.begin, end: entry.end, dataSize: dataSize)
            }
            guard let byteCount = entry.dtype.byteCount(shape: entry.shape) else {
                throw .shapeTooLarge(tensor: entry.name, shape: entry.shape)
            }
            guard byteCount == entry.end - entry.begin else {
                throw .sizeMismatch(
                    tensor: entry.name, dtype: entry.dtype.rawValue, shape: entry.shape,
                    byteCount: entry.end - entry.begin)
            }
        }

        // Ties (empty tensors) keep the header's order, so that the error named is deterministic.
        let byOffset = entries.enumerated()
            .sorted { ($0.element.begin, $0.element.end, $0.offset) < ($1.element.begin, $1.element.end, $1.offset) }
            .map(\.element)
        var covered = 0
        var previous: SafetensorsTensorEntry?
        for entry in byOffset {
            if entry.begin > covered {
                throw .gap(before: entry.name, range: covered..<entry.begin)
            }
            if entry.begin < covered, let previous {
                throw .overlap(
                    tensor: entry.name, range: entry.begin..<entry.end,
                    other: previous.name, otherRange: previous.begin..<previous.end)
            }
            covered = entry.end
            previous = entry
        }
        if covered < dataSize {
            throw .trailingBytes(range: covered..<dataSize)
        }
    }
}
