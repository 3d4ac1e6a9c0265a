extension SafetensorsHeader {
    /// The header as it starts a file: its length as a little-endian `UInt64`, then compact JSON padded
    /// with spaces to a multiple of 8 bytes, so that the data buffer after it starts 8-byte aligned.
    ///
    /// `__metadata__` comes first, with its keys sorted by their UTF-8 bytes, and is left out when
    /// empty; the tensors follow in the order of ``entries``. The bytes are those of the Python library
    /// for the same entries (and metadata with a single key; for more, its order is random).
    func encoded() -> [UInt8] {
        var json = SafetensorsJSONWriter()
        json.raw("{")
        var separator = ""
        if !metadata.isEmpty {
            json.string(Self.metadataKey)
            json.raw(":{")
            let pairs = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { json.raw(",") }
                json.string(key)
                json.raw(":")
                json.string(value)
            }
            json.raw("}")
            separator = ","
        }
        for entry in entries {
            json.raw(separator)
            json.string(entry.name)
            json.raw(":{\"dtype\":")
            json.string(entry.dtype.rawValue)
            json.raw(",\"shape\":")
            json.integers(entry.shape)
            json.raw(",\"data_offsets\":")
            json.integers([entry.begin, entry.end])
            json.raw("}")
            separator = ","
        }
        json.raw("}")

        var header = json.bytes
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        let length = UInt64(header.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + header
    }
}
