/// One word of an answer or a term as the grader compares it.
struct AnswerWord: Equatable, Sendable {
    /// Lowercased, number words as digits (`two` -> `2`); for a synonym, the group's mark.
    let raw: String
    /// `WordStem.stem(raw)`.
    let stem: String
    /// Written in capitals (`RPO`, `2PC`): compared letter for letter.
    let isAcronym: Bool
    /// As typed or as on the card.
    let written: String
    /// For a synonym: the words it replaced, as written.
    let replaced: String?

    init(_ written: String) {
        self.written = written
        let lowered = written.lowercased()
        raw = FieldVocabulary.numberWords[lowered] ?? (FieldVocabulary.versus.contains(lowered) ? "vs" : lowered)
        stem = WordStem.stem(raw)
        isAcronym = AnswerText.isAcronym(written)
        replaced = nil
    }

    init(synonymGroup group: Int, replacing words: [AnswerWord]) {
        raw = "≡\(group)"
        stem = raw
        isAcronym = false
        written = words.map(\.written).joined(separator: " ")
        replaced = written
    }

    /// Whether `self` (from an answer) is the word `other` (from a term or the
    /// vocabulary): the same stem; for an acronym the same letters, or its plural
    /// (`CDNs` for `CDN`; never one letter fewer: `CQR` is not `CQRS`).
    func isSame(as other: AnswerWord) -> Bool {
        if other.isAcronym { return raw == other.raw || raw == other.raw + "s" }
        if isAcronym { return other.raw == raw || other.raw == raw + "s" }
        return stem == other.stem
    }
}

enum AnswerWords {
    /// The words of `text`: typographic quotes and dashes as ASCII, `&` as `and`, split at
    /// anything that is not a letter or a digit; articles dropped.
    static func split(_ text: String) -> [AnswerWord] {
        var words: [AnswerWord] = []
        var current = ""
        func flush() {
            if !current.isEmpty && !FieldVocabulary.articles.contains(current.lowercased()) {
                words.append(AnswerWord(current))
            }
            current = ""
        }
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else {
                flush()
                if character == "&" || character == "+" { current = "and"; flush() }
            }
        }
        flush()
        return words
    }

    /// The synonym table read once: each name's words, longest names first.
    static let synonymNames: [(group: Int, words: [AnswerWord])] = FieldVocabulary.synonyms.enumerated()
        .flatMap { group, names in names.map { (group, split($0)) } }
        .filter { !$0.1.isEmpty }
        .sorted { $0.1.count > $1.1.count }

    /// `words` with every name of a synonym group replaced by the group's mark, longest
    /// name first. A name also matches words written together (`backoff`, `pubsub`).
    static func withSynonyms(_ words: [AnswerWord]) -> [AnswerWord] {
        var result: [AnswerWord] = []
        var index = 0
        outer: while index < words.count {
            for (group, name) in synonymNames {
                if index + name.count <= words.count,
                   zip(words[index..<(index + name.count)], name).allSatisfy({ $0.isSame(as: $1) }) {
                    result.append(AnswerWord(synonymGroup: group, replacing: Array(words[index..<(index + name.count)])))
                    index += name.count
                    continue outer
                }
                if name.count > 1 {
                    let joined = name.map(\.raw).joined()
                    for length in 1..<name.count where index + length <= words.count {
                        let window = Array(words[index..<(index + length)])
                        if window.map(\.raw).joined() == joined {
                            result.append(AnswerWord(synonymGroup: group, replacing: window))
                            index += length
                            continue outer
                        }
                    }
                }
            }
            result.append(words[index])
            index += 1
        }
        return result
    }

    /// Acronyms a name can be written as: the initials of its words, number words as
    /// digits (`Two-Phase Commit` -> `2pc`, `Dead-Letter Queues` -> `dlq`), with and
    /// without the small joining words (`Infrastructure as Code` -> `iac`, `ic`). None for
    /// a single word, or for a name that already holds an acronym.
    static func acronyms(of words: [AnswerWord]) -> Set<String> {
        guard words.count >= 2, !words.contains(where: { $0.isAcronym || $0.replaced != nil }) else { return [] }
        let joining: Set<String> = ["and", "of", "for", "as", "in", "to", "with", "on", "at", "by", "vs"]
        var result = Set<String>()
        for kept in [words, words.filter { !joining.contains($0.raw) }] where kept.count >= 2 {
            result.insert(kept.map { $0.raw.allSatisfy(\.isNumber) ? $0.raw : String($0.raw.prefix(1)) }.joined())
        }
        return result
    }
}
