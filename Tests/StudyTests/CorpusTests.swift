import Deck
import Foundation
@testable import Study
import Testing

/// Real-world Markdown becomes clean, answerable cards (issue 15). The look-alike fixtures
/// (Fixtures/Corpus: our own words, the structures of real system-design notes) must give
/// at most 2% junk cards and cover at least 80% of the headings followed by prose; see
/// `CorpusMeasure` for the definitions. With SYSDRILL_CORPUS naming a folder of real
/// documents (one deck per file or folder in it), a report table is printed instead, with
/// no assertion.
@Suite struct CorpusTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Corpus").path

    static let maximumJunk = 0.02
    static let minimumCoverage = 0.80

    @Test(arguments: ["primer-readme.md", "solutions", "guides", "setext-notes", "bold-labels.md"])
    func fixtureGivesCleanCards(_ name: String) throws {
        let path = Self.fixtures + "/" + name
        let deck = try Self.loadDeck(at: path)
        let report = CorpusMeasure.measure(cards: deck.cards, sources: deck.sources)
        #expect(deck.cards.count > 0, "\(name): no cards")
        #expect(report.junkShare <= Self.maximumJunk, """
            \(name): \(Self.percent(report.junkShare)) junk (\(report.junk.count) of \(report.cardCount) cards; at most \
            \(Self.percent(Self.maximumJunk))); reasons: \(Self.reasonSummary(report))
            \(report.describeJunk())
            """)
        #expect(report.coverage >= Self.minimumCoverage, """
            \(name): \(Self.percent(report.coverage)) of the \(report.eligibleHeadings.count) headings followed by prose \
            are named by a clean card (at least \(Self.percent(Self.minimumCoverage))); not named:
            \(report.describeUncovered())
            """)
    }

    /// The report on real documents: SYSDRILL_CORPUS=/work/corpus swift test --filter Corpus.
    /// SYSDRILL_CORPUS_SAMPLES=N also prints N junk cards and N uncovered headings per document;
    /// SYSDRILL_CORPUS_DUMP=1 prints every card of the decks the loader accepts.
    @Test func realCorpusReport() throws {
        let environment = ProcessEnvironment.current()
        guard let folder = environment["SYSDRILL_CORPUS"], !folder.isEmpty else { return }
        let samples = environment["SYSDRILL_CORPUS_SAMPLES"].flatMap { Int($0) } ?? 0
        let dump = environment["SYSDRILL_CORPUS_DUMP"] == "1"
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { !$0.hasPrefix(".") && $0 != "MANIFEST.md" && $0 != "BASELINE.md" }
            .sorted()
        var table = [
            "| document | files | cards | junk % | coverage % | top junk reasons |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
        ]
        var details: [String] = []
        var refusals: [String] = []
        for entry in entries {
            let path = folder + "/" + entry
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
                  isFolder.boolValue || entry.hasSuffix(".md") else { continue }
            do {
                let deck = try Self.loadDeck(at: path)
                let report = CorpusMeasure.measure(cards: deck.cards, sources: deck.sources)
                table.append(Self.row(entry, files: deck.sources.count, report))
                if samples > 0 { details.append(Self.samples(entry, report, samples)) }
                if dump { details.append(Self.dump(entry, deck.cards)) }
            } catch {
                table.append("| \(entry) | | refused | | | \(Self.cell("\(error)")) |")
                // Still measured file by file, so the table says how the files fare alone.
                if isFolder.boolValue {
                    let (decks, refused) = Self.loadEachFile(at: path)
                    let report = CorpusReport.merged(decks.map { CorpusMeasure.measure(cards: $0.cards, sources: $0.sources) })
                    let label = entry + " (each file alone" + (refused.isEmpty ? ")" : "; \(refused.count) refused)")
                    table.append(Self.row(label, files: decks.count, report))
                    refusals += refused.map { "- \($0)" }
                    if samples > 0 { details.append(Self.samples(entry + " (each file alone)", report, samples)) }
                    if dump { details += decks.map { Self.dump(entry + " / " + FileSystem.deckName(for: $0.sources[0].path), $0.cards) } }
                }
            }
        }
        print(table.joined(separator: "\n"))
        if !refusals.isEmpty { print("\nFiles refused alone:\n" + refusals.joined(separator: "\n")) }
        if !details.isEmpty { print(details.joined(separator: "\n\n")) }
    }

    // MARK: - Loading a deck

    struct LoadedCorpusDeck {
        let cards: [Card]
        let sources: [CorpusSource]
    }

    /// A file or folder parsed as a user deck, the way `sysdrill decks add` reads it (the one
    /// place that calls the loader: adapt it here when its signatures change).
    static func loadDeck(at path: String) throws -> LoadedCorpusDeck {
        let name = FileSystem.deckName(for: path)
        let files = try DeckLoader.fingerprints(of: path)
        let cards = try DeckLoader.parse(deck: name, files: files, folder: DeckLoader.folder(of: path))
        let sources = try files.map { CorpusSource(path: $0.path, text: try readText($0.path)) }
        return LoadedCorpusDeck(cards: cards, sources: sources)
    }

    /// Each file of a folder as a deck of its own (for a folder the loader refuses whole),
    /// and the errors of the files it refuses even alone.
    static func loadEachFile(at path: String) -> (decks: [LoadedCorpusDeck], refused: [String]) {
        var decks: [LoadedCorpusDeck] = []
        var refused: [String] = []
        for file in FileSystem.markdownFiles(in: path) {
            do { decks.append(try loadDeck(at: file)) } catch { refused.append("\(error)") }
        }
        return (decks, refused)
    }

    static func readText(_ path: String) throws -> String {
        String(decoding: try FileSystem.read(path), as: UTF8.self)
    }

    // MARK: - Report

    static func row(_ name: String, files: Int, _ report: CorpusReport) -> String {
        "| \(name) | \(files) | \(report.cardCount) | \(percent(report.junkShare)) | "
            + "\(percent(report.coverage)) (\(report.eligibleHeadings.count - report.uncoveredHeadings.count)/\(report.eligibleHeadings.count)) | "
            + "\(reasonSummary(report)) |"
    }

    static func reasonSummary(_ report: CorpusReport, top: Int = 8) -> String {
        let counts = report.reasonCounts.prefix(top).map { "\($0.kind.rawValue) \($0.count)" }
        return counts.isEmpty ? "—" : counts.joined(separator: ", ")
    }

    static func samples(_ name: String, _ report: CorpusReport, _ count: Int) -> String {
        """
        ## \(name): junk cards (\(report.junk.count))
        \(report.describeJunk(limit: count))
        ## \(name): headings with prose not named by a clean card (\(report.uncoveredHeadings.count))
        \(report.describeUncovered(limit: count))
        """
    }

    static func dump(_ name: String, _ cards: [Card]) -> String {
        var lines = ["## \(name): all \(cards.count) cards"]
        for card in cards {
            lines.append("- \(card.source.line) [\(card.kind.rawValue)] \(card.section.joined(separator: " / ")) | term: \(CorpusReport.clip(card.term, 80))")
            lines.append("    front: \(CorpusReport.clip(card.front))")
            lines.append("    back:  \(CorpusReport.clip(card.back))")
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func cell(_ text: String) -> String {
        CorpusReport.clip(text, 140).replacingOccurrences(of: "|", with: "\\|")
    }
}

/// The measure itself, on hand-made cards (so a change of the parser cannot hide a change
/// of the yardstick).
@Suite struct CorpusMeasureTests {
    static func card(_ term: String, front: String, back: String, kind: CardKind = .definition, items: [String] = [],
                     section: [String] = ["Caching"], line: Int = 1, file: String = "notes.md") -> Card {
        Card(id: CardID(rawValue: "\(line)"), deck: "notes", section: section, kind: kind, term: term, front: front, back: back,
             items: items, source: SourceLocation(file: file, line: line), order: line)
    }

    @Test func junkReasons() {
        let source = CorpusSource(path: "notes.md", text: """
            ---
            title: "Caching notes"
            tags:
              - "Caching"
            ---

            Caching
            =======

            A cache keeps hot data close to the reader.

            ## 3.1 Write-through

            Writes go to the cache and the store together.

            ### Source(s) and further reading

            * [Cache patterns explained](https://example.org/blog/cache-patterns)
            * [Another article](https://example.org/a/b)

            **Examples**

            - [Redis](https://redis.io)
            - [Memcached](https://memcached.org)
            """)
        let cards = [
            Self.card("Write-through", front: "Caching: what is meant by Write-through?", back: "Writes go to both.", line: 14),
            Self.card("Cache", front: "What is meant by **Cache**?", back: "A store.", line: 10),
            Self.card("title", front: "What is meant by title?", back: "\"Caching notes\"", line: 2),
            Self.card("Reading", front: "Caching › Source(s) and further reading: name the 2 points.", back: "",
                      kind: .list, items: ["Cache patterns explained", "Another article"], line: 19),
            Self.card("Examples", front: "Caching › Examples: name the 2 points.", back: "• Redis\n• Memcached",
                      kind: .list, items: ["Redis", "Memcached"], line: 24),
            Self.card("Advantages", front: "Advantages: name the 2 points.", back: "• a\n• b", kind: .list, items: ["a", "b"], line: 30),
            Self.card("Empty", front: "Caching: what is meant by Empty?", back: " ", line: 31),
            Self.card("Write-through", front: "Caching: what is meant by write-through?", back: "Again.", line: 32),
            Self.card("Keyset", front: "Caching: what is meant by Keyset?", back: "Filter on created\\_at.", line: 33),
            Self.card("Paths", front: "Caching: what is meant by Paths?", back: "Kept under C:\\Users, a_b_c or 2 * 3 * 4.", line: 34),
        ]
        let report = CorpusMeasure.measure(cards: cards, sources: [source])
        let kinds = Dictionary(uniqueKeysWithValues: report.junk.map { ($0.card.source.line, Set($0.reasons.map(\.kind))) })
        #expect(kinds[14] == [.duplicateFront])
        #expect(kinds[10] == [.markup])
        #expect(kinds[2]?.contains(.frontMatter) == true)
        #expect(kinds[19]?.contains(.readingList) == true)
        #expect(kinds[24] == nil, "product links under **Examples** are named things, not reading")
        #expect(kinds[30] == [.vagueFront])
        #expect(kinds[31] == [.emptyBack])
        #expect(kinds[33] == [.markup])
        #expect(kinds[34] == nil, "a backslash before a letter, snake_case and spaced stars are not markup")
        #expect(report.junk.count == 8)
    }

    @Test func coverageCountsHeadingsFollowedByProse() {
        let source = CorpusSource(path: "notes.md", text: """
            ---
            title: x
            ---
            Caching
            =======

            A cache keeps hot data close to the reader.

            ## 3.1 Write-*through*

            Writes go to the cache and the store together.

            ## Eviction

            - LRU
            - LFU

            Not a heading
            text line
            ---

            ```
            # not a heading
            ```

            Sharding
            --------

            ![diagram](x.png)
            """)
        let headings = CorpusMeasure.eligibleHeadings(source)
        #expect(headings.map(\.name) == ["caching", "write-through"])
        let cards = [Self.card("Write-through", front: "Caching: what is meant by Write-through?", back: "Both.", section: ["Caching", "3.1 Write-*through*"], line: 9)]
        let report = CorpusMeasure.measure(cards: cards, sources: [source])
        #expect(report.uncoveredHeadings.map(\.name) == ["caching"])
        #expect(report.coverage == 0.5)
    }
}
