// Levenshtein distance and "did you mean" suggestions, shared by the CLI (option and
// command names), the calculator (unit names) and typed-answer grading.

public enum EditDistance {
    /// Number of single-character insertions, deletions and substitutions turning `a`
    /// into `b`, over Unicode characters (grapheme clusters).
    public static func between(_ a: String, _ b: String) -> Int {
        between(Array(a), Array(b))
    }

    public static func between<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a plausible typo
    /// (at most a third of the word's length, and at most 3 edits). Ties go to the
    /// earlier candidate, so callers order candidates by preference.
    public static func closest(to word: String, in candidates: [String], caseSensitive: Bool = false) -> String? {
        let needle = caseSensitive ? word : word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = between(needle, caseSensitive ? candidate : candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = min(3, max(1, (needle.count + 2) / 3))
        return best.distance <= limit ? best.candidate : nil
    }
}
