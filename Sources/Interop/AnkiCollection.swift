#if canImport(Glibc)
import Glibc
#endif
import JSONText
import Store

/// What sysdrill reads of an Anki collection: note types, deck names, notes, cards and
/// the review log, as Anki stores them (fields still HTML).
public struct AnkiCollection {
    public struct Notetype: Sendable, Equatable {
        public let id: Int64
        public let name: String
        public let isCloze: Bool
        public let fields: [String]
        /// Question and answer templates, by card ordinal.
        public let templates: [(question: String, answer: String)]

        public static func == (lhs: Notetype, rhs: Notetype) -> Bool {
            lhs.id == rhs.id && lhs.name == rhs.name && lhs.isCloze == rhs.isCloze && lhs.fields == rhs.fields
                && lhs.templates.map(\.question) == rhs.templates.map(\.question)
                && lhs.templates.map(\.answer) == rhs.templates.map(\.answer)
        }
    }

    public struct Note: Sendable, Equatable {
        public let id: Int64
        public let guid: String
        public let notetypeID: Int64
        public let fields: [String]
        public let tags: [String]
    }

    public struct Card: Sendable, Equatable {
        public let id: Int64
        public let noteID: Int64
        /// The home deck (a card in a filtered deck counts in its original deck).
        public let deckID: Int64
        public let ordinal: Int
    }

    public struct RevlogEntry: Sendable, Equatable {
        /// Milliseconds since 1970: the review's time and its identity.
        public let id: Int64
        public let cardID: Int64
        /// 1-4 for a review; 0 for a manual reschedule.
        public let ease: Int
        /// Milliseconds spent answering.
        public let milliseconds: Int64
        /// 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled.
        public let type: Int
    }

    public var schemaVersion: Int
    public var notetypes: [Int64: Notetype]
    /// Full names with `::` between levels.
    public var decks: [Int64: String]
    /// The notes, cards and review log when they are held (a collection made in memory);
    /// empty when they are read from `file` one at a time (a collection of 190,000 notes
    /// and a million reviews held whole took 400 MB).
    public var notes: [Note]
    public var cards: [Card]
    public var revlog: [RevlogEntry]
    /// The open collection file that `forEachCard` and `forEachRevlogEntry` read: the
    /// reader's own connection, kept, so a package's temporary copy can be removed at once
    /// and the rows read again are those read first.
    public var file: AnkiCollectionFile?
    /// How many notes, cards and log entries the collection has, held or not.
    public var noteCount: Int
    public var cardCount: Int
    public var revlogCount: Int

    public init(schemaVersion: Int, notetypes: [Int64: Notetype], decks: [Int64: String], notes: [Note], cards: [Card],
                revlog: [RevlogEntry]) {
        self.schemaVersion = schemaVersion
        self.notetypes = notetypes
        self.decks = decks
        self.notes = notes
        self.cards = cards
        self.revlog = revlog
        noteCount = notes.count
        cardCount = cards.count
        revlogCount = revlog.count
    }

    /// Calls `body` with each card in note order (note ID, then ordinal) and its note (nil
    /// when the note is missing).
    public func forEachCard(_ body: (Card, Note?) throws -> Void) throws {
        guard let file else {
            let notes = Dictionary(self.notes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let ordered = cards.enumerated().sorted {
                ($0.element.noteID, $0.element.ordinal, $0.offset) < ($1.element.noteID, $1.element.ordinal, $1.offset)
            }
            for (_, card) in ordered { try body(card, notes[card.noteID]) }
            return
        }
        try file.reading("its cards", expecting: cardCount) { connection in
            var count = 0
            try AnkiCollectionReader.forEachCard(connection) { card, note in
                count += 1
                try body(card, note)
            }
            return count
        }
    }

    /// Calls `body` with each entry of the review log in ID (time) order.
    public func forEachRevlogEntry(_ body: (RevlogEntry) throws -> Void) throws {
        guard let file else {
            for entry in revlog { try body(entry) }
            return
        }
        try file.reading("its review log", expecting: revlogCount) { connection in
            var count = 0
            try AnkiCollectionReader.forEachRevlogEntry(connection) { entry in
                count += 1
                try body(entry)
            }
            return count
        }
    }
}

/// A collection file open for reading again (`AnkiCollection.file`), and the name its
/// messages give it.
public final class AnkiCollectionFile {
    let connection: Connection
    let name: String
    /// The file's path and what `stat` said of it when it was opened, for a file someone
    /// else may write (Anki saving the collection in place): the rows read again must be
    /// the rows read first. Nil for a package's private copy.
    private let watched: (path: String, fingerprint: FileFingerprint)?

    init(connection: Connection, name: String, watching path: String? = nil) {
        self.connection = connection
        self.name = name
        watched = path.flatMap { path in FileFingerprint(path).map { (path, $0) } }
    }

    /// Throws when the watched file is not as it was when opened.
    func checkUnchanged() throws(InteropError) {
        guard let watched, FileFingerprint(watched.path) != watched.fingerprint else { return }
        throw .badInput(path: name, reason: "it was written to while it was being imported; " + Self.changedAdvice)
    }

    /// Runs `read`, which returns how many rows it read. The errors of the caller's code
    /// go through as they are; the file's own, and a count other than the first reading's
    /// (Anki saved the collection meanwhile), become a message naming it.
    func reading(_ what: String, expecting expected: Int, _ read: (Connection) throws -> Int) throws {
        let count: Int
        do {
            count = try read(connection)
        } catch let caller as CallerError {
            throw caller.error
        } catch {
            throw InteropError.badInput(path: name, reason: "\(what) could not be read a second time (\(error)); "
                + Self.changedAdvice)
        }
        guard count == expected else {
            throw InteropError.badInput(path: name, reason: "\(what) changed while it was being imported "
                + "(\(expected) rows, then \(count)); " + Self.changedAdvice)
        }
        try checkUnchanged()
    }

    static let changedAdvice = "if Anki has the collection open, close Anki and import again"
}

/// What `stat` says of a file that changes when it is written: device, inode, size and
/// modification time to the nanosecond.
struct FileFingerprint: Equatable {
    let device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int

    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        seconds = Int(status.st_mtim.tv_sec)
        nanoseconds = Int(status.st_mtim.tv_nsec)
    }
}

/// An error of the code a collection's rows are handed to, told apart from the file's own.
struct CallerError: Error {
    let error: any Error
}

/// Reads an Anki collection file through a read-only, immutable SQLite connection.
/// Both layouts are read: schema 11 (note types and decks as JSON in `col`, what legacy
/// packages hold) and schema 15+ (tables `notetypes`, `fields`, `templates`, `decks` with
/// protobuf configuration, what Anki's profile folder holds).
public enum AnkiCollectionReader {
    /// `watching`: the file is someone else's (Anki's), which may write it meanwhile; a
    /// change seen by `stat` refuses the import (not for a package's private copy).
    public static func read(path: String, name: String? = nil, watching: Bool = true) throws(InteropError) -> AnkiCollection {
        let shown = name ?? path
        do {
            let connection = try Connection.openReadOnly(path: path)
            let file = AnkiCollectionFile(connection: connection, name: shown, watching: watching ? path : nil)
            let version = try connection.prepare("SELECT ver FROM col").first { $0.int(0) } ?? 0
            var collection = AnkiCollection(schemaVersion: version, notetypes: [:], decks: [:], notes: [], cards: [], revlog: [])
            if version >= 15 {
                try readTables(connection, into: &collection, shown: shown)
            } else {
                try readJSON(connection, into: &collection, shown: shown)
            }
            // Read through once now, so a file whose rows cannot be read is refused before
            // anything is written; the import reads them again as it writes.
            collection.noteCount = try connection.prepare("SELECT count(*) FROM notes").first { $0.int(0) } ?? 0
            collection.cardCount = 0
            try forEachCard(connection) { _, _ in collection.cardCount += 1 }
            collection.revlogCount = 0
            try forEachRevlogEntry(connection) { _ in collection.revlogCount += 1 }
            try file.checkUnchanged()
            collection.file = file
            return collection
        } catch let error as InteropError {
            throw error
        } catch let error as StoreError {
            switch error {
            case .notADatabase: throw .badInput(path: shown, reason: "it is not an SQLite file, so not an Anki collection")
            case .sqlite(_, let message, _):
                throw .badInput(path: shown, reason: "it is not a readable Anki collection (\(message))")
            default: throw .unreadable(path: shown, reason: "\(error)")
            }
        } catch {
            throw .badInput(path: shown, reason: "\(error)")
        }
    }

    /// The cards in note order, each with its note (nil when missing); `body`'s errors are
    /// thrown wrapped in `CallerError`.
    static func forEachCard(_ connection: Connection, _ body: (AnkiCollection.Card, AnkiCollection.Note?) throws -> Void) throws {
        try connection.prepare("""
            SELECT c.id, c.nid, CASE WHEN c.odid != 0 THEN c.odid ELSE c.did END, c.ord, n.id IS NOT NULL, n.guid, n.mid, n.tags, n.flds
            FROM cards c LEFT JOIN notes n ON n.id = c.nid ORDER BY c.nid, c.ord
            """).forEach { row in
            let card = AnkiCollection.Card(id: row.int64(0), noteID: row.int64(1), deckID: row.int64(2), ordinal: row.int(3))
            let note = row.bool(4)
                ? AnkiCollection.Note(id: card.noteID, guid: row.string(5), notetypeID: row.int64(6),
                                      fields: row.string(8).split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init),
                                      tags: row.string(7).split(separator: " ").map(String.init))
                : nil
            do { try body(card, note) } catch { throw CallerError(error: error) }
        }
    }

    /// The review log in ID order; `body`'s errors are thrown wrapped in `CallerError`.
    static func forEachRevlogEntry(_ connection: Connection, _ body: (AnkiCollection.RevlogEntry) throws -> Void) throws {
        try connection.prepare("SELECT id, cid, ease, time, type FROM revlog ORDER BY id").forEach {
            let entry = AnkiCollection.RevlogEntry(id: $0.int64(0), cardID: $0.int64(1), ease: $0.int(2),
                                                   milliseconds: max(0, $0.int64(3)), type: $0.int(4))
            do { try body(entry) } catch { throw CallerError(error: error) }
        }
    }

    /// Schema 11: `col.models` and `col.decks` are JSON objects keyed by ID.
    static func readJSON(_ connection: Connection, into collection: inout AnkiCollection, shown: String) throws {
        let row = try connection.prepare("SELECT models, decks FROM col").first { (models: $0.string(0), decks: $0.string(1)) }
        guard let row else { throw InteropError.badInput(path: shown, reason: "its table `col` is empty") }
        func object(_ text: String, _ what: String) throws -> JSONObject {
            guard let object = (try? JSONParser.parse(text))?.objectValue else {
                throw InteropError.badInput(path: shown, reason: "its \(what) are not readable JSON")
            }
            return object
        }
        func ordered(_ value: JSONValue?) -> [JSONValue] {
            let items: [JSONValue] = value?.arrayValue ?? []
            return items.sorted { (left: JSONValue, right: JSONValue) -> Bool in
                (left["ord"]?.integerValue ?? 0) < (right["ord"]?.integerValue ?? 0)
            }
        }
        for entry in try object(row.models, "note types").entries {
            let model = entry.value
            guard let id = model["id"]?.integerValue else { continue }
            let fields: [String] = ordered(model["flds"]).map { $0["name"]?.stringValue ?? "" }
            let templates: [(question: String, answer: String)] = ordered(model["tmpls"]).map {
                (question: $0["qfmt"]?.stringValue ?? "", answer: $0["afmt"]?.stringValue ?? "")
            }
            collection.notetypes[id] = AnkiCollection.Notetype(id: id, name: model["name"]?.stringValue ?? "",
                                                               isCloze: model["type"]?.integerValue == 1,
                                                               fields: fields, templates: templates)
        }
        for entry in try object(row.decks, "decks").entries {
            guard let id = entry.value["id"]?.integerValue else { continue }
            collection.decks[id] = entry.value["name"]?.stringValue ?? ""
        }
    }

    /// Schema 15+: one row per note type, field, template and deck; the configuration in
    /// protobuf (note type field 1: kind, 1 = cloze; template fields 1 and 2: the formats).
    static func readTables(_ connection: Connection, into collection: inout AnkiCollection, shown: String) throws {
        var fields: [Int64: [String]] = [:]
        try connection.prepare("SELECT ntid, name FROM fields ORDER BY ntid, ord").forEach { fields[$0.int64(0), default: []].append($0.string(1)) }
        var templates: [Int64: [(String, String)]] = [:]
        try connection.prepare("SELECT ntid, config FROM templates ORDER BY ntid, ord").forEach { row in
            let config = ProtobufFields(row.blob(1))
            templates[row.int64(0), default: []].append((config.string(1) ?? "", config.string(2) ?? ""))
        }
        try connection.prepare("SELECT id, name, config FROM notetypes").forEach { row in
            let id = row.int64(0)
            collection.notetypes[id] = AnkiCollection.Notetype(
                id: id, name: row.string(1), isCloze: ProtobufFields(row.blob(2)).varint(1) == 1,
                fields: fields[id] ?? [], templates: (templates[id] ?? []).map { (question: $0.0, answer: $0.1) })
        }
        try connection.prepare("SELECT id, name FROM decks").forEach { row in
            // Levels are separated by U+001F in this layout, by `::` in names shown to people.
            collection.decks[row.int64(0)] = row.string(1).split(separator: "\u{1F}", omittingEmptySubsequences: false)
                .joined(separator: "::")
        }
    }
}

/// The few protobuf fields read from Anki's configuration blobs: varints and
/// length-delimited strings at the top level of a message; anything else is skipped.
struct ProtobufFields {
    private var varints: [Int: UInt64] = [:]
    private var bytes: [Int: [UInt8]] = [:]

    init(_ data: [UInt8]) {
        var index = 0
        func varint() -> UInt64? {
            var value: UInt64 = 0, shift: UInt64 = 0
            while index < data.count, shift < 64 {
                let byte = data[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
        while index < data.count {
            guard let key = varint() else { return }
            let field = Int(key >> 3)
            switch key & 7 {
            case 0:
                guard let value = varint() else { return }
                if varints[field] == nil { varints[field] = value }
            case 1: index += 8
            case 2:
                guard let length = varint(), index + Int(length) <= data.count else { return }
                if bytes[field] == nil { bytes[field] = Array(data[index..<(index + Int(length))]) }
                index += Int(length)
            case 5: index += 4
            default: return
            }
        }
    }

    func varint(_ field: Int) -> UInt64? { varints[field] }
    func string(_ field: Int) -> String? { bytes[field].map { String(decoding: $0, as: UTF8.self) } }
}
