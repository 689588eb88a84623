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
        /// Reviews in replay order: time, then arrival.
        public var reviews: [ReviewRecord]
        public var quizResults: [QuizResultRecord]
        public var drillResults: [DrillResultRecord]

        public init(configuration: StudyConfiguration, cards: [StoredCard], states: [CardID: CardState], reviews: [ReviewRecord],
                    quizResults: [QuizResultRecord], drillResults: [DrillResultRecord]) {
            self.configuration = configuration
            self.cards = cards
            self.states = states
            self.reviews = reviews
            self.quizResults = quizResults
            self.drillResults = drillResults
        }

        /// Reads everything from one snapshot, so a review committed by another process
        /// halfway through cannot leave the export inconsistent.
        public static func load(from store: StudyStore, configuration: StudyConfiguration) throws -> Contents {
            try store.readSnapshot {
                Contents(configuration: configuration, cards: try store.cardsInExportOrder(), states: try store.allStates(),
                         reviews: try store.allReviews(), quizResults: try store.quizResults(), drillResults: try store.drills())
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
        document.set("reviews", .array(contents.reviews.map { .object(review($0)) }))
        document.set("quiz_results", .array(contents.quizResults.map { .object(quizResult($0)) }))
        document.set("drill_results", .array(contents.drillResults.map { .object(drillResult($0)) }))
        return .object(document)
    }

    /// The document as the file holds it: pretty-printed, ending with a newline.
    public static func text(_ contents: Contents, exportedAt: UnixTime) -> String {
        document(contents, exportedAt: exportedAt).serialized(pretty: true) + "\n"
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
            "due": .string(ISO8601.format(state.due)),
            "reps": JSONValue(state.reps),
            "lapses": JSONValue(state.lapses),
            "last_review": JSONValue(state.lastReview.map(ISO8601.format)),
            "interval_d": JSONValue(state.intervalDays),
            "sm2": sm2,
            "fsrs": fsrs,
        ]
    }

    static func review(_ review: ReviewRecord) -> JSONObject {
        ["id": .string(review.id), "card": .string(review.cardID.rawValue), "at": .string(ISO8601.format(review.at)),
         "grade": JSONValue(review.grade.rawValue), "duration_ms": .integer(review.durationMs)]
    }

    static func quizResult(_ result: QuizResultRecord) -> JSONObject {
        ["id": .string(result.id), "session": .string(result.sessionID), "at": .string(ISO8601.format(result.at)),
         "mode": .string(result.mode), "card": JSONValue(result.cardID?.rawValue), "prompt": .string(result.prompt),
         "expected": .string(result.expected), "given": .string(result.given), "correct": .bool(result.correct),
         "duration_ms": .integer(result.durationMs)]
    }

    static func drillResult(_ drill: DrillResultRecord) -> JSONObject {
        ["id": .string(drill.id), "card": JSONValue(drill.cardID?.rawValue), "name": .string(drill.name),
         "minutes": JSONValue(drill.minutes), "started_at": .string(ISO8601.format(drill.startedAt)),
         "updated_at": .string(ISO8601.format(drill.updatedAt)), "phase": JSONValue(drill.phase),
         "elapsed_s": .integer(drill.elapsedSeconds), "phase_scores": .array(drill.phaseScores.map { JSONValue($0) }),
         "total": JSONValue(drill.total), "status": .string(drill.status.rawValue)]
    }
}
