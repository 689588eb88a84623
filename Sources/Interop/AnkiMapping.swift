import Deck
import Scheduling
import Store

/// What an Anki collection becomes in sysdrill, decided without touching a database:
/// decks of cards, each card's tags, and the review log.
///
/// - The top level of Anki's deck name is the sysdrill deck; its subdecks are the card's
///   section path (`Systems::Caching::Redis` → deck `Systems`, section `Caching › Redis`).
/// - A card of a standard note type asks the fields its question template shows and
///   answers with the fields its answer template adds (Basic: Front → Back). A second
///   card that asks what the first answers is its reverse (Basic and reversed).
/// - A cloze card hides its deletion and answers with it (plus the note's other fields).
/// - IDs come from the note's GUID and the card's ordinal; review IDs from the revlog ID.
/// - Ease 1-4 is quality 1, 3, 4, 5; entries without a grade (manual reschedules, ease 0)
///   are skipped and counted.
public struct AnkiCardMapper {
    /// An Anki card as sysdrill has it: a card of a deck with the note's tags, or the
    /// reason it is left out.
    public enum Mapped {
        case card(Card, tags: [String])
        case skipped(reason: String)
    }

    private let notetypes: [Int64: AnkiCollection.Notetype]
    private let decks: [Int64: String]
    /// Each card's position among those imported, across decks.
    private var order = 0
    /// The first cards (ordinal 0) imported so far, by their IDs' value: a reverse of a
    /// skipped first card stands alone. Cards come in note order, so a note's first card
    /// comes before its reverse (8 bytes a note; kept by ID, as notes may share a GUID).
    private var firstCardsImported = Set<UInt64>()

    public init(notetypes: [Int64: AnkiCollection.Notetype], decks: [Int64: String]) {
        self.notetypes = notetypes
        self.decks = decks
    }

    /// Maps the next card, in note order (`AnkiCollection.forEachCard`). Each card's source
    /// location is its note's GUID (as `anki note GUID`) and its card number (ordinal + 1),
    /// which stay the same whichever file the collection came in.
    public mutating func map(_ ankiCard: AnkiCollection.Card, note: AnkiCollection.Note?) -> Mapped {
        guard let note else { return .skipped(reason: "its note is missing") }
        guard let notetype = notetypes[note.notetypeID] else { return .skipped(reason: "its note type is missing") }
        guard let sides = AnkiMapping.sides(of: ankiCard, note: note, notetype: notetype) else {
            return .skipped(reason: "nothing to ask after rendering (empty field or unknown template)")
        }
        let path = (decks[ankiCard.deckID] ?? "Default").splitting(on: "::").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        let id = CardID(foreign: ["anki", note.guid, String(ankiCard.ordinal)])
        if ankiCard.ordinal == 0, let value = id.wellFormedNumber { firstCardsImported.insert(value) }
        let first = CardID(foreign: ["anki", note.guid, "0"])
        let reverses = sides.reverseOfOrdinal != nil && first.wellFormedNumber.map(firstCardsImported.contains) == true
        let from = reverses ? [first] : []
        order += 1
        let card = Card(id: id, deck: path.first ?? "Default", section: Array(path.dropFirst()), kind: reverses ? .reverse : .question,
                        term: sides.front, front: sides.front, back: sides.back, items: [],
                        source: SourceLocation(file: "anki note " + note.guid, line: ankiCard.ordinal + 1), order: order,
                        from: from)
        return .card(card, tags: note.tags)
    }
}

public enum AnkiMapping {
    /// Calls `body` with the review each graded revlog entry of an imported card becomes,
    /// in revlog order, as the log is read; returns why the others were left out, with how
    /// many. `card` gives the card an Anki card became (nil: skipped, or not in the file),
    /// and `wasSkipped` whether an Anki card was in the file but skipped.
    public static func forEachReview(_ collection: AnkiCollection, card: (Int64) -> CardID?, wasSkipped: (Int64) -> Bool,
                                     _ body: (ReviewRecord) throws -> Void) throws -> [String: Int] {
        var skipped: [String: Int] = [:]
        try collection.forEachRevlogEntry { entry in
            guard (1...4).contains(entry.ease), entry.type <= 3 else {
                skipped["manual reschedule or other entry without a grade", default: 0] += 1
                return
            }
            guard let card = card(entry.cardID) else {
                skipped[wasSkipped(entry.cardID) ? "its card was skipped" : "its card was deleted in Anki", default: 0] += 1
                return
            }
            try body(ReviewRecord(id: reviewID(revlogID: entry.id), cardID: card, at: entry.id / 1000,
                                  grade: quality(ease: entry.ease), durationMs: entry.milliseconds))
        }
        return skipped
    }

    /// Anki's four buttons as sysdrill's qualities: again 1, hard 3, good 4, easy 5.
    public static func quality(ease: Int) -> Quality {
        Quality(rawValue: [1, 3, 4, 5][ease - 1])!
    }

    /// A UUID-shaped review ID made from the revlog ID (milliseconds), so the same Anki
    /// review always merges into the same log entry: `616e6b69` ("anki"), then the revlog
    /// ID's 16 hex digits spread over the rest with version and variant digits 8.
    public static func reviewID(revlogID: Int64) -> String {
        let hex = String(UInt64(bitPattern: revlogID), radix: 16)
        let digits = Array(String(repeating: "0", count: 16 - hex.count) + hex)
        return "616e6b69-" + String(digits[0..<4]) + "-8000-8000-" + String(digits[4..<16])
    }

    /// The revlog ID a review ID of `reviewID(revlogID:)` was made from.
    public static func revlogID(reviewID: String) -> Int64? {
        let parts = reviewID.split(separator: "-")
        guard parts.count == 5, parts[0] == "616e6b69", parts[2] == "8000", parts[3] == "8000" else { return nil }
        return UInt64(parts[1] + parts[4], radix: 16).map { Int64(bitPattern: $0) }
    }

    struct Sides {
        let front: String
        let back: String
        /// For the second direction of a two-way note: the ordinal of the card it reverses.
        let reverseOfOrdinal: Int?
    }

    static func sides(of card: AnkiCollection.Card, note: AnkiCollection.Note, notetype: AnkiCollection.Notetype) -> Sides? {
        func field(_ name: String) -> String {
            guard let index = notetype.fields.firstIndex(of: name), index < note.fields.count else { return "" }
            return note.fields[index]
        }
        func text(_ names: [String]) -> String {
            names.map { AnkiFieldText.render(field($0)) }.filter { !$0.isEmpty }.joined(separator: "\n")
        }
        if notetype.isCloze {
            let template = notetype.templates.first ?? (question: "{{cloze:Text}}", answer: "")
            let clozeFields = clozeFieldNames(template.question, notetype: notetype)
            let source = clozeFields.map(field).joined(separator: "\n")
            guard AnkiCloze.numbers(in: source).contains(card.ordinal + 1) else { return nil }
            let rendered = AnkiCloze.render(source, hiding: card.ordinal + 1)
            let extra = text(AnkiTemplate.fieldNames(in: template.answer).filter { !clozeFields.contains($0) })
            let front = AnkiFieldText.render(rendered.front)
            let back = [AnkiFieldText.render(rendered.back), extra].filter { !$0.isEmpty }.joined(separator: "\n")
            return front.isEmpty || back.isEmpty ? nil : Sides(front: front, back: back, reverseOfOrdinal: nil)
        }
        guard card.ordinal < notetype.templates.count else { return nil }
        let template = notetype.templates[card.ordinal]
        let asked = AnkiTemplate.fieldNames(in: template.question)
        var answered = AnkiTemplate.fieldNames(in: template.answer).filter { !asked.contains($0) }
        if answered.isEmpty { answered = notetype.fields.filter { !asked.contains($0) } }
        let front = text(asked), back = text(answered)
        guard !front.isEmpty, !back.isEmpty else { return nil }
        // The reverse of card 0: it asks what card 0 answers and answers what card 0 asks.
        var reverseOf: Int?
        if card.ordinal > 0, let first = notetype.templates.first {
            let firstAsked = AnkiTemplate.fieldNames(in: first.question)
            let firstAnswered = AnkiTemplate.fieldNames(in: first.answer).filter { !firstAsked.contains($0) }
            if Set(asked) == Set(firstAnswered), Set(answered) == Set(firstAsked) { reverseOf = 0 }
        }
        return Sides(front: front, back: back, reverseOfOrdinal: reverseOf)
    }

    /// The fields a cloze template deletes from (`{{cloze:Text}}`), else the first field.
    static func clozeFieldNames(_ question: String, notetype: AnkiCollection.Notetype) -> [String] {
        var names: [String] = []
        var rest = Substring(question)
        while let marker = rest.firstRange(of: "{{cloze:") {
            guard let close = rest[marker.upperBound...].firstRange(of: "}}") else { break }
            names.append(String(rest[marker.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return names.isEmpty ? Array(notetype.fields.prefix(1)) : names
    }
}

extension String {
    func splitting(on separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }

    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
