import Deck
import Scheduling
import Store
import Study
import Review
import Practice
import Progress
import Terminal

/// Builds the study objects a command needs from the context: configuration, calendar,
/// clock and today's queue.
extension AppContext {
    func configuration(_ store: StudyStore) throws -> StudyConfiguration {
        let (configuration, problems) = try StudyConfiguration.loadReportingProblems(from: store)
        for problem in problems { note(errorStyle.yellow("warning:") + " " + problem) }
        return configuration
    }

    func calendar(_ configuration: StudyConfiguration) -> StudyCalendar {
        StudyCalendar(rolloverHour: configuration.rolloverHour)
    }

    var clock: SystemClock { SystemClock(fixedNow: fixedNow) }

    /// Line mode on the standard streams: answers from stdin (read with read(2), never
    /// `readLine()`), results and events to stdout, messages to stderr.
    func lineChannel() -> LineChannel {
        let reader = LineReader(fileDescriptor: 0)
        return LineChannel(readLine: { (try? reader.nextLine()) ?? nil }, output: { self.stdout.write($0) },
                           message: { self.note($0) }, json: json)
    }

    /// `--section` as a filter over the cards of `decks` (`--only`), refusing a filter that
    /// matches nothing (a typo should not look like "nothing due"), with a guess among the
    /// words of those cards' headings, labels and parent terms.
    func sectionFilter(_ invocation: Invocation, store: StudyStore, decks: DeckScope = .every,
                       includeRetired: Bool = false) throws -> SectionFilter? {
        guard let text = invocation.value("section") else { return nil }
        let filter = SectionFilter(text)
        guard !filter.text.isEmpty else {
            throw UsageError("--section needs a section number (3, 3.4) or a word from a heading", command: invocation.commandName)
        }
        var matchedDecks: [String] = []
        var words = Set<String>()
        // A heading it names is found among the section paths; only a filter that names
        // none (a term, or a typo to suggest for) reads every card, and `--verbose`, which
        // says every deck it matches.
        let headingMatch = try store.sectionPaths(includeRetired: includeRetired, decks: decks).contains { filter.matches($0.section) }
        if !headingMatch || verbose {
            // The words to suggest from, each path and term taken once (cards share both).
            var seenPaths = Set<[String]>(), seenTerms = Set<String>()
            try store.forEachCard(includeRetired: includeRetired, decks: decks) { stored in
                if filter.matches(stored.card) {
                    if !matchedDecks.contains(stored.card.deck) { matchedDecks.append(stored.card.deck) }
                } else if matchedDecks.isEmpty {
                    if seenPaths.insert(stored.card.section).inserted { words.formUnion(SectionFilter.words(of: stored.card.section)) }
                    let term = SectionFilter.term(of: stored.card)
                    if seenTerms.insert(term).inserted { words.formUnion(SectionFilter.words(of: [term])) }
                }
            }
        }
        let inDecks = decks.names.map { " in " + $0.map { "'\($0)'" }.joined(separator: ", ") } ?? ""
        if matchedDecks.isEmpty && !headingMatch {
            throw UsageError("--section '\(text)' matches no card\(inDecks) (give a section number such as 3.4, or a word "
                             + "of a heading, label or term)" + Suggestion.didYouMean(filter.text, in: words.sorted()),
                             command: invocation.commandName)
        }
        // The word may name a deck too (`--section caching` beside the user's caching.md):
        // sections are matched inside every deck, never the deck's name.
        if decks.isEvery, try store.decks().contains(where: { $0.name == filter.text }) {
            note("note: --section matches headings, labels and terms, never a deck name; "
                 + "'--only \(filter.text)' selects the deck '\(filter.text)'")
        }
        if verbose && matchedDecks.count > 1 {
            note("--section '\(text)' matches cards of \(matchedDecks.count) decks (\(matchedDecks.joined(separator: ", "))); "
                 + "--only NAME keeps one")
        }
        return filter
    }
}
