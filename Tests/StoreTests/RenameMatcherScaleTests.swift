import Testing
import SeededRandom
@testable import Deck
@testable import Store

/// `RenameMatcher.pairs` picks, among cards at one place, the pairs whose distance is the
/// single smallest at both ends. It now finds them from the smallest distance at each card
/// instead of comparing every candidate pair with every other; this checks it against that
/// every-pair rule on random places crowded with similar terms.
@Suite struct RenameMatcherScaleTests {
    static func candidate(_ term: String, line: Int, index: Int, kind: CardKind = .definition) -> RenameMatcher.Candidate {
        RenameMatcher.Candidate(Card(id: CardID(rawValue: "\(term)-\(index)"), deck: "d", section: [], kind: kind, term: term,
                                     front: term, back: "answer \(index)", items: [], source: SourceLocation(file: "d.md", line: line),
                                     order: index))
    }

    /// The rule as it was written first: an edge pairs when no edge sharing one of its cards
    /// is as close. Only answers that differ on every card, so step 1 pairs nothing.
    static func everyPair(old: [RenameMatcher.Candidate], new: [RenameMatcher.Candidate]) -> [[Int]] {
        var edges: [(old: Int, new: Int, distance: Int)] = []
        for (oldIndex, card) in old.enumerated() {
            for (newIndex, other) in new.enumerated() where other.file == card.file && other.line == card.line && other.kind == card.kind {
                if let distance = RenameMatcher.similarity(card.term, other.term) { edges.append((oldIndex, newIndex, distance)) }
            }
        }
        return edges.filter { edge in
            !edges.contains { ($0.old == edge.old) != ($0.new == edge.new) && $0.distance <= edge.distance }
        }.map { [$0.old, $0.new] }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test func agreesWithTheEveryPairRuleOnRandomPlaces() {
        var random = SplitMix64(seed: 0x15_2026_0087)
        let stems = ["cache", "caches", "cached", "queue", "queues", "shard", "shards", "lease"]
        for _ in 0..<300 {
            var old: [RenameMatcher.Candidate] = [], new: [RenameMatcher.Candidate] = []
            for index in 0..<Int(random.next() % 12) {
                let term = stems[Int(random.next() % UInt64(stems.count))] + String(repeating: "!", count: Int(random.next() % 3))
                old.append(Self.candidate(term, line: 1 + Int(random.next() % 3), index: index))
            }
            for index in 0..<Int(random.next() % 12) {
                let term = stems[Int(random.next() % UInt64(stems.count))] + String(repeating: "?", count: Int(random.next() % 3))
                new.append(Self.candidate(term, line: 1 + Int(random.next() % 3), index: 100 + index,
                                          kind: random.next() % 5 == 0 ? .reverse : .definition))
            }
            let pairs = RenameMatcher.pairs(old: old, new: new).map { [$0.old, $0.new] }.sorted { $0.lexicographicallyPrecedes($1) }
            #expect(pairs == Self.everyPair(old: old, new: new))
        }
    }
}
