import Store

/// `--only NAME` (repeatable): the decks a command looks at, named as `sysdrill decks`
/// lists them (the built-in `system-design` included), or a deck whose cards came in by
/// `import` only.
enum DeckSelection {
    static let option = OptionSpec("only", .value, valueName: "NAME", repeatable: true,
                                   help: "only this deck's cards (a name from 'sysdrill decks'; repeatable)")

    /// The decks named by `--only`, or every deck. An unknown name is a usage error with a
    /// guess and the list of decks. A disabled deck is refused where its cards could not
    /// show anyway (`allowDisabled: false`: review, due, quiz), so an empty queue never
    /// hides the reason; cards, stats and export show a disabled deck's cards as they do
    /// without `--only`.
    static func scope(_ invocation: Invocation, store: StudyStore, allowDisabled: Bool) throws -> DeckScope {
        let wanted = invocation.values("only")
        guard !wanted.isEmpty else { return .every }
        let names = try store.deckNames()
        var chosen: [String] = []
        for name in wanted {
            guard !name.isEmpty else {
                throw UsageError("--only needs a deck name; decks: " + names.joined(separator: ", "), command: invocation.commandName)
            }
            guard names.contains(name) else {
                throw UsageError("--only '\(name)' is no deck (decks: " + names.joined(separator: ", ") + ")"
                                 + Suggestion.didYouMean(name, in: names), command: invocation.commandName)
            }
            if !chosen.contains(name) { chosen.append(name) }
        }
        if !allowDisabled {
            let disabled = try store.disabledDecks()
            if let off = chosen.first(where: disabled.contains) {
                throw UsageError("--only '\(off)': the deck is disabled, so its cards are in no queue or quiz; "
                                 + "'sysdrill decks enable \(off)' turns it on", command: invocation.commandName)
            }
        }
        return DeckScope(chosen)
    }
}
