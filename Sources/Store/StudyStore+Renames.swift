import Deck
import Scheduling
import TextMatching
import Timekeeping

/// Which vanished cards of one sync are renamed new ones. A card's ID is a hash of deck,
/// section path and term, so editing a term makes a new card; pairing it with the card it
/// replaces lets its history move along. Pure: the sync hands over both sides.
///
/// A pair is, in this order of preference:
/// 1. the same kind and the same non-empty answer (`back`, trimmed);
/// 2. the same source position (file and line), the same kind and a similar term: case-insensitive edit
///    distance at most a third of the longer term, or one term containing the other.
/// Each card is used at most once, and a match that is not the single best one on both
/// sides (two old cards with the answer of one new card, two equally close terms) is not
/// made: a wrong pair would move one card's history onto another.
enum RenameMatcher {
    struct Candidate: Equatable {
        let id: CardID
        let kind: CardKind
        /// The back, trimmed; empty answers never pair.
        let answer: String
        /// Lowercased, whitespace runs made one space.
        let term: String
        let file: String
        let line: Int

        init(_ card: Card) {
            id = card.id
            kind = card.kind
            answer = card.back.trimmingWhitespace
            term = card.term.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            file = card.source.file
            line = card.source.line
        }
    }

    /// Pairs as (index in `old`, index in `new`), in the order of `old`.
    static func pairs(old: [Candidate], new: [Candidate]) -> [(old: Int, new: Int)] {
        var newFor = [Int?](repeating: nil, count: old.count)
        var newUsed = [Bool](repeating: false, count: new.count)

        // 1. Same kind and answer, one card on each side.
        struct AnswerKey: Hashable {
            let kind: CardKind
            let answer: String
        }
        func byAnswer(_ cards: [Candidate]) -> [AnswerKey: [Int]] {
            var groups: [AnswerKey: [Int]] = [:]
            for (index, card) in cards.enumerated() where !card.answer.isEmpty {
                groups[AnswerKey(kind: card.kind, answer: card.answer), default: []].append(index)
            }
            return groups
        }
        let newByAnswer = byAnswer(new)
        for (key, olds) in byAnswer(old) where olds.count == 1 {
            guard let news = newByAnswer[key], news.count == 1 else { continue }
            newFor[olds[0]] = news[0]
            newUsed[news[0]] = true
        }

        // 2. Same position and kind, similar term, among the cards left: each side's single
        // closest. (A definition and its reverse share a line and a term: the kind tells them apart.)
        struct Position: Hashable {
            let file: String
            let line: Int
            let kind: CardKind
        }
        var newAt: [Position: [Int]] = [:]
        for (index, card) in new.enumerated() where !newUsed[index] {
            newAt[Position(file: card.file, line: card.line, kind: card.kind), default: []].append(index)
        }
        var edges: [(old: Int, new: Int, distance: Int)] = []
        for (oldIndex, card) in old.enumerated() where newFor[oldIndex] == nil {
            for newIndex in newAt[Position(file: card.file, line: card.line, kind: card.kind)] ?? [] {
                if let distance = similarity(card.term, new[newIndex].term) { edges.append((oldIndex, newIndex, distance)) }
            }
        }
        // An edge pairs its cards when no other edge at either of its cards is as close:
        // its distance is the single smallest at both ends. (Comparing each edge with every
        // other made a deck-wide find-and-replace quadratic: 184k renames took 68 s.)
        var closestAtOld: [Int: (distance: Int, count: Int)] = [:]
        var closestAtNew: [Int: (distance: Int, count: Int)] = [:]
        func note(_ distance: Int, _ closest: (distance: Int, count: Int)?) -> (distance: Int, count: Int) {
            guard let closest, closest.distance <= distance else { return (distance, 1) }
            return closest.distance == distance ? (distance, closest.count + 1) : closest
        }
        for edge in edges {
            closestAtOld[edge.old] = note(edge.distance, closestAtOld[edge.old])
            closestAtNew[edge.new] = note(edge.distance, closestAtNew[edge.new])
        }
        func isSingleClosest(_ closest: (distance: Int, count: Int)?, _ distance: Int) -> Bool {
            closest.map { $0.distance == distance && $0.count == 1 } ?? false
        }
        for edge in edges where isSingleClosest(closestAtOld[edge.old], edge.distance)
            && isSingleClosest(closestAtNew[edge.new], edge.distance) {
            newFor[edge.old] = edge.new
        }
        return newFor.enumerated().compactMap { index, new in new.map { (index, $0) } }
    }

    /// The edit distance between two normalized terms when they are similar, else nil.
    static func similarity(_ a: String, _ b: String) -> Int? {
        let distance = EditDistance.between(a, b)
        if distance * 3 <= max(a.count, b.count) { return distance }
        if !a.isEmpty && !b.isEmpty && (a.contains(b) || b.contains(a)) { return distance }
        return nil
    }
}

extension String {
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(self[first...last])
    }
}

extension StudyStore {
    /// Moves everything recorded about card `old` to card `new`, in one transaction: its
    /// reviews (rowids kept, so same-second ties keep their order), its state (`new`'s is
    /// replayed from its whole log by `replay`, since the state depends on the card's ID),
    /// a skip, a send-back to review, a suspend or a flag, quiz answers and drills. Then
    /// `old` is retired and the pair recorded in `card_renames` (a later rename of the same
    /// card replaces an earlier one). A sync renaming cards and an import applying another machine's
    /// renames both come here; `movingReviews: false` leaves the log as it is (a streamed
    /// import, whose log holds only the file's reviews, already on the cards they belong to).
    public func moveHistory(from old: CardID, to new: CardID, at time: UnixTime, replay: StateReplay,
                            movingReviews: Bool = true) throws {
        guard old != new else { throw StoreError.inconsistent("card \(old) cannot be renamed to itself") }
        try connection.transaction {
            var movedReviews = 0
            if movingReviews {
                try connection.run("UPDATE review_log SET card_id = ?2 WHERE card_id = ?1", [old.rawValue, new.rawValue])
                movedReviews = connection.changes
            }
            try connection.run("DELETE FROM card_state WHERE card_id = ?1", [old.rawValue])
            if movedReviews > 0 || connection.changes > 0 {
                try saveState(try replay(new, try reviews(of: new).map(\.event)), for: new)
            }
            // The later of two skips or send-backs wins, as when one card is skipped twice.
            try connection.run("""
                INSERT INTO buried(card_id, until) SELECT ?2, until FROM buried WHERE card_id = ?1
                ON CONFLICT(card_id) DO UPDATE SET until = max(until, excluded.until)
                """, [old.rawValue, new.rawValue])
            try connection.run("DELETE FROM buried WHERE card_id = ?1", [old.rawValue])
            try connection.run("""
                INSERT INTO requeued(card_id, at) SELECT ?2, at FROM requeued WHERE card_id = ?1
                ON CONFLICT(card_id) DO UPDATE SET at = max(at, excluded.at)
                """, [old.rawValue, new.rawValue])
            try connection.run("DELETE FROM requeued WHERE card_id = ?1", [old.rawValue])
            // A suspend or a flag goes along; where both cards have one, the later change wins.
            try connection.run("""
                INSERT INTO card_marks(card_id, mark, is_set, at) SELECT ?2, mark, is_set, at FROM card_marks WHERE card_id = ?1
                ON CONFLICT(card_id, mark) DO UPDATE SET is_set = excluded.is_set, at = excluded.at
                WHERE excluded.at > card_marks.at OR (excluded.at = card_marks.at AND excluded.is_set > card_marks.is_set)
                """, [old.rawValue, new.rawValue])
            try connection.run("DELETE FROM card_marks WHERE card_id = ?1", [old.rawValue])
            try connection.run("UPDATE quiz_results SET card_id = ?2 WHERE card_id = ?1", [old.rawValue, new.rawValue])
            try connection.run("UPDATE drill_results SET card_id = ?2 WHERE card_id = ?1", [old.rawValue, new.rawValue])
            // `old` has no state left to copy its retirement into (`stateCopier`).
            try connection.run("UPDATE cards SET retired = 1 WHERE id = ?1", [old.rawValue])
            try connection.run("""
                INSERT INTO card_renames(old_id, new_id, at) VALUES (?1, ?2, ?3)
                ON CONFLICT(old_id) DO UPDATE SET new_id = excluded.new_id, at = excluded.at WHERE excluded.at >= at
                """, [old.rawValue, new.rawValue, time])
        }
    }

    /// The recorded rename of card `old`, if it was renamed.
    public func rename(of old: CardID) throws -> CardRename? {
        try connection.prepare("SELECT old_id, new_id, at FROM card_renames WHERE old_id = ?1").first([old.rawValue]) { row in
            CardRename(old: row.cardID(0), new: row.cardID(1), at: row.int64(2))
        }
    }

    /// Every recorded rename, oldest first (then by old ID): the export's order.
    public func allRenames() throws -> [CardRename] {
        try connection.prepare("SELECT old_id, new_id, at FROM card_renames ORDER BY at, old_id").map { row in
            CardRename(old: row.cardID(0), new: row.cardID(1), at: row.int64(2))
        }
    }

    /// The cards `id` was renamed from, latest first, following chains back (C was B,
    /// which was A: both steps). Each card appears once, even in a hand-made cycle.
    public func renamedFrom(_ id: CardID) throws -> [RenamedFrom] {
        let previous = try connection.prepare("""
            SELECT r.old_id, c.term, r.at FROM card_renames r JOIN cards c ON c.id = r.old_id
            WHERE r.new_id = ?1 ORDER BY r.at DESC, r.old_id
            """)
        var result: [RenamedFrom] = []
        var seen: Set<CardID> = [id]
        var pending = [id]
        while !pending.isEmpty {
            let current = pending.removeFirst()
            for step in try previous.map([current.rawValue], { RenamedFrom(id: $0.cardID(0), term: $0.string(1), at: $0.int64(2)) })
            where seen.insert(step.id).inserted {
                result.append(step)
                pending.append(step.id)
            }
        }
        return result
    }
}
