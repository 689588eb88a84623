import Study
import Deck
import JSONText
import Scheduling
import Store
import Timekeeping

/// Builds the progress export (format "sysdrill-progress", version 1; see
/// docs/export-format.md and docs/export-schema.json) from what the store holds.
public enum ProgressExport {
    /// Everything the export holds, read from the store in one go.
    public struct Contents: Sendable {
        public var configuration: StudyConfiguration
        /// Cards in export order (`StudyStore.cardsInExportOrder`).
        public var cards: [StoredCard]
        public var states: [CardID: CardState]
        /// Renames oldest first (`StudyStore.allRenames`).
        public var renames: [CardRename]
        /// Suspend and flag records, set or cleared, by card then mark (`StudyStore.allMarks`).
        public var marks: [CardMarkRecord]
        /// Reviews in replay order: time, then arrival.
        public var reviews: [ReviewRecord]
        public var quizResults: [QuizResultRecord]
        public var drillResults: [DrillResultRecord]

        public init(configuration: StudyConfiguration, cards: [StoredCard], states: [CardID: CardState], renames: [CardRename] = [],
                    marks: [CardMarkRecord] = [], reviews: [ReviewRecord], quizResults: [QuizResultRecord],
                    drillResults: [DrillResultRecord]) {
            self.configuration = configuration
            self.cards = cards
            self.states = states
            self.renames = renames
            self.marks = marks
            self.reviews = reviews
            self.quizResults = quizResults
            self.drillResults = drillResults
        }

        /// Reads everything from one snapshot, so a review committed by another process
        /// halfway through cannot leave the export inconsistent.
        public static func load(from store: StudyStore, configuration: StudyConfiguration) throws -> Contents {
            try store.readSnapshot {
                Contents(configuration: configuration, cards: try store.cardsInExportOrder(), states: try store.allStates(),
                         renames: try store.allRenames(), marks: try store.allMarks(), reviews: try store.allReviews(),
                         quizResults: try store.quizResults(),
                         drillResults: try store.drills())
            }
        }
    }

    /// The whole document. Key order is fixed, so equal data gives equal text.
    public static func document(_ contents: Contents, exportedAt: UnixTime) -> JSONValue {
        var document = JSONObject()
        document.set("format", .string(ProgressFormat.name))
        document.set("version", .integer(ProgressFormat.version))
        document.set("exported_at", .string(ISO8601.format(exportedAt)))
        document.set("scheduler", .object(settings(contents.configuration)))
        document.set("cards", .array(contents.cards.map { .object(card($0, state: contents.states[$0.id])) }))
        document.set("renames", .array(contents.renames.map { .object(rename($0)) }))
        document.set("marks", .array(contents.marks.map { .object(mark($0)) }))
        document.set("reviews", .array(contents.reviews.map { .object(review($0)) }))
        document.set("quiz_results", .array(contents.quizResults.map { .object(quizResult($0)) }))
        document.set("drill_results", .array(contents.drillResults.map { .object(drillResult($0)) }))
        return .object(document)
    }

    /// The document as the file holds it: pretty-printed, ending with a newline.
    public static func text(_ contents: Contents, exportedAt: UnixTime) -> String {
        document(contents, exportedAt: exportedAt).serialized(pretty: true) + "\n"
    }

    /// What a streamed export wrote.
    public struct Counts: Sendable {
        public var cards = 0
        public var renames = 0
        public var marks = 0
        public var reviews = 0
        public var quizResults = 0
        public var drillResults = 0
        /// UTF-8 bytes of the whole text.
        public var bytes = 0
    }

    /// Writes exactly the UTF-8 of `text(_:exportedAt:)` to `output`, in pieces of about
    /// 64 KiB, reading cards and reviews row by row from one snapshot. Building the whole
    /// document first took 1.3 GB and 16 s for a million reviews.
    ///
    /// With `decks` (`export --only`), only those decks' cards (active and retired) and what
    /// belongs to them: their renames, marks, reviews, and the quiz answers and drills on
    /// them. Answers that name no card (estimates) belong to no deck and are left out. The
    /// result is a complete document of its own, imported like any other.
    public static func write(from store: StudyStore, configuration: StudyConfiguration, exportedAt: UnixTime,
                             decks: DeckScope = .every, to output: ([UInt8]) throws -> Void) throws -> Counts {
        try store.readSnapshot {
            var counts = Counts()
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 17)
            func flush(always: Bool = false) throws {
                guard always || buffer.count >= 1 << 16 else { return }
                counts.bytes += buffer.count
                try output(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            // The root object's members, laid out as `serialized(pretty: true)` lays them out.
            var members = 0
            func member(_ key: String) {
                buffer.append(literal: members == 0 ? "\n  " : ",\n  ")
                members += 1
                JSONValue.string(key).write(into: &buffer, pretty: true, indent: 1)
                buffer.append(literal: ": ")
            }
            func element(_ value: JSONValue, index: Int) throws {
                buffer.append(literal: index == 0 ? "[\n    " : ",\n    ")
                value.write(into: &buffer, pretty: true, indent: 2)
                try flush()
            }
            func endArray(count: Int) {
                buffer.append(literal: count == 0 ? "[]" : "\n  ]")
            }
            /// A member whose value is the list of `objects` (read whole: these lists are small); its length.
            func list<Record>(_ key: String, _ records: [Record], _ object: (Record) -> JSONObject) throws -> Int {
                member(key)
                for (index, record) in records.enumerated() { try element(.object(object(record)), index: index) }
                endArray(count: records.count)
                return records.count
            }

            buffer.append(UInt8(ascii: "{"))
            member("format")
            JSONValue.string(ProgressFormat.name).write(into: &buffer, pretty: true, indent: 1)
            member("version")
            JSONValue.integer(ProgressFormat.version).write(into: &buffer, pretty: true, indent: 1)
            member("exported_at")
            JSONValue.string(ISO8601.format(exportedAt)).write(into: &buffer, pretty: true, indent: 1)
            member("scheduler")
            JSONValue.object(settings(configuration)).write(into: &buffer, pretty: true, indent: 1)
            member("cards")
            // With `--only`, the exported cards' IDs, to keep the small lists to them.
            var exported = Set<CardID>()
            // The cards and the reviews are read from the database on a second thread while
            // this one writes them as JSON (`Prefetched`): each is about half of the work.
            try Prefetched.forEach(emitting: { emit in
                try store.forEachCardInExportOrder(decks: decks) { stored, state in try emit((stored, state)) }
            }) { (stored: StoredCard, state: CardState?) in
                try element(.object(card(stored, state: state)), index: counts.cards)
                counts.cards += 1
                if !decks.isEvery { exported.insert(stored.id) }
            }
            endArray(count: counts.cards)
            func kept(_ id: CardID?) -> Bool { decks.isEvery || id.map(exported.contains) == true }
            counts.renames = try list("renames", try store.allRenames().filter { kept($0.old) && kept($0.new) }, rename)
            counts.marks = try list("marks", try store.allMarks().filter { kept($0.cardID) }, mark)
            member("reviews")
            try Prefetched.forEach(emitting: { emit in try store.forEachReview(decks: decks) { try emit($0) } }) { record in
                buffer.append(literal: counts.reviews == 0 ? "[\n    " : ",\n    ")
                writeReview(record, into: &buffer)
                try flush()
                counts.reviews += 1
            }
            endArray(count: counts.reviews)
            counts.quizResults = try list("quiz_results", try store.quizResults().filter { kept($0.cardID) }, quizResult)
            counts.drillResults = try list("drill_results", try store.drills().filter { kept($0.cardID) }, drillResult)
            buffer.append(literal: "\n}\n")
            try flush(always: true)
            return counts
        }
    }

    static func settings(_ configuration: StudyConfiguration) -> JSONObject {
        let fsrs = configuration.scheduler.fsrs
        let fsrsObject: JSONObject = [
            "parameters": .array(fsrs.weights.map { JSONValue($0) }),
            "desired_retention": JSONValue(fsrs.desiredRetention),
            "learning_steps_s": .array(fsrs.learningSteps.map { .integer($0) }),
            "relearning_steps_s": .array(fsrs.relearningSteps.map { .integer($0) }),
            "maximum_interval_d": JSONValue(fsrs.maximumIntervalDays),
        ]
        return [
            "name": .string(configuration.scheduler.kind.rawValue),
            "fsrs": .object(fsrsObject),
            "fuzz": .bool(configuration.scheduler.fuzz),
            "day_rollover_hour": JSONValue(configuration.rolloverHour),
            "new_per_day": JSONValue(configuration.limits.newPerDay),
            "reviews_per_day": JSONValue(configuration.limits.reviewsPerDay),
        ]
    }

    static func card(_ stored: StoredCard, state: CardState?) -> JSONObject {
        let card = stored.card
        return [
            "id": .string(card.id.rawValue),
            "deck": .string(card.deck),
            "section": JSONValue(card.section),
            "kind": .string(card.kind.rawValue),
            "term": .string(card.term),
            "front": .string(card.front),
            "back": .string(card.back),
            "items": JSONValue(card.items),
            "source": ["file": .string(card.source.file), "line": JSONValue(card.source.line)],
            "position": JSONValue(card.order),
            "retired": .bool(stored.retired),
            "state": state.map { .object(self.state($0)) } ?? .null,
        ]
    }

    /// A card whose history moved to another (its term changed, so did its ID).
    static func rename(_ rename: CardRename) -> JSONObject {
        ["old": .string(rename.old.rawValue), "new": .string(rename.new.rawValue), "at": .string(ISO8601.format(rename.at))]
    }

    /// A suspend or a flag, set or cleared, with the time of that change (the later of two
    /// wins when machines merge).
    static func mark(_ record: CardMarkRecord) -> JSONObject {
        ["card": .string(record.cardID.rawValue), "mark": .string(record.mark.rawValue), "set": .bool(record.isSet),
         "at": .string(ISO8601.format(record.at))]
    }

    /// A reviewed card's stored state; never-reviewed cards have `"state": null`.
    static func state(_ state: CardState) -> JSONObject {
        var sm2 = JSONValue.null
        if let memory = state.sm2 {
            sm2 = ["n": JSONValue(memory.n), "ef": JSONValue(memory.ef), "interval_d": JSONValue(memory.intervalDays),
                   "extra_loop": .bool(memory.inExtraLoop)]
        }
        var fsrs = JSONValue.null
        if let memory = state.fsrs {
            fsrs = ["state": .string(memory.phase.rawValue), "step": memory.step.map { JSONValue($0) } ?? .null,
                    "stability": JSONValue(memory.stability), "difficulty": JSONValue(memory.difficulty)]
        }
        return [
            "phase": .string(state.phase.rawValue),
            "due": .string(ISO8601.format(min(state.due, ImportLimits.latestWrittenTime))),
            "reps": JSONValue(state.reps),
            "lapses": JSONValue(state.lapses),
            "last_review": JSONValue(state.lastReview.map(ISO8601.format)),
            "interval_d": JSONValue(state.intervalDays),
            "sm2": sm2,
            "fsrs": fsrs,
        ]
    }

    /// The bytes `JSONValue.object(review(record))` writes at depth 2 of the document,
    /// written straight into `buffer`: a million reviews need no `JSONObject` each (the
    /// export's largest cost). A test holds the two to the same bytes.
    static func writeReview(_ record: ReviewRecord, into buffer: inout [UInt8]) {
        buffer.append(literal: "{\n      \"id\": ")
        JSONValue.writeString(record.id, into: &buffer)
        buffer.append(literal: ",\n      \"card\": ")
        if record.cardID.isWellFormed {
            // Digits need no escaping, and need no String made.
            buffer.append(UInt8(ascii: "\""))
            record.cardID.appendText(to: &buffer)
            buffer.append(UInt8(ascii: "\""))
        } else {
            JSONValue.writeString(record.cardID.rawValue, into: &buffer)
        }
        buffer.append(literal: ",\n      \"at\": ")
        JSONValue.writeString(ISO8601.format(record.at), into: &buffer)
        buffer.append(literal: ",\n      \"grade\": ")
        buffer.append(decimal: Int64(record.grade.rawValue))
        buffer.append(literal: ",\n      \"duration_ms\": ")
        buffer.append(decimal: record.durationMs)
        buffer.append(literal: "\n    }")
    }

    static func review(_ review: ReviewRecord) -> JSONObject {
        ["id": .string(review.id), "card": .string(review.cardID.rawValue), "at": .string(ISO8601.format(review.at)),
         "grade": JSONValue(review.grade.rawValue), "duration_ms": .integer(review.durationMs)]
    }

    static func quizResult(_ result: QuizResultRecord) -> JSONObject {
        ["id": .string(result.id), "session": .string(result.sessionID), "at": .string(ISO8601.format(result.at)),
         "mode": .string(result.mode), "card": JSONValue(result.cardID?.rawValue), "prompt": .string(result.prompt),
         "expected": .string(result.expected), "given": .string(result.given), "correct": .bool(result.correct),
         "duration_ms": .integer(result.durationMs), "kind": JSONValue(result.kind)]
    }

    static func drillResult(_ drill: DrillResultRecord) -> JSONObject {
        ["id": .string(drill.id), "card": JSONValue(drill.cardID?.rawValue), "name": .string(drill.name),
         "minutes": JSONValue(drill.minutes), "started_at": .string(ISO8601.format(drill.startedAt)),
         "updated_at": .string(ISO8601.format(drill.updatedAt)), "phase": JSONValue(drill.phase),
         "elapsed_s": .integer(drill.elapsedSeconds), "phase_scores": .array(drill.phaseScores.map { JSONValue($0) }),
         "total": JSONValue(drill.total), "status": .string(drill.status.rawValue),
         "notes": (try? JSONParser.parse(drill.notesJSON)) ?? .array([]), "coverage": coverage(drill)]
    }

    /// Reference points covered after scoring, or null when not marked.
    static func coverage(_ drill: DrillResultRecord) -> JSONValue {
        guard let covered = drill.referenceCovered, let points = drill.referencePoints else { return .null }
        return .object(["covered": JSONValue(covered), "points": JSONValue(points)])
    }
}
