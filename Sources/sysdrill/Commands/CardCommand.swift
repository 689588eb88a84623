import Deck
import JSONText
import Scheduling
import Store
import Study
import Review
import Practice
import Progress
import Terminal
import Timekeeping

/// `sysdrill card ID`: one card and its history — why is it due then?
enum CardCommand {
    static let spec = CommandSpec(
        name: "card",
        summary: "show one card with every review and the state after it; suspend or flag it",
        usage: ["card ID [--json]", "card ID [--suspend | --unsuspend] [--flag | --unflag] [--json]"],
        options: [
            OptionSpec("suspend", help: "take the card out of every queue (review, due counts, new cards); its history is kept"),
            OptionSpec("unsuspend", help: "put a suspended card back"),
            OptionSpec("flag", help: "flag the card (a note to yourself: 'sysdrill cards --flagged' lists them)"),
            OptionSpec("unflag", help: "remove the flag"),
        ],
        positionals: 1...1,
        discussion: """
        ID may be shortened to any unique prefix (at least 4 characters), as with git.

        Tags: a card is a leech when it has lapsed 'leech-lapses' times or more (default 8;
        'sysdrill config set leech-lapses N'); suspended and flagged are set here or with @ and !
        in a review, recorded with the time, and carried by export and import.
        JSON adds "suspended", "flagged" and "leech" (booleans) to the card.
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let prefix = invocation.positionals[0].lowercased()
        let store = try context.syncedStore()
        guard prefix.count >= 4, prefix.allSatisfy(\.isHexDigit) else {
            throw UsageError("'\(invocation.positionals[0])' is not a card ID: use the 16 hex digits shown by 'sysdrill cards' (a unique prefix of 4 or more is enough)",
                             command: "sysdrill card")
        }
        let matches = try store.cards(idPrefix: prefix)
        guard let stored = matches.first else {
            throw UsageError("no card with ID '\(prefix)'; list IDs with 'sysdrill cards'", command: "sysdrill card")
        }
        guard matches.count == 1 else {
            throw UsageError("'\(prefix)' matches \(matches.count) cards (\(matches.map { String($0.id.rawValue.prefix(8)) }.joined(separator: ", "))); give more digits",
                             command: "sysdrill card")
        }
        let configuration = try context.configuration(store)
        if let changed = try changeMarks(invocation, card: stored, store: store, now: context.now), !context.json {
            context.stdout.write(changed)
            return ExitCode.ok
        }
        let scheduler = configuration.makeScheduler()
        let reviews = try store.reviews(of: stored.id)
        var state = CardState.new
        var steps: [(ReviewRecord, CardState)] = []
        for (index, review) in reviews.enumerated() {
            state = scheduler.next(state, review: review.event, fuzzSeed: FuzzSeed.make(cardID: stored.id.rawValue, reviewIndex: index))
            steps.append((review, state))
        }
        let current = try store.state(of: stored.id) ?? .new
        let marks = try store.marks(of: stored.id)
        let leech = configuration.leech.isLeech(current)
        let renamedFrom = try store.renamedFrom(stored.id)
        // A renamed card's history is on its successor: say where.
        let renamedTo = try store.rename(of: stored.id).map { rename in
            (rename, term: try store.card(id: rename.new)?.card.term ?? "")
        }

        if context.json {
            var object = CardJSON.object(stored.card, retired: stored.retired,
                                         tags: .init(suspended: marks.isSuspended, flagged: marks.isFlagged, leech: leech))
            object.set("renamed_from", .array(renamedFrom.map {
                .object(["id": .string($0.id.rawValue), "term": .string($0.term), "at": .string(ISO8601.format($0.at))])
            }))
            object.set("renamed_to", renamedTo.map {
                .object(["id": .string($0.0.new.rawValue), "term": .string($0.term), "at": .string(ISO8601.format($0.0.at))])
            } ?? .null)
            let labels = try store.tags(of: stored.id)
            if !labels.isEmpty { object.set("labels", JSONValue(labels)) }
            object.set("scheduler", .string(configuration.scheduler.kind.rawValue))
            object.set("state", .object(stateJSON(current)))
            object.set("reviews", .array(steps.map { review, after in
                .object(["id": .string(review.id), "at": .string(ISO8601.format(review.at)), "grade": JSONValue(review.grade.rawValue),
                         "rating": .string(review.grade.rating.name), "duration_ms": .integer(review.durationMs),
                         "state_after": .object(stateJSON(after))])
            }))
            context.print(JSONValue.object(object).serialized(pretty: true))
            return ExitCode.ok
        }
        let style = context.style
        let card = stored.card
        var text = style.bold(ControlCharacters.visible(card.front)) + "\n" + ControlCharacters.visible(card.back) + "\n\n"
        if !card.links.isEmpty {
            text += "links\n" + card.links.map { "  " + $0 + "\n" }.joined() + "\n"
        }
        text += style.dim("id \(card.id) · \(card.kind.rawValue) · \(card.source)" + (stored.retired ? " · retired" : "")) + "\n"
        if !card.from.isEmpty {
            text += "made from " + card.from.map { String($0.rawValue.prefix(8)) }.joined(separator: ", ") + "\n"
        }
        text += style.dim(card.section.joined(separator: " › ")) + "\n"
        var tags: [String] = []
        if leech { tags.append(style.yellow("leech") + " (\(plural(current.lapses, "lapse")); leech-lapses \(configuration.leechLapses): rewrite it?)") }
        if let suspended = marks.suspended, suspended.isSet { tags.append("suspended since " + LocalTime.shortFormat(suspended.at)) }
        if let flagged = marks.flagged, flagged.isSet { tags.append("flagged since " + LocalTime.shortFormat(flagged.at)) }
        if !tags.isEmpty { text += "tags: " + tags.joined(separator: " · ") + "\n" }
        // Its history includes the reviews of the cards it was renamed from.
        for step in renamedFrom {
            text += "renamed from \(step.id) “\(step.term)” on \(LocalTime.shortFormat(step.at).prefix(10))\n"
        }
        if let (rename, term) = renamedTo {
            text += "renamed to \(rename.new) “\(term)” on \(LocalTime.shortFormat(rename.at).prefix(10)) (its history is there now)\n"
        }
        text += "\n"
        text += "Now: \(current.phase.rawValue)" + (current.phase == .new ? "" : ", due \(LocalTime.shortFormat(current.due))" + (current.due <= context.now ? " (now)" : " (in \(IntervalText.format(from: context.now, to: current.due)))") + ", " + plural(current.reps, "review") + ", " + plural(current.lapses, "lapse")) + " · scheduler \(configuration.scheduler.kind.rawValue)\n"
        if steps.isEmpty {
            text += "Never reviewed.\n"
        } else {
            text += "\n" + TextLayout.padRight("when", to: 17) + TextLayout.padRight("grade", to: 11) + TextLayout.padRight("then", to: 12) + "due after\n"
            for (review, after) in steps {
                text += TextLayout.padRight(LocalTime.shortFormat(review.at), to: 17)
                    + TextLayout.padRight("\(review.grade.rawValue) \(review.grade.rating.name)", to: 11)
                    + TextLayout.padRight(after.phase.rawValue, to: 12)
                    + LocalTime.shortFormat(after.due) + " (+" + IntervalText.format(from: review.at, to: max(after.due, review.at)) + ")"
                    + memoryText(after) + "\n"
            }
        }
        context.stdout.write(text)
        return ExitCode.ok
    }

    /// Applies `--suspend`, `--unsuspend`, `--flag`, `--unflag` (all in one transaction) and
    /// says what changed; nil when none was given.
    static func changeMarks(_ invocation: Invocation, card stored: StoredCard, store: StudyStore, now: Int64) throws -> String? {
        let wanted: [(CardMark, Bool)] = [
            (.suspended, true, "suspend"), (.suspended, false, "unsuspend"), (.flagged, true, "flag"), (.flagged, false, "unflag"),
        ].compactMap { mark, isSet, option in invocation.flag(option) ? (mark, isSet) : nil }
        guard !wanted.isEmpty else { return nil }
        for mark in CardMark.allCases where wanted.filter({ $0.0 == mark }).count > 1 {
            let (set, clear) = mark == .suspended ? ("--suspend", "--unsuspend") : ("--flag", "--unflag")
            throw UsageError("\(set) and \(clear) cannot be given together", command: "sysdrill card")
        }
        let name = "\(stored.id.rawValue.prefix(8)) “\(stored.card.term)”"
        return try store.connection.transaction {
            var lines = ""
            for (mark, isSet) in wanted {
                // Read inside the write's transaction: a card already so keeps its time.
                if try store.markRecord(mark, of: stored.id)?.isSet ?? false == isSet {
                    lines += "\(name) was already \(isSet ? "" : "not ")\(mark.rawValue)\n"
                    continue
                }
                try store.setMark(mark, isSet, on: stored.id, at: now)
                switch (mark, isSet) {
                case (.suspended, true):
                    lines += "suspended \(name): out of every queue until --unsuspend (its history is kept)\n"
                case (.suspended, false): lines += "unsuspended \(name): back in the queue\n"
                case (.flagged, true): lines += "flagged \(name) ('sysdrill cards --flagged' lists flagged cards)\n"
                case (.flagged, false): lines += "unflagged \(name)\n"
                }
            }
            return lines
        }
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    static func memoryText(_ state: CardState) -> String {
        if let sm2 = state.sm2 { return "  n=\(sm2.n) EF=\(format(sm2.ef)) I=\(sm2.intervalDays)d" + (sm2.inExtraLoop ? " repeat today" : "") }
        if let fsrs = state.fsrs { return "  S=\(format(fsrs.stability))d D=\(format(fsrs.difficulty))" }
        return ""
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return "\(scaled)"
    }

    static func stateJSON(_ state: CardState) -> JSONObject {
        var object: JSONObject = ["phase": .string(state.phase.rawValue), "due": state.phase == .new ? .null : .string(ISO8601.format(state.due)),
                                  "reps": JSONValue(state.reps), "lapses": JSONValue(state.lapses), "interval_d": JSONValue(state.intervalDays)]
        object.set("sm2", state.sm2.map { .object(["n": JSONValue($0.n), "ef": .number($0.ef), "interval_d": JSONValue($0.intervalDays),
                                                   "extra_loop": .bool($0.inExtraLoop)]) } ?? .null)
        object.set("fsrs", state.fsrs.map { .object(["state": .string($0.phase.rawValue), "step": JSONValue($0.step.map(Int64.init)),
                                                     "stability": .number($0.stability), "difficulty": .number($0.difficulty)]) } ?? .null)
        return object
    }
}
