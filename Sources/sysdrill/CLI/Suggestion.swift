import TextMatching

enum Suggestion {
    static func closest(to word: String, in candidates: [String]) -> String? {
        EditDistance.closest(to: word, in: candidates)
    }

    static func didYouMean(_ word: String, in candidates: [String], prefix: String = "") -> String {
        guard let guess = closest(to: word, in: candidates) else { return "" }
        return "; did you mean '\(prefix)\(guess)'?"
    }
}
