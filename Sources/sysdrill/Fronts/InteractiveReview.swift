import Deck
import Scheduling
import Store
import Study
import Review
import Practice
import Progress
import Terminal
import Timekeeping

/// The review in a terminal: raw keys, one frame per change, redraw on resize. The
/// terminal is restored on every way out (see `TerminalSession`); answers are committed
/// by `ReviewSession` as they are given, so leaving early loses nothing.
struct InteractiveReview {
    typealias Ending = FrontEnding
    /// Lines that PgUp and PgDn move a long card by.
    static let page = 10

    let session: ReviewSession
    let style: Style
    let answerScale: AnswerScale
    let clock: SessionClock
    /// Grades the typed estimate of a number card; without one it is revealed like others.
    var checker: TypedCardChecker? = nil

    func run() throws -> (ending: Ending, learningLeft: Int) {
        let terminal = try TerminalSession()
        defer { terminal.restore() }
        let reader = KeyReader(fileDescriptor: terminal.inputFileDescriptor)
        var screen = ReviewScreen()
        screen.answerScale = answerScale
        var needsDraw = true
        var waitingUntil: UnixTime?
        var learningLeft = 0
        /// All cards answered; the screen stays so the last answer can still be undone.
        var done = false
        /// A card just answered that became a leech: it stays on screen with the news until
        /// the next key, so `e` shows its source and `!`/`@` act on it.
        var leechOnScreen: CardID?
        /// The estimate being typed on a number card.
        var field = InputLine()

        func advance() throws -> Bool {
            screen.revealed = false
            screen.scroll = 0
            screen.answered = false
            screen.showHelp = false
            leechOnScreen = nil
            switch try session.next() {
            case .card(let presented):
                screen.presented = presented
                screen.typedField = presented.card.asksTypedAnswer && checker != nil ? "" : nil
                screen.typedLines = []
                screen.proposed = nil
                field = InputLine()
                screen.previews = session.preview(presented)
                screen.qualityPreviews = answerScale == .quality ? session.qualityPreview(presented) : []
                waitingUntil = nil
                return true
            case .waiting(let until, let remaining):
                screen.presented = nil
                waitingUntil = until
                learningLeft = remaining
                screen.waitingText = "\(remaining) learning card\(remaining == 1 ? "" : "s") left; the next is due in "
                    + IntervalText.format(from: clock.now, to: until) + ". Keep this open, or press q and come back later."
                return true
            case .finished:
                screen.presented = nil
                learningLeft = 0
                waitingUntil = nil
                guard session.canUndo else { return false }
                done = true
                screen.waitingText = "All done for now. Press u to undo the last answer, or any other key to finish."
                return true
            }
        }

        /// Commits `quality` for the card on screen and moves on; false when nothing is left.
        func grade(_ quality: Quality, _ presented: ReviewSession.Presented) throws -> Bool {
            let outcome = try session.answer(quality)
            let name = quality.rating.name
            let result = outcome.repeatsToday ? "\(name): again later today" : "\(name): next in \(ReviewSession.intervalText(from: outcome.review.at, to: outcome.after.due))"
            if outcome.becameLeech {
                // Stay on the card: "e shows file:line" must be about this one.
                screen.answered = true
                leechOnScreen = presented.card.id
                screen.message = "\(LeechRule.message) e shows file:line · \(result)"
                return true
            }
            guard try advance() else { return false }
            screen.message = result
            return true
        }

        guard try advance() else { return (.finished, 0) }
        // Another sysdrill (an import in another terminal) holding the write lock past the
        // busy timeout: the write on its way waits, and q, Esc or Ctrl-C stop waiting.
        var stoppedWith = Ending.quit
        session.whileLocked = { attempt in
            if attempt == 1 {
                screen.message = ReviewSession.lockedMessage + " q stops waiting; every answer before this one is saved."
                terminal.drawScreen { columns, rows in (screen.render(columns: columns, rows: rows, style: style), nil) }
            }
            switch try? reader.nextKey(timeoutMilliseconds: 0) {
            case .interrupt?:
                stoppedWith = .interrupted
                return false
            case .endOfInput?, .escape?, .character("q")?, .character("Q")?:
                stoppedWith = .quit
                return false
            default:
                return true
            }
        }
        defer { session.whileLocked = nil }
        do {
            while true {
                if terminal.takeResizeFlag() { needsDraw = true }
                if let until = waitingUntil, clock.now >= until - ReviewSession.learnAhead {
                    guard try advance() else { return (.finished, 0) }
                    needsDraw = true
                }
                if needsDraw {
                    screen.canUndo = session.canUndo
                    terminal.drawScreen { columns, rows in
                        // Past the end of a long card, the scroll stays where the last line shows.
                        screen.scroll = screen.scrollInUse(columns: columns, rows: rows)
                        return (screen.render(columns: columns, rows: rows, style: style), nil)
                    }
                    needsDraw = false
                }
                guard let key = try reader.nextKey(timeoutMilliseconds: 250) else { continue }
                needsDraw = true
                if done {
                    guard key == .character("u"), try session.undo() != nil else { return (.finished, 0) }
                    done = false
                    guard try advance() else { return (.finished, 0) }
                    screen.message = "undone"
                    continue
                }
                if screen.showHelp {
                    screen.showHelp = false
                    continue
                }
                screen.message = nil
                if leechOnScreen != nil {
                    switch key {
                    case .interrupt, .endOfInput, .character("q"), .character("Q"), .character("u"), .character("?"),
                         .character("e"), .character("!"), .character("@"):
                        break  // as on any card below
                    default:
                        // Any other key goes on to the next card (and does nothing else).
                        guard try advance() else { return (.finished, 0) }
                        continue
                    }
                }
                // A number card takes its estimate first: keys type into the field (so
                // `s` or `q` are letters there); Esc on an empty field or Ctrl-D quits.
                if screen.typedField != nil, !screen.revealed, let presented = screen.presented, let checker {
                    switch key {
                    case .interrupt, .endOfInput, .up, .down, .pageUp, .pageDown:
                        break  // as on any card below
                    case .escape:
                        guard field.text.isEmpty else {
                            field.text = ""
                            screen.typedField = ""
                            continue
                        }
                        session.putBackCurrent()
                        return (.quit, learningLeft)
                    default:
                        switch field.handle(key) {
                        case .edited:
                            screen.typedField = field.text
                        case .ignored:
                            needsDraw = false
                        case .submitted(let text):
                            switch checker(presented.card, text) {
                            case .unreadable(let reason):
                                field.text = text
                                screen.message = "not a quantity: \(reason). Write a number with its unit, e.g. 500 us"
                            case .graded(let lines, let proposed, _):
                                screen.revealed = true
                                screen.scroll = 0
                                screen.typedLines = lines
                                screen.proposed = proposed
                            }
                        }
                        continue
                    }
                }
                switch key {
                case .interrupt:
                    session.putBackCurrent()
                    return (.interrupted, learningLeft)
                case .endOfInput, .character("q"), .character("Q"):
                    session.putBackCurrent()
                    return (.quit, learningLeft)
                case .character("?"):
                    screen.showHelp = true
                case .character("e"):
                    if let card = screen.presented?.card { screen.message = BuiltInSource.describe(card.source) }
                case .character("u"):
                    session.putBackCurrent()
                    if try session.undo() != nil {
                        guard try advance() else { return (.finished, 0) }
                        screen.message = "undone"
                    } else {
                        screen.message = "nothing to undo"
                        if screen.presented != nil { _ = try advance() }
                    }
                case .character("s"):
                    guard screen.presented != nil else { continue }
                    try session.skip()
                    guard try advance() else { return (.finished, 0) }
                    screen.message = "skipped until tomorrow"
                case .character("!"):
                    guard let id = screen.presented?.card.id else { continue }
                    let flagged = try session.toggleFlag(id)
                    screen.presented?.flagged = flagged
                    screen.message = flagged ? "flagged ('sysdrill cards --flagged' lists them)" : "unflagged"
                case .character("@"):
                    guard let id = screen.presented?.card.id else { continue }
                    try session.suspend(id)
                    guard try advance() else { return (.finished, 0) }
                    screen.message = "suspended until 'sysdrill card \(id.rawValue.prefix(8)) --unsuspend' (u undoes)"
                case .character(" "), .enter:
                    // After an estimate, Space or Enter takes the grade proposed.
                    if let presented = screen.presented, screen.revealed, !screen.answered, let proposed = screen.proposed {
                        guard try grade(proposed.quality, presented) else { return (.finished, 0) }
                        continue
                    }
                    if screen.presented != nil { screen.revealed = true }
                    screen.scroll = 0
                case .up, .character("k"):
                    screen.scroll = max(0, screen.scroll - 1)
                case .down, .character("j"):
                    screen.scroll += 1
                case .pageUp:
                    screen.scroll = max(0, screen.scroll - Self.page)
                case .pageDown:
                    screen.scroll += Self.page
                case .character(let character):
                    guard let presented = screen.presented, screen.revealed, let quality = quality(for: character) else {
                        if screen.presented != nil && !screen.revealed && character.isNumber {
                            screen.message = "show the answer first (Space)"
                        }
                        continue
                    }
                    guard try grade(quality, presented) else { return (.finished, 0) }
                default:
                    needsDraw = false
                }
            }
        } catch is ReviewSession.StoppedWaiting {
            session.putBackCurrent()
            return (stoppedWith, learningLeft)
        }
    }

    /// Keys 1-4 are the four buttons; with answer-scale quality, 0-5 are SM-2 grades.
    private func quality(for character: Character) -> Quality? {
        guard let digit = character.wholeNumberValue else { return nil }
        switch answerScale {
        case .buttons: return Rating(rawValue: digit).map(\.quality)
        case .quality: return Quality(rawValue: digit)
        }
    }
}
