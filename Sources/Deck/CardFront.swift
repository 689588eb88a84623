/// Card fronts: the context (section path without numbering; the top section is left out
/// when a subsection names the topic) and one question.
enum CardFront {
    static let genericDrillBack =
        "No talking points written: cover requirements, estimates, API, high-level design, deep dives, bottlenecks."

    static func context(_ section: [String]) -> String {
        context(titles: section.map(CardID.stripNumbering))
    }

    /// The context from the section's headings already without their numbering: the
    /// path without its top heading, which names the whole topic; but when what is left
    /// is only generic words ("Advantages"), the nearest specific heading above is kept
    /// too ("Load balancing › Advantages").
    static func context(titles: [String]) -> String {
        let shown = titles[contextStart(titles)...]
        // On the last byte: a Character-level `hasSuffix` cost a tenth of the parse.
        guard shown.contains(where: { $0.utf8.last == UInt8(ascii: ":") }) else { return TextAssembly.join(shown, separator: " › ") }
        return TextAssembly.join(shown.map(withoutColon), separator: " › ")
    }

    /// "Step 3." and "Note:" as asked: the front ends with its own question mark.
    static func withoutStop(_ term: String) -> String {
        var term = Substring(term)
        while let last = term.utf8.last, last == UInt8(ascii: ".") || last == UInt8(ascii: ":") { term = term.dropLast() }
        return String(term)
    }

    /// "Use cases:" as a heading: a front adds its own colon after the context.
    static func withoutColon(_ title: String) -> String {
        title.utf8.last == UInt8(ascii: ":") ? String(title.dropLast()) : title
    }

    static func contextStart(_ titles: [String]) -> Int {
        var start = titles.count > 1 ? 1 : 0
        while start > 0, titles[start...].allSatisfy(GenericWords.isGeneric) { start -= 1 }
        return start
    }

    /// The whole path as context, for a card whose usual front another card of the deck
    /// shares (nil when the usual context is the whole path already).
    static func widened(_ front: String, section: [String]) -> String? {
        let titles = section.map { withoutColon(CardID.stripNumbering($0)) }
        // A card made from a heading's prose shows the context of the section above it.
        for candidate in [titles, Array(titles.dropLast())] where !candidate.isEmpty {
            let usual = context(titles: candidate)
            let whole = TextAssembly.join(candidate, separator: " › ")
            guard whole != usual, !usual.isEmpty, front.hasPrefix(usual) else { continue }
            return whole + front.dropFirst(usual.count)
        }
        // A front without context ("What is meant by …?") gets the whole path before it.
        guard !titles.isEmpty, let first = front.first, first.isUppercase,
              !titles.contains(where: { front.hasPrefix($0 + ":") }) else { return nil }
        return TextAssembly.join(titles, separator: " › ") + ": " + first.lowercased() + front.dropFirst()
    }

    static func definition(_ term: String, section: [String]) -> String {
        definition(term, context: context(section))
    }

    /// With the section's context already computed (the parser does it once per section).
    /// Built in one allocation: this is the front of most cards of a big deck.
    static func definition(_ term: String, context: String) -> String {
        // "Step 3" is a moment of a process: asked for what happens in it.
        if let label = NumberedPart.label(of: term), NumberedPart.moments.contains(label) {
            let step = withoutStop(term)
            return context.isEmpty ? "What happens in \(step)?" : TextAssembly.concatenate(context, ": what happens in ", step, "?")
        }
        // "Purpose" under "Indexing": the topic is asked for it.
        if !context.isEmpty, GenericWords.isAttribute(term) {
            return TextAssembly.concatenate(context, ": ", withoutStop(term).lowercased(), "?")
        }
        let explain = TextSearch.contains(term, " vs")
        let mark = term.utf8.last == UInt8(ascii: "?") ? "" : "?"  // "Lock?" is not asked "Lock??"
        if context.isEmpty { return explain ? "Explain \(term)" : "What is meant by \(term)\(mark)" }
        return explain ? TextAssembly.concatenate(context, ": explain ", term)
                       : TextAssembly.concatenate(context, ": what is meant by ", term, mark)
    }

    static func list(itemCount: Int, section: [String]) -> String {
        list(itemCount: itemCount, context: context(section))
    }

    /// `lead`: the sentence before the list that says what its points are.
    static func list(itemCount: Int, context: String, lead: String? = nil) -> String {
        prefixed(lead == nil ? "name the \(itemCount) points." : "name the \(itemCount).", context: context, lead: lead)
    }

    /// A numbered list: its order is asked too.
    static func steps(itemCount: Int, context: String, lead: String? = nil) -> String {
        prefixed(lead == nil ? "name the \(itemCount) steps \(inOrder)" : "name the \(itemCount) \(inOrder)",
                 context: context, lead: lead)
    }

    /// What a numbered list's front ends with (practice reads it to keep the order).
    static let inOrder = "in order."

    /// A list cut into parts of at most `ListParts.maximum` items: "name items 8-14 of 20.".
    static func listPart(_ part: Range<Int>, of total: Int, context: String, inOrder ordered: Bool = false,
                         lead: String? = nil) -> String {
        prefixed("name items \(part.lowerBound + 1)-\(part.upperBound) of \(total)" + (ordered ? " " + inOrder : "."),
                 context: context, lead: lead)
    }

    /// A list of one point cannot ask for "the key point" without a cue: it gives the
    /// point's first words and asks for the rest.
    static func singlePoint(_ item: String, context: String) -> String {
        prefixed("“\(opening(of: item)) …” — complete the point.", context: context)
    }

    /// The first few words of `text`: a third of them, one to four.
    static func opening(of text: String) -> String {
        let words = text.split(separator: " ")
        let count = words.count >= 4 ? min(4, max(2, words.count / 3)) : 1
        var opening = words.prefix(count).joined(separator: " ")
        while let last = opening.last, ",;:.".contains(last) { opening.removeLast() }
        return opening
    }

    /// "SLIs / SLOs / SLAs: how do SLI, SLO and SLA differ?"
    static func comparison(_ names: [String], context: String) -> String {
        prefixed(DerivedCards.question(names), context: context)
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

    /// With a list's lead: "Session Layer — Three kinds of attack target the session
    /// layer: name the 3."
    private static func prefixed(_ ask: String, context: String, lead: String?) -> String {
        guard let lead else { return prefixed(ask, context: context) }
        return context.isEmpty ? TextAssembly.concatenate(lead, ": ", ask) : TextAssembly.concatenate(context, " — ", lead, ": " + ask)
    }

    private static func capitalizedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
