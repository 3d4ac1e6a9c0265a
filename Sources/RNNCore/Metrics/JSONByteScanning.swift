/// Moving through JSON text byte by byte: what the metrics reader and the metrics outline share.
///
/// Both scan text that is known to be, or is about to be checked as, JSON; they read the parts
/// they need and skip the rest with ``skipValue()``. The byte at the end of the text reads as 0 (a
/// NUL byte is not JSON anywhere, so a scanner gives up at either).
protocol JSONByteScanning {
    /// The whole text.
    var bytes: UnsafeRawBufferPointer { get }
    /// Where the scan is.
    var index: Int { get set }
}

extension JSONByteScanning {
    /// The byte at `index`, or 0 at the end of the text.
    @inline(__always)
    func peek() -> UInt8 {
        index < bytes.count ? bytes[index] : 0
    }

    /// Moves past `byte` if it is the next one.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Moves past JSON's white space: space, line feed, carriage return, tab.
    mutating func skipWhitespace() {
        while true {
            switch peek() {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Moves past a string, from its opening quote to its closing one; a backslash takes the byte
    /// after it along. `false` at the end of the text.
    mutating func skipString() -> Bool {
        index += 1  // opening quote
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return true
            case UInt8(ascii: "\\"):
                index += 2
            default:
                index += 1
            }
        }
        return false
    }

    /// Moves past the value that starts here: a string by its quotes and backslashes, an array or
    /// object by counting brackets outside strings, a number or word up to the next delimiter.
    /// `false` at the end of the text or at a stray closing bracket.
    mutating func skipValue() -> Bool {
        let start = index
        var depth = 0
        repeat {
            switch peek() {
            case 0:
                return false
            case UInt8(ascii: "\""):
                guard skipString() else { return false }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard depth > 0 else { return false }
                depth -= 1
                index += 1
            default:
                if depth > 0 {
                    index += 1
                } else {
                    while !isJSONDelimiter(peek()) { index += 1 }
                }
            }
        } while depth > 0
        return index > start
    }
}

/// Whether `byte` ends a number or a word: white space, `,`, `]`, `}`, or the end of the text (0).
@inline(__always)
func isJSONDelimiter(_ byte: UInt8) -> Bool {
    switch byte {
    case 0, 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): true
    default: false
    }
}
