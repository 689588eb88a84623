/// The ways a card's term may be typed beyond its exact text, and how an answer is
/// matched against them: the rules of "What typed answers count" in docs/practice.md.
enum AnswerForms {
    /// One way of writing a term.
    struct Form {
        enum Origin: Equatable {
            /// The term as written (also without its parenthetical, or with the sides
            /// of "A vs. B" swapped).
            case term
            /// Another name the card gives: `n-tier` in `Layered (n-tier)`.
            case alias
            /// One of alternatives: `Locks` in `Mutex/Locks/Atomics`, `Anycast` in `DNS & Anycast`.
            case part
            /// `B vs. A` for `A vs. B`.
            case swapped
        }

        let text: String
        /// The words before synonyms were applied (acronyms are made from these).
        let plain: [AnswerWord]
        /// The words with synonym names replaced by their group.
        let words: [AnswerWord]
        let origin: Origin

        init(_ text: String, _ origin: Origin) {
            self.text = text
            self.origin = origin
            plain = AnswerWords.split(text)
            words = AnswerWords.withSynonyms(plain)
        }
    }

    /// Why an answer counts: shown after "✓ correct".
    enum Note: Equatable {
        case alias(String)
        case part(String)
        case acronym(String)
        /// A name of the field's synonym table; the counts tell an acronym from its expansion.
        /// A name of the field's synonym table.
        case synonym(String)
        /// The acronym of a name of the synonym table, or a name spelled out.
        case acronymOf(String)
        case spelledOut(String)
        case qualifiers([String])
        case wordForm
        case order
        case spacing

        var text: String {
            switch self {
            case .alias(let name): return "another name on the card: \(name)"
            case .part(let term): return "one of \(term)"
            case .acronym(let name): return "the acronym of \(name)"
            case .synonym(let term): return "another name for \(term)"
            case .acronymOf(let term): return "the acronym of \(term)"
            case .spelledOut(let term): return "\(term) spelled out"
            case .qualifiers(let words):
                return words.map { "'\($0)'" }.joined(separator: ", ") + " may be added or left out"
            case .wordForm: return "another form of the word"
            case .order: return "in another order"
        case .spacing: return "written as one word or apart"
            }
        }
    }

    /// The forms of `term`: as written; without its parenthetical; the parenthetical
    /// alone when it is a name (an acronym and its expansion, or two words or more:
    /// `n-tier`; a single ordinary word such as `Indicator` in `SLI (Indicator)` names one
    /// letter of the acronym and is not the term); each alternative of `A/B/C` (when every
    /// part is an acronym or a word of four letters or more: `Pub/Sub` is one idea) and of
    /// `A & B`; `B vs. A` for `A vs. B`.
    static func forms(of term: String) -> [Form] {
        var forms = [Form(term, .term)]
        let outer = AnswerText.withoutParentheticals(term)
        if !outer.isEmpty && outer != term { forms.append(Form(outer, .term)) }
        for inner in AnswerText.parentheticals(term) where isName(inner, outside: outer) {
            forms.append(Form(inner, .alias))
        }
        if !outer.contains(" "), outer.contains("/") {
            let parts = outer.split(separator: "/").map(String.init)
            if parts.count >= 2, parts.allSatisfy({ AnswerText.isAcronym($0) ? $0.count >= 3 : $0.filter(\.isLetter).count >= 4 }) {
                forms += parts.map { Form($0, .part) }
            }
        }
        if outer.contains("&") {
            let parts = outer.split(separator: "&").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
            if parts.count >= 2 { forms += parts.map { Form($0, .part) } }
        }
        let sides = outer.split(separator: " ").map(String.init)
            .split { FieldVocabulary.versus.contains($0.lowercased().trimmingCharacters(in: ".")) }
        if sides.count == 2 {
            forms.append(Form(sides[1].joined(separator: " ") + " vs " + sides[0].joined(separator: " "), .swapped))
        }
        return forms.filter { !$0.words.isEmpty }
    }

    /// Whether a parenthetical is another name for the term rather than a gloss.
    static func isName(_ inner: String, outside outer: String) -> Bool {
        if inner.contains(",") || inner.contains(";") { return false }
        let innerWords = AnswerWords.split(inner).count
        let outerWords = AnswerWords.split(outer).count
        if (AnswerText.isAcronym(outer) && innerWords >= 2) || (AnswerText.isAcronym(inner) && outerWords >= 2) { return true }
        return (2...5).contains(innerWords)
    }

    /// The parentheticals that are not names (`Indicator`), for the reason of a miss.
    static func glosses(of term: String) -> [String] {
        let outer = AnswerText.withoutParentheticals(term)
        return AnswerText.parentheticals(term).filter { !isName($0, outside: outer) }
    }

    /// The qualifier stems for one candidate: the field's generic words (except those of
    /// the other candidates) and the words of the section path (except those of any
    /// candidate). A word that tells siblings apart is never a qualifier: `non` under
    /// "Functional vs. Non-Functional", `consistency` under "Consistency & Durability".
    static func qualifiers(context: [String], own: [Form], others: [[Form]]) -> Set<String> {
        func stems(_ forms: [[Form]]) -> Set<String> {
            Set(forms.joined().flatMap { $0.plain + $0.words }.map(\.stem))
        }
        let othersWords = stems(others)
        let generic = Set(FieldVocabulary.qualifiers.flatMap(AnswerWords.split).map(\.stem)).subtracting(othersWords)
        var section = Set<String>()
        for heading in context {
            for word in AnswerWords.split(heading) where !word.raw.allSatisfy(\.isNumber) {
                section.insert(word.stem)
            }
        }
        return generic.union(section.subtracting(othersWords).subtracting(stems([own])))
    }

    static func isQualifier(_ word: AnswerWord, _ qualifiers: Set<String>) -> Bool {
        word.replaced == nil && qualifiers.contains(word.stem)
    }

    /// Whether `answer` differs from `form` by a prefix that makes another word
    /// (`denormalization`, `asynchronous`, `inconsistent`): no typo, however close.
    static func isNegation(_ answer: String, _ form: String) -> Bool {
        let a = answer.split(separator: " "), f = form.split(separator: " ")
        guard a.count == f.count else { return false }
        for (x, y) in zip(a, f) where x != y {
            let (long, short) = x.count > y.count ? (x, y) : (y, x)
            for prefix in ["de", "non", "un", "in", "im", "ir", "dis", "anti", "a"]
            where short.count >= 4 && long == prefix + short {
                return true
            }
        }
        return false
    }

    /// How `answer` matches `form` (nil when it does not): word by word (word forms and
    /// synonyms); with qualifier words added or left out; with words written together or
    /// apart (`autoscaling`, `back off`); or as the acronym of the form.
    static func match(_ answer: [AnswerWord], _ form: Form, qualifiers: Set<String>) -> [Note]? {
        var notes: [Note] = []
        switch form.origin {
        case .term: break
        case .alias: notes.append(.alias(form.text))
        case .part: notes.append(.part(form.text))
        case .swapped: notes.append(.order)
        }
        if let words = sameWords(answer, form.words, term: form.text) { return sorted(notes + words) }

        // Qualifiers: a word of the qualifier set that only one side has may go. A term
        // made only of qualifier words (Consistency under "Consistency & Durability")
        // loses none of them.
        let answerCore = answer.filter { word in
            !(isQualifier(word, qualifiers) && !form.words.contains { word.isSame(as: $0) })
        }
        let formIsAllQualifiers = form.words.allSatisfy { isQualifier($0, qualifiers) }
        let formCore = formIsAllQualifiers ? form.words : form.words.filter { word in
            !(isQualifier(word, qualifiers) && !answer.contains { $0.isSame(as: word) })
        }
        let changed = answer.filter { !answerCore.contains($0) } + form.words.filter { !formCore.contains($0) }
        let qualifierNote: [Note] = changed.isEmpty ? [] : [.qualifiers(changed.map(\.written))]
        if !answerCore.isEmpty, !formCore.isEmpty, !changed.isEmpty, let words = sameWords(answerCore, formCore, term: form.text) {
            return sorted(notes + qualifierNote + words)
        }

        // Written together or apart: the joined words compare as one.
        for (a, f) in [(answer, form.words), (answerCore, formCore)] where !a.isEmpty && !f.isEmpty {
            let joinedAnswer = a.map(\.raw).joined(), joinedForm = f.map(\.raw).joined()
            if joinedForm.count >= 4, a.count != f.count, WordStem.stem(joinedAnswer) == WordStem.stem(joinedForm) {
                return sorted(notes + (a.count == answer.count ? [] : qualifierNote) + [joinedAnswer == joinedForm ? .spacing : .wordForm])
            }
        }

        // The acronym of the form (or of its words without qualifiers).
        if answerCore.count == 1, answerCore[0].replaced == nil {
            let typed = answerCore[0].raw
            let plainCore = form.plain.filter { !isQualifier($0, qualifiers) }
            let acronyms = AnswerWords.acronyms(of: form.plain).union(AnswerWords.acronyms(of: plainCore))
            if acronyms.contains(where: { typed == $0 || typed == $0 + "s" }) {
                return sorted(notes + (answerCore.count == answer.count ? [] : qualifierNote) + [.acronym(form.text)])
            }
        }
        return nil
    }

    /// Word by word, the notes for the words that differ (nil when a pair is not the same word).
    static func sameWords(_ answer: [AnswerWord], _ form: [AnswerWord], term: String) -> [Note]? {
        guard answer.count == form.count else { return nil }
        var notes: [Note] = []
        for (given, wanted) in zip(answer, form) {
            guard given.isSame(as: wanted) else { return nil }
            if let card = wanted.replaced, let typed = given.replaced {
                let typedWords = AnswerWords.split(typed), cardWords = AnswerWords.split(card)
                // The card's name as written when it is the whole form, else its words.
                let name = cardWords.count == AnswerWords.split(term).count ? term : card
                if typedWords.map(\.stem) == cardWords.map(\.stem) || typed.lowercased().filter(\.isLetter) == card.lowercased().filter(\.isLetter) {
                    if typed.lowercased() != card.lowercased() { notes.append(.wordForm) }
                } else if typedWords.count == 1, isAcronym(typedWords[0], of: cardWords) {
                    notes.append(.acronymOf(name))
                } else if cardWords.count == 1, isAcronym(cardWords[0], of: typedWords) {
                    notes.append(.spelledOut(name))
                } else {
                    notes.append(.synonym(name))
                }
            } else if given.raw != wanted.raw {
                notes.append(.wordForm)
            }
        }
        return notes
    }

    /// Whether `word` (or its plural) is the acronym of `words`.
    static func isAcronym(_ word: AnswerWord, of words: [AnswerWord]) -> Bool {
        let acronyms = AnswerWords.acronyms(of: words)
        return acronyms.contains(word.raw) || (word.raw.hasSuffix("s") && acronyms.contains(String(word.raw.dropLast())))
    }

    /// The notes once each, the telling ones first: which name, then which words.
    static func sorted(_ notes: [Note]) -> [Note] {
        func rank(_ note: Note) -> Int {
            switch note {
            case .alias, .part: return 0
            case .acronym, .acronymOf, .spelledOut, .synonym: return 1
            case .order: return 2
            case .qualifiers: return 3
            case .spacing, .wordForm: return 4
            }
        }
        var result: [Note] = []
        for note in notes where !result.contains(note) { result.append(note) }
        return result.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }
}
