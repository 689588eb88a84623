import Foundation
import Testing
@testable import Interop
import Store

/// A collection read from a file is read twice: once through before anything is written,
/// then row by row as it is imported. The second reading must be the first one's rows.
@Suite struct AnkiCollectionFileTests {
    struct Refused: Error {}

    func file() throws -> AnkiCollectionFile {
        let path = NSTemporaryDirectory() + "sysdrill-collection-file-" + UUID().uuidString
        let scratch = try Connection.createScratch(path: path)
        try scratch.executeScript("CREATE TABLE revlog (id INTEGER PRIMARY KEY); INSERT INTO revlog VALUES (1), (2);")
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Open, then removed: the connection keeps reading it, as for a package's copy.
        return AnkiCollectionFile(connection: try Connection.openReadOnly(path: path), name: "c.anki2")
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func aSecondReadingWithOtherRowsIsRefusedNamingTheFile() throws {
        let file = try file()
        var rows = 0
        try file.reading("its review log", expecting: 2) { connection in
            try connection.prepare("SELECT id FROM revlog").forEach { _ in rows += 1 }
            return rows
        }
        #expect(rows == 2)
        let changed = message { try file.reading("its review log", expecting: 3) { _ in 2 } }
        #expect(changed.contains("c.anki2") && changed.contains("its review log changed while it was being imported"), "\(changed)")
        #expect(changed.contains("close Anki and import again"))
    }

    @Test func theCallersErrorsGoThroughAndTheFilesAreNamed() throws {
        let file = try file()
        let callers = message { try file.reading("its cards", expecting: 2) { _ in throw CallerError(error: Refused()) } }
        #expect(callers == "\(Refused())")
        let files = message {
            try file.reading("its cards", expecting: 2) { connection in
                try connection.prepare("SELECT nothing FROM revlog").forEach { _ in }
                return 2
            }
        }
        #expect(files.contains("c.anki2") && files.contains("its cards could not be read a second time"), "\(files)")
    }

    /// A schema-11 collection of one Basic note, its card and two reviews, at `path`.
    static func collection(at path: String) throws {
        let scratch = try Connection.createScratch(path: path)
        try scratch.executeScript("""
            CREATE TABLE col (id INTEGER PRIMARY KEY, ver INTEGER, models TEXT, decks TEXT);
            INSERT INTO col VALUES (1, 11,
                '{"1": {"id": 1, "name": "Basic", "type": 0, "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
                        "tmpls": [{"ord": 0, "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}]}}',
                '{"10": {"id": 10, "name": "Systems"}}');
            CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, mid INTEGER, tags TEXT, flds TEXT);
            INSERT INTO notes VALUES (1, 'g1', 1, '', 'What is a CDN?' || char(31) || 'Edge caching close to users.');
            CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER, did INTEGER, odid INTEGER, ord INTEGER);
            INSERT INTO cards VALUES (101, 1, 10, 0, 0);
            CREATE TABLE revlog (id INTEGER PRIMARY KEY, cid INTEGER, ease INTEGER, time INTEGER, type INTEGER);
            INSERT INTO revlog VALUES (1700000000000, 101, 3, 4000, 1), (1700086400000, 101, 4, 3000, 1);
            """)
    }

    /// Anki saving the collection between the two readings (a checkpoint can rewrite rows
    /// in place, keeping their count): the file's `stat` tells, and the import is refused.
    @Test func aCollectionWrittenToBetweenTheReadingsIsRefused() throws {
        let path = NSTemporaryDirectory() + "sysdrill-collection-" + UUID().uuidString + ".anki2"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.collection(at: path)
        let collection = try AnkiCollectionReader.read(path: path)
        #expect(collection.cardCount == 1 && collection.revlogCount == 2 && collection.noteCount == 1)
        var entries = 0
        try collection.forEachRevlogEntry { _ in entries += 1 }
        #expect(entries == 2)
        // The same number of rows, other content.
        try Connection.createScratch(path: path).executeScript("UPDATE revlog SET ease = 1 WHERE id = 1700000000000;")
        // As a save later than the clock's tick (the test may run within one).
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: path)
        let changed = message { try collection.forEachRevlogEntry { _ in } }
        #expect(changed.contains(path) && changed.contains("it was written to while it was being imported"), "\(changed)")
        let cards = message { try collection.forEachCard { _, _ in } }
        #expect(cards.contains("it was written to while it was being imported"), "\(cards)")
    }
}
