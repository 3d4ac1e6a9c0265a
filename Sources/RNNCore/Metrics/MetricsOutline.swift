import Foundation

/// The top-level keys of a metrics file and the members of its `config` object, in the file's
/// order, each value's text as written.
///
/// Both ways of reading metrics (``MetricsJSONReader`` and Foundation) take these from the same
/// scan, after Foundation has accepted the text, so that the two agree by construction. The scan
/// does not check the JSON (Foundation has); it only finds where each value starts and ends, and
/// gives up (`nil`) at anything unexpected, never trapping. When a key comes twice, the first
/// `config` is the one used, as Foundation's `JSONDecoder` uses the first.
struct MetricsOutline: Equatable {
    /// Every top-level key, in order, once each.
    var keys: [String]
    /// The members of the first `config` object, or `nil` when there is none (absent, or `null`).
    var config: [ConfigEntry]?
    /// What the first `config` is when it is not an object, in words (`an array`, `null`); `nil`
    /// when it is an object or absent.
    var configKind: String?

    /// The outline of `data`, a JSON object (whose series may hold `NaN` and `Infinity`).
    static func of(_ data: Data) -> MetricsOutline? {
        data.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw)
            return scanner.readDocument()
        }
    }

    private struct Scanner: JSONByteScanning {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        mutating func readDocument() -> MetricsOutline? {
            skipWhitespace()
            guard consume(UInt8(ascii: "{")) else { return nil }
            var keys: [String] = []
            var seen = Set<String>()
            var config: [ConfigEntry]?
            var configKind: String?
            var configSeen = false
            guard let done = readMembers({ scanner, key in
                if seen.insert(key).inserted { keys.append(key) }
                if key == "config", !configSeen {
                    configSeen = true
                    if scanner.peek() == UInt8(ascii: "{") {
                        guard let entries = scanner.readConfig() else { return false }
                        config = entries
                        return true
                    }
                    configKind = Self.kind(startingWith: scanner.peek())
                }
                return scanner.skipValue()
            }), done else { return nil }
            return MetricsOutline(keys: keys, config: config, configKind: configKind)
        }

        /// The kind of the JSON value that starts with `byte`, in words, as
        /// ``DecodingError/readableDescription`` names kinds.
        private static func kind(startingWith byte: UInt8) -> String {
            switch byte {
            case UInt8(ascii: "["): "an array"
            case UInt8(ascii: "\""): "a string"
            case UInt8(ascii: "t"), UInt8(ascii: "f"): "true or false"
            case UInt8(ascii: "n"): "null"
            default: "a number"
            }
        }

        /// The members of the object at `index`, each key with its value's text.
        private mutating func readConfig() -> [ConfigEntry]? {
            guard consume(UInt8(ascii: "{")) else { return nil }
            var entries: [ConfigEntry] = []
            guard let done = readMembers({ scanner, key in
                let start = scanner.index
                guard scanner.skipValue() else { return false }
                entries.append(ConfigEntry(
                    key: key, value: String(decoding: scanner.bytes[start ..< scanner.index], as: UTF8.self)))
                return true
            }), done else { return nil }
            return entries
        }

        /// Reads the members of an object whose `{` has been read, up to its `}`; `value` reads
        /// each value (the scanner is at its first byte) and says whether it could.
        private mutating func readMembers(_ value: (inout Scanner, String) -> Bool) -> Bool? {
            skipWhitespace()
            if consume(UInt8(ascii: "}")) { return true }
            repeat {
                skipWhitespace()
                guard let key = readKey() else { return nil }
                skipWhitespace()
                guard consume(UInt8(ascii: ":")) else { return nil }
                skipWhitespace()
                guard value(&self, key) else { return nil }
                skipWhitespace()
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "}")) ? true : nil
        }

        /// A key in double quotes, unescaped.
        private mutating func readKey() -> String? {
            let start = index
            guard peek() == UInt8(ascii: "\""), skipString() else { return nil }
            let quoted = bytes[start ..< index]
            if !quoted.contains(UInt8(ascii: "\\")) {
                return String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self)
            }
            return try? JSONDecoder().decode(String.self, from: Data(quoted))
        }
    }
}
