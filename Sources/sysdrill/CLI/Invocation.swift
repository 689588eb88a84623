/// A parsed command line: which command, its positional arguments and option values.
struct Invocation: Sendable {
    /// Command path, e.g. ["decks", "add"]; empty for bare `sysdrill`.
    let path: [String]
    let positionals: [String]
    /// Option name -> values in order given (a flag has one empty value per use).
    let options: [String: [String]]

    var commandName: String { path.isEmpty ? "sysdrill" : "sysdrill " + path.joined(separator: " ") }

    func flag(_ name: String) -> Bool { options[name] != nil }
    func value(_ name: String) -> String? { options[name]?.last }
    func values(_ name: String) -> [String] { options[name] ?? [] }

    /// An integer option within `range`, or nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text.filter { $0 != "_" }), range.contains(number) else {
            throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'", command: commandName)
        }
        return number
    }

    /// A choice among fixed words, or nil when absent.
    func choice(_ name: String, from allowed: [String]) throws -> String? {
        guard let text = value(name) else { return nil }
        guard allowed.contains(text) else {
            var message = "--\(name) must be one of \(allowed.joined(separator: ", ")), got '\(text)'"
            if let guess = Suggestion.closest(to: text, in: allowed) { message += "; did you mean '\(guess)'?" }
            throw UsageError(message, command: commandName)
        }
        return text
    }
}

/// A problem with the command line (exit 64).
struct UsageError: Error, CustomStringConvertible {
    let message: String
    /// The command whose `--help` explains the fix.
    let command: String

    init(_ message: String, command: String = "sysdrill") {
        self.message = message
        self.command = command
    }

    var description: String { message }
}
