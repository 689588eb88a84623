/// A small English stemmer for typed answers: the forms of one word (plural and
/// singular, `-ing`, `-ed`, `-ic`, `-ation`, `-ability`, `-ency`...) come out as one stem,
/// so `monolithic` is `Monolith`, `indexes`/`indices` are `Indexing`, `replicated` is
/// `Replication`, `scaling` is `Scalability`.
///
/// It is deliberately smaller than Porter's: only the endings that system-design terms
/// use, with a minimum stem of three letters (and a vowel), so short words and acronyms
/// stay whole. Two words that mean different things must not meet: `-less` and `-ful`
/// are never removed (Stateless is not Stateful, Serverless is not a server), nor are
/// prefixes (`denormalize` is not `normalize`). Stems are for comparing, not for showing.
public enum WordStem {
    /// Words whose forms no rule finds.
    static let irregular: [String: String] = [
        "indices": "index", "vertices": "vertex", "matrices": "matrix", "appendices": "appendix",
    ]

    /// Derivational endings, longest first within each group, removed until none applies.
    /// Each pair is (ending, minimum length of what is left).
    static let derivational: [(String, Int)] = [
        ("izations", 3), ("isations", 3), ("ization", 3), ("isation", 3),
        ("ability", 3), ("ibility", 3), ("ation", 3), ("ition", 99), // "partition" keeps its "-ition"
        ("ement", 4), ("ment", 4), ("ness", 3),
        ("ency", 3), ("ence", 3), ("ancy", 3), ("ance", 3), ("ent", 3), ("ant", 3),
        ("able", 3), ("ible", 3), ("ity", 3), ("ion", 3),
        ("ize", 3), ("ise", 3), ("iz", 3),
        ("ive", 3), ("ic", 5), ("al", 3), ("ly", 3), ("er", 4), ("ate", 3),
    ]

    public static func stem(_ word: String) -> String {
        var w = word.lowercased()
        guard w.count > 3, w.allSatisfy({ $0.isLetter }) else { return w }
        if let known = irregular[w] { return known }
        w = inflection(w)
        var changed = true
        var rounds = 0
        while changed && rounds < 3 {
            changed = false
            rounds += 1
            for (ending, minimum) in derivational where w.hasSuffix(ending) {
                let rest = String(w.dropLast(ending.count))
                if rest.count >= minimum && hasVowel(rest) {
                    w = rest
                    changed = true
                }
                break
            }
        }
        // story/stories, proxy/proxies: a final y after a consonant reads as i.
        if w.count > 3, w.hasSuffix("y"), let before = w.dropLast().last, !isVowel(before) {
            w = String(w.dropLast()) + "i"
        }
        // cache/caching, scale/scaling, queue/queuing: a final silent e goes.
        if w.count > 3, w.hasSuffix("e") {
            w.removeLast()
        }
        return w
    }

    /// Plural `-s`/`-es`/`-ies`, then `-ing`/`-ed` (with a doubled consonant undone and a
    /// lost `e` restored where the stem asks for one: `replicated` -> `replicate`).
    static func inflection(_ word: String) -> String {
        var w = word
        if w.hasSuffix("ies"), w.count > 4 {
            w = String(w.dropLast(3)) + "y"
        } else if w.hasSuffix("sses") {
            w = String(w.dropLast(2))
        } else if ["xes", "ches", "shes", "zes"].contains(where: { w.hasSuffix($0) }), w.count > 4 {
            w = String(w.dropLast(2))
        } else if w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is"), w.count > 3 {
            w = String(w.dropLast())
        }
        for ending in ["ing", "ed"] where w.hasSuffix(ending) {
            let rest = String(w.dropLast(ending.count))
            guard rest.count >= 3, hasVowel(rest) else { break }
            w = rest
            if let last = w.last, w.count >= 4, w.dropLast().last == last, !isVowel(last), !"lsz".contains(last) {
                w.removeLast()
            } else if ["at", "iz", "bl"].contains(where: { w.hasSuffix($0) }) {
                w += "e"
            }
            break
        }
        return w
    }

    static func isVowel(_ character: Character) -> Bool { "aeiou".contains(character) }

    static func hasVowel(_ text: String) -> Bool { text.contains { "aeiouy".contains($0) } }
}
