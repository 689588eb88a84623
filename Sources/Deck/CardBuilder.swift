/// What every card of one section path shares, made once per path: the path, its
/// headings without numbering, the normalized ID prefix, the context shown on fronts, and
/// the drill flag of its container. A 100k-card deck has ~10k paths, so this saves ~90% of
/// that work. A class: every card and open bullet of the section shares one.
final class SectionInfo {
    let path: [String]
    /// `path` without outline numbering (`CardID.stripNumbering`).
    let titles: [String]
    let idPrefix: CardID.SectionKey
    let context: String
    let isDrill: Bool

    init(path: [String], titles: [String], idPrefix: CardID.SectionKey, isDrill: Bool) {
        self.path = path
        self.titles = titles
        self.idPrefix = idPrefix
        context = CardFront.context(titles: titles)
        self.isDrill = isDrill
    }

    /// The section one heading deeper (a parent bullet's name), in the same container.
    func appending(_ heading: String) -> SectionInfo {
        let title = CardID.stripNumbering(heading)
        return SectionInfo(path: path + [heading], titles: titles + [title], idPrefix: idPrefix.appending(title: title),
                           isDrill: isDrill)
    }
}

/// One heading in force, with what every section under it needs from it.
struct HeadingEntry {
    let level: Int
    let text: String
    let title: String
    /// The ID prefix of the path up to and including this heading.
    let key: CardID.SectionKey
    /// Whether this heading or one above it marks a drill section.
    let isDrill: Bool
}

/// A card known before its turn: cards are numbered and checked for duplicates in
/// document order, and a bullet can be decided before an earlier item is.
struct CardDraft {
    let kind: CardKind
    let section: SectionInfo
    let term: String
    let front: String
    let back: String
    var items: [String] = []
    let line: Int
    let order: Int
    var links: [String] = []
    /// Made from a heading and its prose: on a clash with another card it is left out
    /// instead of being a duplicate-card error (the heading was repeated, not a term).
    var optional = false
    /// The context its front shows, when not its section's (a heading's prose card shows
    /// the section above).
    var frontContext: String?
    /// For a derived card, the cards it is made from.
    var from: [CardID] = []
}

/// What one item (a bullet or a Q/A pair) of the outline gives.
enum ItemOutcome {
    case nothing
    case card(CardDraft)
    /// Several cards from one item (a cloze with several deletions).
    case cards([CardDraft])
    /// A plain point: an item of its section's list card.
    case listItem(section: SectionInfo, text: String, line: Int, order: Int, numbered: Bool)
}

/// Turns the outline's items into cards with IDs, fronts and backs. The reader decides
/// what each item is; this builds it, numbers nothing itself, and keeps what must last
/// to the end: the IDs seen (for duplicates) and the list cards' items.
struct CardBuilder {
    let deck: String
    let file: String
    /// The ID prefix of the deck itself (no headings).
    private let deckSection: CardID.SectionKey
    private var firstLineOfID = IDTable()
    private var groups: [ListGroup] = []
    private var groupIndex: [[String]: Int] = [:]
    private var lastGroup: (section: SectionInfo, index: Int)?
    /// Lists of a section path begun so far: a paragraph between two lists of one
    /// section makes them two cards, the second and later named "(list 2)"...
    private var listsBegun: [[String]: Int] = [:]
    /// The first duplicate card. It is reported when the whole outline has been read,
    /// because an error in the outline's structure, wherever it is, is reported first.
    private(set) var duplicate: DeckError?
    /// `duplicate != nil`, cheaper to test for every card.
    private var failed = false

    /// Plain items waiting to become one list card per section path.
    private struct ListGroup {
        let section: SectionInfo
        /// 1 for the section's first list.
        var number = 1
        /// A numbered list ("1. …"): its order is part of what is learned.
        var numbered = false
        var items: [String]
        let line: Int
        let order: Int
        /// The sentence before the list that says what its points are, shown on its front.
        var lead: String?
    }

    /// Leads (`setLead`) by the order of the first point of their list.
    private var leads: [Int: String] = [:]

    /// Blocks that made no card (reading lists are found here, the rest by the reader).
    private(set) var notes: [DeckNote] = []
    /// Whether definitions get reverse cards (front matter `reverse: false` turns it off).
    var makesReverses = true
    /// The definitions of the section being read, for comparisons once it ends.
    private var definitionGroup: (section: SectionInfo, cards: [Card])?

    /// `fileKey`: for a file of a folder deck, its path in the folder, so that every file
    /// is its own section root and the same term in two files is never a duplicate.
    init(deck: String, file: String, fileKey: String? = nil) {
        self.deck = deck
        self.file = file
        var key = CardID.SectionKey(normalizedDeck: CardID.normalize(deck))
        if let fileKey { key = key.appending(title: "\u{1}file " + fileKey) }
        deckSection = key
    }

    mutating func note(_ reason: DeckNote.Reason, line: Int, _ detail: String) {
        notes.append(DeckNote(file: file, line: line, reason: reason, detail: Self.excerpt(detail)))
    }

    /// At most about 60 characters of `text`, on one line.
    static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
        return line.count <= 60 ? line : String(line.prefix(59)) + "…"
    }

    // MARK: Sections

    /// `text` as the next heading under `parent` (nil: a top-level heading).
    func heading(_ source: String, level: Int, under parent: HeadingEntry?) -> HeadingEntry {
        let text = InlineMarkdown.text(source)
        let title = CardID.stripNumbering(text)
        return HeadingEntry(level: level, text: text, title: title, key: (parent?.key ?? deckSection).appending(title: title),
                            isDrill: (parent?.isDrill ?? false) || Self.isDrillHeading(text))
    }

    /// The section of top-level items under `headings` and a label.
    func section(headings: [HeadingEntry], label: String?) -> SectionInfo {
        var path = headings.map(\.text)
        var titles = headings.map(\.title)
        var key = headings.last?.key ?? deckSection
        var isDrill = headings.last?.isDrill ?? false
        if let label {
            let title = CardID.stripNumbering(label)
            path.append(label)
            titles.append(title)
            key = key.appending(title: title)
            isDrill = isDrill || Self.isDrillHeading(label)
        }
        return SectionInfo(path: path, titles: titles, idPrefix: key, isDrill: isDrill)
    }

    /// The section of a parent bullet's children: its path plus the parent's name. A
    /// child shares its top bullet's container, so the drill flag is the container's.
    func section(under parent: SectionInfo, parentText: BulletText, in file: UnsafeBufferPointer<UInt8>) -> SectionInfo {
        parent.appending(InlineMarkdown.text(parentText.heading(in: file)))
    }

    /// Headings that mark a drill section ("16. Case Studies & Mock Drills").
    static func isDrillSection(_ container: [String]) -> Bool {
        container.contains(where: isDrillHeading)
    }

    /// `isDrillSection([heading])`, on bytes when the heading is ASCII (lowercasing ASCII
    /// is lowercasing its bytes).
    static func isDrillHeading(_ heading: String) -> Bool {
        let ascii = heading.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard SimpleText.isASCII(bytes, 0..<bytes.count) else { return nil }
            return containsLowercased(bytes, "drill") || containsLowercased(bytes, "case stud") || containsLowercased(bytes, "exercise")
        }
        if let ascii, let ascii { return ascii }
        return isDrillSectionByCharacters([heading])
    }

    /// Whether ASCII `bytes`, lowercased, contain `pattern` (lowercase ASCII).
    private static func containsLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ pattern: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) {
            var matched = 0
            while matched < needle.count {
                let byte = bytes[start + matched]
                let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
                if lower != needle[matched] { break }
                matched += 1
            }
            if matched == needle.count { return true }
        }
        return false
    }

    static func isDrillSectionByCharacters(_ container: [String]) -> Bool {
        container.contains { heading in
            let lower = heading.lowercased()
            return TextSearch.contains(lower, "drill") || TextSearch.contains(lower, "case stud")
                || TextSearch.contains(lower, "exercise")
        }
    }

    // MARK: Items

    /// A bullet outside drill sections: a definition card, a point of its section's list
    /// card (no definition, no children), or nothing (a parent without a definition, whose
    /// children are the cards, or a cross reference). `file`: the bytes `text` may be in.
    func bullet(_ text: BulletText, in file: UnsafeBufferPointer<UInt8>, line: Int, order: Int, section: SectionInfo,
                hasChildren: Bool, numbered: Bool = false) -> ItemOutcome {
        if text.isCrossReference(in: file) { return .nothing }
        if let split = text.split(in: file), !split.definition.isEmpty,
           let draft = definition(term: split.term, definition: split.definition, line: line, order: order, section: section) {
            return .card(draft)
        }
        return hasChildren ? .nothing : .listItem(section: section, text: text.string(in: file), line: line, order: order,
                                                  numbered: numbered)
    }

    /// A definition card from the Markdown of a term and its definition, rendered; nil when
    /// either renders to nothing (an image, a bare tag).
    func definition(term source: String, definition: String, line: Int, order: Int, section: SectionInfo) -> CardDraft? {
        let term = InlineMarkdown.render(source)
        let back = InlineMarkdown.render(definition)
        guard !term.text.isEmpty, !back.text.isEmpty else { return nil }
        return CardDraft(kind: .definition, section: section, term: term.text,
                         front: CardFront.definition(term.text, context: section.context), back: back.text,
                         line: line, order: order, links: Self.merged(term.links, back.links))
    }

    /// A heading defined by the prose under it: the heading's title is the term, `answer`
    /// (the opening of its paragraph, `Sentences.opening`) the answer. The card is in the
    /// heading's section (`section`, so `--section` finds it there); its front shows the
    /// context of the section above (`parent`), as the heading's own name is the question.
    /// A heading that asks ("How does DNS resolve a name?", "How it works") is asked as written.
    func prose(heading: HeadingEntry, answer: String, links: [String], line: Int, order: Int, section own: SectionInfo,
               parent: SectionInfo) -> ItemOutcome {
        // "Overview", "References": a heading that introduces a text defines nothing.
        guard !answer.isEmpty, !heading.title.isEmpty, !GenericWords.isIntroduction(heading.title) else { return .nothing }
        let section = SectionInfo(path: own.path, titles: own.titles,
                                  idPrefix: parent.idPrefix.appending(title: "\u{1}prose"), isDrill: parent.isDrill)
        let term = Self.headingTerm(heading.title)
        guard !term.isEmpty else { return .nothing }
        // "When to use" is an attribute of the topic above ("Caching: when to use?"), as a bullet's would be.
        let asked = !GenericWords.isAttribute(term) && Announcements.isAsking(term)
        return .card(CardDraft(kind: asked ? .question : .definition, section: section, term: term,
                               front: asked ? CardFront.question(term, context: parent.context)
                                            : CardFront.definition(term, context: parent.context),
                               back: answer, line: line, order: order, links: links, optional: true, frontContext: parent.context))
    }

    /// A heading's title as a term: "## Consume:" names "Consume", and "## 2013 - Persistence"
    /// (its year taken as numbering) names "Persistence".
    static func headingTerm(_ title: String) -> String {
        var term = Substring(CardFront.withoutColon(title))
        for dash in ["- ", "– ", "— "] where term.hasPrefix(dash) { term = term.dropFirst(dash.count) }
        return String(term).trimmingSpaces()
    }

    static func merged(_ first: [String], _ second: [String]) -> [String] {
        var links = first
        for link in second where !links.contains(link) { links.append(link) }
        return links
    }

    /// A top-level bullet of a drill section: the drill, with the enumeration after its
    /// colon and its child bullets as talking points.
    func drill(_ text: BulletText, in file: UnsafeBufferPointer<UInt8>, line: Int, order: Int, section: SectionInfo,
               children: [BulletText]) -> ItemOutcome {
        if text.isCrossReference(in: file) { return .nothing }
        let simple = text.isSimple
        let split = text.split(in: file)
        let name = InlineMarkdown.text(split?.term ?? Self.withoutFinalStop(text.heading(in: file), simple: simple))
        let rendered = InlineMarkdown.render(split?.definition ?? "")
        let definition = rendered.text
        let childTexts = children.map { InlineMarkdown.text($0.string(in: file)) }.filter { !$0.isEmpty }
        let points = Enumeration.items(of: definition, simple: simple) + childTexts
        var back = definition
        for child in childTexts { back += (back.isEmpty ? "" : "\n") + "• " + child }
        return .card(CardDraft(kind: .drill, section: section, term: name, front: CardFront.drill(name, context: section.context),
                               back: back.isEmpty ? CardFront.genericDrillBack : back, items: points, line: line, order: order,
                               links: rendered.links))
    }

    func question(_ source: String, answer: [String], line: Int, order: Int, section: SectionInfo) -> ItemOutcome {
        let question = InlineMarkdown.render(source)
        let back = InlineMarkdown.render(TextAssembly.join(answer, separator: "\n"))
        return .card(CardDraft(kind: .question, section: section, term: question.text,
                               front: CardFront.question(question.text, context: section.context), back: back.text,
                               line: line, order: order, links: Self.merged(question.links, back.links)))
    }

    /// The cards of a `C:` cloze: one per `[deletion]`, which its front hides (`[…]`) while
    /// showing the others; the back is the hidden text. The front is the term, so each
    /// deletion is its own card.
    func cloze(_ source: String, line: Int, order: Int, section: SectionInfo) -> ItemOutcome {
        let deletions = ClozeDeletions.ranges(in: source)
        let drafts: [CardDraft] = deletions.indices.compactMap { hidden in
            var masked = ""
            var rest = source.startIndex
            for (index, deletion) in deletions.enumerated() {
                masked += source[rest..<deletion.lowerBound]
                // Brackets escaped so the rendering keeps them as text.
                masked += index == hidden ? "\\[…\\]" : String(source[source.index(after: deletion.lowerBound)..<source.index(before: deletion.upperBound)])
                rest = deletion.upperBound
            }
            masked += source[rest...]
            let front = InlineMarkdown.render(masked)
            let deletion = deletions[hidden]
            let back = InlineMarkdown.render(String(source[source.index(after: deletion.lowerBound)..<source.index(before: deletion.upperBound)]))
            guard !front.text.isEmpty, !back.text.isEmpty else { return nil }
            return CardDraft(kind: .question, section: section, term: front.text,
                             front: CardFront.question(front.text, context: section.context), back: back.text,
                             line: line, order: order, links: Self.merged(front.links, back.links))
        }
        return drafts.isEmpty ? .nothing : .cards(drafts)
    }

    /// A question card and, `bothWays`, its reverse (the answer asked, the question
    /// answered), made from the first as a definition's reverse is.
    func twoWay(_ question: String, answer: String, bothWays: Bool, line: Int, order: Int, section: SectionInfo) -> ItemOutcome {
        guard case .card(let forward) = self.question(question, answer: [answer], line: line, order: order, section: section),
              !forward.term.isEmpty, !forward.back.isEmpty else { return .nothing }
        guard bothWays else { return .card(forward) }
        let forwardID = CardID(number: CardID.hash(key: section.idPrefix, kind: .question, term: forward.term))
        var backward = CardDraft(kind: .reverse, section: section, term: forward.back,
                                 front: CardFront.question(forward.back, context: section.context), back: forward.term,
                                 line: line, order: order, links: forward.links)
        backward.from = [forwardID]
        return .cards([forward, backward])
    }

    // MARK: Cards

    /// The card of `draft`, or nil once a duplicate has been found (the first one is kept
    /// in `duplicate`; nothing after it counts).
    mutating func add(_ draft: consuming CardDraft) -> Card? {
        guard !failed else { return nil }
        // Duplicates are found by the ID's number (cheaper to hash than its text).
        let hash = CardID.hash(key: draft.section.idPrefix, kind: draft.kind, term: draft.term)
        if let first = firstLineOfID.insert(hash, line: draft.line) {
            if draft.optional { return nil }
            failed = true
            duplicate = .duplicateCard(path: file, line: draft.line, firstPath: file, firstLine: first, term: draft.term)
            return nil
        }
        return Card(id: CardID(number: hash), deck: deck, section: draft.section.path, kind: draft.kind,
                    term: draft.term, front: draft.front, back: draft.back, items: draft.items,
                    source: SourceLocation(file: file, line: draft.line), order: draft.order, links: draft.links,
                    from: draft.from)
    }

    // MARK: Cards made from cards

    /// The cards made from `card` (just added from `draft`), numbered at `order`: its
    /// reverse, and the comparisons of the section before when `card` begins another one.
    mutating func derived(from draft: CardDraft, card: Card, order: Int) -> [Card] {
        guard card.kind == .definition else { return [] }
        var made: [Card] = []
        if let group = definitionGroup, group.section.path != draft.section.path {
            made += comparisons(order: order)
        }
        if definitionGroup == nil { definitionGroup = (draft.section, []) }
        definitionGroup!.cards.append(card)
        if makesReverses, let reverse = DerivedCards.reverse(of: card, context: draft.frontContext ?? draft.section.context),
           let number = reverse.id.wellFormedNumber, firstLineOfID.insert(number, line: card.source.line) == nil {
            made.append(reverse)
        }
        return made
    }

    /// The comparisons of the section being read, which ends here (numbered at `order`).
    mutating func comparisons(order: Int) -> [Card] {
        guard let group = definitionGroup else { return [] }
        definitionGroup = nil
        var made: [Card] = []
        for comparison in DerivedCards.comparisons(among: group.cards, title: group.section.titles.last) {
            let names = comparison.members.map { DerivedCards.shortName($0.term) }
            let back = comparison.members.map { "\($0.term): \($0.back)" }.joined(separator: "\n")
            let draft = CardDraft(kind: .comparison, section: group.section, term: comparison.name,
                                  front: CardFront.comparison(names, context: group.section.context), back: back, items: names,
                                  line: comparison.members[0].source.line, order: order, optional: true,
                                  from: comparison.members.map(\.id))
            if let card = add(draft) { made.append(card) }
        }
        return made
    }

    /// "L4 vs. L7 Load Balancers" over the point "L4 (TCP-level), L7 (HTTP-level)": a
    /// comparison made from the list card.
    private mutating func pointsComparison(of list: Card, section: SectionInfo, order: Int) -> Card? {
        guard let title = section.titles.last, let parts = DerivedCards.partsFromPoints(title: title, points: list.items) else { return nil }
        let names = parts.map(\.name)
        let draft = CardDraft(kind: .comparison, section: section, term: names.joined(separator: " vs. "),
                              front: CardFront.comparison(names, context: section.context),
                              back: parts.map { "\($0.name): \($0.text)" }.joined(separator: "\n"), items: names,
                              line: list.source.line, order: order, optional: true, from: [list.id])
        return add(draft)
    }

    mutating func addListItem(_ text: String, section: SectionInfo, line: Int, order: Int, numbered: Bool = false) {
        // Points of one list follow each other, sharing one section: no lookup for those.
        if let last = lastGroup, last.section === section {
            groups[last.index].items.append(text)
        } else if let existing = groupIndex[section.path] {
            groups[existing].items.append(text)
            lastGroup = (section, existing)
        } else {
            groupIndex[section.path] = groups.count
            lastGroup = (section, groups.count)
            let number = (listsBegun[section.path] ?? 0) + 1
            listsBegun[section.path] = number
            groups.append(ListGroup(section: section, number: number, numbered: numbered, items: [text], line: line, order: order,
                                    lead: leads.removeValue(forKey: order)))
        }
    }

    /// `lead` ("Three kinds of attack target the session layer") introduces the list whose
    /// first point is the item numbered `order`: its front shows it. Unused when that item
    /// is not a point (a definition, a parent) or joins a list begun before.
    mutating func setLead(_ lead: String, forItemAt order: Int) {
        leads[order] = lead
    }

    /// A block between lists (a paragraph, a table, code): the next plain points of any
    /// section begin a new list card.
    mutating func endLists() {
        groupIndex.removeAll(keepingCapacity: true)
        lastGroup = nil
    }

    /// One list card per section path with plain points, in the order the paths first
    /// appeared; they come after every other card, as the outline is only then complete.
    mutating func listCards() -> [Card] {
        var cards: [Card] = []
        groups: for group in groups {
            if ReadingList.isReadingList(group.items) {
                note(.readingList, line: group.line, "\(group.items.count) links: " + InlineMarkdown.text(group.items[0]))
                continue
            }
            let path = group.section.path
            var name = path.last.map(CardID.stripNumbering) ?? deck
            if group.number > 1 { name += " (list \(group.number))" }
            var items: [String] = []
            var links: [String] = []
            for item in group.items {
                let rendered = InlineMarkdown.render(item)
                if rendered.text.isEmpty { continue }
                items.append(rendered.text)
                links = Self.merged(links, rendered.links)
            }
            if items.isEmpty {
                note(.image, line: group.line, InlineMarkdown.text(group.items[0]))
                continue
            }
            for part in ListParts.split(items.count) {
                let partItems = Array(items[part])
                // A section's second list says so, or its front would be the first one's.
                let context = group.number > 1 ? group.section.context + " (list \(group.number))" : group.section.context
                let front: String
                if items.count == 1 {
                    front = CardFront.singlePoint(items[0], context: context)
                } else if part.count == items.count {
                    front = group.numbered ? CardFront.steps(itemCount: items.count, context: context, lead: group.lead)
                                           : CardFront.list(itemCount: items.count, context: context, lead: group.lead)
                } else {
                    front = CardFront.listPart(part, of: items.count, context: context, inOrder: group.numbered, lead: group.lead)
                }
                // The first part keeps the whole list's term, so its ID is the list's.
                let term = part.lowerBound == 0 ? name : "\(name) (items \(part.lowerBound + 1)-\(part.upperBound))"
                let draft = CardDraft(kind: .list, section: group.section, term: term, front: front,
                                      back: TextAssembly.join(partItems, separator: "\n", itemPrefix: "• "), items: partItems,
                                      line: group.line, order: group.order, links: links)
                guard let card = add(draft) else { break groups }
                cards.append(card)
                if items.count == part.count, let comparison = pointsComparison(of: card, section: group.section, order: group.order) {
                    cards.append(comparison)
                }
            }
        }
        groups = []
        groupIndex = [:]
        lastGroup = nil
        listsBegun = [:]
        leads = [:]
        return cards
    }

    // MARK: Text rules

    /// `(Covered above in Core Fundamentals.)`: a pointer, not knowledge.
    static func isCrossReference(_ text: String) -> Bool {
        guard text.hasPrefix("("), text.hasSuffix(")") || text.hasSuffix(").") else { return false }
        // Only when the parentheses wrap the whole bullet.
        var depth = 0
        for (offset, character) in text.enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" {
                depth -= 1
                if depth == 0 && offset < text.count - 2 { return false }
            }
        }
        return true
    }

    /// `isCrossReference(_:)` on the bytes of simple text (offsets count scalars, which
    /// are its Characters).
    static func isCrossReferenceSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count >= 1, bytes[0] == UInt8(ascii: "(") else { return false }
        let close = UInt8(ascii: ")")
        guard bytes[count - 1] == close || (count >= 2 && bytes[count - 2] == close && bytes[count - 1] == UInt8(ascii: "."))
        else { return false }
        let characters = SimpleText.characterCount(bytes, 0..<count)
        var depth = 0
        var offset = 0
        for index in 0..<count where bytes[index] & 0xC0 != 0x80 {
            if bytes[index] == UInt8(ascii: "(") { depth += 1 }
            if bytes[index] == close {
                depth -= 1
                if depth == 0 && offset < characters - 2 { return false }
            }
            offset += 1
        }
        return true
    }

    static func withoutFinalStop(_ text: String) -> String {
        text.hasSuffix(".") && !text.hasSuffix("..") ? String(text.dropLast()) : text
    }

    static func withoutFinalStop(_ text: String, simple: Bool) -> String {
        guard simple else { return withoutFinalStop(text) }
        return SimpleText.withBytes(text) { bytes in
            let count = bytes.count
            let dot = UInt8(ascii: ".")
            guard count >= 1, bytes[count - 1] == dot, count < 2 || bytes[count - 2] != dot else { return text }
            return SimpleText.string(bytes, 0..<(count - 1))
        }
    }
}
