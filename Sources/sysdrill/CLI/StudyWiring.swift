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

    /// `--section` as a filter, refusing a filter that matches nothing (a typo should
    /// not look like "nothing due").
    func sectionFilter(_ invocation: Invocation, store: StudyStore, includeRetired: Bool = false) throws -> SectionFilter? {
        guard let text = invocation.value("section") else { return nil }
        let filter = SectionFilter(text)
        guard !filter.text.isEmpty else {
            throw UsageError("--section needs a section number (3, 3.4) or a word from a heading", command: invocation.commandName)
        }
        let cards = try store.cards(includeRetired: includeRetired)
        if !cards.contains(where: { filter.matches($0.card) }) {
            let headings = Array(Set(cards.flatMap(\.card.section)))
            throw UsageError("--section '\(text)' matches no card" + Suggestion.didYouMean(text, in: headings)
                             + "; try a number such as 3.4 or a word from a heading", command: invocation.commandName)
        }
        return filter
    }
}
