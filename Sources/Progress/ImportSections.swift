import Study
import Deck
import JSONText
import Scheduling
import Store
import Timekeeping

// The lists of a progress file, each checked one element at a time: by
// `ImportValidator` on a parsed tree, and by `ProgressReader` as it reads the file. Each
// section keeps its own problems, which the validator puts in the document's order.

/// `$.cards`.
struct CardSection {
    private(set) var cards: [ProgressDocument.ExportedCard] = []
    /// Valid cards read, kept or not.
    private(set) var count = 0
    /// Cards not to keep (a streamed import keeps only the ones it inserts: a history's
    /// 100,000 known cards and their texts would be most of its memory).
    var skipping = KnownCards([])
    private(set) var checker = JSONChecker()
    /// By the ID's value (`KnownCards.value`; `cardID` only accepts well-formed IDs).
    private var firstIndex: [UInt64: Int] = [:]

    /// The whole list from a tree (or the problem that it is missing or not a list).
    mutating func readAll(_ value: JSONValue?) {
        guard let values = checker.array(value, "$.cards", of: "cards") else { return }
        for (index, value) in values.enumerated() { read(value, index: index) }
    }

    mutating func read(_ value: JSONValue, index: Int) {
        func path() -> String { "$.cards[\(index)]" }
        guard let object = checker.object(value, path()) else { return }
        let id = checker.cardID(object["id"], path() + ".id")
        if let id, let value = KnownCards.value(id) {
            if let first = firstIndex[value] {
                checker.report(path() + ".id", "card \(id) appears twice (also at $.cards[\(first)])")
            } else {
                firstIndex[value] = index
            }
        }
        let deck = checker.string(object["deck"], path() + ".deck", nonEmpty: true)
        let section = checker.strings(object["section"], path() + ".section")
        let kind = checker.choice(object["kind"], path() + ".kind", from: CardKind.allCases.map(\.rawValue)).flatMap(CardKind.init(rawValue:))
        let term = checker.string(object["term"], path() + ".term")
        let front = checker.string(object["front"], path() + ".front")
        let back = checker.string(object["back"], path() + ".back")
        let items = object["items"] == nil ? [] : checker.strings(object["items"], path() + ".items")
        var source = SourceLocation(file: "(imported)", line: 0)
        if let value = object["source"], let sourceObject = checker.object(value, path() + ".source") {
            let file = checker.string(sourceObject["file"], path() + ".source.file")
            let line = checker.integer(sourceObject["line"], path() + ".source.line", in: 0...Int64(Int32.max))
            if let file, let line { source = SourceLocation(file: file, line: Int(line)) }
        }
        var position: Int64 = 0
        if let value = object["position"] { position = checker.integer(value, path() + ".position", in: 0...Int64(Int32.max)) ?? 0 }
        let retired = checker.bool(object["retired"], path() + ".retired")
        Self.checkState(object["state"], path() + ".state", &checker)
        guard let id, let deck, let section, let kind, let term, let front, let back, let items, let retired else { return }
        count += 1
        if skipping.contains(id) { return }
        let card = Card(id: id, deck: deck, section: section, kind: kind, term: term, front: front, back: back, items: items,
                        source: source, order: Int(position))
        cards.append(ProgressDocument.ExportedCard(card: card, retired: retired))
    }

    /// Counts a card `CardScanner` found valid, if it is one not to keep and its ID is
    /// new (false: the caller reads it the general way, which keeps it or reports the
    /// repeated ID).
    mutating func countSkipped(_ value: UInt64, index: Int) -> Bool {
        guard skipping.contains(value: value), firstIndex[value] == nil else { return false }
        firstIndex[value] = index
        count += 1
        return true
    }

    /// The state is informational (the import replays the log), but a file that claims
    /// to be an export should hold what an export holds.
    private static func checkState(_ value: JSONValue?, _ path: @autoclosure () -> String, _ checker: inout JSONChecker) {
        guard value != .null else { return }
        guard let object = checker.object(value, path()) else { return }
        if let phase = object["phase"] { _ = checker.choice(phase, path() + ".phase", from: Phase.allCases.map(\.rawValue)) }
        _ = checker.time(object["due"], path() + ".due")
        _ = checker.integer(object["reps"], path() + ".reps", in: 0...Int64.max)
        _ = checker.integer(object["lapses"], path() + ".lapses", in: 0...Int64.max)
        if let last = object["last_review"], last != .null { _ = checker.time(last, path() + ".last_review") }
        if let interval = object["interval_d"] { _ = checker.integer(interval, path() + ".interval_d", in: 0...Int64.max) }
        let sm2 = object["sm2"], fsrs = object["fsrs"]
        if sm2 != .null, let memory = checker.object(sm2, path() + ".sm2") {
            _ = checker.integer(memory["n"], path() + ".sm2.n", in: 0...Int64.max)
            _ = checker.number(memory["ef"], path() + ".sm2.ef", in: 1.3...1_000)
            _ = checker.integer(memory["interval_d"], path() + ".sm2.interval_d", in: 0...Int64.max)
            if let loop = memory["extra_loop"] { _ = checker.bool(loop, path() + ".sm2.extra_loop") }
        }
        if fsrs != .null, let memory = checker.object(fsrs, path() + ".fsrs") {
            _ = checker.choice(memory["state"], path() + ".fsrs.state", from: [Phase.learning, .review, .relearning].map(\.rawValue))
            if memory["step"] != .null { _ = checker.integer(memory["step"], path() + ".fsrs.step", in: 0...Int64.max) }
            _ = checker.number(memory["stability"], path() + ".fsrs.stability", in: 0...Double.greatestFiniteMagnitude)
            _ = checker.number(memory["difficulty"], path() + ".fsrs.difficulty", in: 1...10)
        }
    }
}

/// `$.renames`: cards whose history moved to another card on the exporting machine. A
/// file from before renames were exported has none, and that is no problem. The list is
/// small (one entry per renamed term), so it is read from a tree in both readers.
struct RenameSection {
    let known: KnownCards
    private(set) var renames: [CardRename] = []
    private(set) var checker = JSONChecker()
    /// Where each old card was first renamed, by the ID's value.
    private var firstIndex: [UInt64: Int] = [:]

    init(known: KnownCards) {
        self.known = known
    }

    mutating func readAll(_ value: JSONValue?) {
        guard let value else { return }
        guard let values = checker.array(value, "$.renames", of: "renames") else { return }
        for (index, value) in values.enumerated() { read(value, index: index) }
    }

    mutating func read(_ value: JSONValue, index: Int) {
        func path() -> String { "$.renames[\(index)]" }
        guard let object = checker.object(value, path()) else { return }
        let old = checker.reference(object["old"], path() + ".old", known: known)
        let new = checker.reference(object["new"], path() + ".new", known: known)
        let at = checker.eventTime(object["at"], path() + ".at")
        var repeated = false
        if let old, let value = KnownCards.value(old) {
            if let first = firstIndex[value] {
                checker.report(path() + ".old", "card \(old) is renamed twice (also at $.renames[\(first)])")
                repeated = true
            } else {
                firstIndex[value] = index
            }
        }
        if let old, let new, old == new {
            checker.report(path() + ".new", "card \(new) cannot be renamed to itself")
            return
        }
        guard let old, let new, let at, !repeated else { return }
        renames.append(CardRename(old: old, new: new, at: at))
    }
}

/// `$.marks`: suspends and flags, set or cleared, each with the time of that change. A file
/// from before marks were exported has none, and that is no problem. Small (at most two per
/// card), so it is read from a tree in both readers.
struct MarkSection {
    let known: KnownCards
    private(set) var marks: [CardMarkRecord] = []
    private(set) var checker = JSONChecker()
    /// Where each card's mark was first given.
    private var firstIndex: [String: Int] = [:]

    init(known: KnownCards) {
        self.known = known
    }

    mutating func readAll(_ value: JSONValue?) {
        guard let value else { return }
        guard let values = checker.array(value, "$.marks", of: "marks") else { return }
        for (index, value) in values.enumerated() { read(value, index: index) }
    }

    mutating func read(_ value: JSONValue, index: Int) {
        func path() -> String { "$.marks[\(index)]" }
        guard let object = checker.object(value, path()) else { return }
        let card = checker.reference(object["card"], path() + ".card", known: known)
        let mark = checker.choice(object["mark"], path() + ".mark", from: CardMark.allCases.map(\.rawValue)).flatMap(CardMark.init(rawValue:))
        let isSet = checker.bool(object["set"], path() + ".set")
        let at = checker.eventTime(object["at"], path() + ".at")
        guard let card, let mark, let isSet, let at else { return }
        let key = card.rawValue + " " + mark.rawValue
        if let first = firstIndex[key] {
            checker.report(path(), "card \(card) has a \(mark.rawValue) mark twice (also at $.marks[\(first)])")
            return
        }
        firstIndex[key] = index
        marks.append(CardMarkRecord(cardID: card, mark: mark, isSet: isSet, at: at))
    }
}

/// `$.reviews`, collected packed (`ReviewBatch`): a history can hold a million.
struct ReviewSection {
    let known: KnownCards
    private(set) var batch = ReviewBatch()
    var checker = JSONChecker()
    /// Where each review ID was first seen, for the "appears twice" problem.
    var ids = ReviewIDs()
    /// The batch's number of each card, by the card ID's value.
    private var cardNumbers: [UInt64: Int32] = [:]
    /// When set, valid reviews go there instead of into `batch`, and repeated IDs are left
    /// to the log's unique index.
    var stream: (any ReviewSink)?

    init(known: KnownCards) {
        self.known = known
    }

    mutating func readAll(_ value: JSONValue?) {
        guard let values = checker.array(value, "$.reviews", of: "reviews") else { return }
        for (index, value) in values.enumerated() { read(value, index: index) }
    }

    mutating func read(_ value: JSONValue, index: Int) {
        func path() -> String { "$.reviews[\(index)]" }
        guard let object = checker.object(value, path()) else { return }
        var id: String?
        if let text = object["id"]?.stringValue, RandomIdentifiers.isUUID(text) {
            id = text
            if stream == nil, let first = ids.firstIndex(ofNew: text, at: index) {
                checker.report(path() + ".id", "review \(text) appears twice (also at $.reviews[\(first)])")
            }
        } else {
            checker.mismatch(object["id"], path() + ".id", expected: "a UUID such as \"1b4e28ba-2fa1-41d2-883f-0016d3cca427\"")
        }
        let card = checker.reference(object["card"], path() + ".card", known: known)
        let at = checker.eventTime(object["at"], path() + ".at")
        let grade = checker.integer(object["grade"], path() + ".grade", in: 0...5).flatMap { Quality(rawValue: Int($0)) }
        let duration = checker.integer(object["duration_ms"], path() + ".duration_ms", in: ImportLimits.durationRange)
        guard var id, let card, let at, let grade, let duration else { return }
        if let stream {
            id.withUTF8 { stream.add(id: $0, card: KnownCards.value(card)!, at: at, grade: grade.rawValue, durationMs: duration) }
            return
        }
        let number = cardNumber(KnownCards.value(card)!)
        id.withUTF8 { batch.append(id: $0, card: number, at: at, grade: grade, durationMs: duration) }
    }

    /// The batch's number for the card whose ID has the value `value` (its 16 hex digits).
    mutating func cardNumber(_ value: UInt64) -> Int32 {
        if let number = cardNumbers[value] { return number }
        let number = batch.cardNumber(KnownCards.cardID(value))
        cardNumbers[value] = number
        return number
    }

    /// Adds a review read by `ReviewScanner` (whose card is known and whose ID is new).
    mutating func append(_ review: ReviewScanner.Review, id: UnsafeBufferPointer<UInt8>) {
        if let stream {
            stream.add(id: id, card: review.card, at: review.at, grade: review.grade, durationMs: review.durationMs)
            return
        }
        batch.append(id: id, card: cardNumber(review.card), at: review.at, grade: Quality(rawValue: review.grade)!,
                     durationMs: review.durationMs)
    }
}

/// `$.quiz_results`.
struct QuizSection {
    let known: KnownCards
    private(set) var results: [QuizResultRecord] = []
    private(set) var checker = JSONChecker()
    private var firstIndex: [String: Int] = [:]

    init(known: KnownCards) {
        self.known = known
    }

    mutating func readAll(_ value: JSONValue?) {
        guard let values = checker.array(value, "$.quiz_results", of: "quiz answers") else { return }
        for (index, value) in values.enumerated() { read(value, index: index) }
    }

    mutating func read(_ value: JSONValue, index: Int) {
        func path() -> String { "$.quiz_results[\(index)]" }
        guard let object = checker.object(value, path()) else { return }
        let id = checker.uniqueID(object["id"], path() + ".id", what: "quiz answer", list: "$.quiz_results", index: index,
                                  seen: &firstIndex)
        let session = checker.string(object["session"], path() + ".session")
        let at = checker.eventTime(object["at"], path() + ".at")
        let mode = checker.choice(object["mode"], path() + ".mode", from: ["choice", "typed", "cloze", "estimate"])
        let card = checker.optionalReference(object["card"], path() + ".card", known: known)
        let prompt = checker.string(object["prompt"], path() + ".prompt")
        let expected = checker.string(object["expected"], path() + ".expected")
        let given = checker.string(object["given"], path() + ".given")
        let correct = checker.bool(object["correct"], path() + ".correct")
        let duration = checker.integer(object["duration_ms"], path() + ".duration_ms", in: ImportLimits.durationRange)
        // An estimate's kind came with version 8 of the database: older exports have none.
        var kind: String?? = .some(nil)
        if let value = object["kind"], value != .null { kind = checker.string(value, path() + ".kind", nonEmpty: true).map { .some($0) } }
        guard let id, let session, let at, let mode, let card, let prompt, let expected, let given, let correct, let duration,
              let kind else { return }
        results.append(QuizResultRecord(id: id, sessionID: session, at: at, mode: mode, cardID: card, prompt: prompt,
                                        expected: expected, given: given, correct: correct, durationMs: duration, kind: kind))
    }
}

/// `$.drill_results`.
struct DrillSection {
    let known: KnownCards
    private(set) var drills: [DrillResultRecord] = []
    private(set) var checker = JSONChecker()
    private var firstIndex: [String: Int] = [:]

    init(known: KnownCards) {
        self.known = known
    }

    mutating func readAll(_ value: JSONValue?) {
        guard let values = checker.array(value, "$.drill_results", of: "drills") else { return }
        for (index, value) in values.enumerated() { read(value, index: index) }
    }

    mutating func read(_ value: JSONValue, index: Int) {
        func path() -> String { "$.drill_results[\(index)]" }
        guard let object = checker.object(value, path()) else { return }
        let id = checker.uniqueID(object["id"], path() + ".id", what: "drill", list: "$.drill_results", index: index,
                                  seen: &firstIndex)
        let card = checker.optionalReference(object["card"], path() + ".card", known: known)
        let name = checker.string(object["name"], path() + ".name")
        let minutes = checker.integer(object["minutes"], path() + ".minutes", in: 1...Int64(Int32.max))
        let started = checker.eventTime(object["started_at"], path() + ".started_at")
        let updated = checker.eventTime(object["updated_at"], path() + ".updated_at")
        let phase = checker.integer(object["phase"], path() + ".phase", in: 0...Int64(Int32.max))
        let elapsed = checker.integer(object["elapsed_s"], path() + ".elapsed_s", in: 0...Int64.max)
        var scores: [Int]?
        if let values = checker.array(object["phase_scores"], path() + ".phase_scores", of: "scores 0-3") {
            let read = values.enumerated().map { checker.integer($1, path() + ".phase_scores[\($0)]", in: 0...3) }
            if read.allSatisfy({ $0 != nil }) { scores = read.map { Int($0!) } }
        }
        var total: Double?? = .some(nil)
        if object["total"] != .null { total = checker.number(object["total"], path() + ".total", in: 0...100).map { .some($0) } }
        let status = checker.choice(object["status"], path() + ".status", from: DrillResultRecord.Status.allCases.map(\.rawValue))
            .flatMap(DrillResultRecord.Status.init(rawValue:))
        // Notes and coverage came with version 8 of the database: older exports have neither.
        let notes = object["notes"] == nil ? "[]" : readNotes(object["notes"], path() + ".notes")
        var coverage: (covered: Int, points: Int)?? = .some(nil)
        if let value = object["coverage"], value != .null {
            coverage = nil
            if let pair = checker.object(value, path() + ".coverage") {
                let points = checker.integer(pair["points"], path() + ".coverage.points", in: 0...1000)
                let covered = checker.integer(pair["covered"], path() + ".coverage.covered", in: 0...(points ?? 1000))
                if let points, let covered { coverage = .some((Int(covered), Int(points))) }
            }
        }
        guard let id, let card, let name, let minutes, let started, let updated, let phase, let elapsed, let scores,
              let total, let status, let notes, let coverage else { return }
        drills.append(DrillResultRecord(id: id, cardID: card, name: name, minutes: Int(minutes), startedAt: started,
                                        updatedAt: updated, phase: Int(phase), elapsedSeconds: elapsed, phaseScores: scores,
                                        total: total, status: status, notesJSON: notes, referenceCovered: coverage?.covered,
                                        referencePoints: coverage?.points))
    }

    /// `[{"phase": "requirements", "probe": 1, "text": "..."}]` checked, as the JSON text the store keeps.
    private mutating func readNotes(_ value: JSONValue?, _ path: String) -> String? {
        guard let values = checker.array(value, path, of: "notes") else { return nil }
        var notes: [JSONValue] = []
        for (index, value) in values.enumerated() {
            guard let note = checker.object(value, path + "[\(index)]") else { return nil }
            let phase = checker.string(note["phase"], path + "[\(index)].phase", nonEmpty: true)
            let text = checker.string(note["text"], path + "[\(index)].text")
            var object: JSONObject = [:]
            if let phase { object.set("phase", .string(phase)) }
            if let probe = note["probe"], probe != .null {
                guard let number = checker.integer(probe, path + "[\(index)].probe", in: 1...1000) else { return nil }
                object.set("probe", .integer(number))
            }
            guard phase != nil, let text else { return nil }
            object.set("text", .string(text))
            notes.append(.object(object))
        }
        return JSONValue.array(notes).serialized()
    }
}

// MARK: Shared pieces

extension JSONChecker {
    mutating func cardID(_ value: JSONValue?, _ path: @autoclosure () -> String) -> CardID? {
        guard let text = value?.stringValue, CardID.isWellFormed(text) else {
            mismatch(value, path(), expected: "a card ID of 16 lowercase hex digits")
            return nil
        }
        return CardID(rawValue: text)
    }

    /// A card ID that must be in the file or known here.
    mutating func reference(_ value: JSONValue?, _ path: @autoclosure () -> String, known: KnownCards) -> CardID? {
        guard let id = cardID(value, path()) else { return nil }
        guard known.contains(id) else {
            report(path(), "card \(id) is neither among this file's cards nor in your decks")
            return nil
        }
        return id
    }

    /// Like `reference`, but null is allowed (generated questions have no card):
    /// `.some(nil)` is a valid null, `nil` an invalid value.
    mutating func optionalReference(_ value: JSONValue?, _ path: @autoclosure () -> String, known: KnownCards) -> CardID?? {
        if value == .null { return .some(nil) }
        return reference(value, path(), known: known).map { .some($0) }
    }

    /// A non-empty ID not used earlier in the same list.
    mutating func uniqueID(_ value: JSONValue?, _ path: @autoclosure () -> String, what: String, list: String, index: Int,
                           seen: inout [String: Int]) -> String? {
        guard let id = string(value, path(), nonEmpty: true) else { return nil }
        if let first = seen[id] {
            report(path(), "\(what) \(id) appears twice (also at \(list)[\(first)])")
            return nil
        }
        seen[id] = index
        return id
    }

    mutating func strings(_ value: JSONValue?, _ path: @autoclosure () -> String) -> [String]? {
        guard let values = array(value, path(), of: "strings") else { return nil }
        let read = values.enumerated().map { string($1, path() + "[\($0)]") }
        return read.allSatisfy { $0 != nil } ? read.compactMap { $0 } : nil
    }
}

/// The card IDs records may name, as the numbers their 16 hex digits spell: a set of
/// integers is much cheaper to build and to ask than a set of strings, and only a
/// well-formed ID can ever match (a reference must be one).
struct KnownCards {
    private var values: Set<UInt64> = []

    init<Cards: Collection<CardID>>(_ cards: Cards) {
        values.reserveCapacity(cards.count)
        for card in cards {
            if let value = Self.value(card) { values.insert(value) }
        }
    }

    /// Every card the database has (active or retired), read one at a time: a set of
    /// 100,000 ID strings would be 15 MB.
    static func cards(of store: StudyStore) throws -> KnownCards {
        var known = KnownCards([])
        try store.forEachCardID { known.insert($0) }
        return known
    }

    mutating func insert(_ card: CardID) {
        if let value = Self.value(card) { values.insert(value) }
    }

    func contains(_ card: CardID) -> Bool {
        Self.value(card).map { values.contains($0) } ?? false
    }

    func contains(value: UInt64) -> Bool { values.contains(value) }

    /// The value of a well-formed ID (16 lowercase hex digits), nil for any other text.
    static func value(_ card: CardID) -> UInt64? {
        card.wellFormedNumber
    }

    static func value(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        CardID.number(digits: bytes)
    }

    /// The ID whose value is `value` (the inverse of `value`).
    static func cardID(_ value: UInt64) -> CardID {
        CardID(number: value)
    }

    /// Calls `body` with the bytes of the ID whose value is `value`, without making a String.
    static func withIDBytes<T>(_ value: UInt64, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
            CardID.writeDigits(value, into: buffer)
            return try body(UnsafeBufferPointer(buffer))
        }
    }
}
