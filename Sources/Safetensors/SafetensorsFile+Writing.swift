import Foundation

extension SafetensorsFile {
    /// The file's bytes, with every tensor as F32.
    ///
    /// The layout is the Python library's: an 8-byte little-endian header length, the compact JSON
    /// header padded with spaces to a multiple of 8 bytes, then each tensor's little-endian values in
    /// the order of ``tensors`` (sorted by name). The same file always gives the same bytes, and a
    /// file without metadata gives the very bytes `safetensors.torch.save_file` writes for its tensors.
    public func serialized() -> Data {
        var offset = 0
        let entries = tensors.map { tensor in
            let end = offset + tensor.values.count * SafetensorsDtype.f32.size
            defer { offset = end }
            return SafetensorsTensorEntry(
                name: tensor.name, dtype: .f32, shape: tensor.shape, begin: offset, end: end)
        }
        let header = SafetensorsHeader(entries: entries, metadata: metadata).encoded()
        // Built in place: a wide network's file is hundreds of megabytes, not to be copied twice.
        var bytes = Data()
        bytes.reserveCapacity(header.count + offset)
        bytes.append(contentsOf: header)
        for tensor in tensors {
            #if _endian(little)
            // The values' bytes in memory are already the file's: little-endian IEEE floats.
            tensor.values.withUnsafeBytes { bytes.append(contentsOf: $0) }
            #else
            for value in tensor.values {
                let bits = value.bitPattern
                for shift in stride(from: 0, to: 32, by: 8) {
                    bytes.append(UInt8(truncatingIfNeeded: bits >> shift))
                }
            }
            #endif
        }
        return bytes
    }
}
