import Deck
import JSONText
import Scheduling
import Store
import Timekeeping

/// One sysdrill card as it goes to Anki: a Basic note (Front, Back) with its tags, in the
/// deck of its name, with its review log and current state.
public struct AnkiExportCard: Sendable {
    public let id: CardID
    public let deck: String
    public let front: String
    public let back: String
    public let tags: [String]
    public let suspended: Bool
    public let state: CardState?
    /// In time order.
    public let reviews: [ReviewRecord]

    public init(id: CardID, deck: String, front: String, back: String, tags: [String], suspended: Bool, state: CardState?,
                reviews: [ReviewRecord]) {
        self.id = id
        self.deck = deck
        self.front = front
        self.back = back
        self.tags = tags
        self.suspended = suspended
        self.state = state
        self.reviews = reviews
    }
}

/// Writes a legacy Anki package (`.apkg`: a zip with `collection.anki2` at schema 11 and an
/// empty media map) that current Anki imports with scheduling. The collection is built in
/// a temporary SQLite file, then streamed into the package.
///
/// - Notes: one Basic note per card; the note's GUID is the sysdrill card ID, so exporting
///   again updates the same notes in Anki. Text is HTML-escaped, line breaks become `<br>`.
/// - Cards: new cards are new (in deck order); a card with a state is a learning card due
///   at its time, or a review card due on its day (days since the collection's creation),
///   with its interval and ease (SM-2's EF × 1000; 2500 under FSRS); suspended stays suspended.
/// - Revlog: one entry per review, ease from quality (0-2 again, 3 hard, 4 good, 5 easy),
///   interval after it from replaying the log with `scheduler`; a review that came from
///   Anki keeps its revlog ID.
public enum AnkiPackageWriter {
    /// What a package is made from: the cards in deck order, one at a time (a deck of
    /// 190k cards and a million reviews is never held whole), and what the collection's
    /// header needs before the first card.
    public struct Source {
        public let count: Int
        /// The decks of the cards.
        public let decks: Set<String>
        /// The time of the first review of any of the cards (the collection's creation day).
        public let earliestReview: UnixTime?
        public let forEachCard: ((AnkiExportCard) throws -> Void) throws -> Void

        public init(count: Int, decks: Set<String>, earliestReview: UnixTime?,
                    forEachCard: @escaping ((AnkiExportCard) throws -> Void) throws -> Void) {
            self.count = count
            self.decks = decks
            self.earliestReview = earliestReview
            self.forEachCard = forEachCard
        }
    }

    /// Builds the collection in a temporary file, then hands the package to `sink` in
    /// pieces. Returns how many reviews went into it and the package's size.
    public static func write(_ source: Source, now: UnixTime, scheduler: any Scheduler,
                             to sink: @escaping ([UInt8]) throws -> Void) throws -> (reviews: Int, bytes: Int) {
        try AnkiPackage.withEmptyTemporaryFile { file in
            let reviews: Int
            do {
                reviews = try write(source, now: now, scheduler: scheduler, to: file)
            } catch let failure as SourceFailure {
                // The user's database failed while it was read: its own error, not the scratch file's.
                throw failure.underlying
            } catch let error as InteropError {
                throw error
            } catch {
                throw InteropError.unreadable(path: file, reason: "cannot build the Anki collection: \(error)")
            }
            var size = 0
            var crc: UInt32 = 0
            try AnkiPackage.forEachPiece(of: file) { piece in
                crc = CRC32.checksum(piece, continuing: crc)
                size += piece.count
            }
            var bytes = 0
            var zip = ZipWriter { piece in
                bytes += piece.count
                try sink(piece)
            }
            try zip.add(name: "collection.anki2", size: size, crc: crc) { try AnkiPackage.forEachPiece(of: file, $0) }
            try zip.add(name: "media", data: Array("{}".utf8))
            try zip.finish()
            return (reviews, bytes)
        }
    }

    static let basicModelID: Int64 = 1_342_697_561_419

    /// An error the source threw while it read its cards (not one of the scratch collection).
    struct SourceFailure: Error {
        let underlying: any Error
    }

    /// Writes the collection of `source` into `file`; returns how many reviews it holds.
    static func write(_ source: Source, now: UnixTime, scheduler: any Scheduler, to file: String) throws -> Int {
        let connection = try Connection.createScratch(path: file)
        try connection.executeScript(schema)
        let day: Int64 = 86_400
        let earliest = source.earliestReview ?? now
        let created = min(earliest, now) / day * day
        let nowMs = now * 1000
        var deckIDs: [String: Int64] = [:]
        for name in source.decks.sorted() { deckIDs[name] = nowMs + Int64(deckIDs.count) + 1 }
        var reviewCount = 0
        try connection.transaction {
            try connection.run("INSERT INTO col VALUES (1, ?1, ?2, ?3, 11, 0, 0, 0, ?4, ?5, ?6, ?7, '{}')", [
                created, nowMs, nowMs, configuration(deckID: deckIDs.values.min() ?? 1).serialized(),
                models(now: now).serialized(), decks(deckIDs, now: now).serialized(), deckConfigurations().serialized(),
            ])
            let note = try connection.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, 0, 0, '')")
            let card = try connection.prepare("INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 0, 0, '')")
            let revlog = try connection.prepare("INSERT INTO revlog VALUES (?1, ?2, -1, ?3, ?4, ?5, ?6, ?7, ?8)")
            var usedRevlogIDs = Set<Int64>()
            var index = 0
            func writeCard(_ exported: AnkiExportCard) throws {
                guard let deckID = deckIDs[exported.deck] else {
                    throw InteropError.badInput(path: file, reason: "card \(exported.id) is in deck '\(exported.deck)', not among the decks announced")
                }
                let noteID = nowMs - Int64(source.count) + Int64(index)
                let tags = exported.tags.isEmpty ? "" : " " + exported.tags.joined(separator: " ") + " "
                try note.run([noteID, exported.id.rawValue, basicModelID, now, tags,
                              html(exported.front) + "\u{1F}" + html(exported.back), html(exported.front)])
                let scheduling = self.scheduling(exported, position: index + 1, created: created)
                try card.run([noteID, noteID, deckID, now, scheduling.type,
                              exported.suspended ? -1 : scheduling.queue, scheduling.due, scheduling.interval,
                              scheduling.factor, exported.state?.reps ?? 0, exported.state?.lapses ?? 0, scheduling.left])
                var state = CardState.new
                for (reviewIndex, review) in exported.reviews.enumerated() {
                    let before = state
                    state = scheduler.next(state, review: review.event,
                                           fuzzSeed: FuzzSeed.make(cardID: exported.id.rawValue, reviewIndex: reviewIndex))
                    // Anki's revlog ID is the review's time in ms, and unique.
                    var id = AnkiMapping.revlogID(reviewID: review.id) ?? review.at * 1000
                    while !usedRevlogIDs.insert(id).inserted { id += 1 }
                    let type = before.phase == .new || before.phase == .learning ? 0 : before.phase == .relearning ? 2 : 1
                    try revlog.run([id, noteID, ease(review.grade), interval(state), interval(before),
                                    Int((state.sm2?.ef ?? 2.5) * 1000), review.durationMs, type])
                }
                reviewCount += exported.reviews.count
            }
            // Errors of the card's own writes are told from the source's by where they arose.
            var writeFailed = false
            do {
                try source.forEachCard { exported in
                    defer { index += 1 }
                    do {
                        try writeCard(exported)
                    } catch {
                        writeFailed = true
                        throw error
                    }
                }
            } catch where !writeFailed {
                throw SourceFailure(underlying: error)
            }
            try connection.executeScript(indexes)
        }
        return reviewCount
    }

    /// Anki's interval field: days, or minus the seconds to the next step while learning.
    static func interval(_ state: CardState) -> Int64 {
        if state.phase == .new { return 0 }
        if state.intervalDays > 0 { return Int64(state.intervalDays) }
        guard let last = state.lastReview else { return 0 }
        return -max(60, state.due - last)
    }

    static func ease(_ quality: Quality) -> Int {
        switch quality.rawValue {
        case ...2: return 1
        case 3: return 2
        case 4: return 3
        default: return 4
        }
    }

    struct Scheduling {
        var type = 0, queue = 0
        var due: Int64 = 0, interval: Int64 = 0
        var factor = 0, left = 0
    }

    static func scheduling(_ card: AnkiExportCard, position: Int, created: Int64) -> Scheduling {
        guard let state = card.state, state.phase != .new else { return Scheduling(due: Int64(position)) }
        let factor = Int((state.sm2?.ef ?? 2.5) * 1000)
        if state.intervalDays >= 1 && (state.phase == .review) {
            return Scheduling(type: 2, queue: 2, due: (state.due - created) / 86_400, interval: Int64(state.intervalDays),
                              factor: factor)
        }
        // Learning or relearning: due at a moment, one step left.
        return Scheduling(type: state.phase == .relearning ? 3 : 1, queue: 1, due: state.due,
                          interval: Int64(max(0, state.intervalDays)), factor: state.phase == .relearning ? factor : 0, left: 1001)
    }

    /// Plain text as an HTML field: `&`, `<`, `>` escaped, line breaks as `<br>`.
    static func html(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n": result += "<br>"
            default: result.append(character)
            }
        }
        return result
    }

    static func configuration(deckID: Int64) -> JSONValue {
        ["nextPos": JSONValue(1), "estTimes": true, "activeDecks": [JSONValue(deckID)], "sortType": "noteFld", "timeLim": 0,
         "sortBackwards": false, "addToCur": true, "curDeck": JSONValue(deckID), "newSpread": 0, "dueCounts": true,
         "curModel": JSONValue(basicModelID), "collapseTime": 1200, "schedVer": 2]
    }

    static func models(now: UnixTime) -> JSONValue {
        func field(_ name: String, _ ord: Int) -> JSONValue {
            ["name": .string(name), "ord": JSONValue(ord), "sticky": false, "rtl": false, "font": "Arial", "size": 20,
             "media": []]
        }
        let model: JSONValue = [
            "id": JSONValue(basicModelID), "name": "Basic (sysdrill)", "type": 0, "mod": JSONValue(now), "usn": -1, "sortf": 0,
            "did": JSONValue(1),
            "tmpls": [["name": "Card 1", "ord": 0, "qfmt": "{{Front}}", "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}",
                       "bqfmt": "", "bafmt": "", "did": .null, "bfont": "", "bsize": 0]],
            "flds": [field("Front", 0), field("Back", 1)],
            "css": ".card { font-family: arial; font-size: 20px; text-align: center; }",
            "latexPre": "\\documentclass[12pt]{article}\n\\begin{document}\n", "latexPost": "\\end{document}",
            "latexsvg": false, "req": [[0, "any", [0]]], "tags": [], "vers": [],
        ]
        var object = JSONObject()
        object.set(String(basicModelID), model)
        return .object(object)
    }

    static func decks(_ ids: [String: Int64], now: UnixTime) -> JSONValue {
        func deck(_ id: Int64, _ name: String) -> JSONValue {
            ["id": JSONValue(id), "mod": JSONValue(now), "name": .string(name), "usn": -1, "lrnToday": [0, 0], "revToday": [0, 0],
             "newToday": [0, 0], "timeToday": [0, 0], "collapsed": false, "browserCollapsed": false, "desc": "", "dyn": 0,
             "conf": 1, "extendNew": 0, "extendRev": 0]
        }
        var object = JSONObject()
        object.set("1", deck(1, "Default"))
        for (name, id) in ids.sorted(by: { $0.value < $1.value }) { object.set(String(id), deck(id, name)) }
        return .object(object)
    }

    static func deckConfigurations() -> JSONValue {
        let configuration: JSONValue = [
            "id": 1, "mod": 0, "name": "Default", "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0, "replayq": true,
            "dyn": false,
            "new": ["bury": false, "delays": [1.0, 10.0], "initialFactor": 2500, "ints": [1, 4, 0], "order": 1, "perDay": 20],
            "rev": ["bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200, "hardFactor": 1.2],
            "lapse": ["delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0],
        ]
        return ["1": configuration]
    }

    /// Anki's schema 11 (the layout every Anki version since 2.0 reads): its tables.
    static let schema: StaticString = """
        CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
            ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
            models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
        CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
            usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
            flags integer NOT NULL, data text NOT NULL);
        CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
            mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
            ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL,
            odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
        CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
            ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
        CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
        """

    /// Its indexes, made once the rows are in (a million revlog rows inserted into two
    /// indexes at a time took most of an export's time).
    static let indexes: StaticString = """
        CREATE INDEX ix_notes_usn ON notes (usn);
        CREATE INDEX ix_cards_usn ON cards (usn);
        CREATE INDEX ix_revlog_usn ON revlog (usn);
        CREATE INDEX ix_cards_nid ON cards (nid);
        CREATE INDEX ix_cards_sched ON cards (did, queue, due);
        CREATE INDEX ix_revlog_cid ON revlog (cid);
        CREATE INDEX ix_notes_csum ON notes (csum);
        """
}
