/// Cards made from other cards of the deck: the reverse of a definition (its answer is
/// the prompt, its term the answer) and comparisons of definitions that are alternatives
/// of one kind. The rules are in docs/markdown.md ("Cards made from other cards").
enum DerivedCards {
    // MARK: Reverse

    /// The reverse's ID: a hash of its source's ID, so it is as stable as its source.
    static func reverseID(of source: CardID) -> CardID {
        // The hash of the ID followed by the marker, taken on (FNV-1a runs byte by byte)
        // instead of joining the two first.
        let hash = CardID.fnv1a(reverseMarker.utf8, continuing: source.withUTF8 { CardID.fnv1a(buffer: $0, continuing: CardID.fnvOffsetBasis) })
        return CardID(number: CardID.avalanche(hash))
    }

    private static let reverseMarker = "\u{1E}reverse"

    /// What stands for the hidden term in a reverse's prompt.
    static let mask = "(…)"
    /// The question of a reverse, before its prompt.
    static let reverseAsk: StaticString = "which term is this? "
    private static let reverseAskText = reverseAsk.description
    /// A prompt needs this many words besides the hidden term to be answerable.
    static let promptWords = 3

    /// The reverse of a definition card, or nil when hiding the term leaves too little to
    /// ask ("Refer to the (…) section.") or the answer only repeats the term.
    static func reverse(of card: Card, context: String) -> Card? {
        guard isNameLike(card.term) else { return nil }
        // The context would give the answer away ("Stateful Inspection: which term is this?").
        if endsWithTitle(context, card.term) { return nil }
        let back = withoutExpansion(withoutSpelledOutAcronym(card.back, acronym: card.term), acronym: card.term)
        let prompt = mayName(back, card.term) ? masked(back, hiding: names(of: card.term)) : back
        guard contentWords(prompt, atLeast: promptWords) else { return nil }
        let backWords = PromptLinter.wordCount(card.back)
        if backWords <= PromptLinter.wordCount(card.term) + 3, PromptLinter.isCircular(term: card.term, back: card.back) { return nil }
        // Joined with its size known: interpolation grew the string piece by piece, a tenth
        // of making the reverses of a 10 MB deck.
        var front = ""
        if context.isEmpty {
            front.reserveCapacity(20 + prompt.utf8.count)
            front += "Which term is this? "
        } else {
            front.reserveCapacity(context.utf8.count + 2 + reverseAsk.utf8CodeUnitCount + prompt.utf8.count)
            front += context
            front += ": "
            front += reverseAskText
        }
        front += prompt
        return Card(id: reverseID(of: card.id), deck: card.deck, section: card.section, kind: .reverse, term: card.term,
                    front: front, back: card.term, items: [], source: card.source, order: card.order, links: card.links,
                    from: [card.id])
    }

    /// Whether the context's last title is `title`, ASCII case aside (on bytes: this runs
    /// for every definition of a deck).
    static func endsWithTitle(_ context: String, _ title: String) -> Bool {
        let context = context.utf8, title = title.utf8
        guard context.count >= title.count,
              context.suffix(title.count).elementsEqual(title, by: { lowercased($0) == lowercased($1) }) else { return false }
        let separator = " › ".utf8
        return context.count == title.count
            || context.dropLast(title.count).suffix(separator.count).elementsEqual(separator)
    }

    /// Small words an acronym usually skips ("Infrastructure as Code", "Time to Live").
    private static let acronymSkips: Set<String> = ["of", "as", "and", "the", "for", "to", "in", "on", "a", "an"]

    /// `text` with "User Datagram Protocol (UDP)" as "UDP" when `acronym` is "UDP": the
    /// spelled-out words before an acronym in brackets would name the hidden term. Only
    /// words whose initials are the acronym's letters, in order, are taken out.
    static func withoutSpelledOutAcronym(_ text: String, acronym: String) -> String {
        // Most terms are no acronym: their bytes say so before anything is made.
        guard acronym.utf8.count >= 2, acronym.utf8.count <= 6,
              acronym.utf8.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) }) else { return text }
        guard text.utf8.contains(UInt8(ascii: "(")), let bracket = firstRange(of: "(" + acronym + ")", in: text) else { return text }
        let letters = Array(acronym.utf8)
        var words = text[..<bracket.lowerBound].split(separator: " ", omittingEmptySubsequences: false)
        if words.last == "" { words.removeLast() }
        var needed = letters.count
        var first = words.count
        while needed > 0, first > 0 {
            first -= 1
            let word = words[first]
            guard let initial = word.utf8.first else { return text }
            let matches = lowercased(initial) == lowercased(letters[needed - 1])
            // A small word counts when the acronym has its letter (IaC), else it is skipped.
            if !matches, acronymSkips.contains(word.lowercased()) { continue }
            guard matches else { return text }
            needed -= 1
        }
        guard needed == 0 else { return text }
        let kept = words[..<first].joined(separator: " ")
        return (kept.isEmpty ? "" : kept + " ") + acronym + text[bracket.upperBound...]
    }

    /// `text` with the capitalized words that spell `acronym` out ("JSON Web Tokens
    /// standardize…" for "JWT") as the acronym, so that masking hides them too. Only
    /// words that each begin with a capital, one per letter, are taken.
    static func withoutExpansion(_ text: String, acronym: String) -> String {
        // Two capitals in a row are too common to stand for a two-letter acronym ("On
        // Startup" is not "OS").
        guard acronym.utf8.count >= 3, acronym.utf8.count <= 6,
              acronym.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return text }
        let letters = Array(acronym.utf8)
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count >= letters.count else { return text }
        for start in 0...(words.count - letters.count) {
            let run = words[start..<(start + letters.count)]
            let spells = zip(run, letters).allSatisfy { word, letter in word.utf8.first == letter }
            guard spells, run.allSatisfy({ $0.utf8.count >= 2 }) else { continue }
            // The last word may carry punctuation or a plural: "Tokens," stays "JWT,".
            let last = run.last!
            let tail = last.drop { $0.isLetter }
            let plural = last.prefix { $0.isLetter }.hasSuffix("s") && !acronym.hasSuffix("S")
            var joined = words[..<start].joined(separator: " ")
            if !joined.isEmpty { joined += " " }
            joined += acronym + (plural ? "s" : "") + tail
            let rest = words[(start + letters.count)...].joined(separator: " ")
            return rest.isEmpty ? joined : joined + " " + rest
        }
        return text
    }

    private static func firstRange(of needle: String, in text: String) -> Range<String.Index>? {
        let bytes = Array(needle.utf8)
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index...].starts(with: bytes) { return index..<utf8.index(index, offsetBy: bytes.count) }
            index = utf8.index(after: index)
        }
        return nil
    }

    /// The most words a term may have to be asked for by its answer: longer ones are
    /// titles or sentences ("A Crash Course on Database Sharding") that no one recalls
    /// word for word. Every term of the built-in outline has at most five.
    static let reverseTermWords = 5

    /// Whether a learner shown a definition could name `term`: a short name, not a title,
    /// a question, a "Label: rest" heading or a numbered part ("Step 3").
    static func isNameLike(_ term: String) -> Bool {
        // On bytes: this runs for every definition of a deck.
        let shaped = SimpleText.withBytes(term) { bytes -> Bool in
            var words = 0
            var inWord = false
            var previous: UInt8 = 0
            for byte in bytes {
                // "Step 3: Shard" and "Why?" are no names; `std::map` is.
                if byte == UInt8(ascii: "?") || (previous == UInt8(ascii: ":") && byte == 0x20) { return false }
                previous = byte
                if byte == 0x20 {
                    inWord = false
                } else if !inWord {
                    inWord = true
                    words += 1
                }
            }
            return words > 0 && words <= reverseTermWords && previous != UInt8(ascii: ":")
        }
        return shaped && NumberedPart.label(of: term) == nil && !GenericWords.isAttribute(term)
    }

    /// Whether `text` may name `term` at all: it has the term's first four letters, or the
    /// term has a parenthetical or slash parts (whose names look different). Most answers
    /// do not name their term, and for them no list of names is made.
    static func mayName(_ text: String, _ term: String) -> Bool {
        if term.utf8.contains(UInt8(ascii: "(")) || term.utf8.contains(UInt8(ascii: "/")) { return true }
        return containsIgnoringCase(text, String(term.prefix(4)))
    }

    /// The ways a term is written: "BFF (Backend for Frontend)" is also "BFF" and "Backend
    /// for Frontend"; "Mutex/Locks/Atomics" is also each part.
    static func names(of term: String) -> [String] {
        var names = [term]
        let short = shortName(term)
        if short != term { names.append(short) }
        if let open = term.firstIndex(of: "("), let close = term.lastIndex(of: ")"), open < close {
            names.append(String(term[term.index(after: open)..<close]).trimmingSpaces())
        }
        if short.contains("/") { names += short.split(separator: "/").map { $0.trimmingSpaces() } }
        // "Message queues" is hidden in "a message queue holds…" too.
        names += names.map { $0.hasSuffix("s") ? String($0.dropLast()) : $0 + "s" }
        return names.filter { $0.count >= 2 }.sorted { $0.count > $1.count }
    }

    /// The term without a trailing parenthetical: "SLI (Indicator)" -> "SLI".
    static func shortName(_ term: String) -> String {
        guard term.hasSuffix(")"), let open = term.firstIndex(of: "("), open > term.startIndex else { return term }
        let short = term[..<open].trimmingSpaces()
        return short.isEmpty ? term : short
    }

    private static let stopWords: [[UInt8]] = [
        "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "is", "are", "it", "its", "by", "with", "as", "at",
        "see", "refer", "section", "above", "below",
    ].map { Array($0.utf8) }

    /// Whether the lowercase word `bytes[range]` is a stop word (compared in place: this
    /// runs for the first words of every definition of a deck).
    private static func isStopWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count <= 7 else { return false }
        return stopWords.contains { word in
            word.count == range.count && word.indices.allSatisfy { word[$0] == lowercased(bytes[range.lowerBound + $0]) }
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { SimpleText.lowercased(byte) }

    /// Whether `text` has at least `count` words besides stop words and the mask (on
    /// bytes: this runs for every definition of a deck).
    static func contentWords(_ text: String, atLeast count: Int) -> Bool {
        SimpleText.withBytes(text) { bytes in
            var found = 0
            var start = 0
            for index in 0...bytes.count {
                let lower = index < bytes.count ? lowercased(bytes[index]) : 0x20
                if lower >= 0x80 || (lower >= 48 && lower <= 57) || (lower >= 97 && lower <= 122) { continue }
                if start < index, !isStopWord(bytes, start..<index) { found += 1 }
                if found >= count { return true }
                start = index + 1
            }
            return found >= count
        }
    }

    /// Whether `text` contains `name`, ASCII letters compared without case (a non-ASCII
    /// byte compares as itself, so "É" and "é" differ: then the masking below just finds nothing).
    static func containsIgnoringCase(_ text: String, _ name: String) -> Bool {
        SimpleText.withBytes(name) { needle in
            guard !needle.isEmpty else { return false }
            let first = lowercased(needle[0])
            return SimpleText.withBytes(text) { bytes in
                guard bytes.count >= needle.count else { return false }
                var index = 0
                while index + needle.count <= bytes.count {
                    if lowercased(bytes[index]) == first {
                        var matched = 1
                        while matched < needle.count, lowercased(bytes[index + matched]) == lowercased(needle[matched]) { matched += 1 }
                        if matched == needle.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }

    /// `text` with every whole-word occurrence of `names` (any case) replaced by `mask`.
    static func masked(_ text: String, hiding names: [String]) -> String {
        // Most answers do not name their term: a byte search says so without building anything.
        guard names.contains(where: { containsIgnoringCase(text, $0) }) else { return text }
        if let masked = maskedASCII(text, hiding: names) { return masked }
        var characters = Array(text)
        for name in names {
            let pattern = Array(name.lowercased())
            guard !pattern.isEmpty else { continue }
            var lower = characters.map { Character($0.lowercased()) }
            var index = 0
            while index + pattern.count <= lower.count {
                let end = index + pattern.count
                let before = index == 0 || !(lower[index - 1].isLetter || lower[index - 1].isNumber)
                let after = end == lower.count || !(lower[end].isLetter || lower[end].isNumber)
                if before, after, Array(lower[index..<end]) == pattern {
                    characters.replaceSubrange(index..<end, with: Array(mask))
                    lower.replaceSubrange(index..<end, with: Array(mask))
                    index += mask.count
                } else {
                    index += 1
                }
            }
        }
        return String(characters)
    }

    /// `masked` on bytes when the text and the names are ASCII (nearly always): the
    /// same steps, without making an array of characters. The only other bytes are
    /// those of masks already put in, which are not letters, as in `masked`.
    private static func maskedASCII(_ text: String, hiding names: [String]) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }), names.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return nil }
        func isWordByte(_ byte: UInt8) -> Bool { (byte >= 48 && byte <= 57) || (byte | 0x20 >= 97 && byte | 0x20 <= 122) }
        var bytes = Array(text.utf8)
        let maskBytes = Array(mask.utf8)
        for name in names {
            let pattern = name.utf8.map(lowercased)
            guard !pattern.isEmpty else { continue }
            var index = 0
            while index + pattern.count <= bytes.count {
                let end = index + pattern.count
                let before = index == 0 || !isWordByte(bytes[index - 1])
                let after = end == bytes.count || !isWordByte(bytes[end])
                if before, after, pattern.indices.allSatisfy({ lowercased(bytes[index + $0]) == pattern[$0] }) {
                    bytes.replaceSubrange(index..<end, with: maskBytes)
                    index += maskBytes.count
                } else {
                    index += 1
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Comparisons

    /// A comparison found among a section's definitions: its members, in order, and its name.
    struct Comparison {
        let members: [Card]
        let name: String
    }

    /// Pairs that are alternatives of one kind although their names share nothing.
    static let opposites: [Set<String>] = [
        ["vertical", "horizontal"], ["push", "pull"], ["sync", "async"], ["synchronous", "asynchronous"],
        ["stateful", "stateless"], ["optimistic", "pessimistic"], ["strong", "eventual"], ["sql", "nosql"],
        ["active-active", "active-passive"], ["hot", "cold"], ["monolith", "microservices"], ["leader", "follower"],
        ["scale up", "scale out"], ["batch", "stream"], ["batch", "streaming"], ["tcp", "udp"], ["rest", "grpc"],
        ["polling", "long polling"], ["long polling", "websockets"], ["normalization", "denormalization"],
        ["replication", "sharding"], ["latency", "throughput"], ["authentication", "authorization"],
    ]

    /// Words too common to make two terms alternatives of one kind.
    static let commonWords: Set<String> = [
        "the", "a", "an", "of", "and", "or", "for", "to", "in", "on", "with", "by", "data", "system", "systems",
        "service", "services", "based", "design",
    ]

    /// Comparisons among the definitions of one section (`title`: its last heading, label or
    /// parent name): the parts of an "A vs. B" title that the section defines; else sets of
    /// two to four definitions that are alternatives of one kind (acronyms that differ in
    /// one letter, like SLI/SLO/SLA; terms sharing a word, like Write-through/Write-back or
    /// Lamport Clocks/Vector Clocks; known opposites, like Vertical/Horizontal). A card is
    /// in one comparison at most.
    static func comparisons(among definitions: [Card], title: String?) -> [Comparison] {
        guard definitions.count >= 2 else { return [] }
        // Each finder looks at the names without their parentheticals: made once per section.
        let names = definitions.map { shortName($0.term) }
        var used = Set<Int>()
        var found: [Comparison] = []
        func take(_ indices: [Int]) {
            guard indices.count >= 2, indices.count <= 4, indices.allSatisfy({ !used.contains($0) }) else { return }
            used.formUnion(indices)
            let members = indices.sorted()
            found.append(Comparison(members: members.map { definitions[$0] }, name: members.map { names[$0] }.joined(separator: " vs. ")))
        }
        if let title, mentionsVersus(title), let parts = versusParts(title) {
            let matched = parts.compactMap { part in definitions.indices.first { nameMatches(part, definitions[$0].term) } }
            if Set(matched).count == matched.count { take(matched) }
        }
        take(acronymFamily(names, excluding: used))
        for group in sharedWordGroups(names, excluding: used) { take(group) }
        for (first, second) in oppositePairs(names, excluding: used) { take([first, second]) }
        return found
    }

    /// "A vs. B", "A versus B", "A vs B vs C": the parts, or nil.
    static func versusParts(_ title: String) -> [String]? {
        var parts: [String] = [title]
        for separator in [" vs. ", " vs ", " versus ", " Vs. ", " VS "] {
            parts = parts.flatMap { $0.split(separator: separator).map(String.init) }
        }
        parts = parts.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        return parts.count >= 2 ? parts : nil
    }

    /// Whether a part of a "vs." title names the term: the same words, or one's words
    /// within the other's ("Message Queues" names "Queues").
    static func nameMatches(_ part: String, _ term: String) -> Bool {
        let partWords = words(part), termWords = words(shortName(term))
        guard !partWords.isEmpty, !termWords.isEmpty else { return false }
        if partWords == termWords { return true }
        return isSubsequence(termWords, of: partWords) || isSubsequence(partWords, of: termWords)
    }

    private static func isSubsequence(_ small: [String], of large: [String]) -> Bool {
        guard small.count < large.count else { return false }
        return (0...(large.count - small.count)).contains { Array(large[$0..<($0 + small.count)]) == small }
    }

    static func words(_ text: String) -> [String] {
        // ASCII names (nearly all) on bytes: this runs for every definition of a deck.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var words: [String] = []
            var word: [UInt8] = []
            for byte in text.utf8 {
                if byte == 0x20 || byte == 0x09 {
                    if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                    word.removeAll(keepingCapacity: true)
                    continue
                }
                let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
                if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) || lower == 0x2D || lower == 0x2F { word.append(lower) }
            }
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
        return text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map { word in
            String(word.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "/" })
        }.filter { !$0.isEmpty }
    }

    /// Whether `title` may be "A vs. B" (a quick look before `versusParts` splits it).
    static func mentionsVersus(_ title: String) -> Bool {
        TextSearch.contains(title, " vs") || TextSearch.contains(title, " Vs") || TextSearch.contains(title, " VS")
            || TextSearch.contains(title, "versus")
    }

    /// Acronym-like names (one token of 2-5 letters or digits, upper case) of one length
    /// that each differ from another in exactly one place: SLI/SLO/SLA, RPO/RTO, L4/L7.
    static func acronymFamily(_ shortNames: [String], excluding used: Set<Int>) -> [Int] {
        let candidates = shortNames.indices.filter { !used.contains($0) && mayBeAcronym(shortNames[$0]) }
        guard candidates.count >= 2 else { return [] }
        var names: [Int: [Character]] = [:]
        for index in candidates { names[index] = Array(shortNames[index]) }
        // Names that differ only at `place` share the name with that place blanked out.
        // Grouped by it, each name meets only its near neighbours: comparing every pair took
        // 23 s on a list of 20,000 short names such as "T1", "T2".
        func blanked(_ name: [Character], at place: Int) -> String {
            var copy = name
            copy[place] = "\u{0}"
            return String(copy)
        }
        var neighbours: [String: [Int]] = [:]
        for index in candidates {
            for place in names[index]!.indices { neighbours[blanked(names[index]!, at: place), default: []].append(index) }
        }
        for start in candidates {
            let name = names[start]!
            var family = [start]
            var places = Set<Int>()
            for place in name.indices {
                for other in neighbours[blanked(name, at: place)]! where names[other]! != name {
                    family.append(other)
                    places.insert(place)
                }
            }
            // Every member must differ in the same place ("SLI", "SLO", "SLA": the last letter).
            guard family.count >= 2, family.count <= 4, places.count == 1 else { continue }
            return family.sorted()
        }
        return []
    }

    /// One token of 2-5 upper-case letters or digits, at least one a letter (on bytes for
    /// ASCII names, which nearly all are: this runs for every definition of a deck).
    static func mayBeAcronym(_ name: String) -> Bool {
        var letters = 0, count = 0
        for byte in name.utf8 {
            if byte >= 0x80 {
                let characters = Array(name)
                return (2...5).contains(characters.count) && characters.allSatisfy { $0.isUppercase || $0.isNumber }
                    && characters.contains(where: \.isLetter)
            }
            count += 1
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { letters += 1 }
            else if !(byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) { return false }
        }
        return (2...5).contains(count) && letters > 0
    }

    /// Definitions whose names are kinds of one thing: the same head noun ("Lamport
    /// Clocks", "Vector Clocks") or the same first or last part of a hyphenated name
    /// ("Write-through", "Write-back"; "At-most-once", "Exactly-once"), neither common nor generic. A
    /// shared first word ("Graceful Degradation", "Graceful Shutdown") is not enough: it
    /// describes, it does not name the kind. Groups of two to four.
    static func sharedWordGroups(_ shortNames: [String], excluding used: Set<Int>) -> [[Int]] {
        var byKey: [GroupKey: [Int]] = [:]
        var order: [GroupKey] = []
        for index in shortNames.indices where !used.contains(index) {
            let (count, last) = wordCountAndLast(shortNames[index])
            var keys: [GroupKey] = []
            if count >= 2, let head = last, head.count >= 3, !commonWords.contains(head), !GenericWords.isGeneric(head) {
                keys.append(GroupKey(place: .head, word: head))
            } else if count == 1, let word = last, let parts = hyphenParts(word) {
                // "Write-through"/"Write-back" share their first part; "At-most-once"/"Exactly-once" their last.
                if parts.first.count >= 3, !commonWords.contains(parts.first) { keys.append(GroupKey(place: .prefix, word: parts.first)) }
                if parts.last.count >= 3, !commonWords.contains(parts.last) { keys.append(GroupKey(place: .suffix, word: parts.last)) }
            }
            for key in keys {
                if byKey[key] == nil { order.append(key) }
                byKey[key, default: []].append(index)
            }
        }
        return order.compactMap { key in
            let group = byKey[key]!
            return group.count >= 2 && group.count <= 4 ? group : nil
        }
    }

    /// What names of one kind share: the head noun, or the first or last part of a
    /// hyphenated name.
    private struct GroupKey: Hashable {
        enum Place { case head, prefix, suffix }
        let place: Place
        let word: String
    }

    /// How many `words(text)` there are and the last of them, without making the others
    /// (on bytes for ASCII names: this runs for every definition of a deck).
    static func wordCountAndLast(_ text: String) -> (count: Int, last: String?) {
        func isKept(_ lower: UInt8) -> Bool {
            (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) || lower == 0x2D || lower == 0x2F
        }
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> (count: Int, last: String?)? in
            var count = 0, lastStart = 0, lastEnd = 0, tokenStart = 0
            var tokenKeeps = false
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0x20
                if byte >= 0x80 { return nil }
                if byte == 0x20 || byte == 0x09 {
                    if tokenKeeps { (count, lastStart, lastEnd) = (count + 1, tokenStart, index) }
                    tokenStart = index + 1
                    tokenKeeps = false
                } else if isKept(lowercased(byte)) {
                    tokenKeeps = true
                }
            }
            guard count > 0 else { return (0, nil) }
            let kept = bytes[lastStart..<lastEnd].lazy.map(lowercased).filter(isKept)
            return (count, String(decoding: Array(kept), as: UTF8.self))
        }
        if let ascii, let result = ascii { return result }
        let all = words(text)
        return (all.count, all.last)
    }

    /// The first and last of the parts of `word` between hyphens, when it has two or more
    /// (`split(separator: "-")`; on bytes for an ASCII word).
    static func hyphenParts(_ word: String) -> (first: String, last: String)? {
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else {
            let parts = word.split(separator: "-").map(String.init)
            return parts.count >= 2 ? (parts[0], parts[parts.count - 1]) : nil
        }
        let parts = word.utf8.split(separator: UInt8(ascii: "-"))
        guard parts.count >= 2 else { return nil }
        return (String(parts[0])!, String(parts[parts.count - 1])!)
    }

    /// Each name's opposites, from `opposites`.
    static let oppositeOf: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        for pair in opposites {
            for name in pair { table[name, default: []].formUnion(pair.subtracting([name])) }
        }
        return table
    }()

    static func oppositePairs(_ shortNames: [String], excluding used: Set<Int>) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        var firstIndex: [String: Int] = [:]
        for index in shortNames.indices where !used.contains(index) {
            let name = shortNames[index].lowercased()
            if let others = oppositeOf[name] {
                for other in others { if let earlier = firstIndex[other] { pairs.append((earlier, index)) } }
            }
            if firstIndex[name] == nil { firstIndex[name] = index }
        }
        return pairs
    }

    /// The parts of an "A vs. B" title taken from the points of its list, when each point
    /// starts with a part: "L4 (TCP-level), L7 (HTTP-level; …)" under "L4 vs. L7 Load
    /// Balancers". Each part with what its point says of it.
    static func partsFromPoints(title: String, points: [String]) -> [(name: String, text: String)]? {
        guard mentionsVersus(title), let parts = versusParts(title) else { return nil }
        let entries = points.count == 1 ? Enumeration.items(of: points[0]) : points
        var result: [(name: String, text: String)] = []
        for part in parts {
            guard let head = part.split(separator: " ").first.map(String.init),
                  let entry = entries.first(where: { $0.lowercased().hasPrefix(head.lowercased()) }) else { return nil }
            var text = entry.dropFirst(head.count).trimmingSpaces()
            if text.hasPrefix("("), text.hasSuffix(")") { text = String(text.dropFirst().dropLast()) }
            while text.hasPrefix(":") || text.hasPrefix("-") || text.hasPrefix("–") { text = String(text.dropFirst()).trimmingSpaces() }
            guard !text.isEmpty else { return nil }
            result.append((head, text))
        }
        return result.count >= 2 ? result : nil
    }

    /// "how do A and B differ?", "how do A, B and C differ?"
    static func question(_ names: [String]) -> String {
        let list = names.count <= 2 ? names.joined(separator: " and ")
                                    : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return "how do \(list) differ?"
    }
}
