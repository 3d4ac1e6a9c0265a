import ArgumentParser
import Foundation

/// What the command line is checked for before ArgumentParser parses it: ArgumentParser keeps
/// the last of a repeated option, answers `help NAME` with the overview whatever NAME is, and
/// suggests nothing for a mistyped command; and Swift's `CommandLine.arguments` makes bytes that
/// are not UTF-8 into U+FFFD, so that a path of them named another file.
enum CommandLineCheck {
    /// Refuses an argument whose bytes (`CommandLine.unsafeArgv`'s, the program's name left out)
    /// are not UTF-8: `CommandLine.arguments` would give another path than the one given.
    ///
    /// - Throws: `ValidationError` naming the argument, its bad bytes escaped (exit 64).
    static func checkEncoding(_ arguments: [[UInt8]]) throws {
        for (index, bytes) in arguments.enumerated() where String(validating: bytes, as: UTF8.self) == nil {
            let shown = bytes.map { $0 < 0x80 && $0 >= 0x20 && $0 != 0x7F ? String(UnicodeScalar($0)) : String(format: "\\x%02x", $0) }.joined()
            throw ValidationError("argument \(index + 1), '\(shown)', is not UTF-8 text: rnnreport reads every path and value as "
                + "UTF-8, and would read this one as another; rename the file, or use a link to it whose name is UTF-8")
        }
    }

    /// The bytes of the process's arguments, the program's name left out.
    static var rawArguments: [[UInt8]] {
        (1 ..< Int(CommandLine.argc)).map { index in
            guard let argument = CommandLine.unsafeArgv[index] else { return [] }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: strlen(argument)))
        }
    }

    /// - Throws: `ValidationError` naming the problem (exit 64).
    static func check(_ arguments: [String], root: any ParsableCommand.Type) throws {
        guard let first = arguments.first else { return }
        let commands = root.configuration.subcommands
        let names = commands.map { $0._commandName }
        if first == "help" {
            // `help help` is ArgumentParser's help on its own help command.
            if arguments.count > 1, !arguments[1].hasPrefix("-"), !names.contains(arguments[1]), arguments[1] != "help" {
                throw ValidationError(unknownCommand(arguments[1], names: names))
            }
            return
        }
        if !first.hasPrefix("-") {
            guard let command = commands.first(where: { $0._commandName == first }) else {
                throw ValidationError(unknownCommand(first, names: names))
            }
            try checkRepeats(Array(arguments.dropFirst()), of: command)
        }
    }

    /// The message for a command that does not exist, with the nearest one when it is close.
    static func unknownCommand(_ name: String, names: [String]) -> String {
        var message = "unknown command '\(String(name.prefix(40)))'"
        if let nearest = names.min(by: { editDistance($0, name) < editDistance($1, name) }),
           editDistance(nearest, name) <= max(2, name.count / 3) {
            message += " (did you mean '\(nearest)'?)"
        }
        return message + "; the commands are \(names.joined(separator: ", "))"
    }

    /// Refuses an option that takes one value and is given more than once.
    static func checkRepeats(_ arguments: [String], of command: any ParsableCommand.Type) throws {
        // Options all spelled long and each once cannot repeat one: this skips reading the
        // command's description (about 3 ms at every start) for most command lines.
        let names = arguments.prefix { $0 != "--" }.filter { $0.hasPrefix("-") && $0.count > 1 }.map { $0.prefix { $0 != "=" } }
        if names.allSatisfy({ $0.hasPrefix("--") }), Set(names).count == names.count { return }
        let options = singleValueOptions(of: command)
        var seen: [String: Int] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" { break }
            guard argument.hasPrefix("-"), argument.count > 1 else { continue }
            let name = argument.hasPrefix("--")
                ? String(argument.prefix { $0 != "=" })
                : String(argument.prefix(2))
            guard let canonical = options[name] else { continue }
            seen[canonical, default: 0] += 1
            if seen[canonical] == 2 {
                throw ValidationError("\(canonical) is given more than once; give it once")
            }
            // The option's value follows unless it is attached (`--output=DIR`, `-oDIR`).
            let attached = argument.hasPrefix("--") ? argument.contains("=") : argument.count > 2
            if !attached { index += 1 }
        }
    }

    /// Every spelling (`--output`, `-o`) of each option that takes one value, mapped to its
    /// preferred spelling; read from ArgumentParser's own description of the command.
    static func singleValueOptions(of command: any ParsableCommand.Type) -> [String: String] {
        guard let json = try? JSONSerialization.jsonObject(with: Data(command._dumpHelp().utf8)) as? [String: Any],
              let description = json["command"] as? [String: Any],
              let arguments = description["arguments"] as? [[String: Any]]
        else { return [:] }
        var result: [String: String] = [:]
        for argument in arguments where argument["kind"] as? String == "option" && argument["isRepeating"] as? Bool == false {
            let spellings = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                guard let text = name["name"] as? String else { return nil }
                switch name["kind"] as? String {
                case "long": return "--" + text
                case "short", "longWithSingleDash": return "-" + text
                default: return nil
                }
            }
            guard let preferred = spellings.first(where: { $0.hasPrefix("--") }) ?? spellings.first else { continue }
            for spelling in spellings { result[spelling] = preferred }
        }
        return result
    }

    /// Levenshtein distance between two short words.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        // previous[j]: distance between the first i − 1 characters of a and the first j of b.
        var previous = Array(0 ... b.count)
        for i in a.indices {
            var current = [i + 1]
            for j in b.indices {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
