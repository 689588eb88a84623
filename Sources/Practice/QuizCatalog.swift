import Deck

/// What a quiz knows of every card it may ask about or offer as an option, without the
/// cards' text: the ID, kind, deck, section path (each distinct one kept once), term,
/// whether its back can be an option and that back's length. A card is read whole
/// (`card(_:)`) only when a question is made from it or its back is chosen as an option.
/// Holding every written card whole (100k of 190k cards) took `quiz` to 109 MB.
public struct QuizCatalog {
    struct Entry {
        let id: CardID
        let term: String
        let deck: Int32
        let section: Int32
        let backLength: Int32
        let kind: CardKind
        let canBeOption: Bool
    }

    private(set) var entries: [Entry] = []
    private var decks: [String] = []
    private var deckNumbers: [String: Int32] = [:]
    private var sections: [[String]] = []
    private var sectionNumbers: [[String]: Int32] = [:]
    private let read: (Int, CardID) -> Card?

    /// A catalog to be filled with `add`; `read` reads a card whole again, given its
    /// number (the n-th added) and its ID.
    public init(reading read: @escaping (Int, CardID) -> Card?) {
        self.read = read
    }

    /// A catalog of cards in hand (tests, small decks): reading one is taking it.
    public init(_ cards: [Card]) {
        read = { index, _ in cards[index] }
        entries.reserveCapacity(cards.count)
        for card in cards { add(card) }
    }

    public var count: Int { entries.count }

    /// Adds the next card, in the order the quiz draws from.
    public mutating func add(_ card: Card) {
        entries.append(Entry(id: card.id, term: card.term, deck: number(of: card.deck), section: number(of: card.section),
                             backLength: Int32(clamping: card.back.count), kind: card.kind,
                             canBeOption: DistractorPicker.canBeOption(card)))
    }

    /// Card `index` whole; nil when it can no longer be read.
    public func card(_ index: Int) -> Card? { read(index, entries[index].id) }

    func deck(_ index: Int) -> String { decks[Int(entries[index].deck)] }
    func section(_ index: Int) -> [String] { sections[Int(entries[index].section)] }

    /// The numbers of the cards in `card`'s deck and section path, in catalog order: one
    /// pass comparing two numbers per card (a typed question's siblings).
    func cards(inSectionOf card: Card) -> [Int] {
        guard let deck = deckNumbers[card.deck], let section = sectionNumbers[card.section] else { return [] }
        return entries.indices.filter { entries[$0].deck == deck && entries[$0].section == section }
    }

    /// The number of a card's deck, and of its deck's section path; a deck's cards come
    /// together, so the last one is looked at first.
    private mutating func number(of deck: String) -> Int32 {
        if let last = decks.last, last == deck { return Int32(decks.count - 1) }
        if let known = deckNumbers[deck] { return known }
        decks.append(deck)
        deckNumbers[deck] = Int32(decks.count - 1)
        return Int32(decks.count - 1)
    }

    private mutating func number(of section: [String]) -> Int32 {
        if let last = sections.last, last == section { return Int32(sections.count - 1) }
        if let known = sectionNumbers[section] { return known }
        sections.append(section)
        sectionNumbers[section] = Int32(sections.count - 1)
        return Int32(sections.count - 1)
    }
}
