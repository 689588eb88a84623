/// The opening of a prose paragraph as a card's answer: its first sentence that states
/// something, or its first two when that one is short, cut at a sentence boundary and
/// about 300 characters at most (a single longer sentence is cut at a word and ends with
/// "…"). Questions and announcements ("What is SWIFT?", "Here is how it works.",
/// `Announcements`) before it are skipped: they hook the reader, they answer nothing.
enum Sentences {
    static let answerLimit = 300
    /// A first sentence shorter than this gets the second one too, if both fit.
    static let shortSentence = 80

    /// What a paragraph's opening gives.
    enum Opening: Equatable {
        /// The sentence or two that answer.
        case answer(String)
        /// Only questions and announcements: it states nothing, so the paragraph after it
        /// may still be the answer.
        case hook
        /// It introduces what follows ("There are three kinds:").
        case introduction
    }

    static func opening(of paragraph: String) -> Opening {
        // The sentences looked at (a hook of up to five, then one or two that answer) are
        // within the first 1,600 characters.
        let sentences = split(paragraph.utf8.count > 1_600 ? String(paragraph.prefix(1_600)) : paragraph, maximum: 6)
        guard let start = sentences.firstIndex(where: { !isHook($0) }) else { return .hook }
        var answer = sentences[start]
        if answer.hasSuffix(":") { return .introduction }
        if answer.count < shortSentence, start + 1 < sentences.count, !sentences[start + 1].hasSuffix(":"),
           !isHook(sentences[start + 1]), answer.count + 1 + sentences[start + 1].count <= answerLimit {
            answer += " " + sentences[start + 1]
        }
        if answer.count > answerLimit { answer = cutAtWord(answer, limit: answerLimit) }
        return .answer(answer)
    }

    /// A question or an announcement: it states nothing.
    static func isHook(_ sentence: String) -> Bool {
        Announcements.isQuestion(sentence) || Announcements.isAnnouncement(sentence)
    }

    /// Abbreviations whose full stop does not end a sentence.
    private static let abbreviations: Set<String> = [
        "e.g.", "i.e.", "vs.", "etc.", "cf.", "approx.", "incl.", "mr.", "mrs.", "dr.", "no.", "fig.", "eq.", "st.", "ca.",
    ]

    /// The sentences of `text`: a `.`, `!` or `?` (and closing quotes or brackets after it)
    /// followed by a space and an upper-case letter, a digit or an opening quote ends one.
    static func split(_ text: String, maximum: Int = .max) -> [String] {
        // Unicode scalars, not Characters: the marks looked for are single scalars, and
        // breaking a whole paragraph into Characters was most of the time this took.
        let characters = Array(text.unicodeScalars)
        var sentences: [String] = []
        var start = 0
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "." || character == "!" || character == "?" {
                var end = index + 1
                while end < characters.count, "\"'”’)]".unicodeScalars.contains(characters[end]) { end += 1 }
                if end < characters.count, characters[end] == " ", end + 1 < characters.count,
                   let next = characters[(end + 1)...].first(where: { $0 != " " }),
                   next.properties.isUppercase || next.properties.numericType != nil || "\"“‘(".unicodeScalars.contains(next) {
                    let candidate = String(String.UnicodeScalarView(characters[start..<end])).trimmingSpaces()
                    let lastWord = candidate.split(separator: " ").last.map { $0.lowercased() } ?? ""
                    let isInitial = lastWord.count == 2 && lastWord.first!.isLetter  // "J. Smith"
                    if character != "." || (!abbreviations.contains(lastWord) && !isInitial) {
                        sentences.append(candidate)
                        if sentences.count == maximum { return sentences }
                        start = end + 1
                        index = end
                    }
                }
            }
            index += 1
        }
        let rest = String(String.UnicodeScalarView(characters[min(start, characters.count)...])).trimmingSpaces()
        if !rest.isEmpty { sentences.append(rest) }
        return sentences
    }

    private static func cutAtWord(_ text: String, limit: Int) -> String {
        var cut = String(text.prefix(limit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        while let last = cut.last, ",;:–—-".contains(last) { cut.removeLast() }
        return cut + "…"
    }
}
