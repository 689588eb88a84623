/// Second pass: turns the outline tree into cards with IDs, fronts and backs.
struct CardBuilder {
    let deck: String
    let file: String

    /// Headings that mark a drill section ("16. Case Studies & Mock Drills").
    static func isDrillSection(_ container: [String]) -> Bool {
        container.contains { heading in
            let lower = heading.lowercased()
            return TextSearch.contains(lower, "drill") || TextSearch.contains(lower, "case stud")
                || TextSearch.contains(lower, "exercise")
        }
    }

    /// Plain items waiting to become one list card per container.
    private struct ListGroup {
        let section: [String]
        var items: [String] = []
        let line: Int
        let order: Int
    }

    /// What every card of one section path shares, computed once per path: the path,
    /// the normalized ID prefix, the context shown on fronts, and the drill flag of its
    /// container. A 100k-card deck has ~10k paths, so this saves ~90% of that work.
    private struct SectionInfo {
        let path: [String]
        let idPrefix: CardID.SectionKey
        let context: String
        let isDrill: Bool
    }

    func cards(from tree: inout OutlineTree) throws(DeckError) -> [Card] {
        var cards: [Card] = []
        var groups: [ListGroup] = []
        var groupIndex: [[String]: Int] = [:]
        var firstLineOfID: [UInt64: Int] = [:]
        firstLineOfID.reserveCapacity(tree.order.count)
        cards.reserveCapacity(tree.order.count)
        var position = 0
        // Top-level bullets by container, children by parent: siblings share a path.
        var byContainer: [Int: SectionInfo] = [:]
        var byParent: [Int: SectionInfo] = [:]
        let deckKey = CardID.normalize(deck)

        func info(for path: [String], isDrill: Bool) -> SectionInfo {
            SectionInfo(path: path, idPrefix: CardID.SectionKey(normalizedDeck: deckKey, section: path),
                        context: CardFront.context(path), isDrill: isDrill)
        }

        func sectionInfo(of index: Int) -> SectionInfo {
            let node = tree.bullets[index]
            guard let parent = node.parent else {
                if let known = byContainer[node.containerID] { return known }
                let made = info(for: node.container, isDrill: Self.isDrillSection(node.container))
                byContainer[node.containerID] = made
                return made
            }
            if let known = byParent[parent] { return known }
            // A child shares its top bullet's container, so the drill flag is the container's.
            let containerInfo = byContainer[node.containerID]
            let made = info(for: sectionPath(of: index, in: tree),
                            isDrill: containerInfo?.isDrill ?? Self.isDrillSection(node.container))
            byParent[parent] = made
            return made
        }

        func add(kind: CardKind, section: [String], key: CardID.SectionKey, term: String, front: String, back: String,
                 items: [String] = [], line: Int, order: Int) throws(DeckError) {
            // Duplicates are found by the ID's number (cheaper to hash than its text).
            let hash = CardID.hash(key: key, kind: kind, term: term)
            if let first = firstLineOfID[hash] {
                throw .duplicateCard(path: file, line: line, firstPath: file, firstLine: first, term: term)
            }
            firstLineOfID[hash] = line
            let id = CardID(rawValue: CardID.hex(hash))
            cards.append(Card(id: id, deck: deck, section: section, kind: kind, term: term, front: front, back: back,
                              items: items, source: SourceLocation(file: file, line: line), order: order))
        }

        for item in tree.order {
            position += 1
            switch item {
            case .question(let index):
                let node = tree.questions[index]
                let back = node.answer.joined(separator: "\n")
                try add(kind: .question, section: node.container,
                        key: CardID.SectionKey(normalizedDeck: deckKey, section: node.container), term: node.question,
                        front: CardFront.question(node.question, section: node.container), back: back,
                        line: node.line, order: position)
            case .bullet(let index):
                let node = tree.bullets[index]
                let section = sectionInfo(of: index)
                // Children of a drill are its talking points, not cards of their own.
                if node.parent != nil, section.isDrill { continue }
                let text = node.text
                if Self.isCrossReference(text) { continue }

                if section.isDrill {
                    let split = TermSplitter.split(text)
                    let name = split?.term ?? Self.withoutFinalStop(TermSplitter.heading(of: text))
                    // Talking points: the enumeration after the colon and any child bullets.
                    let definition = split?.definition ?? ""
                    let points = Enumeration.items(of: definition) + node.children.map { tree.bullets[$0].text }
                    var back = definition
                    for child in node.children { back += (back.isEmpty ? "" : "\n") + "• " + tree.bullets[child].text }
                    try add(kind: .drill, section: section.path, key: section.idPrefix, term: name,
                            front: CardFront.drill(name, context: section.context),
                            back: back.isEmpty ? CardFront.genericDrillBack : back,
                            items: points, line: node.line, order: position)
                    continue
                }
                let split = TermSplitter.split(text)
                if let split, !split.definition.isEmpty {
                    try add(kind: .definition, section: section.path, key: section.idPrefix, term: split.term,
                            front: CardFront.definition(split.term, context: section.context), back: split.definition,
                            line: node.line, order: position)
                } else if node.children.isEmpty {
                    // A plain point: collected into its container's list card.
                    if let existing = groupIndex[section.path] {
                        groups[existing].items.append(text)
                    } else {
                        groupIndex[section.path] = groups.count
                        groups.append(ListGroup(section: section.path, items: [text], line: node.line, order: position))
                    }
                }
                // A parent without a definition makes no card itself; its children do.
            }
        }

        for group in groups {
            let name = group.section.last.map(CardID.stripNumbering) ?? deck
            try add(kind: .list, section: group.section, key: CardID.SectionKey(normalizedDeck: deckKey, section: group.section),
                    term: name, front: CardFront.list(itemCount: group.items.count, section: group.section),
                    back: group.items.map { "• " + $0 }.joined(separator: "\n"), items: group.items,
                    line: group.line, order: group.order)
        }
        cards.sort { $0.order < $1.order }
        return cards
    }

    /// The bullet's container plus its parents' names, outermost first.
    private func sectionPath(of index: Int, in tree: OutlineTree) -> [String] {
        var parents: [String] = []
        var cursor = tree.bullets[index].parent
        while let parent = cursor {
            parents.append(TermSplitter.heading(of: tree.bullets[parent].text))
            cursor = tree.bullets[parent].parent
        }
        var top = index
        while let parent = tree.bullets[top].parent { top = parent }
        return tree.bullets[top].container + parents.reversed()
    }

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

    static func withoutFinalStop(_ text: String) -> String {
        text.hasSuffix(".") && !text.hasSuffix("..") ? String(text.dropLast()) : text
    }
}
