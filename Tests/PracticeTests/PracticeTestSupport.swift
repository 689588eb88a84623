import BundledContent
import Deck
import Foundation
import Store
@testable import Study
@testable import Practice

/// The user's outline as cards, parsed once for the practice tests.
enum PracticeSeed {
    static let cards: [Card] = {
        let bytes = BundledContent.files.first { $0.name == "system-design.md" }!.bytes
        return try! OutlineParser(deck: "system-design", file: "Content/system-design.md").parse(bytes).filter { !$0.kind.isDerived }
    }()

    static func card(_ term: String, in section: String? = nil) -> Card {
        cards.first { card in
            card.term == term && (section.map { wanted in card.section.contains { $0.contains(wanted) } } ?? true)
        }!
    }
}

/// A clock the test moves by hand; reading it never advances it.
final class PracticeClock: SessionClock {
    var now: Int64
    var milliseconds: Int64 = 0

    init(now: Int64 = 1_764_061_200) {
        self.now = now
    }

    func monotonicMilliseconds() -> Int64 { milliseconds }

    func advance(seconds: Int64) {
        milliseconds += seconds * 1000
        now += seconds
    }
}

/// A private database holding the seed deck (or another outline).
final class PracticeStoreFixture {
    let directory: String
    let store: StudyStore
    let clock = PracticeClock()
    let identifiers = CountingIdentifiers()
    let cards: [Card]

    init(outline: String? = nil) throws {
        directory = NSTemporaryDirectory() + "sysdrill-practice-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try StudyStore.open(path: directory + "/db.sqlite")
        cards = try outline.map { try OutlineParser(deck: "t", file: "t.md").parse($0).filter { !$0.kind.isDerived } } ?? PracticeSeed.cards
        _ = try store.sync(deck: cards.first?.deck ?? "t", source: "/t.md", origin: .registered, files: [], cards: cards,
                           at: clock.now)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Feeds `lines` to a line-mode driver and collects what it prints.
    final class Transcript {
        var input: [String]
        var output: [String] = []
        var messages: [String] = []

        init(_ input: [String]) {
            self.input = input
        }

        func readLine() -> String? { input.isEmpty ? nil : input.removeFirst() }

        /// Output lines parsed as JSON objects.
        func events() throws -> [[String: Any]] {
            try output.joined().split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
        }
    }
}
