import JSONText
import Store

/// What sysdrill reads of an Anki collection: note types, deck names, notes, cards and
/// the review log, as Anki stores them (fields still HTML).
public struct AnkiCollection: Sendable {
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
    public var notes: [Note]
    public var cards: [Card]
    /// The review log when it is held (a collection made in memory); empty when it is read
    /// from `revlogFile` one entry at a time.
    public var revlog: [RevlogEntry]
    /// The collection file whose `revlog` table `forEachRevlogEntry` reads (a million
    /// entries held as records were 40 MB), and the name its messages give it.
    public var revlogFile: (path: String, name: String)?
    /// How many entries the log has, held or not.
    public var revlogCount: Int

    public init(schemaVersion: Int, notetypes: [Int64: Notetype], decks: [Int64: String], notes: [Note], cards: [Card],
                revlog: [RevlogEntry]) {
        self.schemaVersion = schemaVersion
        self.notetypes = notetypes
        self.decks = decks
        self.notes = notes
        self.cards = cards
        self.revlog = revlog
        revlogCount = revlog.count
    }

    /// Calls `body` with each entry of the review log in ID (time) order: those held, or
    /// those of `revlogFile`, read as they are handed over. The file must still exist
    /// (a package's temporary copy lives through `AnkiPackage.withCollection`).
    public func forEachRevlogEntry(_ body: (RevlogEntry) throws -> Void) throws {
        guard let revlogFile else {
            for entry in revlog { try body(entry) }
            return
        }
        let connection: Connection
        do {
            connection = try Connection.openReadOnly(path: revlogFile.path)
        } catch {
            throw InteropError.unreadable(path: revlogFile.name, reason: "\(error)")
        }
        // The caller's errors go through as they are; the file's become a message naming it.
        struct CallerError: Error { let error: any Error }
        do {
            try AnkiCollectionReader.forEachRevlogEntry(connection) { entry in
                do { try body(entry) } catch { throw CallerError(error: error) }
            }
        } catch let caller as CallerError {
            throw caller.error
        } catch {
            throw InteropError.badInput(path: revlogFile.name, reason: "its review log is not readable (\(error))")
        }
    }
}

/// Reads an Anki collection file through a read-only, immutable SQLite connection.
/// Both layouts are read: schema 11 (note types and decks as JSON in `col`, what legacy
/// packages hold) and schema 15+ (tables `notetypes`, `fields`, `templates`, `decks` with
/// protobuf configuration, what Anki's profile folder holds).
public enum AnkiCollectionReader {
    public static func read(path: String, name: String? = nil) throws(InteropError) -> AnkiCollection {
        let shown = name ?? path
        do {
            let connection = try Connection.openReadOnly(path: path)
            let version = try connection.prepare("SELECT ver FROM col").first { $0.int(0) } ?? 0
            var collection = AnkiCollection(schemaVersion: version, notetypes: [:], decks: [:], notes: [], cards: [], revlog: [])
            if version >= 15 {
                try readTables(connection, into: &collection, shown: shown)
            } else {
                try readJSON(connection, into: &collection, shown: shown)
            }
            collection.notes = try connection.prepare("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id").map { row in
                AnkiCollection.Note(id: row.int64(0), guid: row.string(1), notetypeID: row.int64(2),
                                    fields: row.string(4).split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init),
                                    tags: row.string(3).split(separator: " ").map(String.init))
            }
            collection.cards = try connection.prepare("SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord FROM cards ORDER BY nid, ord")
                .map { AnkiCollection.Card(id: $0.int64(0), noteID: $0.int64(1), deckID: $0.int64(2), ordinal: $0.int(3)) }
            // Read through once now, so a file whose log cannot be read is refused before
            // anything is written; the import reads it again as it merges.
            var count = 0
            try forEachRevlogEntry(connection) { _ in count += 1 }
            collection.revlogCount = count
            collection.revlogFile = (path, shown)
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

    static func forEachRevlogEntry(_ connection: Connection, _ body: (AnkiCollection.RevlogEntry) throws -> Void) throws {
        try connection.prepare("SELECT id, cid, ease, time, type FROM revlog ORDER BY id").forEach {
            try body(AnkiCollection.RevlogEntry(id: $0.int64(0), cardID: $0.int64(1), ease: $0.int(2),
                                                milliseconds: max(0, $0.int64(3)), type: $0.int(4)))
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
