import Foundation

/// Writes a line to standard error, its control characters other than line breaks and tabs
/// shown as escapes (``terminalSafe(_:)``).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((terminalSafe(message) + "\n").utf8))
}

/// `text` with each control character other than `\n` and `\t` written as `\x1b` (or `\u{85}`
/// beyond ASCII): a message quotes what input files hold (a CSV field, a column's name), and an
/// escape sequence there would otherwise reach the terminal, to recolour or rewrite it.
func terminalSafe(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var safe = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if isUnsafe(scalar) {
            let escape = scalar.value < 0x80 ? String(format: "\\x%02x", scalar.value) : String(format: "\\u{%X}", scalar.value)
            safe.append(contentsOf: escape.unicodeScalars)
        } else {
            safe.append(scalar)
        }
    }
    return String(safe)
}

private func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: false
    case 0x00 ..< 0x20, 0x7F ..< 0xA0: true
    default: false
    }
}
