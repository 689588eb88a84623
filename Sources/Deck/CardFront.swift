/// Card fronts: the context (section path without numbering; the top section is left out
/// when a subsection names the topic) and one question.
enum CardFront {
    static let genericDrillBack =
        "No talking points written: cover requirements, estimates, API, high-level design, deep dives, bottlenecks."

    static func context(_ section: [String]) -> String {
        context(titles: section.map(CardID.stripNumbering))
    }

    /// The context from the section's headings already without their numbering.
    static func context(titles: [String]) -> String {
        TextAssembly.join(titles.count > 1 ? titles.dropFirst() : titles[...], separator: " › ")
    }

    static func definition(_ term: String, section: [String]) -> String {
        definition(term, context: context(section))
    }

    /// With the section's context already computed (the parser does it once per section).
    /// Built in one allocation: this is the front of most cards of a big deck.
    static func definition(_ term: String, context: String) -> String {
        let explain = TextSearch.contains(term, " vs")
        if context.isEmpty { return explain ? "Explain \(term)" : "What is meant by \(term)?" }
        return explain ? TextAssembly.concatenate(context, ": explain ", term)
                       : TextAssembly.concatenate(context, ": what is meant by ", term, "?")
    }

    static func list(itemCount: Int, section: [String]) -> String {
        list(itemCount: itemCount, context: context(section))
    }

    static func list(itemCount: Int, context: String) -> String {
        let ask = itemCount == 1 ? "what is the key point?" : "name the \(itemCount) points."
        return prefixed(ask, context: context)
    }

    static func drill(_ name: String, section: [String]) -> String {
        drill(name, context: context(section))
    }

    static func drill(_ name: String, context: String) -> String {
        prefixed("\(name) — what would you cover?", context: context)
    }

    static func question(_ question: String, section: [String]) -> String {
        prefixed(question, section)
    }

    static func question(_ question: String, context: String) -> String {
        prefixed(question, context: context)
    }

    private static func prefixed(_ ask: String, _ section: [String]) -> String {
        prefixed(ask, context: context(section))
    }

    private static func prefixed(_ ask: String, context: String) -> String {
        context.isEmpty ? capitalizedFirst(ask) : "\(context): \(ask)"
    }

    private static func capitalizedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
