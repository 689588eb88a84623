/// The cards of one outline file, one at a time, in the order the parser makes them:
/// document order, then the list cards (a list card collects plain points from all of
/// its section, so it is complete only at the end). `OutlineParser.parse` collects them
/// into an array; the deck sync writes them to the database as they come, so a big deck
/// is never held as cards all at once.
///
/// One pass over the lines, keeping only the headings in force, the open bullets of the
/// current list and the list cards' items. Errors are the same as reading the whole
/// outline first: invalid text anywhere (checked before the first line), then the first
/// error in the outline's structure, then the first duplicate card. After an error, or
/// the end (nil), `next()` keeps returning the same.
public struct OutlineReader {
    private let bytes: [UInt8]
    private let file: String
    private var builder: CardBuilder
    /// Where the next line starts, and its number minus one.
    private var offset: Int
    private var lineNumber = 0
    private var ended = false
    private var failure: DeckError?
    private var failed = false  // failure != nil, cheaper to test for every card
    /// Cards made and not handed out yet.
    private var ready: [Card] = []
    /// The highest `order` handed out so far (a deck of several files numbers on from it).
    public private(set) var lastOrder = 0

    // The outline around the current line.
    private var headings: [HeadingEntry] = []
    private var label: String?
    /// Section of top-level items under the current headings and label, made when first
    /// needed and dropped when they change.
    private var containerSection: SectionInfo?
    /// Bullets that can still get children or text, outermost first: each is the parent of
    /// the next.
    private var open: [OpenBullet] = []
    /// Text lines being read as one paragraph.
    private var paragraph: Paragraph?
    /// `headings.count` when the last heading may still be defined by the paragraph
    /// after it (nothing but images, HTML, tables or code read since).
    private var proseHeading: Int?
    /// A sentence ending in ":" too long to name the list after it, waiting for that
    /// list's first point.
    private var pendingLead: String?
    /// Whether bullets came under the current label (a blank line then ends it; before
    /// them, the label waits across blank lines for its list).
    private var labelHasItems = false
    /// The last heading, to report it when nothing comes under it.
    private var openSection: (level: Int, line: Int, title: String)?
    private var sectionHasContent = true
    private var fenceMarker: String?
    private var fenceLine = 0
    /// A `Q:` waiting for its `A:`.
    private var question: (text: String, line: Int, section: SectionInfo)?
    /// A Q/A pair whose answer is still being read.
    private var answer: (question: String, line: Int, section: SectionInfo, lines: [String], order: Int)?
    /// The note carries Obsidian spaced repetition's tag (`#flashcards`, inline or in the
    /// front matter): its paragraphs may be that plugin's cards (`ObsidianCards`).
    private var obsidianCards = false
    /// A `C:` cloze whose text is still being read (it goes on until a blank line).
    private var cloze: (lines: [String], line: Int, section: SectionInfo, order: Int)?

    // Items (bullets and Q/A pairs) are numbered in document order; an item's outcome can
    // be known before an earlier one's (a bullet left open across a Q/A pair), so
    // outcomes wait here until every earlier one is known. Usually empty or nearly.
    private var position = 0
    private var outcomes: [ItemOutcome?] = []
    private var outcomesHead = 0
    /// The position of `outcomes[0]`.
    private var outcomesBase = 1

    private struct OpenBullet {
        var text: BulletText
        let line: Int
        let indent: Int
        let order: Int
        /// Whether its marker is a number ("1." or "1)").
        var numbered = false
        /// The section of its card: the container's for a top-level bullet, else the
        /// parent's path and name.
        let section: SectionInfo
        var hasChildren = false
        /// Section of its children, made at the first one.
        var childSection: SectionInfo?
        /// Direct children's texts, for a drill's talking points.
        var childTexts: [BulletText] = []
    }

    /// `fileKey` and `fileTitle`: for a file of a folder deck, its path in the folder
    /// (every file is its own section root) and the name that heads its cards when it has
    /// neither a `#` heading nor a front-matter title.
    init(bytes: [UInt8], deck: String, file: String, fileKey: String? = nil, fileTitle: String? = nil) throws(DeckError) {
        // Old Mac files end lines with CR alone: each becomes a line break here (CRLF
        // stays as it is: the CR before an LF is dropped with the line's end).
        self.bytes = Self.hasLoneCarriageReturn(bytes) ? Self.carriageReturnsAsLineFeeds(bytes) : bytes
        let bytes = self.bytes
        self.file = file
        builder = CardBuilder(deck: deck, file: file, fileKey: fileKey)
        offset = try bytes.withUnsafeBufferPointer { (buffer) throws(DeckError) -> Int in
            try TextDecoding.validate(buffer, path: file)
        }
        var title = fileTitle
        bytes.withUnsafeBufferPointer { buffer in
            if let frontMatter = FrontMatter.read(buffer, from: offset) {
                offset = frontMatter.endOffset
                lineNumber = frontMatter.lineCount
                tags = frontMatter.tags
                if frontMatter.reverse == false { builder.makesReverses = false }
                builder.note(.frontMatter, line: 1, "\(frontMatter.lineCount) lines")
                if let named = frontMatter.title { title = named }
            }
            obsidianCards = tags.contains(where: ObsidianCards.isDeckTag) || ObsidianCards.hasInlineTag(buffer, from: offset)
            // A title heads the file only when the file has no top heading of its own.
            if let title, !Self.hasTopHeading(buffer, from: offset) {
                headings = [builder.heading(title, level: 1, under: nil)]
                proseHeading = 1  // the note's first paragraph defines its title
            }
        }
    }

    static func hasLoneCarriageReturn(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while let found = bytes[index...].firstIndex(of: 0x0D) {
            if found + 1 == bytes.count || bytes[found + 1] != 0x0A { return true }
            index = found + 1
        }
        return false
    }

    static func carriageReturnsAsLineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for index in result.indices where result[index] == 0x0D && (index + 1 == result.count || result[index + 1] != 0x0A) {
            result[index] = 0x0A
        }
        return result
    }

    /// Bullets nested deeper than this are an error: no real outline comes near it, and
    /// every level costs the levels above it (an 8,000-level file took 1.6 GB).
    public static let maximumNesting = 64

    /// The front matter's `tags`, if any.
    public private(set) var tags: [String] = []

    /// Blocks that made no card so far (all of them once `next()` returned nil).
    public var notes: [DeckNote] { builder.notes }

    /// Whether the text from `start` has a `# ` heading or a `===` setext underline.
    static func hasTopHeading(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var lineStart = start
        var previousBlank = true
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
            if line.count >= 1, line[0] == UInt8(ascii: "#"), line.count == 1 || line[1] == UInt8(ascii: " ") || line[1] == UInt8(ascii: "\t") {
                return true
            }
            let trimmed = SimpleText.trimmed(line, 0..<line.count)
            if !previousBlank, trimmed.count >= 2, line[trimmed].allSatisfy({ $0 == UInt8(ascii: "=") }) { return true }
            previousBlank = trimmed.isEmpty || (trimmed.count == 1 && line[trimmed.lowerBound] == 0x0D)
            lineStart = end + 1
        }
        return false
    }

    /// How many list cards came at the end, after cards with a higher `order` (theirs is
    /// the position of their first point).
    public private(set) var listCardCount = 0

    /// The next card, or nil at the end.
    public mutating func next() throws(DeckError) -> Card? {
        if ready.isEmpty {
            if failed, let failure { throw failure }
            if ended { return nil }
            do {
                try readUntilReady()
            } catch {
                ready.removeAll()
                failure = error
                failed = true
                throw error
            }
            // Handed out from the end, which moves each card out without copying it.
            ready.reverse()
        }
        return ready.popLast()
    }

    // MARK: - Lines

    private mutating func readUntilReady() throws(DeckError) {
        let bytes = self.bytes  // a second reference, so `self` can change while reading these
        try bytes.withUnsafeBufferPointer { (buffer) throws(DeckError) in
            while ready.isEmpty {
                guard offset < buffer.count else {
                    try finish(buffer)
                    return
                }
                // The line up to LF, without a CR before it ("\r\n" endings), and whether
                // it is all ASCII: eight bytes at a time while there is no LF among them.
                let start = offset
                var end = start
                var ascii = true
                while end + 8 <= buffer.count {
                    let word = WordScan.load(buffer, at: end)
                    if WordScan.contains(word, 0x0A) { break }
                    ascii = ascii && WordScan.isASCII(word)
                    end += 8
                }
                while end < buffer.count, buffer[end] != 0x0A {
                    ascii = ascii && buffer[end] < 0x80
                    end += 1
                }
                offset = end + 1
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                lineNumber += 1
                try read(UnsafeBufferPointer(rebasing: buffer[start..<end]), at: start, ascii: ascii, in: buffer)
            }
        }
    }

    /// Reads the line `raw`, at `start` in `file`.
    private mutating func read(_ raw: UnsafeBufferPointer<UInt8>, at start: Int, ascii: Bool,
                               in source: UnsafeBufferPointer<UInt8>) throws(DeckError) {
        let simple = ascii || SimpleText.isSimple(raw)
        var line = simple ? OutlineLine.classify(simple: raw, at: start) : OutlineLine.classify(String(decoding: raw, as: UTF8.self)[...])
        if let marker = fenceMarker {
            if case .fence(let closing) = line, closing == marker { fenceMarker = nil }
            if answer != nil { answer!.lines.append(String(decoding: raw, as: UTF8.self)) }
            return
        }
        switch line {
        case .fence(let marker):
            sectionHasContent = true
            fenceMarker = marker
            fenceLine = lineNumber
            if answer != nil {
                answer!.lines.append(String(decoding: raw, as: UTF8.self))
            } else {
                closeCloze()
                closeParagraph()
                pendingLead = nil
                builder.endLists()
                builder.note(.code, line: lineNumber, "code block")
            }
            return
        case .blank:
            if label != nil && labelHasItems {
                label = nil
                containerSection = nil
            }
            closeAnswer()
            closeCloze()
            closeParagraph()
            return
        case .text(let indent, let text) where paragraph == nil && question == nil && answer == nil && cloze == nil
            && !continuesBullet(indent):
            // `Title` over `===` or `---` is a heading (setext).
            if let level = setextLevel(after: source) {
                skipLine(in: source)
                line = .heading(level: level, text: text)
            }
        default:
            break
        }
        if case .heading = line {} else { sectionHasContent = true }
        if cloze != nil {
            // A cloze goes on over its following text lines; anything else ends it.
            if case .text(_, let text) = line {
                cloze!.lines.append(text)
                return
            }
            closeCloze()
        }
        if answer != nil {
            switch line {
            case .question, .heading, .rule, .cloze:
                closeAnswer()
            default:
                answer!.lines.append(simple ? SimpleText.string(raw, SimpleText.trimmed(raw, 0..<raw.count))
                                            : String(decoding: raw, as: UTF8.self).trimmingSpaces())
                return
            }
        }
        if paragraph != nil {
            if case .text(_, let text) = line {
                noteForeignCardSyntax(text)
                paragraph!.lines.append(text)
                return
            }
            closeParagraph()
        }
        // A lead is for a list that begins on the next line that is not blank.
        let lead = pendingLead
        pendingLead = nil
        switch line {
        case .heading(let level, let text):
            try requireNoPendingQuestion()
            noteEmptySection(before: level)
            while let last = headings.last, last.level >= level { headings.removeLast() }
            headings.append(builder.heading(text, level: level, under: headings.last))
            label = nil
            containerSection = nil
            closeAllBullets(source)
            proseHeading = headings.count
            openSection = (level, lineNumber, headings.last!.title)
            sectionHasContent = false
        case .rule:
            try requireNoPendingQuestion()
            if label != nil {
                label = nil
                containerSection = nil
            }
            closeAllBullets(source)
        case .label(let text):
            label = InlineMarkdown.text(text)
            labelHasItems = false
            containerSection = nil
            proseHeading = nil
            closeAllBullets(source)
        case .bullet(let indent, let text):
            proseHeading = nil
            try openBullet(text, indent: indent, in: source)
            if let lead, open.count == 1 { builder.setLead(lead, forItemAt: open[0].order) }
            // A numbered marker: its first non-blank byte is a digit.
            if let first = raw.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }),
               first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") {
                open[open.count - 1].numbered = true
            }
        case .question(let text):
            try requireNoPendingQuestion()
            guard !text.isEmpty else {
                throw .malformed(path: file, line: lineNumber, column: 1, reason: "'Q:' without a question")
            }
            proseHeading = nil
            question = (text, lineNumber, container())
            closeAllBullets(source)
        case .answer(let text):
            guard let question else {
                throw .malformed(path: file, line: lineNumber, column: 1,
                                 reason: "'A:' without a 'Q:' line before it; write the question as 'Q: ...' on the line above")
            }
            answer = (question.text, question.line, question.section, text.isEmpty ? [] : [text], newItem())
            self.question = nil
        case .cloze(let text):
            try requireNoPendingQuestion()
            proseHeading = nil
            closeAllBullets(source)
            cloze = ([text], lineNumber, container(), newItem())
        case .text(let indent, let text):
            if question != nil {
                // A question may wrap onto following lines before its answer.
                question!.text += " " + text
            } else if continuesBullet(indent) {
                // A lazy continuation of the bullet above.
                let top = open.count - 1
                open[top].text = open[top].text.appending(text, simple: simple, in: source)
            } else {
                closeAllBullets(source)  // a paragraph ends the list
                noteForeignCardSyntax(text)
                paragraph = Paragraph(lines: [text], line: lineNumber, kind: Paragraph.kind(of: text, indent: indent))
            }
        case .blank, .fence:
            break
        }
    }

    /// Whether a text line at `indent` continues the innermost open bullet.
    private func continuesBullet(_ indent: Int) -> Bool {
        guard let top = open.last else { return false }
        return indent >= top.indent + 1
    }

    /// The level of a setext heading whose underline is the next line (1 for `===`, 2 for
    /// `---`, two marks at least), or nil.
    private func setextLevel(after source: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = offset
        var indent = 0
        while index < source.count, source[index] == UInt8(ascii: " ") {
            index += 1
            indent += 1
        }
        guard indent < 4, index < source.count else { return nil }
        let mark = source[index]
        guard mark == UInt8(ascii: "=") || mark == UInt8(ascii: "-") else { return nil }
        var marks = 0
        while index < source.count, source[index] == mark {
            marks += 1
            index += 1
        }
        while index < source.count, source[index] == UInt8(ascii: " ") || source[index] == UInt8(ascii: "\t") || source[index] == 0x0D {
            index += 1
        }
        guard marks >= 2, index == source.count || source[index] == 0x0A else { return nil }
        return mark == UInt8(ascii: "=") ? 1 : 2
    }

    /// Passes over the next line (a setext underline).
    private mutating func skipLine(in source: UnsafeBufferPointer<UInt8>) {
        var index = offset
        while index < source.count, source[index] != 0x0A { index += 1 }
        offset = index + 1
        lineNumber += 1
    }

    /// A heading at `level` ends the open section: one with nothing in it (and no
    /// subsection starting now) is reported.
    private mutating func noteEmptySection(before level: Int?) {
        guard let section = openSection, !sectionHasContent else { return }
        if let level, level > section.level { return }
        builder.note(.emptySection, line: section.line, section.title)
    }

    // MARK: - Paragraphs

    /// Text lines read as one block: prose, or a block that makes no card.
    private struct Paragraph {
        enum Kind { case prose, table, quote, html, code }
        var lines: [String]
        let line: Int
        let kind: Kind

        static func kind(of text: String, indent: Int) -> Kind {
            if indent >= 4 { return .code }
            if text.hasPrefix("|") { return .table }
            if text.hasPrefix(">") { return .quote }
            if text.hasPrefix("<"), let next = text.dropFirst().first, next.isLetter || next == "/" || next == "!" { return .html }
            return .prose
        }
    }

    /// The most words a paragraph ending in ":" may have to name the list after it.
    static let introLabelWords = 8
    /// The most words of a longer sentence ending in ":" that the list after it shows on
    /// its front as a cue (`CardBuilder.setLead`).
    static let leadWords = 30

    private mutating func closeParagraph() {
        guard let paragraph else { return }
        self.paragraph = nil
        builder.endLists()
        switch paragraph.kind {
        case .table: builder.note(.table, line: paragraph.line, paragraph.lines[0])
        case .quote: builder.note(.quote, line: paragraph.line, paragraph.lines[0])
        case .html: builder.note(.html, line: paragraph.line, paragraph.lines[0])
        case .code: builder.note(.code, line: paragraph.line, "indented code")
        case .prose:
            if obsidianCards, readObsidianCards(paragraph) { return }
            readProse(paragraph)
        }
    }

    /// A paragraph of Obsidian cards: `Question::Answer` and `Question:::Answer` (both
    /// ways) lines, or question lines, `?` (`??`: both ways), answer lines. Tag-only lines
    /// (`#flashcards`) are skipped. False when the paragraph has none of them (prose).
    private mutating func readObsidianCards(_ paragraph: Paragraph) -> Bool {
        let cards = ObsidianCards.cards(in: paragraph.lines)
        guard let cards else { return false }
        proseHeading = nil
        for card in cards {
            let order = newItem()
            resolve(order, builder.twoWay(card.question, answer: card.answer, bothWays: card.bothWays,
                                          line: paragraph.line + card.lineOffset, order: order, section: container()))
        }
        return true
    }

    /// A paragraph opening with a bold term defines it; the first paragraph under a
    /// heading defines the heading; other prose makes no card.
    private mutating func readProse(_ paragraph: Paragraph) {
        let text = paragraph.lines.joined(separator: " ")
        if let split = TermSplitter.boldLeadIn(text) {
            proseHeading = nil
            let order = newItem()
            if let draft = builder.definition(term: split.term, definition: split.definition, line: paragraph.line, order: order,
                                              section: container()) {
                resolve(order, .card(draft))
            } else {
                resolve(order, .nothing)
            }
            return
        }
        // Most paragraphs of prose make no card: they are read no further (rendering them
        // was most of a big prose deck's parsing), unless one may define its heading, name
        // the list after it (ends in ":") or be an image alone.
        let underHeading = proseHeading == headings.count && label == nil
        let trimmed = text.trimmingSpaces()
        guard underHeading || trimmed.hasSuffix(":") || trimmed.hasPrefix("!") || trimmed.hasPrefix("[!") || trimmed.hasSuffix(">") else {
            proseHeading = nil
            return
        }
        let rendered = InlineMarkdown.render(text)
        if rendered.text.isEmpty {
            if rendered.hadImage { builder.note(.image, line: paragraph.line, text) }
            return
        }
        if rendered.text.hasSuffix(":"), Sentences.split(rendered.text, maximum: 2).count <= 1 {
            // "Additional benefits include:" introduces the list after it: a short one
            // names it, as a label does; a longer one only ends the list before.
            // Right under a heading, the heading names the list already.
            proseHeading = nil
            let words = rendered.text.split(separator: " ")
            let lead = String(rendered.text.dropLast()).trimmingSpaces()
            if !underHeading, paragraph.lines.count == 1, words.count <= Self.introLabelWords {
                label = lead
                labelHasItems = false
                containerSection = nil
            } else if words.count <= Self.leadWords, !Sentences.isHook(lead), !(underHeading && repeatsHeading(lead)) {
                // "Three kinds of attack target the session layer:" says what the points
                // are: the list's front shows it, and its name (and ID) stays the section's.
                // "Here are some advantages of X:", or "Examples:" under "Examples", only
                // repeats the heading above.
                pendingLead = lead
            }
            return
        }
        guard let depth = proseHeading, depth == headings.count, label == nil, let heading = headings.last else { return }
        let answer: String
        switch Sentences.opening(of: rendered.text.split(separator: "\n").joined(separator: " ")) {
        case .hook: return  // only asks or announces: the next paragraph may define the heading
        case .introduction: answer = ""
        case .answer(let opening):
            // A title (a level-1 heading, or the front matter's) is defined only by a
            // sentence that says what it names: a teaser under an article's or a chapter's
            // title ("Earlier we learned about IP addresses.") makes no card.
            answer = heading.level == 1 && !TitleDefinition.defines(title: heading.title, answer: opening) ? "" : opening
        }
        proseHeading = nil
        let parent = builder.section(headings: Array(headings.dropLast()), label: nil)
        let order = newItem()
        resolve(order, builder.prose(heading: heading, answer: answer, links: rendered.links, line: paragraph.line, order: order,
                                     section: container(), parent: parent))
    }

    /// Whether `text` is the last heading's title again (numbering, case and emphasis aside).
    private func repeatsHeading(_ text: String) -> Bool {
        guard let heading = headings.last else { return false }
        return CardID.normalize(CardID.stripNumbering(heading.title)) == CardID.normalize(text)
    }

    /// The end of the file: the last structural checks, then the open items, then the
    /// list cards and the first duplicate, if any.
    private mutating func finish(_ source: UnsafeBufferPointer<UInt8>) throws(DeckError) {
        if fenceMarker != nil {
            throw .malformed(path: file, line: fenceLine, column: 1, reason: "code block opened here is never closed")
        }
        try requireNoPendingQuestion()
        closeAnswer()
        closeCloze()
        closeParagraph()
        closeAllBullets(source)
        noteEmptySection(before: nil)
        ready += builder.comparisons(order: lastOrder)
        if let duplicate = builder.duplicate { throw duplicate }
        let lists = builder.listCards()
        if let duplicate = builder.duplicate { throw duplicate }
        for card in lists { lastOrder = max(lastOrder, card.order) }
        listCardCount = lists.count
        ready += lists
        ended = true
    }

    private func requireNoPendingQuestion() throws(DeckError) {
        if let question {
            throw .malformed(path: file, line: question.line, column: 1, reason: "'Q:' without an 'A:' line after it")
        }
    }

    private mutating func container() -> SectionInfo {
        if let containerSection { return containerSection }
        let made = builder.section(headings: headings, label: label)
        containerSection = made
        return made
    }

    // MARK: - Items

    private mutating func openBullet(_ text: BulletText, indent: Int, in source: UnsafeBufferPointer<UInt8>) throws(DeckError) {
        while let top = open.last, top.indent >= indent { closeLastBullet(source) }
        guard open.count < Self.maximumNesting else {
            throw .malformed(path: file, line: lineNumber, column: indent + 1,
                             reason: "bullets nested more than \(Self.maximumNesting) levels deep; flatten the outline")
        }
        let order = newItem()
        let section: SectionInfo
        if let parent = open.indices.last {
            if !open[parent].hasChildren {
                open[parent].hasChildren = true
                // A parent is decided at its first child: its text is final (continuation
                // lines go to the last open bullet) and it has children.
                if !open[parent].section.isDrill { decide(parent, hasChildren: true, in: source) }
            }
            if open[parent].section.isDrill {
                // Children of a drill are its talking points, not cards of their own.
                section = open[parent].section
                resolve(order, .nothing)
            } else {
                if open[parent].childSection == nil {
                    open[parent].childSection = builder.section(under: open[parent].section, parentText: open[parent].text, in: source)
                }
                section = open[parent].childSection!
            }
        } else {
            section = container()
            if label != nil { labelHasItems = true }
        }
        open.append(OpenBullet(text: text, line: lineNumber, indent: indent, order: order, section: section))
    }

    private mutating func closeLastBullet(_ source: UnsafeBufferPointer<UInt8>) {
        let bullet = open.removeLast()
        if bullet.section.isDrill {
            if open.isEmpty {
                resolve(bullet.order, builder.drill(bullet.text, in: source, line: bullet.line, order: bullet.order,
                                                    section: bullet.section, children: bullet.childTexts))
            } else if open.count == 1 {
                open[0].childTexts.append(bullet.text)
            }
        } else if !bullet.hasChildren {
            resolve(bullet.order, builder.bullet(bullet.text, in: source, line: bullet.line, order: bullet.order,
                                                 section: bullet.section, hasChildren: false, numbered: bullet.numbered))
        }
    }

    private mutating func closeAllBullets(_ source: UnsafeBufferPointer<UInt8>) {
        while !open.isEmpty { closeLastBullet(source) }
    }

    /// Decides the open bullet at `index` (a parent, at its first child).
    private mutating func decide(_ index: Int, hasChildren: Bool, in source: UnsafeBufferPointer<UInt8>) {
        let outcome = builder.bullet(open[index].text, in: source, line: open[index].line, order: open[index].order,
                                     section: open[index].section, hasChildren: hasChildren)
        resolve(open[index].order, outcome)
    }

    private mutating func closeAnswer() {
        guard let answer else { return }
        self.answer = nil
        resolve(answer.order, builder.question(answer.question, answer: answer.lines, line: answer.line, order: answer.order,
                                               section: answer.section))
    }

    private mutating func closeCloze() {
        guard let cloze else { return }
        self.cloze = nil
        resolve(cloze.order, builder.cloze(cloze.lines.joined(separator: " "), line: cloze.line, order: cloze.order,
                                           section: cloze.section))
    }

    /// A lint note for a text line written in another program's card syntax that gives no
    /// card here: a `C:` line without a `[deletion]`, or Obsidian's `?` / `??` separator.
    private mutating func noteForeignCardSyntax(_ text: String) {
        if (text == "?" || text == "??") && !obsidianCards {
            builder.note(.cardSyntax, line: lineNumber, text + " (Obsidian's question/answer separator; write Q: and A:)")
        } else if text.hasPrefix("C:") {
            builder.note(.cardSyntax, line: lineNumber, text)  // a cloze needs a [deletion]
        }
    }

    /// Numbers a new item, whose outcome is not known yet.
    private mutating func newItem() -> Int {
        position += 1
        if outcomesHead == outcomes.count {
            outcomes.removeAll(keepingCapacity: true)
            outcomesHead = 0
            outcomesBase = position
        }
        outcomes.append(nil)
        return position
    }

    /// Records an item's outcome, then makes the cards of every item whose turn has come.
    private mutating func resolve(_ order: Int, _ outcome: consuming ItemOutcome) {
        let index = order - outcomesBase
        guard index == outcomesHead else {
            outcomes[index] = outcome
            return
        }
        // Its turn: no need to store it.
        outcomesHead += 1
        apply(outcome)
        while outcomesHead < outcomes.count, let next = outcomes[outcomesHead] {
            outcomes[outcomesHead] = nil
            outcomesHead += 1
            apply(next)
        }
    }

    private mutating func apply(_ outcome: consuming ItemOutcome) {
        switch consume outcome {
        case .nothing:
            break
        case .card(let draft):
            if let card = builder.add(draft) {
                lastOrder = max(lastOrder, card.order)
                ready.append(card)
                ready += builder.derived(from: draft, card: card, order: lastOrder)
            }
        case .cards(let drafts):
            for draft in drafts {
                guard let card = builder.add(draft) else { continue }
                lastOrder = max(lastOrder, card.order)
                ready.append(card)
            }
        case .listItem(let section, let text, let line, let order, let numbered):
            builder.addListItem(text, section: section, line: line, order: order, numbered: numbered)
        }
    }
}
