import Study
import Deck
import JSONText
import Scheduling
import Store
import Timekeeping

/// The review in line mode (stdin not a terminal), for scripts and tests: for each card
/// the front, a line `---`, the back, then one answer line: `0`-`5` (SM-2 quality),
/// `again|hard|good|easy`, `u` (undo), `s` (skip), `!` (flag or unflag, then answer),
/// `@` (suspend), `q` (quit). End of input ends the session normally; every answer given
/// is already committed. An answer that makes the card a leech says so, once.
/// A number card (with a `checker`) shows its front alone and takes an estimate first
/// (`500 us`; an empty line is "don't know"): the back, the verdict and a proposed grade
/// follow, and an empty line accepts that grade (any answer above chooses another). A
/// line that is an answer above (`3`, `good`, `s`...) acts as one without an estimate.
/// With `json`, stdout carries one JSON object per event instead.
public struct LineReview {
    public enum Command: Equatable, Sendable {
        case grade(Quality)
        case undo, skip, flag, suspend, quit
    }

    let session: ReviewSession
    let channel: LineChannel
    /// Grades the typed answers of number cards; without one they are revealed like others.
    let checker: TypedCardChecker?

    public init(session: ReviewSession, channel: LineChannel, checker: TypedCardChecker? = nil) {
        self.session = session
        self.channel = channel
        self.checker = checker
    }

    public static let validAnswers = "0-5, again, hard, good, easy, u (undo), s (skip), ! (flag), @ (suspend) or q (quit)"

    /// Parses one answer line; nil when it is not a valid answer.
    public static func parse(_ line: String) -> Command? {
        let word = String(line.filter { $0 != " " && $0 != "\t" && $0 != "\r" }).lowercased()
        if let number = Int(word), let quality = Quality(rawValue: number) { return .grade(quality) }
        if let rating = Rating(name: word) { return .grade(rating.quality) }
        switch word {
        case "u", "undo": return .undo
        case "s", "skip": return .skip
        case "!", "flag": return .flag
        case "@", "suspend": return .suspend
        case "q", "quit": return .quit
        default: return nil
        }
    }

    /// Runs until the cards run out, `q`, or end of input. Returns what is left for
    /// later today (learning steps not yet due).
    public func run() throws -> Int {
        // Another sysdrill holding the write lock past the busy timeout (a long import):
        // the answer waits in memory and is saved once the lock is free. Ctrl-C quits
        // meanwhile, keeping every answer already acknowledged.
        session.whileLocked = { [channel] attempt in
            if attempt == 1 {
                channel.emit(["event": "locked", "message": .string(ReviewSession.lockedMessage)], text: nil)
                channel.message(ReviewSession.lockedMessage + " Ctrl-C quits; every answer before this one is saved.")
            }
            return true
        }
        defer { session.whileLocked = nil }
        while true {
            switch try session.next() {
            case .finished:
                return 0
            case .waiting(let until, let remaining):
                channel.emit(["event": "waiting", "until": .string(ISO8601.format(until)), "remaining": JSONValue(remaining)],
                     text: nil)
                channel.message("\(remaining) learning card\(remaining == 1 ? "" : "s") due later today (next at \(LocalTime.shortFormat(until)))")
                return remaining
            case .card(let presented):
                show(presented)
                guard try answer(presented) else {
                    session.putBackCurrent()
                    return 0
                }
            }
        }
    }

    private func show(_ presented: ReviewSession.Presented) {
        let card = presented.card
        if card.asksTypedAnswer && checker != nil {
            channel.emit([
                "event": "card", "card": .string(card.id.rawValue), "position": JSONValue(presented.position),
                "total": JSONValue(presented.total), "section": JSONValue(card.section), "kind": .string(card.kind.rawValue),
                "state": .string(presented.state.phase.rawValue), "front": .string(card.front), "back": .string(card.back),
                "answer": "typed",
            ], text: card.front + "\n")
            channel.message("type your estimate with its unit (empty line: don't know), or answer as usual")
            return
        }
        channel.emit([
            "event": "card", "card": .string(card.id.rawValue), "position": JSONValue(presented.position),
            "total": JSONValue(presented.total), "section": JSONValue(card.section), "kind": .string(card.kind.rawValue),
            "state": .string(presented.state.phase.rawValue), "front": .string(card.front), "back": .string(card.back),
        ], text: card.front + "\n---\n" + card.back + "\n")
    }

    /// What the estimate line of a number card led to.
    private enum Estimated {
        case proposed(Rating)
        case command(Command)
        case end
    }

    /// Reads the estimate for a number card until one is read (or a line that is an
    /// answer of its own), then shows the back, the verdict and the grade proposed.
    private func estimate(_ presented: ReviewSession.Presented, checker: TypedCardChecker) -> Estimated {
        let card = presented.card
        while true {
            guard let line = channel.readLine() else { return .end }
            let trimmed = String(line.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
            // A bare number is an estimate in the card's unit ("1" for the L1 cache's 1 ns),
            // never a grade: the grades stay open by name (good, again).
            if !trimmed.isEmpty, !Self.isBareNumber(trimmed), let command = Self.parse(trimmed) { return .command(command) }
            switch checker(card, trimmed) {
            case .unreadable(let reason):
                channel.emit(["event": "invalid", "input": .string(line), "message": .string(reason)], text: nil)
                channel.message("'\(trimmed)' is not a quantity (\(reason)); write a number with its unit, e.g. 500 us")
            case .graded(let lines, let proposed, let fields):
                var event: JSONObject = ["event": "estimate", "card": .string(card.id.rawValue), "given": .string(trimmed)]
                for (key, value) in fields.entries { event.set(key, value) }
                event.set("proposed", .string(proposed.name))
                channel.emit(event, text: "---\n" + card.back + "\n" + lines.joined(separator: "\n") + "\n")
                channel.message("proposed: \(proposed.name) (\(proposed.quality.rawValue)); an empty line accepts it, or give another grade")
                return .proposed(proposed)
            }
        }
    }

    /// Reads answers for the card until one moves on; false at `q` or end of input.
    private func answer(_ presented: ReviewSession.Presented) throws -> Bool {
        var pending: Command?
        var proposed: Rating?
        if presented.card.asksTypedAnswer, let checker {
            estimating: while true {
                switch estimate(presented, checker: checker) {
                case .end: return false
                case .command(.flag):
                    // A flag keeps the card on screen: its estimate is still to come.
                    let flagged = try session.toggleFlag(presented.card.id)
                    channel.emit(["event": "flag", "card": .string(presented.card.id.rawValue), "flagged": .bool(flagged)], text: nil)
                    channel.message(flagged ? "flagged ('sysdrill cards --flagged' lists them); now give your estimate"
                                            : "unflagged; now give your estimate")
                case .command(let command):
                    // Graded without an estimate: the back shows as on any other card.
                    if case .grade = command { channel.emit(nil, text: "---\n" + presented.card.back + "\n") }
                    pending = command
                    break estimating
                case .proposed(let rating):
                    proposed = rating
                    break estimating
                }
            }
        }
        while true {
            let command: Command
            if let waiting = pending {
                command = waiting
                pending = nil
            } else {
                guard let line = channel.readLine() else { return false }
                if let proposed, line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                    command = .grade(proposed.quality)
                } else if let parsed = Self.parse(line) {
                    command = parsed
                } else {
                    channel.emit(["event": "invalid", "input": .string(line), "message": .string("valid answers: \(Self.validAnswers)")], text: nil)
                    channel.message("'\(line)' is not an answer; valid answers: \(Self.validAnswers)")
                    continue
                }
            }
            switch command {
            case .quit:
                return false
            case .grade(let quality):
                let outcome = try session.answer(quality)
                channel.emit([
                    "event": "answer", "card": .string(presented.card.id.rawValue), "review": .string(outcome.review.id),
                    "grade": JSONValue(quality.rawValue), "rating": .string(quality.rating.name),
                    "phase": .string(outcome.after.phase.rawValue), "due": .string(ISO8601.format(outcome.after.due)),
                    "interval_days": JSONValue(outcome.after.intervalDays), "repeats_today": .bool(outcome.repeatsToday),
                ], text: nil)
                channel.message("\(quality.rating.name) (\(quality.rawValue)): next \(outcome.repeatsToday ? "again today" : "in " + ReviewSession.intervalText(from: outcome.review.at, to: outcome.after.due))")
                if outcome.becameLeech {
                    let card = presented.card
                    channel.emit(["event": "leech", "card": .string(card.id.rawValue), "lapses": JSONValue(outcome.after.lapses),
                                  "source": ["file": .string(card.source.file), "line": JSONValue(card.source.line)]], text: nil)
                    // No `e` here: the next card follows at once, so the place is in the message.
                    channel.message("\(LeechRule.message) \(card.source) (\(outcome.after.lapses) lapses)")
                }
                return true
            case .flag:
                let flagged = try session.toggleFlag(presented.card.id)
                channel.emit(["event": "flag", "card": .string(presented.card.id.rawValue), "flagged": .bool(flagged)], text: nil)
                channel.message(flagged ? "flagged ('sysdrill cards --flagged' lists them); now answer it" : "unflagged; now answer it")
                continue
            case .suspend:
                try session.suspend(presented.card.id)
                channel.emit(["event": "suspend", "card": .string(presented.card.id.rawValue)], text: nil)
                channel.message("suspended: out of every queue until 'sysdrill card \(presented.card.id.rawValue.prefix(8)) --unsuspend' (u undoes)")
                return true
            case .skip:
                try session.skip()
                channel.emit(["event": "skip", "card": .string(presented.card.id.rawValue)], text: nil)
                channel.message("skipped until tomorrow")
                return true
            case .undo:
                session.putBackCurrent()
                if let undone = try session.undo() {
                    channel.emit(["event": "undo", "card": .string(undone.rawValue)], text: nil)
                    channel.message("undone: that card comes again")
                } else {
                    channel.emit(["event": "invalid", "input": "u", "message": "nothing to undo"], text: nil)
                    channel.message("nothing to undo")
                }
                return true
            }
        }
    }

    /// Digits with at most one decimal point or comma, and nothing else.
    static func isBareNumber(_ text: String) -> Bool {
        var separators = 0
        for character in text {
            if character == "." || character == "," { separators += 1 } else if !character.isASCII || !character.isNumber { return false }
        }
        return separators <= 1 && text.contains { $0.isNumber }
    }
}
