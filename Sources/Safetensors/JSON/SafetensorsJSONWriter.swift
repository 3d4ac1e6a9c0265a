/// Writes compact JSON, byte for byte as Rust's serde_json does (the Python library's writer), so that
/// a header we write is the header the Python library would write for the same tensors.
struct SafetensorsJSONWriter {
    /// The UTF-8 bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// Appends punctuation or other text that needs no escaping.
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends a quoted string: `"` and `\` escaped, control characters as `\n`-style escapes or
    /// `\u00xx`, everything else (including non-ASCII) as its UTF-8 bytes.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `[a,b,c]`.
    mutating func integers(_ values: [Int]) {
        raw("[" + values.map(String.init).joined(separator: ",") + "]")
    }
}
