/// Second pass: turns the outline tree into cards with IDs, fronts and backs.
struct CardBuilder {
    let deck: String
    let file: String

    /// Headings that mark a drill section ("16. Case Studies & Mock Drills").
    static func isDrillSection(_ container: [String]) -> Bool {
        container.contains { heading in
            let lower = heading.lowercased()
            return lower.contains("drill") || lower.contains("case stud") || lower.contains("exercise")
        }
    }

    /// Plain items waiting to become one list card per container.
    private struct ListGroup {
        let section: [String]
        var items: [String] = []
        let line: Int
        let order: Int
    }

    func cards(from tree: inout OutlineTree) throws(DeckError) -> [Card] {
        var cards: [Card] = []
        var groups: [ListGroup] = []
        var groupIndex: [[String]: Int] = [:]
        var firstLineOfID: [CardID: Int] = [:]
        var position = 0

        func add(kind: CardKind, section: [String], term: String, front: String, back: String,
                 items: [String] = [], line: Int, order: Int) throws(DeckError) {
            let id = CardID(deck: deck, section: section, kind: kind, term: term)
            if let first = firstLineOfID[id] {
                throw .duplicateCard(path: file, line: line, firstPath: file, firstLine: first, term: term)
            }
            firstLineOfID[id] = line
            cards.append(Card(id: id, deck: deck, section: section, kind: kind, term: term, front: front, back: back,
                              items: items, source: SourceLocation(file: file, line: line), order: order))
        }

        for item in tree.order {
            position += 1
            switch item {
            case .question(let index):
                let node = tree.questions[index]
                let back = node.answer.joined(separator: "\n")
                try add(kind: .question, section: node.container, term: node.question,
                        front: CardFront.question(node.question, section: node.container), back: back,
                        line: node.line, order: position)
            case .bullet(let index):
                let node = tree.bullets[index]
                // Children of a drill are its talking points, not cards of their own.
                if let parent = node.parent, Self.isDrillSection(tree.bullets[parent].container) { continue }
                let section = sectionPath(of: index, in: tree)
                let text = node.text
                if Self.isCrossReference(text) { continue }

                if Self.isDrillSection(node.container) {
                    let split = TermSplitter.split(text)
                    let name = split?.term ?? Self.withoutFinalStop(TermSplitter.heading(of: text))
                    // Talking points: the enumeration after the colon and any child bullets.
                    let definition = split?.definition ?? ""
                    let points = Enumeration.items(of: definition) + node.children.map { tree.bullets[$0].text }
                    var back = definition
                    for child in node.children { back += (back.isEmpty ? "" : "\n") + "• " + tree.bullets[child].text }
                    try add(kind: .drill, section: section, term: name, front: CardFront.drill(name, section: section),
                            back: back.isEmpty ? CardFront.genericDrillBack : back,
                            items: points, line: node.line, order: position)
                    continue
                }
                let split = TermSplitter.split(text)
                if let split, !split.definition.isEmpty {
                    try add(kind: .definition, section: section, term: split.term,
                            front: CardFront.definition(split.term, section: section), back: split.definition,
                            line: node.line, order: position)
                } else if node.children.isEmpty {
                    // A plain point: collected into its container's list card.
                    if let existing = groupIndex[section] {
                        groups[existing].items.append(text)
                    } else {
                        groupIndex[section] = groups.count
                        groups.append(ListGroup(section: section, items: [text], line: node.line, order: position))
                    }
                }
                // A parent without a definition makes no card itself; its children do.
            }
        }

        for group in groups {
            let name = group.section.last.map(CardID.stripNumbering) ?? deck
            try add(kind: .list, section: group.section, term: name,
                    front: CardFront.list(itemCount: group.items.count, section: group.section),
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
