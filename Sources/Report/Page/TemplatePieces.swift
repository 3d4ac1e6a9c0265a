/// Cuts a template's text into pieces that swift-mustache can parse one by one, in linear time.
///
/// swift-mustache 2.1.1 parses in time quadratic in the length of the text: each time its parser
/// (`Parser.read(string:)` in `Sources/Mustache/Parser.swift`) looks for a tag's `{{` or `}}`, it
/// first checks that enough characters are left with `String.distance(from: position, to: endIndex)`,
/// which walks the whole rest of the text, character by character. A 1 MB template of
/// `<p>{{title}}</p>` lines took 105 s to parse, 2 MB 428 s. The dependency cannot be patched
/// here, so the text is given to it in pieces of about 512 bytes: the walks are then as short as
/// a piece, and the parse linear in the whole.
///
/// A piece ends only where a parse of the whole text would be outside every section, and either
/// at the start of a line or just after a variable's tag (`{{x}}`), in the same state as a parse
/// that starts at the beginning of a text, except for:
/// - the delimiters, which a `{{=<% %>=}}` tag may have changed,
/// - the content type, which a `{{%CONTENT_TYPE:TEXT}}` tag may have changed for what follows it,
/// - after a variable's tag, that the parser is not at the start of a line for the rules of
///   standalone tags;
/// and where none of the parser's comparisons reached beyond it. A piece starts with tags that set
/// these again and print nothing (standalone lines, and an empty comment `{{!}}` on the piece's
/// first line), and the pieces, rendered one after the other with the same values, give the page
/// the whole text gives: the same tokens, the same standalone-line and whitespace rules, the same
/// errors.
///
/// To know where such places are, `split` follows the text exactly as swift-mustache's parser
/// (`MustacheTemplate.parse` in `Template+Parser.swift`) does, only without building tokens. Where
/// that parser would stop with an error, `split` stops cutting: the rest is one piece, which
/// swift-mustache parses (slowly, if it is long) and whose error it reports. A section is never cut,
/// so a single section megabytes long is still parsed in one piece, in quadratic time.
struct TemplatePieces {
    /// A piece: a range of the text, and the tags put before it (lines ending in `\n`, and
    /// perhaps an empty comment on the line of the piece's start).
    struct Piece: Equatable {
        var range: Range<String.Index>
        var prefix: String
    }

    /// The pieces are this many bytes of UTF-8 or a little more (to the next place to cut): long
    /// enough for few pieces, short enough that swift-mustache's walks over a piece cost little
    /// (a parse costs about the length of a piece times its number of tags). 1 MB of template
    /// parses in a quarter of a second.
    static let defaultSize = 512

    /// Cuts `text` into consecutive pieces covering all of it, each at least `size` bytes of
    /// UTF-8 long where the text allows (`size` of 1: at every place it can be cut).
    static func split(_ text: String, size: Int = defaultSize) -> [Piece] {
        scan(text, size: size).pieces
    }

    /// The deepest that sections may be nested. swift-mustache parses a section by recursion and
    /// overflows its thread's stack a few thousand levels deep (a crash, not an error), so a
    /// deeper template is refused before it is parsed; no page needs a tenth of this.
    static let maximumDepth = 100

    /// ``split(_:size:)``'s pieces, and the place of the first section opened deeper than
    /// ``maximumDepth``, if any (then the pieces are not to be parsed).
    static func scan(_ text: String, size: Int = defaultSize) -> (pieces: [Piece], tooDeep: String.Index?) {
        var scanner = Scanner(text: text, size: max(size, 1))
        let pieces = scanner.split()
        return (pieces, scanner.tooDeep)
    }
}

// MARK: - Following swift-mustache's parser

extension TemplatePieces {
    /// Where swift-mustache's parser would throw: the scanner stops cutting.
    fileprivate struct Stop: Error {}

    /// What the parser keeps while it reads one level: the top, a section's content, …
    fileprivate struct Level {
        var startDelimiter = "{{" {
            didSet { textStops = Self.stops(startDelimiter) }
        }
        var endDelimiter = "}}"
        /// What ends a run of text: a line's end or the first character of the start delimiter.
        private(set) var textStops = Self.stops("{{")
        /// `ParserState.newLine`: at the start of a line as far as standalone tags are concerned.
        var newLine = true
        /// The `newLine` the enclosing level takes once this section is closed: whether its
        /// opening tag was standalone.
        var newLineAfter = false

        private static func stops(_ startDelimiter: String) -> CharacterClass {
            CharacterClass(["\n", "\r\n"] + (startDelimiter.first.map { [$0] } ?? []))
        }
    }

    /// A `Set<Character>` that answers for a character of one byte of UTF-8 (most of a template)
    /// without hashing it, and the same as the set.
    fileprivate struct CharacterClass {
        private let set: Set<Character>
        private var ascii: (low: UInt64, high: UInt64) = (0, 0)

        init(_ characters: some Sequence<Character>) {
            set = Set(characters)
            for byte in UInt8(0)..<128 where set.contains(Character(Unicode.Scalar(byte))) {
                if byte < 64 { ascii.low |= 1 << byte } else { ascii.high |= 1 << (byte - 64) }
            }
        }

        func contains(_ character: Character) -> Bool {
            let utf8 = character.utf8
            guard utf8.count == 1, let byte = utf8.first else { return set.contains(character) }
            return byte < 64 ? ascii.low >> byte & 1 == 1 : ascii.high >> (byte - 64) & 1 == 1
        }
    }

    /// `Parser` of swift-mustache (character by character, the same `Character` comparisons),
    /// with the end of the text found without walking to it.
    fileprivate struct Cursor {
        let text: String
        var position: String.Index
        /// The end of the furthest run of characters `read(string:)` compared: a piece may not end
        /// before it, or the parse of the piece would run out of text where the whole parse did not.
        var reach: String.Index

        init(_ text: String) {
            self.text = text
            position = text.startIndex
            reach = text.startIndex
        }

        var atEnd: Bool { position == text.endIndex }

        /// `Parser.current()`: the character at the position, NUL at the end.
        var current: Character { atEnd ? "\0" : text[position] }

        /// `Parser.unsafeAdvance()`.
        mutating func advance() { position = text.index(after: position) }

        /// `Parser.read(while:)` with a set of characters or a test.
        mutating func skip(while set: CharacterClass) {
            while !atEnd, set.contains(text[position]) { advance() }
        }

        mutating func skip(while test: (Character) -> Bool) {
            while !atEnd, test(text[position]) { advance() }
        }

        /// `Parser.read(until:throwOnOverflow: false)` with a set of characters.
        mutating func skip(until set: CharacterClass) {
            while !atEnd, !set.contains(text[position]) { advance() }
        }

        /// `Parser.read(until:throwOnOverflow: true)` with a test: throws at the end of the text.
        mutating func read(until test: (Character) -> Bool) throws(Stop) -> Substring {
            let start = position
            while !atEnd {
                if test(text[position]) { return text[start..<position] }
                advance()
            }
            position = start
            throw Stop()
        }

        /// `Parser.read(_ char:)`: throws at the end of the text.
        mutating func read(_ character: Character) throws(Stop) -> Bool {
            guard !atEnd else { throw Stop() }
            guard text[position] == character else { return false }
            advance()
            return true
        }

        /// `Parser.read(string:)`: throws when fewer characters than the string's are left.
        mutating func read(string: String) throws(Stop) -> Bool {
            let count = string.count
            guard count > 0 else { return true }
            guard let end = text.index(position, offsetBy: count, limitedBy: text.endIndex) else { throw Stop() }
            reach = max(reach, end)
            guard text[position..<end] == string else { return false }
            position = end
            return true
        }

        /// `Parser.read(untilString:throwOnOverflow: true, skipToEnd: true)`, with its way of
        /// matching (which does not look again at a character that broke a partial match).
        mutating func skip(past string: String) throws(Stop) {
            guard !string.isEmpty else { return }
            let start = position
            var index = string.startIndex
            while !atEnd {
                if text[position] == string[index] {
                    index = string.index(after: index)
                    if index == string.endIndex {
                        advance()
                        return
                    }
                } else {
                    index = string.startIndex
                }
                advance()
            }
            position = start
            throw Stop()
        }
    }

    fileprivate struct Scanner {
        var cursor: Cursor
        let size: Int
        /// Open levels; the first is the top of the template.
        var levels = [Level()]
        /// The value of the last `{{%CONTENT_TYPE:…}}` at the top, if any.
        var contentType: Substring?
        /// Whether the last turn of the loop read a variable's tag (`{{x}}`, `{{{x}}}`, `{{&x}}`),
        /// the only tags whose reading does not depend on what follows them.
        var afterVariable = false
        /// The start of the first tag that opened a section deeper than ``maximumDepth``: the
        /// scanner stops there.
        var tooDeep: String.Index?

        init(text: String, size: Int) {
            cursor = Cursor(text)
            self.size = size
        }

        mutating func split() -> [Piece] {
            let text = cursor.text
            var pieces: [Piece] = []
            var start = text.startIndex
            var prefix = ""
            do {
                while !cursor.atEnd {
                    if levels.count == 1, cursor.position > start, cursor.reach <= cursor.position,
                       text.utf8.distance(from: start, to: cursor.position) >= size,
                       let next = prefixHere()
                    {
                        pieces.append(Piece(range: start..<cursor.position, prefix: prefix))
                        start = cursor.position
                        prefix = next
                    }
                    try step()
                }
            } catch {
                // swift-mustache stops here with an error: the rest is one piece, which it reports.
            }
            pieces.append(Piece(range: start..<text.endIndex, prefix: prefix))
            return pieces
        }

        /// What a piece starting here begins with, if one may start here: at the top, at the
        /// start of a line as swift-mustache sees it, or after a variable's tag where the parser
        /// does not see the start of a line (then an empty comment tells the parse of the piece so,
        /// if the line goes on with a character that does not make the comment standalone).
        func prefixHere() -> String? {
            let text = cursor.text
            let top = levels[0]
            let before = text[text.index(before: cursor.position)]
            if top.newLine, before == "\n" || before == "\r\n" {
                return restatement()
            }
            let next = cursor.current
            if afterVariable, !top.newLine, next.isASCII, next != " ", next != "\t", !next.isNewline {
                return restatement() + top.startDelimiter + "!" + top.endDelimiter
            }
            return nil
        }

        /// Standalone lines that give a parse starting at the beginning of a text the delimiters
        /// and content type of the top level here.
        func restatement() -> String {
            var text = ""
            if let contentType {
                text += "{{%CONTENT_TYPE:\(contentType)}}\n"
            }
            let top = levels[0]
            if top.startDelimiter != "{{" || top.endDelimiter != "}}" {
                text += "{{=\(top.startDelimiter) \(top.endDelimiter)=}}\n"
            }
            return text
        }

        /// One turn of the loop of `MustacheTemplate.parse(_:state:)` in the innermost open level.
        mutating func step() throws(Stop) {
            afterVariable = false
            var level = levels[levels.count - 1]
            if level.newLine {
                cursor.skip(while: Self.blanks)
            }
            let hadText = try readUntilDelimiterOrNewline(level)
            if cursor.current.isNewline {
                cursor.advance()
                level.newLine = true
                levels[levels.count - 1] = level
                return
            }
            if hadText {
                level.newLine = false
            }
            if cursor.atEnd {
                // The parser leaves the loop; the level is the last one unless a section is not closed.
                levels[levels.count - 1] = level
                if levels.count > 1 { throw Stop() }
                return
            }
            var setNewLine = false
            switch cursor.current {
            case "#", "^", "$":  // a section, an inverted section, an inheritance block
                try checkDepth(level)
                cursor.advance()
                try parseName(level)
                setNewLine = isStandalone(level)
                levels[levels.count - 1] = level
                var section = level
                section.newLine = level.newLine && setNewLine
                section.newLineAfter = setNewLine
                levels.append(section)
                return
            case "/":
                cursor.advance()
                try parseName(level)
                // At the top, or closing another section than the open one, is an error; the name
                // is not compared here: the parse of the piece finds that.
                guard levels.count > 1 else { throw Stop() }
                _ = isStandalone(level)
                let closed = levels.removeLast()
                levels[levels.count - 1].newLine = closed.newLineAfter
                return
            case "!":
                cursor.advance()
                try cursor.skip(past: level.endDelimiter)
                setNewLine = isStandalone(level)
            case "{":
                cursor.advance()
                try parseName(level)
                guard try cursor.read("}") else { throw Stop() }
                afterVariable = true
            case "&":
                cursor.advance()
                try parseName(level)
                afterVariable = true
            case ">":
                cursor.advance()
                cursor.skip(while: \.isWhitespace)
                if cursor.current == "*" { cursor.advance() }
                try parsePartialName(level)
                setNewLine = isStandalone(level)
            case "<":  // a parent's partial, whose block definitions nest as sections do
                try checkDepth(level)
                cursor.advance()
                cursor.skip(while: \.isWhitespace)
                try parsePartialName(level)
                setNewLine = isStandalone(level)
                levels[levels.count - 1] = level
                var definitions = level
                definitions.newLine = true
                definitions.newLineAfter = setNewLine
                levels.append(definitions)
                return
            case "=":
                cursor.advance()
                try setDelimiters(&level)
                setNewLine = isStandalone(level)
            case "%":
                cursor.advance()
                let value = try readContentType(level)
                setNewLine = isStandalone(level)
                if levels.count == 1 { contentType = value }
            default:
                try parseName(level)
                afterVariable = true
            }
            level.newLine = setNewLine
            levels[levels.count - 1] = level
        }

        /// `readUntilDelimiterOrNewline`: whether it read any text.
        mutating func readUntilDelimiterOrNewline(_ level: Level) throws(Stop) -> Bool {
            guard let first = level.startDelimiter.first else { return false }
            var hadText = false
            while !cursor.atEnd {
                let start = cursor.position
                cursor.skip(until: level.textStops)
                if cursor.position != start { hadText = true }
                if cursor.current.isNewline {
                    break
                } else if cursor.current == first {
                    if try cursor.read(string: level.startDelimiter) { break }
                    hadText = true
                    cursor.advance()
                }
            }
            return hadText
        }

        /// Stops at a tag (its start delimiter just read) that would open a level deeper than
        /// ``TemplatePieces/maximumDepth``, noting where it starts in ``tooDeep``.
        mutating func checkDepth(_ level: Level) throws(Stop) {
            guard levels.count > TemplatePieces.maximumDepth else { return }
            tooDeep = cursor.text.index(cursor.position, offsetBy: -level.startDelimiter.count)
            throw Stop()
        }

        /// `parseName`, as far as where it leaves the parser: the name's transforms are not read.
        mutating func parseName(_ level: Level) throws(Stop) {
            cursor.skip(while: \.isWhitespace)
            cursor.skip(while: Self.sectionNameCharacters)
            cursor.skip(while: \.isWhitespace)
            guard try cursor.read(string: level.endDelimiter) else { throw Stop() }
        }

        /// `parsePartialName`.
        mutating func parsePartialName(_ level: Level) throws(Stop) {
            cursor.skip(while: \.isWhitespace)
            cursor.skip(while: Self.partialNameCharacters)
            cursor.skip(while: \.isWhitespace)
            guard try cursor.read(string: level.endDelimiter) else { throw Stop() }
        }

        /// `parserSetDelimiter`.
        mutating func setDelimiters(_ level: inout Level) throws(Stop) {
            cursor.skip(while: \.isWhitespace)
            let start = try cursor.read(until: \.isWhitespace)
            cursor.skip(while: \.isWhitespace)
            let end = try cursor.read(until: { $0 == "=" || $0.isWhitespace })
            cursor.skip(while: \.isWhitespace)
            guard try cursor.read("="), try cursor.read(string: level.endDelimiter), !start.isEmpty, !end.isEmpty else {
                throw Stop()
            }
            level.startDelimiter = String(start)
            level.endDelimiter = String(end)
        }

        /// `readConfigVariable`: the value of a `CONTENT_TYPE` tag (whether swift-mustache knows
        /// the type, the parse of the piece finds).
        mutating func readContentType(_ level: Level) throws(Stop) -> Substring {
            cursor.skip(while: \.isWhitespace)
            let variable = cursor.text[cursor.position...].prefix(while: { Self.nameCharactersWithoutBrackets.contains($0) })
            cursor.position = variable.endIndex
            cursor.skip(while: \.isWhitespace)
            guard try cursor.read(":") else { throw Stop() }
            cursor.skip(while: \.isWhitespace)
            let value = cursor.text[cursor.position...].prefix(while: { Self.nameCharactersWithoutBrackets.contains($0) })
            cursor.position = value.endIndex
            cursor.skip(while: \.isWhitespace)
            guard try cursor.read(string: level.endDelimiter), variable == "CONTENT_TYPE", !value.isEmpty else {
                throw Stop()
            }
            return value
        }

        /// `isStandalone`/`hasLineFinished`: at the start of a line, and only blanks follow the
        /// tag to the end of the line or text; the line's end is then read too.
        mutating func isStandalone(_ level: Level) -> Bool {
            guard level.newLine else { return false }
            if cursor.atEnd { return true }
            var ahead = cursor
            ahead.skip(while: Self.blanks)
            guard ahead.current.isNewline else { return false }
            ahead.advance()
            cursor.position = ahead.position
            return true
        }

        // The sets of characters of swift-mustache's parser.
        static let blanks = CharacterClass(" \t")
        static let nameCharactersWithoutBrackets = CharacterClass(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
        static let sectionNameCharacters = CharacterClass(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
        static let partialNameCharacters = CharacterClass(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
    }
}
