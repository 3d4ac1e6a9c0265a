/// Running text cut where it names a command-line option, so that a template marks each name up
/// as the pages' tables do (`<code class="flag">`, which CSS keeps from breaking at its hyphens)
/// while the text itself stays escaped: `{{#parts}}{{text}}{{#option}}<code class="flag">{{option}}</code>{{/option}}{{/parts}}`.
enum OptionMarking {
    /// `text` as a list of parts, each the plain text before an option's name (`text`, possibly
    /// empty) and the name (`option`, left out after the last name).
    ///
    /// An option's name is `--` at the start of the text or after a character that is not a letter,
    /// a digit or a hyphen, then a lower-case letter, then lower-case letters, digits and single
    /// hyphens, not ending in one: `--learning-rate`, `--init-weights`, not `a--b` nor `---`.
    static func parts(_ text: String) -> [[String: Any]] {
        var parts: [[String: Any]] = []
        var plain = ""
        var index = text.startIndex
        var previous: Character?
        while index < text.endIndex {
            if previous.map(isBoundary) ?? true, let end = optionEnd(in: text, from: index) {
                parts.append(["text": plain, "option": String(text[index ..< end])])
                plain = ""
                previous = text[text.index(before: end)]
                index = end
            } else {
                plain.append(text[index])
                previous = text[index]
                index = text.index(after: index)
            }
        }
        if !plain.isEmpty || parts.isEmpty { parts.append(["text": plain]) }
        return parts
    }

    /// Whether an option's name may start after `character`.
    private static func isBoundary(_ character: Character) -> Bool {
        !(isNameCharacter(character) || character == "-" || character.isLetter || character.isNumber)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        ("a" ... "z").contains(character) || ("0" ... "9").contains(character)
    }

    /// The end of the option's name that starts at `start`, or `nil` when none does.
    private static func optionEnd(in text: String, from start: String.Index) -> String.Index? {
        guard text[start...].hasPrefix("--") else { return nil }
        var index = text.index(start, offsetBy: 2)
        guard index < text.endIndex, ("a" ... "z").contains(text[index]) else { return nil }
        var end = index
        while index < text.endIndex {
            let character = text[index]
            if isNameCharacter(character) {
                index = text.index(after: index)
                end = index
            } else if character == "-", text.index(after: index) < text.endIndex,
                      isNameCharacter(text[text.index(after: index)]) {
                index = text.index(after: index)
            } else {
                break
            }
        }
        return end
    }
}
