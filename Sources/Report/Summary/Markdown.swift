/// Text from input files, names and titles put into the Markdown of `--summary`, so that it
/// shows as written and cannot become markup: no HTML (GitHub renders some), no link, no broken
/// table.
public enum Markdown {
    /// `text` as Markdown text that shows it as written, on one line.
    ///
    /// `<`, `>` and `&` become `&lt;`, `&gt;` and `&amp;`, so that no tag or entity is read (a
    /// metrics file's `source` of `<script>…`); `\`, `` ` ``, `[` and `|` are escaped with a
    /// backslash, so that no code span, link or table cell starts or ends in the text; so are `*`
    /// and `~`, and a `_` that is not between two letters or digits, so that no emphasis or
    /// strikethrough starts or ends in it (`_v2_` shows as `_v2_`, not in italics); a `_` inside a word cannot, and is
    /// left as it is, so that `hidden_size` reads as written in the file too. A line break becomes
    /// a space.
    public static func text(_ text: String) -> String {
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\\", "`", "[", "|", "*", "~": result += "\\" + String(character)
            case "_":
                let inWord = index > 0 && index + 1 < characters.count
                    && isWordCharacter(characters[index - 1]) && isWordCharacter(characters[index + 1])
                result += inWord ? "_" : "\\_"
            case "\n", "\r", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// A letter or a digit, on whose both sides CommonMark reads no `_` as emphasis.
    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// `text` as a code span, shown as written in a fixed-width font, on one line.
    ///
    /// Nothing is escaped inside a code span but a table's `|` (``inTable``): HTML is not read
    /// there, and a backslash is shown as it is. A backtick in the text cannot end the span: the
    /// span is fenced with one backtick more than the longest run of backticks in the text, and a
    /// text that starts or ends with a backtick is padded with a space on each side, which
    /// CommonMark strips (as it would strip one from a text that starts and ends with a space, so
    /// that one is padded too).
    ///
    /// - Parameter inTable: whether the span is in a table's cell, where GitHub reads `\|` as a
    ///   `|` of the text even inside a code span, and a bare `|` as the end of the cell. There a
    ///   backslash just before a `|` cannot be written in a code span (GitHub would end the cell
    ///   at `\\|`, or show both backslashes of `\\\|`): such a text is given as ``text(_:)``.
    public static func code(_ text: String, inTable: Bool = false) -> String {
        var content = String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        if inTable {
            if content.contains("\\|") { return Self.text(content) }
            content = content.replacingOccurrences(of: "|", with: "\\|")
        }
        var longest = 0, run = 0
        for character in content {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padded = content.first == "`" || content.last == "`"
            || (content.first == " " && content.last == " " && content.contains { $0 != " " })
        if content.isEmpty { return fence + " " + fence }
        return padded ? fence + " " + content + " " + fence : fence + content + fence
    }
}
