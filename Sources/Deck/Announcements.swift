/// Sentences that announce, point or ask instead of stating something: "Here is how a
/// payment flows.", "The diagram below compares them.", "Refer to the security section.",
/// "You have probably heard of SWIFT.", "In this post we look at queues." As the answer
/// of a card they teach nothing, so the opening of a paragraph skips them (`Sentences`).
/// The one list of them, matched on the lowercased sentence.
enum Announcements {
    /// Openings of a sentence that announces what follows, points elsewhere or hooks the reader.
    static let openings: [String] = [
        "here is", "here are", "here's", "below is", "below are", "following is", "following are", "the following",
        "now let", "now, let", "now that", "it's time", "it is time",
        "in this post", "in this article", "in this section", "in this guide", "in this chapter", "in this video",
        "in this tutorial", "this post", "this article", "this guide", "this section", "this chapter", "this list",
        "this video", "this tutorial", "this page", "this document", "this repo", "this course", "note: this", "guest post",
        "the diagram", "the figure", "the illustration", "the graphic", "the infographic", "the cheat sheet",
        "this diagram", "this figure", "this illustration", "this graphic", "this infographic", "this cheat sheet",
        "this image", "this picture", "this chart", "time to ",
        "i hope", "hope this", "you probably", "you may have heard", "you might have heard", "you've probably",
        "you have probably", "have you", "ever wondered", "you can find", "check out", "read more", "learn more",
        "refer to", "see ", "for more", "more on this", "click", "consider contributing", "contribute", "save it for",
        "bookmark",
    ]

    /// Pieces anywhere in a sentence that make it a pointer to a picture or to later text.
    static let pieces: [String] = [
        "in this post", "in this article", "in this video", "shown below", "shown above", "illustrated below",
        "explained below", "described below", "listed below", "depicted below", "the diagram below", "the diagram above",
        "the image below", "the image above", "the picture below", "the picture above", "the chart below",
        "the table below", "the figure below", "the figure above",
    ]

    /// "Let's" anywhere announces ("Before we start, let's see what X is."), except in
    /// these: a premise of an estimate, and a name.
    static let keptLets: [String] = ["let's assume", "let us assume", "let's say", "let us say", "let's encrypt"]

    /// Whether `sentence` announces, points or hooks rather than states.
    static func isAnnouncement(_ sentence: String) -> Bool {
        // Typographic apostrophes ("Here’s", "Let’s") as plain ones.
        let lowered = String(sentence.lowercased().map { $0 == "’" ? "'" : $0 })
        if openings.contains(where: { lowered.hasPrefix($0) }) { return true }
        let lets = ["let's ", "let us "].contains { lowered.hasPrefix($0) || lowered.contains(" " + $0) }
        if lets, !keptLets.contains(where: { lowered.contains($0) }) {
            return true
        }
        if lowered.hasSuffix(" below.") || lowered.hasSuffix(" as follows.") { return true }
        if pieces.contains(where: { lowered.contains($0) }) { return true }
        // "The cheat sheet below lists…", "The flow above shows…": a caption.
        return ["below ", "above "].contains { place in
            captionVerbs.contains { lowered.contains(place + $0) }
        }
    }

    /// What a caption says its picture does, after "below" or "above".
    static let captionVerbs: [String] = [
        "shows", "show", "lists", "illustrates", "explains", "presents", "compares", "summarizes", "summarises",
        "describes", "outlines", "depicts", "covers", "highlights", "demonstrates",
    ]

    /// Words that open a question or a "how it works" heading.
    static let interrogatives: Set<String> = ["how", "why", "what", "when", "where", "which", "who"]

    /// Whether a heading asks: it is a question, or it opens like one ("How Password
    /// Managers Work", "Why it matters"), which "what is meant by …?" would garble.
    static func isAsking(_ heading: String) -> Bool {
        if isQuestion(heading) { return true }
        let first = heading.prefix { $0.isLetter }.lowercased()
        return interrogatives.contains(first) && heading.contains(" ")
    }

    /// Whether `sentence` is a question (its last mark, before closing quotes or brackets, is `?`).
    static func isQuestion(_ sentence: String) -> Bool {
        sentence.reversed().first { !"\"'”’)] ".contains($0) } == "?"
    }
}
