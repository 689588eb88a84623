/// Whether a note's opening sentence defines the note's title. A title names an article
/// ("Good Coding Principles to Improve Code Quality", "Can Kafka Lose Messages?") more
/// often than a thing, and the paragraph under it is then a teaser ("Software development
/// requires good designs.", "Airbnb's architecture went through 3 stages.") that no
/// learner could give as the answer. The sentence defines the title when it says what
/// something the title names is or does: one of the title's words comes before a linking
/// verb or a verb that definitions open with ("Data pipelines are…", "A load balancer
/// spreads…", "The Society for Worldwide Interbank Financial Telecommunication (SWIFT)
/// is…"). Teasers seldom use these verbs in the present tense.
enum TitleDefinition {
    /// What links a subject to its definition, and the verbs definitions open with.
    static let linkingVerbs: Set<String> = [
        "is", "are", "was", "were", "means", "refers", "stands", "describes", "represents", "states", "defines",
        "acts", "sits", "spreads", "splits", "divides", "separates", "distributes", "routes", "translates",
        "converts", "provides", "allows", "enables", "lets", "uses", "consists", "involves", "ensures", "stores",
        "keeps", "holds", "generates", "manages", "handles", "advocates", "partitions", "decouples", "replicates",
        "balances", "limits", "tracks", "monitors", "coordinates", "detects", "prevents", "reduces", "combines",
        "connects", "collects", "delivers", "encrypts", "protects", "serves", "guarantees",
    ]

    /// How many words open a sentence about a title's subject.
    static let subjectWords = 3

    /// How many words into the sentence its verb is looked for.
    static let verbWithin = 12

    /// Title words that name no thing.
    static let ignoredWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "with", "at", "by", "from", "vs", "versus",
        "how", "why", "what", "when", "where", "which", "who", "does", "do", "did", "is", "are", "can", "could",
        "should", "would", "will", "you", "your", "we", "our", "us", "it", "its", "my", "i",
        "work", "works", "explained", "explaining", "overview", "guide", "introduction", "top", "most", "key", "must",
        "know", "need", "about", "really", "every", "all", "some", "things",
    ]

    static func defines(title: String, answer: String) -> Bool {
        var named = words(of: title).filter { $0.count >= 2 && !ignoredWords.contains($0) && !$0.allSatisfy(\.isNumber) }
        guard !named.isEmpty else { return false }
        // "A CDN is…" under "Content Delivery Network".
        if named.count >= 2 { named.append(String(named.compactMap(\.first))) }
        let sentence = words(of: Sentences.split(answer, maximum: 1).first ?? answer)
        func isNamed(_ word: String) -> Bool { named.contains { sameWord($0, word) } }
        // A title that asks ("How Does a Card Payment Settle?") is answered by a sentence
        // about its subject, whatever the verb: "A card payment settles in two phases".
        if Announcements.isAsking(title), sentence.prefix(subjectWords).contains(where: isNamed) { return true }
        // The verb of a definition comes early; one further on belongs to a teaser's clause.
        guard let verb = sentence.prefix(verbWithin).firstIndex(where: { linkingVerbs.contains($0) }), verb > 0 else { return false }
        return sentence[..<verb].contains(where: isNamed)
    }

    /// Lowercased runs of letters and digits.
    static func words(of text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// The same word, or two forms of it ("caching" and "caches" share their first four letters).
    static func sameWord(_ one: String, _ other: String) -> Bool {
        if one == other { return true }
        guard one.count >= 4, other.count >= 4 else { return false }
        return one.prefix(4) == other.prefix(4)
    }
}
