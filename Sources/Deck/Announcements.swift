/// Sentences that announce, point or ask instead of stating something: "Here is how a
/// payment flows.", "The diagram below compares them.", "Refer to the security section.",
/// "You have probably heard of SWIFT.", "In this post we look at queues." As the answer
/// of a card they teach nothing, so the opening of a paragraph skips them (`Sentences`).
/// The one list of them, matched on the lowercased sentence, each as whole words ("This
/// Postgres extension…" does not open with "this post").
enum Announcements {
    /// Openings of a sentence that announces what follows, points elsewhere or hooks the reader.
    static let openings: [String] = [
        "here is", "here are", "here's", "below is", "below are", "following is", "following are", "the following",
        "now let", "now, let", "now that", "it's time", "it is time", "time to test",
        "in this post", "in this article", "in this section", "in this guide", "in this chapter", "in this video",
        "in this tutorial", "this post", "this article", "this guide", "this section", "this chapter", "this list",
        "this video", "this tutorial", "this page", "this document", "this repo", "this course", "note: this", "guest post",
        "the diagram", "the figure", "the illustration", "the graphic", "the infographic", "the cheat sheet",
        "this diagram", "this figure", "this illustration", "this graphic", "this infographic", "this cheat sheet",
        "this image", "this picture", "this chart",
        "i hope", "hope this", "you probably", "you may have heard", "you might have heard", "you've probably",
        "you have probably", "have you", "ever wondered", "you can find", "check out", "read more", "learn more",
        "refer to", "see", "for more", "more on this", "click here", "consider contributing", "contribute",
        "save it for", "bookmark",
        // "Let's" opens an announcement ("Let's look at…"), and after a comma too ("Before
        // we start, let's see what it is."); elsewhere ("Queues let us absorb bursts") not.
        "let's", "let us",
    ]

    /// Pieces anywhere in a sentence that make it a pointer to a picture or to later text.
    static let pieces: [String] = [
        "in this post", "in this article", "in this video", "shown below", "shown above", "illustrated below",
        "explained below", "described below", "listed below", "depicted below", "the diagram below", "the diagram above",
        "the image below", "the image above", "the picture below", "the picture above", "the chart below",
        "the table below", "the figure below", "the figure above", ", let's", ", let us",
    ]

    /// "Let's" that does not announce: a premise of an estimate, and a name.
    static let keptLets: [String] = ["let's assume", "let us assume", "let's say", "let us say", "let's encrypt"]

    /// What a caption says its picture does, after "below" or "above".
    static let captionVerbs: [String] = [
        "shows", "show", "lists", "illustrates", "explains", "presents", "compares", "summarizes", "summarises",
        "describes", "outlines", "depicts", "covers", "highlights", "demonstrates",
    ]

    /// The lists above as bytes; captions as "below shows", "above lists", ….
    private static let openingBytes = openings.map { Array($0.utf8) }
    private static let pieceBytes = pieces.map { Array($0.utf8) }
    private static let keptBytes = keptLets.map { Array($0.utf8) }
    private static let captionBytes = ["below ", "above "].flatMap { place in captionVerbs.map { Array((place + $0).utf8) } }
    private static let endings = [" below.", " as follows."].map { Array($0.utf8) }
    private static let anywhereBytes = pieceBytes + captionBytes

    /// Whether `sentence` announces, points or hooks rather than states. On lowercased
    /// bytes, each list entry as whole words: this runs for the opening sentences of every
    /// paragraph under a heading.
    static func isAnnouncement(_ sentence: String) -> Bool {
        let lowered = loweredBytes(sentence)
        if keptBytes.contains(where: { find($0, in: lowered) != nil }) { return false }
        if openingBytes.contains(where: { isWord($0, at: 0, in: lowered) }) { return true }
        if endings.contains(where: { lowered.count >= $0.count && lowered.suffix($0.count).elementsEqual($0) }) { return true }
        return anywhereBytes.contains { piece in find(piece, in: lowered) != nil }
    }

    /// ASCII letters lowercased, a typographic apostrophe ("Here’s", "Let’s") as a plain one.
    private static func loweredBytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var utf8 = text.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = utf8.next() {
            if byte == 0xE2 {
                pending = [byte]
                if let second = utf8.next() { pending.append(second) }
                if let third = utf8.next() { pending.append(third) }
                bytes += pending == [0xE2, 0x80, 0x99] ? [UInt8(ascii: "'")] : pending
            } else {
                bytes.append(SimpleText.lowercased(byte))
            }
        }
        return bytes
    }

    /// Whether `word` is at `index` of `bytes` and ends there as a word (what follows is
    /// not a letter or digit).
    private static func isWord(_ word: [UInt8], at index: Int, in bytes: [UInt8]) -> Bool {
        guard index + word.count <= bytes.count, bytes[index..<(index + word.count)].elementsEqual(word) else { return false }
        let end = index + word.count
        guard end < bytes.count, let last = word.last, isWordByte(last) else { return true }
        return !isWordByte(bytes[end])
    }

    /// The first place where `piece` stands as whole words in `bytes`.
    private static func find(_ piece: [UInt8], in bytes: [UInt8]) -> Int? {
        guard let first = piece.first, bytes.count >= piece.count else { return nil }
        for index in 0...(bytes.count - piece.count) where bytes[index] == first {
            let startsWord = index == 0 || !isWordByte(first) || !isWordByte(bytes[index - 1])
            if startsWord, isWord(piece, at: index, in: bytes) { return index }
        }
        return nil
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte >= 0x80
    }

    /// Words that open a question or a "how it works" heading.
    static let interrogatives: Set<String> = ["how", "why", "what", "when", "where", "which", "who"]

    /// Whether a heading asks: it is a question, or it opens like one ("How Password
    /// Managers Work", "Why it matters"), which "what is meant by …?" would garble. Not a
    /// comparison ("WHERE vs HAVING" is explained) nor a word in capitals (a keyword).
    static func isAsking(_ heading: String) -> Bool {
        if isQuestion(heading) { return true }
        guard !heading.contains(" vs") else { return false }
        let first = heading.prefix { $0.isLetter }
        guard heading.dropFirst(first.count).first == " ", first.contains(where: \.isLowercase) else { return false }
        return interrogatives.contains(first.lowercased())
    }

    /// Whether `sentence` is a question (its last mark, before closing quotes or brackets, is `?`).
    static func isQuestion(_ sentence: String) -> Bool {
        sentence.reversed().first { !"\"'”’)] ".contains($0) } == "?"
    }
}
