import Foundation
import Testing

/// `--only NAME` on review, due, quiz, cards, stats and export, and what `--section`
/// matches (issue 19, "Decks the user owns").
@Suite struct DeckOnlyCLITests {
    /// A user's deck named like a built-in section. "staleness" and "persistence" are only
    /// in link URLs, "least recently" only in an answer; "redis" is a term, "warmup" a label.
    static let deck = """
    # Eviction

    - LRU: drops the entry used least recently
    - TTL: an entry expires after a fixed time; see [the guide](https://example.com/staleness-guide)

    # Links

    - [Redis docs](https://redis.io/docs/persistence): the reference for its commands

    **Warmup strategies**:

    - preload the hot keys at start
    - replay recent reads

    """

    func runner() throws -> CLIRunner {
        let cli = CLIRunner()
        try Self.deck.write(toFile: cli.directory + "/caching.md", atomically: true, encoding: .utf8)
        let added = try cli.run(["decks", "add", cli.directory + "/caching.md"])
        #expect(added.status == 0, "\(added)")
        return cli
    }

    /// The IDs `cards --json` lists with these arguments.
    func ids(_ cli: CLIRunner, _ arguments: [String]) throws -> Set<String> {
        let cards = try #require(try cli.json(["cards", "--json"] + arguments) as? [[String: Any]])
        return Set(cards.compactMap { $0["id"] as? String })
    }

    func terms(_ cli: CLIRunner, _ arguments: [String]) throws -> [String] {
        let cards = try #require(try cli.json(["cards", "--json"] + arguments) as? [[String: Any]])
        return cards.filter { $0["kind"] as? String != "reverse" }.compactMap { $0["term"] as? String }
    }

    @Test func onlyKeepsTheNamedDecksInEveryQueueAndList() throws {
        let cli = try runner()
        defer { cli.cleanUp() }
        let own = try ids(cli, ["--only", "caching"])
        let builtIn = try ids(cli, ["--only", "system-design"])
        #expect(!own.isEmpty && !builtIn.isEmpty && own.isDisjoint(with: builtIn))
        #expect(try ids(cli, ["--only", "caching", "--only", "system-design"]) == own.union(builtIn))

        // The queue: the user's deck, not the built-in 3.4 cards that come first otherwise.
        let due = try #require(try cli.json(["due", "--json", "--only", "caching"]) as? [String: Any])
        let queued = Set(try #require(due["cards"] as? [[String: Any]]).compactMap { $0["id"] as? String })
        #expect(!queued.isEmpty && queued.isSubset(of: own), "\(due)")
        let review = try cli.run(["review", "--json", "--only", "caching", "--limit", "2"], stdin: "good\ngood\n")
        #expect(review.status == 0, "\(review)")
        let answered = review.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["event"] as? String == "answer" else { return nil }
            return object["card"] as? String
        }
        #expect(answered.count == 2 && Set(answered).isSubset(of: own), "\(review.stdout)")

        // Quiz questions come from the deck only.
        let quiz = try cli.run(["quiz", "--json", "--only", "caching", "--count", "3", "--seed", "7"], stdin: "\n\n\n")
        let asked = quiz.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["event"] as? String == "question" else { return nil }
            return object["card"] as? String
        }
        #expect(!asked.isEmpty && Set(asked).isSubset(of: own), "\(quiz)")

        // Stats count the deck's reviews only; the built-in deck has none.
        let stats = try #require(try cli.json(["stats", "--json", "--only", "caching"]) as? [String: Any])
        #expect(stats["total_reviews"] as? Int == 2)
        let other = try #require(try cli.json(["stats", "--json", "--only", "system-design"]) as? [String: Any])
        #expect(other["total_reviews"] as? Int == 0)
        // Today's limits are the day's whatever --only shows: stats and the queue agree.
        let builtInDue = try #require(try cli.json(["due", "--json", "--only", "system-design"]) as? [String: Any])
        let newLeft = (other["today"] as? [String: Any])?["new_left"] as? Int
        #expect(newLeft != nil && newLeft == (builtInDue["counts"] as? [String: Int])?["new"], "\(other) \(builtInDue)")
        let mastery = try #require(other["mastery"] as? [[String: Any]])
        #expect(!mastery.isEmpty && mastery.allSatisfy { $0["deck"] as? String == "system-design" })
    }

    /// A new database has not synced the built-in decks yet: they are refused by name all
    /// the same, with the advice to disable them, and no database is made.
    @Test func removingABuiltInDeckIsRefusedAlsoBeforeItIsSynced() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        for name in ["system-design", "numbers"] {
            let result = try cli.run(["decks", "remove", name])
            #expect(result.status == 64)
            #expect(result.stderr.contains("'\(name)' is compiled into sysdrill and cannot be removed; 'sysdrill decks disable \(name)'"),
                    "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
        let unknown = try cli.run(["decks", "remove", "nosuch"])
        #expect(unknown.status == 64 && unknown.stderr.contains("no deck named 'nosuch'"))
        #expect(try cli.run(["decks"]).status == 0)
        #expect(try cli.run(["decks", "remove", "system-design"]).stderr.contains("is compiled into sysdrill"))
    }

    @Test func anUnknownOrDisabledDeckIsAUsageError() throws {
        let cli = try runner()
        defer { cli.cleanUp() }
        for command in ["review", "due", "quiz", "cards", "stats", "export"] {
            let result = try cli.run([command, "--only", "cachng"], stdin: "")
            #expect(result.status == 64, "\(command): \(result)")
            #expect(result.stderr.contains("--only 'cachng'") && result.stderr.contains("did you mean 'caching'?")
                    && result.stderr.contains("system-design, numbers, caching"), "\(command): \(result.stderr)")
        }
        #expect(try cli.run(["decks", "disable", "caching"]).status == 0)
        for command in ["review", "due", "quiz"] {
            let result = try cli.run([command, "--only", "caching"], stdin: "")
            #expect(result.status == 64, "\(command): \(result)")
            #expect(result.stderr.contains("disabled") && result.stderr.contains("sysdrill decks enable caching"), "\(result.stderr)")
        }
        // Listing and exporting a disabled deck's cards stays possible, as without --only.
        #expect(try ids(cli, ["--only", "caching"]).count > 0)
        #expect(try cli.run(["export", "--format", "apkg", "--only", "caching", "--output", cli.directory + "/x.apkg"]).status == 64)
        #expect(!FileManager.default.fileExists(atPath: cli.directory + "/x.apkg"))
    }

    @Test func sectionMatchesHeadingsLabelsAndTermsNeverURLsOrAnswers() throws {
        let cli = try runner()
        defer { cli.cleanUp() }
        // In a term, a label and a heading.
        #expect(try terms(cli, ["--only", "caching", "--section", "redis"]) == ["Redis docs"])
        #expect(try terms(cli, ["--only", "caching", "--section", "warmup"]) == ["Warmup strategies"])
        #expect(try terms(cli, ["--only", "caching", "--section", "eviction"]) == ["LRU", "TTL"])
        // Only in a URL or an answer: no card.
        for word in ["staleness", "persistence", "least recently", "example.com"] {
            let result = try cli.run(["cards", "--only", "caching", "--section", word])
            #expect(result.status == 64, "\(word): \(result)")
            #expect(result.stderr.contains("matches no card in 'caching'"), "\(result.stderr)")
        }
        // A typo gets a guess among the words of headings, labels and terms.
        let typo = try cli.run(["due", "--section", "evicton", "--only", "caching"])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean 'eviction'?"), "\(typo.stderr)")
        // --section and --only intersect; a deck's name is never a section.
        let both = try ids(cli, ["--section", "eviction"])
        #expect(try ids(cli, ["--section", "eviction", "--only", "caching"]) == both.intersection(try ids(cli, ["--only", "caching"])))
        let verbose = try cli.run(["cards", "--section", "eviction", "--verbose"])
        #expect(verbose.stderr.contains("matches cards of 2 decks (system-design, caching); --only NAME keeps one"), "\(verbose.stderr)")
        let named = try cli.run(["cards", "--section", "caching"])
        #expect(named.status == 0 && named.stderr.contains("'--only caching' selects the deck"), "\(named.stderr)")
        #expect(try ids(cli, ["--section", "caching"]).isDisjoint(with: try ids(cli, ["--only", "caching"])))
    }

    @Test func anExportOfOneDeckImportsBackWithoutLoss() throws {
        let cli = try runner()
        defer { cli.cleanUp() }
        try cli.run(["review", "--only", "caching", "--limit", "2"], stdin: "good\nagain\n")
        try cli.run(["review", "--only", "system-design", "--limit", "1"], stdin: "good\n")
        let own = try ids(cli, ["--only", "caching", "--retired"])
        let file = cli.directory + "/caching.json"
        let export = try cli.run(["export", "--only", "caching", "--output", file])
        #expect(export.status == 0, "\(export)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let cards = try #require(document["cards"] as? [[String: Any]])
        let reviews = try #require(document["reviews"] as? [[String: Any]])
        #expect(Set(cards.compactMap { $0["id"] as? String }) == own)
        #expect(reviews.count == 2 && reviews.allSatisfy { own.contains($0["card"] as? String ?? "") }, "\(reviews)")

        let original = try String(contentsOfFile: file, encoding: .utf8)

        // Into another machine's database with the same deck, and out again: the same document.
        let other = try runner()
        defer { other.cleanUp() }
        let imported = try other.run(["import", file])
        #expect(imported.status == 0, "\(imported)")
        let again = try other.run(["export", "--only", "caching"])
        #expect(again.status == 0, "\(again)")
        // (The cards' source files are the other machine's.)
        #expect(again.stdout.replacingOccurrences(of: other.directory, with: cli.directory) == original)
        #expect(try other.run(["check"]).status == 0)
        // The built-in deck's review stayed behind.
        let builtIn = try #require(try other.json(["stats", "--json", "--only", "system-design"]) as? [String: Any])
        #expect(builtIn["total_reviews"] as? Int == 0)

        // Into a database without the deck: its cards come in retired (as with any import of
        // cards not in your decks), everything else the same.
        let bare = CLIRunner()
        defer { bare.cleanUp() }
        #expect(try bare.run(["import", file]).status == 0)
        let fromBare = try bare.run(["export", "--only", "caching"])
        #expect(fromBare.status == 0, "\(fromBare)")
        #expect(fromBare.stdout.replacingOccurrences(of: "\"retired\": true", with: "\"retired\": false") == original)
    }
}
