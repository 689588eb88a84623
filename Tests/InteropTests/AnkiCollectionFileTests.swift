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
}
