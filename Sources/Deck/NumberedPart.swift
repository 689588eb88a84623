/// Terms that number a part of something rather than name a thing: "Step 3", "Phase II",
/// "Option B". A learner cannot give them as the answer to their definition (no reverse
/// card), and a step is asked for what happens in it.
enum NumberedPart {
    /// Words that, followed by a number or a letter, label a part ("Layer 4" and "Tier 1"
    /// do name things, so they are not here).
    static let labels: Set<String> = [
        "step", "stage", "phase", "part", "option", "round", "problem", "solution", "case",
        "example", "method", "approach", "algorithm", "pattern", "rule", "tip", "lesson", "chapter", "section", "way",
    ]

    /// The parts that are moments of a process: "what happens in Step 3?".
    static let moments: Set<String> = ["step", "stage", "phase"]

    /// The label word of `term` (lowercased) when `term` is a label and a number, else nil.
    static func label(of term: String) -> String? {
        // Most terms have no space or several: their bytes say so without splitting (this
        // runs for every definition of a deck).
        guard term.utf8.count <= 24, term.utf8.lazy.filter({ $0 == 0x20 }).count == 1 else { return nil }
        let words = term.split(separator: " ")
        guard words.count == 2, isPartNumber(words[1]) else { return nil }
        let label = words[0].lowercased()
        return labels.contains(label) ? label : nil
    }

    /// "3", "3.", "II", "b": what numbers a part.
    private static func isPartNumber(_ word: Substring) -> Bool {
        let text = word.hasSuffix(".") ? word.dropLast() : word
        guard !text.isEmpty else { return false }
        if text.allSatisfy(\.isNumber) { return true }
        if text.count == 1, text.first!.isLetter { return true }
        return text.allSatisfy { "IVXivx".contains($0) }
    }
}
