import Foundation
import Testing
import Deck
import Interop
import Store

/// Collections and packages made by the real Anki (pip `anki==26.9.3` in a venv, see
/// Anki/make_anki_fixtures.py), imported by the real binary. The venv's python is
/// `$SYSDRILL_ANKI_PYTHON`, else /work/venv-anki/bin/python; without it these tests are
/// skipped (the always-running tests of zip, inflate and field text are in InteropTests).
enum AnkiFixtures {
    struct Folder: @unchecked Sendable {
        let path: String
        let expected: [String: Any]
        func file(_ name: String) -> String { path + "/" + name }
        var notes: [[String: Any]] { expected["notes"] as! [[String: Any]] }
        var cards: [[String: Any]] { expected["cards"] as! [[String: Any]] }
        var revlog: [[String: Any]] { expected["revlog"] as! [[String: Any]] }
        var gradedRevlog: [[String: Any]] { revlog.filter { ($0["ease"] as! Int) > 0 } }
    }

    static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["SYSDRILL_ANKI_PYTHON"], "/work/venv-anki/bin/python"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Made once per test run (the script takes a few seconds); nil when Anki is unavailable.
    static let folder: Folder? = {
        guard let python else { return nil }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Anki/make_anki_fixtures.py").path
        let path = NSTemporaryDirectory() + "sysdrill-anki-" + UUID().uuidString
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, path]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "RUST_BACKTRACE")  // Anki's backend misbehaves with it set
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let data = FileManager.default.contents(atPath: path + "/expected.json"),
              let expected = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        // The folder is shared by every test of the run, so it goes when the process ends.
        atexit { if let path = AnkiFixtures.folder?.path { try? FileManager.default.removeItem(atPath: path) } }
        return Folder(path: path, expected: expected)
    }()

    static var available: Bool { folder != nil }
}

@Suite(.enabled(if: AnkiFixtures.available, "the real Anki is unavailable: python3 -m venv /work/venv-anki && /work/venv-anki/bin/pip install anki==26.9.3 (or set SYSDRILL_ANKI_PYTHON)"))
struct AnkiImportCLITests {
    let fixtures = AnkiFixtures.folder!

    /// The runner with the clock at the time of the fixtures' reviews (they were made now).
    func runner() -> CLIRunner {
        var runner = CLIRunner()
        runner.environment.removeValue(forKey: "SYSDRILL_NOW")
        return runner
    }

    /// What each fixture note's cards show, written out by hand from the script's notes.
    static let expectedText: [String: [(front: String, back: String, kind: String)]] = [
        "What does a <b>load balancer</b> do?": [("What does a load balancer do?", "Spreads requests\nover servers & checks health", "question")],
        "Write-through cache": [("Write-through cache", "Writes go to cache and store\ntogether", "question")],
        "TTL": [("TTL", "time to live <seconds>", "question"), ("time to live <seconds>", "TTL", "reverse")],
        "{{c1::Sharding}} splits data; {{c2::replication::copies}} copies it": [
            ("[…] splits data; replication copies it", "Sharding\nsee DDIA", "question"),
            ("Sharding splits data; [copies] copies it", "replication\nsee DDIA", "question"),
        ],
        "2 &times; 3": [("2 × 3", "6", "question")],
    ]

    @Test(arguments: ["collection.anki2", "profile.anki2", "legacy.apkg", "legacy.colpkg"])
    func importsEveryCardAndEveryGradedReview(file: String) throws {
        let cli = runner()
        defer { cli.cleanUp() }
        let path = fixtures.file(file)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let report = try #require(try cli.json(["import", path, "--json"]) as? [String: Any])
        let cards = try #require(report["cards"] as? [String: Any])
        let reviews = try #require(report["reviews"] as? [String: Any])
        #expect(cards["in_file"] as? Int == fixtures.cards.count)
        #expect(cards["added"] as? Int == fixtures.cards.count)
        #expect(reviews["in_file"] as? Int == fixtures.revlog.count)
        #expect(reviews["added"] as? Int == fixtures.gradedRevlog.count)
        let skipped = try #require(reviews["skipped"] as? [[String: Any]])
        #expect(skipped.map { $0["count"] as! Int }.reduce(0, +) == fixtures.revlog.count - fixtures.gradedRevlog.count)
        // The collection file itself was only read.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        // Every Anki card is a sysdrill card: ID from GUID and ordinal, deck and subdecks, text, tags.
        let listed = try #require(try cli.json(["cards", "--json"]) as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: listed.map { ($0["id"] as! String, $0) })
        let notesByGUID = Dictionary(uniqueKeysWithValues: fixtures.notes.map { ($0["guid"] as! String, $0) })
        for expected in fixtures.cards {
            let guid = expected["guid"] as! String, ordinal = expected["ord"] as! Int
            let id = CardID(foreign: ["anki", guid, String(ordinal)]).rawValue
            let card = try #require(byID[id], "card \(ordinal) of note \(guid) is missing")
            let path = (expected["deck"] as! String).components(separatedBy: "::")
            #expect(card["deck"] as? String == path[0])
            #expect(card["section"] as? [String] == Array(path.dropFirst()))
            let note = try #require(notesByGUID[guid])
            let firstField = (note["fields"] as! [String])[0]
            let text = try #require(Self.expectedText[firstField]?[ordinal])
            #expect(card["front"] as? String == text.front)
            #expect(card["back"] as? String == text.back)
            #expect(card["kind"] as? String == text.kind)
            let tags = note["tags"] as! [String]
            #expect((card["labels"] as? [String] ?? []) == tags.sorted())
        }
        #expect(listed.filter { !["system-design", "numbers"].contains($0["deck"] as? String) }.count == fixtures.cards.count)

        // Every graded review, with its grade, time and answer time, on its card.
        let export = try #require(try cli.json(["export"]) as? [String: Any])
        let exported = Dictionary(uniqueKeysWithValues: (export["reviews"] as! [[String: Any]]).map { ($0["id"] as! String, $0) })
        #expect(exported.count == fixtures.gradedRevlog.count)
        for entry in fixtures.gradedRevlog {
            let revlogID = (entry["id"] as! NSNumber).int64Value
            let review = try #require(exported[AnkiMapping.reviewID(revlogID: revlogID)])
            #expect(review["card"] as? String == CardID(foreign: ["anki", entry["guid"] as! String, String(entry["ord"] as! Int)]).rawValue)
            #expect(review["grade"] as? Int == [1, 3, 4, 5][(entry["ease"] as! Int) - 1])
            #expect(review["duration_ms"] as? Int == entry["time"] as? Int)
            let seconds = Date(timeIntervalSince1970: TimeInterval(revlogID / 1000))
            let formatter = ISO8601DateFormatter()
            #expect(review["at"] as? String == formatter.string(from: seconds))
        }

        // The states are the replay of the log, and a second import adds nothing.
        #expect(try cli.run(["check"]).status == 0)
        let again = try #require(try cli.json(["import", path, "--json"]) as? [String: Any])
        #expect((again["cards"] as? [String: Any])?["added"] as? Int == 0)
        #expect((again["cards"] as? [String: Any])?["updated"] as? Int == 0)
        #expect((again["reviews"] as? [String: Any])?["added"] as? Int == 0)
        let decks = try cli.run(["decks", "--json"])
        #expect(decks.stdout.contains("\"imported\""))
    }

    @Test func readsACollectionThatAnkiHasOpenWithoutTouchingIt() throws {
        let cli = runner()
        defer { cli.cleanUp() }
        let collection = cli.directory + "/collection.anki2"
        try FileManager.default.copyItem(atPath: fixtures.file("profile.anki2"), toPath: collection)
        // Anki opens the collection (an exclusive lock, a write-ahead log) and keeps it open
        // until its standard input closes.
        let anki = Process()
        anki.executableURL = URL(fileURLWithPath: AnkiFixtures.python!)
        anki.arguments = ["-c", """
            import sys
            from anki.collection import Collection
            col = Collection(sys.argv[1])
            col.db.scalar("select count() from cards")
            print("open", flush=True)
            sys.stdin.read()
            col.close(downgrade=False)
            """, collection]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "RUST_BACKTRACE")
        anki.environment = environment
        let input = Pipe(), output = Pipe()
        anki.standardInput = input
        anki.standardOutput = output
        anki.standardError = FileHandle.nullDevice
        try anki.run()
        defer {
            try? input.fileHandleForWriting.close()
            anki.waitUntilExit()
        }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        try #require(line.hasPrefix("open"), "Anki did not open the collection")
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory).filter { $0.hasPrefix("collection") }
        let before = try Data(contentsOf: URL(fileURLWithPath: collection))

        let report = try #require(try cli.json(["import", collection, "--json"]) as? [String: Any])
        #expect((report["cards"] as? [String: Any])?["added"] as? Int == fixtures.cards.count)
        #expect((report["reviews"] as? [String: Any])?["added"] as? Int == fixtures.gradedRevlog.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: collection)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory).filter { $0.hasPrefix("collection") }.sorted()
                == files.sorted())
    }

    @Test func aNewerCollectionAddsOnlyTheNewReviews() throws {
        let cli = runner()
        defer { cli.cleanUp() }
        let early = try #require(try cli.json(["import", fixtures.file("early.apkg"), "--json"]) as? [String: Any])
        let earlyAdded = try #require((early["reviews"] as? [String: Any])?["added"] as? Int)
        #expect(earlyAdded > 0 && earlyAdded < fixtures.gradedRevlog.count)
        let later = try #require(try cli.json(["import", fixtures.file("legacy.apkg"), "--json"]) as? [String: Any])
        #expect((later["reviews"] as? [String: Any])?["added"] as? Int == fixtures.gradedRevlog.count - earlyAdded)
        #expect((later["reviews"] as? [String: Any])?["already_present"] as? Int == earlyAdded)
        #expect((later["cards"] as? [String: Any])?["added"] as? Int == 0)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func modernPackageIsRefusedWithTheWayOut() throws {
        let cli = runner()
        defer { cli.cleanUp() }
        let result = try cli.run(["import", fixtures.file("modern.apkg")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("modern.apkg"))
        #expect(result.stderr.contains("Support older Anki versions"))
        #expect(result.stderr.contains("collection.anki2"))
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    @Test func dryRunCreatesNothing() throws {
        let cli = runner()
        defer { cli.cleanUp() }
        let result = try cli.run(["import", fixtures.file("legacy.apkg"), "--dry-run"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Dry run"))
        #expect(result.stdout.contains("\(fixtures.gradedRevlog.count) to add"))
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    /// Runs Anki/import_into_anki.py: the package imported into a new collection by Anki.
    func importIntoAnki(_ package: String, work: String) throws -> [String: Any] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Anki/import_into_anki.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AnkiFixtures.python!)
        process.arguments = [script, package, work]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "RUST_BACKTRACE")
        process.environment = environment
        let output = work + ".json"
        FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        #expect(process.terminationStatus == 0)
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
    }

    @Test func exportedPackageImportsIntoAnkiWithScheduling() throws {
        let cli = runner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", fixtures.file("legacy.apkg")]).status == 0)
        let package = cli.directory + "/out.apkg"
        let written = try cli.run(["export", "--format", "apkg", "--output", package])
        #expect(written.status == 0, "\(written.stderr)")
        let anki = try importIntoAnki(package, work: cli.directory + "/anki")

        let cards = try #require(try cli.json(["cards", "--json"]) as? [[String: Any]])
        let export = try #require(try cli.json(["export"]) as? [String: Any])
        let reviews = try #require(export["reviews"] as? [[String: Any]])
        #expect(anki["notes"] as? Int == cards.count)
        #expect(anki["cards"] as? Int == cards.count)
        #expect(anki["revlog"] as? Int == reviews.count)
        let grades = reviews.sorted { ($0["at"] as! String) < ($1["at"] as! String) }.map { $0["grade"] as! Int }
        #expect((anki["eases"] as? [Int])?.sorted() == grades.map { [1, 1, 1, 2, 3, 4][$0] }.sorted())

        // Each reviewed card keeps its deck, interval and review count; the others are new.
        let ankiCards = Dictionary(uniqueKeysWithValues: (anki["card_list"] as! [[String: Any]]).map { ($0["guid"] as! String, $0) })
        let states = (export["cards"] as! [[String: Any]]).filter { $0["state"] is [String: Any] }
        #expect(!states.isEmpty)
        for card in export["cards"] as! [[String: Any]] where card["retired"] as? Bool == false {
            let inAnki = try #require(ankiCards[card["id"] as! String])
            #expect(inAnki["deck"] as? String == card["deck"] as? String)
            guard let state = card["state"] as? [String: Any] else {
                #expect(inAnki["type"] as? Int == 0)
                continue
            }
            #expect(inAnki["reps"] as? Int == state["reps"] as? Int)
            if state["phase"] as? String == "review" {
                #expect(inAnki["type"] as? Int == 2)
                #expect(inAnki["ivl"] as? Int == state["interval_d"] as? Int)
            } else {
                #expect(inAnki["type"] as? Int == 1 || inAnki["type"] as? Int == 3)
            }
        }
    }

    @Test func importedDeckCanBeRemoved() throws {
        let cli = runner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["import", fixtures.file("legacy.apkg")]).status == 0)
        let removed = try cli.run(["decks", "remove", "Trivia"])
        #expect(removed.status == 0)
        #expect(removed.stdout.contains("1 cards retired"))
        #expect(!(try cli.run(["decks"]).stdout.contains("Trivia")))
    }
}

/// Broken Anki files: exit 65, the file named, no database created. Always run.
@Suite struct AnkiBadInputCLITests {
    func refused(_ bytes: [UInt8], name: String, expecting fragment: String) throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let path = cli.directory + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let result = try cli.run(["import", path])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains(path))
        #expect(result.stderr.contains(fragment), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    static func package(_ members: [(String, [UInt8])]) -> [UInt8] {
        try! ZipWriter.archive(members.map { (name: $0.0, data: $0.1) })
    }

    @Test func truncatedPackage() throws {
        let whole = Self.package([("collection.anki2", Array(repeating: 1, count: 4000))])
        try refused(Array(whole.prefix(2000)), name: "cut.apkg", expecting: "zip")
    }

    @Test func packageWithoutACollection() throws {
        try refused(Self.package([("media", Array("{}".utf8))]), name: "empty.apkg", expecting: "holds no Anki collection")
    }

    @Test func modernPackageMadeByHand() throws {
        try refused(Self.package([("collection.anki21b", [0x28, 0xB5, 0x2F, 0xFD]), ("collection.anki2", [])]),
                    name: "new.apkg", expecting: "Support older Anki versions")
    }

    @Test func collectionThatIsNoSQLiteDatabase() throws {
        try refused(Self.package([("collection.anki2", Array("SQLite format 3\0".utf8) + Array(repeating: 0xFF, count: 200))]),
                    name: "bad.colpkg", expecting: "collection.anki2")
    }

    @Test func ownPackageReadsBackButItsDecksClashWithYours() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let package = cli.directory + "/out.apkg"
        #expect(try cli.run(["export", "--format", "apkg", "--output", package]).status == 0)
        let decksBefore = try cli.run(["decks", "--json"]).stdout
        // The package's collection reads (zip writer, SQLite schema 11, reader agree), but it
        // holds the built-in deck, which is a deck here already.
        let result = try cli.run(["import", package])
        #expect(result.status == 65)
        #expect(result.stderr.contains("its deck 'system-design' has the name of a deck you already have"))
        #expect(try cli.run(["decks", "--json"]).stdout == decksBefore)
    }

    /// The review log is read through before the database is opened (the import reads it
    /// again as it merges): a collection whose log cannot be read creates nothing.
    @Test func collectionWhoseReviewLogCannotBeRead() throws {
        let exporter = CLIRunner()
        defer { exporter.cleanUp() }
        let package = exporter.directory + "/out.apkg"
        #expect(try exporter.run(["export", "--format", "apkg", "--output", package]).status == 0)
        let archive = try ZipArchive(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: package))))
        let collection = exporter.directory + "/collection.anki2"
        try Data(try archive.data(of: try #require(archive.entry(named: "collection.anki2"))))
            .write(to: URL(fileURLWithPath: collection))
        try Connection.createScratch(path: collection).executeScript("ALTER TABLE revlog RENAME COLUMN time TO spent;")
        try refused(Array(try Data(contentsOf: URL(fileURLWithPath: collection))), name: "collection.anki2",
                    expecting: "no such column: time")
    }

    /// A package's collection is copied to a temporary file for SQLite to read, and that
    /// file is gone once the import is over, whether it went in or was refused.
    @Test func aPackagesTemporaryCopyIsRemoved() throws {
        let exporter = CLIRunner()
        defer { exporter.cleanUp() }
        let package = exporter.directory + "/out.apkg"
        #expect(try exporter.run(["export", "--format", "apkg", "--output", package]).status == 0)
        let importer = CLIRunner()
        defer { importer.cleanUp() }
        let scratch = importer.directory + "/tmp"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        // Refused: the package holds the built-in deck, which the importer has too.
        let refused = try importer.run(["import", package], extraEnvironment: ["TMPDIR": scratch])
        #expect(refused.status == 65 && refused.stderr.contains("has the name of a deck you already have"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
        let dryRun = try importer.run(["import", package, "--dry-run", "--json"], extraEnvironment: ["TMPDIR": scratch])
        #expect(dryRun.status == 65)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
    }

    @Test func formatOptionOverridesDetection() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let path = cli.directory + "/x.json"
        FileManager.default.createFile(atPath: path, contents: Data("{}".utf8))
        let result = try cli.run(["import", path, "--format", "apkg"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("not a readable zip archive"))
        let bad = try cli.run(["import", path, "--format", "tsv"])
        #expect(bad.status == 64)
    }
}
