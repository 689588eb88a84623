import Study
import Deck
import JSONText
import Store

/// Reads and checks a progress file in one pass over its bytes, with the result of
/// `JSONParser.parse` followed by `ImportValidator.validate` — the same document, or the
/// same syntax error, or the same problems in the same order — but without the tree of
/// the whole document: a million-review export made a tree of about 1 GB and took
/// seconds to build and walk. The four lists are checked element by element as they are
/// read (`ImportSections`); reviews in their usual form are read straight from the bytes
/// (`ReviewScanner`), and so are the cards a streamed import does not keep
/// (`CardScanner`). Everything else at the top (format, version, settings, the renames and
/// marks, keys this version does not know) is small and is kept as a tree for the validator.
struct ProgressReader {
    let validator: ImportValidator
    /// The top-level members other than the lists read element by element.
    private var top = JSONObject()
    private var cards = CardSection()
    private var reviews: ReviewSection?
    private var quizResults: QuizSection?
    private var drillResults: DrillSection?
    /// Whether the `cards` member has been read: records name cards, so the other lists
    /// are checked after it (a list before it, in a hand-made file, is read again later).
    private var cardsRead = false
    private var cardsStreamed = false

    static let lists: Set<String> = ["cards", "reviews", "quiz_results", "drill_results"]

    /// Where a streamed import or merge sends the reviews (`ProgressImport.streamed`,
    /// `ProgressImport.streamedMerge`).
    private let stream: (any ReviewSink)?

    /// With a `stream`, or `skippingKnownCards`, of the cards only those unknown here are
    /// kept (and all counted): the only ones an import writes (a history's 190,000 known
    /// cards and their texts were 120 MB of a merge's memory).
    init(localCards: KnownCards, stream: (any ReviewSink)? = nil, skippingKnownCards: Bool = false) {
        validator = ImportValidator(localCards: localCards)
        self.stream = stream
        if stream != nil || skippingKnownCards { cards.skipping = validator.localCards }
    }

    /// The document, or the syntax error or every problem. With a `stream`, the reviews go
    /// there as they are read (the document has none), repeated review IDs are not looked
    /// for, and of the cards only those unknown here are kept.
    static func read(bytes: JSONBytes, path: String, localCards: Set<CardID>) throws(ProgressError) -> ProgressDocument {
        try read(bytes: bytes, path: path, localCards: KnownCards(localCards))
    }

    static func read(bytes: JSONBytes, path: String, localCards: KnownCards, stream: (any ReviewSink)? = nil,
                     skippingKnownCards: Bool = false) throws(ProgressError) -> ProgressDocument {
        var cursor = JSONCursor(storage: bytes)
        cursor.skipWhitespace()
        guard cursor.next == UInt8(ascii: "{") else {
            // Not an object: nothing to read piece by piece, and the validator names the
            // problem ("$: expected an object").
            let root: JSONValue
            do {
                root = try cursor.readValue(depth: 0)
                try cursor.expectEnd()
            } catch {
                throw .malformedJSON(path: path, error: error)
            }
            do {
                return try ImportValidator(localCards: localCards).validate(root)
            } catch {
                throw .invalidDocument(path: path, problems: error.problems)
            }
        }
        var reader = ProgressReader(localCards: localCards, stream: stream, skippingKnownCards: skippingKnownCards)
        do {
            try reader.readDocument(&cursor)
        } catch {
            throw .malformedJSON(path: path, error: error)
        }
        do {
            return try reader.finish()
        } catch {
            throw .invalidDocument(path: path, problems: error.problems)
        }
    }

    /// The file's scheduler settings when they come before its first list, as an export
    /// writes them (nil otherwise, or when they are not valid): for a streamed import that
    /// replays with them (`--settings`) while the reviews are still being read. The whole
    /// read checks them again.
    static func leadingSettings(_ bytes: JSONBytes) -> ProgressDocument.Settings? {
        var cursor = JSONCursor(storage: bytes)
        cursor.skipWhitespace()
        guard cursor.next == UInt8(ascii: "{") else { return nil }
        var members = cursor.openObject()
        do {
            while let key = try cursor.nextKey(&members), !lists.contains(key) {
                let value = try cursor.readValue(depth: 1)
                guard key == "scheduler" else { continue }
                var checker = JSONChecker()
                return ImportValidator(localCards: KnownCards([])).readSettings(value, &checker)
            }
        } catch {}
        return nil
    }

    /// Reads the top-level object at the cursor and everything in it.
    private mutating func readDocument(_ cursor: inout JSONCursor) throws(JSONParseError) {
        var members = cursor.openObject()
        var later: [(key: String, position: Int)] = []
        while let key = try cursor.nextKey(&members) {
            guard Self.lists.contains(key), cursor.next == UInt8(ascii: "[") else {
                top.set(key, try cursor.readValue(depth: 1))
                if key == "cards" { cardsRead = true }
                continue
            }
            if key == "cards" {
                try readList(key, &cursor)
                cardsRead = true
            } else if cardsRead {
                try readList(key, &cursor)
            } else {
                // Only the syntax now; the records once the cards are known.
                later.append((key, cursor.position))
                try skipList(&cursor)
            }
        }
        try cursor.expectEnd()
        for (key, position) in later {
            var again = cursor
            again.position = position
            try readList(key, &again)
        }
    }

    /// Reads and checks the list at the cursor (its `[`), element by element.
    private mutating func readList(_ key: String, _ cursor: inout JSONCursor) throws(JSONParseError) {
        var elements = cursor.openArray()
        var index = 0
        switch key {
        case "cards":
            cardsStreamed = true
            let bytes = cursor.bytes
            while try cursor.nextElement(&elements) {
                // A card this database has, in its usual form, needs only checking.
                if let card = CardScanner.scan(bytes, from: cursor.position), cards.countSkipped(card.id, index: index) {
                    cursor.position = card.end
                } else {
                    cards.read(try cursor.readValue(depth: 2), index: index)
                }
                index += 1
                cursor.storage.readingPassed(cursor.position)
            }
        case "reviews":
            var section = ReviewSection(known: validator.knownCards(adding: cards))
            section.stream = stream
            let bytes = cursor.bytes
            while try cursor.nextElement(&elements) {
                try Self.readReview(&section, bytes, &cursor, index: index)
                index += 1
                cursor.storage.readingPassed(cursor.position)
            }
            reviews = section
        case "quiz_results":
            var section = QuizSection(known: validator.knownCards(adding: cards))
            while try cursor.nextElement(&elements) {
                section.read(try cursor.readValue(depth: 2), index: index)
                index += 1
                cursor.storage.readingPassed(cursor.position)
            }
            quizResults = section
        default:
            var section = DrillSection(known: validator.knownCards(adding: cards))
            while try cursor.nextElement(&elements) {
                section.read(try cursor.readValue(depth: 2), index: index)
                index += 1
                cursor.storage.readingPassed(cursor.position)
            }
            drillResults = section
        }
    }

    /// One review: from the bytes when it has the usual form and no problem, else as a
    /// tree through the same checks `ImportValidator` makes.
    private static func readReview(_ section: inout ReviewSection, _ bytes: UnsafeBufferPointer<UInt8>,
                                   _ cursor: inout JSONCursor, index: Int) throws(JSONParseError) {
        if let review = ReviewScanner.scan(bytes, from: cursor.position), section.known.contains(value: review.card) {
            let id = UnsafeBufferPointer(rebasing: bytes[review.idStart..<review.idStart + 36])
            // Streamed reviews are not looked up here: the log's unique index refuses a
            // repeated ID.
            if section.stream != nil || section.ids.firstIndex(ofNew: id, at: index) == nil {
                section.append(review, id: id)
                cursor.position = review.end
                return
            }
            // An ID given twice: the general way reports it (the table is unchanged).
        }
        section.read(try cursor.readValue(depth: 2), index: index)
    }

    /// Checks the syntax of the list at the cursor, keeping nothing.
    private func skipList(_ cursor: inout JSONCursor) throws(JSONParseError) {
        var elements = cursor.openArray()
        while try cursor.nextElement(&elements) {
            _ = try cursor.readValue(depth: 2)
            cursor.storage.readingPassed(cursor.position)
        }
    }

    /// The document, or every problem in the order `ImportValidator.validate` gives them.
    private func finish() throws(ImportProblems) -> ProgressDocument {
        try ImportValidator.checkFormat(top)
        var checker = JSONChecker()
        let exportedAt = checker.time(top["exported_at"], "$.exported_at")
        let settings = validator.readSettings(top["scheduler"], &checker)
        // A list that was missing or not a list: the section reports it.
        var cards = self.cards
        if !cardsStreamed { cards.readAll(top["cards"]) }
        let known = validator.knownCards(adding: cards)
        // Small, and a key the lists read element by element do not include: from the tree.
        var renames = RenameSection(known: known)
        renames.readAll(top["renames"])
        var marks = MarkSection(known: known)
        marks.readAll(top["marks"])
        var reviews = self.reviews ?? ReviewSection(known: known)
        if self.reviews == nil {
            reviews.stream = stream
            reviews.readAll(top["reviews"])
        }
        var quizResults = self.quizResults ?? QuizSection(known: known)
        if self.quizResults == nil { quizResults.readAll(top["quiz_results"]) }
        var drillResults = self.drillResults ?? DrillSection(known: known)
        if self.drillResults == nil { drillResults.readAll(top["drill_results"]) }
        var document = try ImportValidator.assemble(checker, exportedAt: exportedAt, settings: settings, cards: cards,
                                                    renames: renames, marks: marks, reviews: reviews, quizResults: quizResults,
                                                    drillResults: drillResults)
        document.cardsInFile = cards.count
        return document
    }
}
