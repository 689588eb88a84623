import Deck
import JSONText
import Scheduling
import Store
import Timekeeping

/// Checks a whole progress file before anything is written: format and version, every
/// value's type and range, and that every card a record names is either in the file or
/// already known here. Every problem is reported with its JSON path; a file with any
/// problem is refused as a whole.
public struct ImportValidator {
    /// Cards the local database has (active or retired): records may refer to them
    /// without the file listing them.
    let localCards: Set<CardID>

    public init(localCards: Set<CardID>) {
        self.localCards = localCards
    }

    static let stepRange: ClosedRange<Int64> = 1...(7 * 86_400)  // what `config set learning-steps` accepts

    public func validate(_ root: JSONValue) throws(ImportProblems) -> ProgressDocument {
        var checker = JSONChecker()
        guard let top = checker.object(root, "$") else { throw ImportProblems(checker.problems) }
        // A foreign or newer file would only produce a flood of follow-up messages.
        guard top["format"] == .string(ProgressFormat.name) else {
            let found = top["format"].map(JSONChecker.describe) ?? "nothing"
            throw ImportProblems([ImportProblem(path: "$.format", message: "expected \"\(ProgressFormat.name)\", got \(found); this is not a sysdrill progress export")])
        }
        let readable = ProgressFormat.readableVersions.map(String.init).joined(separator: ", ")
        guard let version = top["version"]?.integerValue, ProgressFormat.readableVersions.contains(version) else {
            guard let version = top["version"] else {
                throw ImportProblems([ImportProblem(path: "$.version", message: "missing; this sysdrill reads version \(readable)")])
            }
            throw ImportProblems([ImportProblem(path: "$.version", message: "version \(JSONChecker.describe(version)) is not supported; this sysdrill reads version \(readable) (a file from a newer sysdrill needs a newer sysdrill)")])
        }

        let exportedAt = checker.time(top["exported_at"], "$.exported_at")
        let settings = readSettings(top["scheduler"], &checker)
        let cards = readCards(top["cards"], &checker)
        let known = localCards.union(cards.map(\.card.id))
        let reviews = readReviews(top["reviews"], known: known, &checker)
        let quizResults = readQuizResults(top["quiz_results"], known: known, &checker)
        let drillResults = readDrillResults(top["drill_results"], known: known, &checker)

        guard checker.problems.isEmpty, let exportedAt, let settings else { throw ImportProblems(checker.problems) }
        return ProgressDocument(exportedAt: exportedAt, settings: settings, cards: cards, reviews: reviews,
                                quizResults: quizResults, drillResults: drillResults)
    }

    // MARK: Scheduler settings

    private func readSettings(_ value: JSONValue?, _ checker: inout JSONChecker) -> ProgressDocument.Settings? {
        func path() -> String { "$.scheduler" }
        guard let object = checker.object(value, path()) else { return nil }
        let kind = checker.choice(object["name"], path() + ".name", from: SchedulerKind.allCases.map(\.rawValue))
        let fsrs = readFSRS(object["fsrs"], path() + ".fsrs", &checker)
        var fuzz: Bool?
        if let value = object["fuzz"] { fuzz = checker.bool(value, path() + ".fuzz") }
        let rollover = checker.integer(object["day_rollover_hour"], path() + ".day_rollover_hour",
                                       in: Int64(StudyDay.rolloverHours.lowerBound)...Int64(StudyDay.rolloverHours.upperBound))
        let newPerDay = checker.integer(object["new_per_day"], path() + ".new_per_day", in: 0...9999)
        let reviewsPerDay = checker.integer(object["reviews_per_day"], path() + ".reviews_per_day", in: 0...99_999)
        guard let kind = kind.flatMap(SchedulerKind.init(rawValue:)), let fsrs, let rollover, let newPerDay, let reviewsPerDay,
              object["fuzz"] == nil || fuzz != nil else { return nil }
        let settings = ProgressDocument.Settings(kind: kind, fsrs: fsrs, fuzz: fuzz, rolloverHour: Int(rollover),
                                                 limits: QueueLimits(newPerDay: Int(newPerDay), reviewsPerDay: Int(reviewsPerDay)))
        // The same parsing `config set` does must accept them, or --settings could not save them.
        do {
            _ = try settings.applied(to: .defaults)
        } catch {
            checker.report(path(), error.message)
            return nil
        }
        return settings
    }

    private func readFSRS(_ value: JSONValue?, _ path: @autoclosure () -> String, _ checker: inout JSONChecker) -> FSRSParameters? {
        guard let object = checker.object(value, path()) else { return nil }
        var weights: [Double]?
        if let values = checker.array(object["parameters"], path() + ".parameters", of: "\(FSRSParameters.weightCount) numbers") {
            if values.count != FSRSParameters.weightCount {
                checker.report(path() + ".parameters", "expected \(FSRSParameters.weightCount) numbers, got \(values.count)")
            } else {
                let read = values.enumerated().map { index, value in
                    checker.number(value, path() + ".parameters[\(index)]", in: FSRSParameters.weightBounds[index])
                }
                if read.allSatisfy({ $0 != nil }) { weights = read.compactMap { $0 } }
            }
        }
        let retention = checker.number(object["desired_retention"], path() + ".desired_retention", in: FSRSParameters.desiredRetentionRange)
        let learning = readSteps(object["learning_steps_s"], path() + ".learning_steps_s", &checker)
        let relearning = readSteps(object["relearning_steps_s"], path() + ".relearning_steps_s", &checker)
        let range = FSRSParameters.maximumIntervalRange
        let maximum = checker.integer(object["maximum_interval_d"], path() + ".maximum_interval_d",
                                      in: Int64(range.lowerBound)...Int64(range.upperBound))
        guard let weights, let retention, let learning, let relearning, let maximum else { return nil }
        return FSRSParameters(weights: weights, desiredRetention: retention, learningSteps: learning,
                              relearningSteps: relearning, maximumIntervalDays: Int(maximum))
    }

    private func readSteps(_ value: JSONValue?, _ path: @autoclosure () -> String, _ checker: inout JSONChecker) -> [Int64]? {
        guard let values = checker.array(value, path(), of: "seconds") else { return nil }
        let steps = values.enumerated().map { index, value in checker.integer(value, path() + "[\(index)]", in: Self.stepRange) }
        return steps.allSatisfy { $0 != nil } ? steps.compactMap { $0 } : nil
    }

    // MARK: Cards

    private func readCards(_ value: JSONValue?, _ checker: inout JSONChecker) -> [ProgressDocument.ExportedCard] {
        guard let values = checker.array(value, "$.cards", of: "cards") else { return [] }
        var cards: [ProgressDocument.ExportedCard] = []
        var firstIndex: [CardID: Int] = [:]
        for (index, value) in values.enumerated() {
            func path() -> String { "$.cards[\(index)]" }
            guard let object = checker.object(value, path()) else { continue }
            let id = cardID(object["id"], path() + ".id", &checker)
            if let id {
                if let first = firstIndex[id] {
                    checker.report(path() + ".id", "card \(id) appears twice (also at $.cards[\(first)])")
                } else {
                    firstIndex[id] = index
                }
            }
            let deck = checker.string(object["deck"], path() + ".deck", nonEmpty: true)
            let section = strings(object["section"], path() + ".section", &checker)
            let kind = checker.choice(object["kind"], path() + ".kind", from: CardKind.allCases.map(\.rawValue)).flatMap(CardKind.init(rawValue:))
            let term = checker.string(object["term"], path() + ".term")
            let front = checker.string(object["front"], path() + ".front")
            let back = checker.string(object["back"], path() + ".back")
            let items = object["items"] == nil ? [] : strings(object["items"], path() + ".items", &checker)
            var source = SourceLocation(file: "(imported)", line: 0)
            if let value = object["source"], let sourceObject = checker.object(value, path() + ".source") {
                let file = checker.string(sourceObject["file"], path() + ".source.file")
                let line = checker.integer(sourceObject["line"], path() + ".source.line", in: 0...Int64(Int32.max))
                if let file, let line { source = SourceLocation(file: file, line: Int(line)) }
            }
            var position: Int64 = 0
            if let value = object["position"] { position = checker.integer(value, path() + ".position", in: 0...Int64(Int32.max)) ?? 0 }
            let retired = checker.bool(object["retired"], path() + ".retired")
            checkState(object["state"], path() + ".state", &checker)
            guard let id, let deck, let section, let kind, let term, let front, let back, let items, let retired else { continue }
            let card = Card(id: id, deck: deck, section: section, kind: kind, term: term, front: front, back: back, items: items,
                            source: source, order: Int(position))
            cards.append(ProgressDocument.ExportedCard(card: card, retired: retired))
        }
        return cards
    }

    /// The state is informational (the import replays the log), but a file that claims
    /// to be an export should hold what an export holds.
    private func checkState(_ value: JSONValue?, _ path: @autoclosure () -> String, _ checker: inout JSONChecker) {
        guard value != .null else { return }
        guard let object = checker.object(value, path()) else { return }
        if let phase = object["phase"] { _ = checker.choice(phase, path() + ".phase", from: Phase.allCases.map(\.rawValue)) }
        _ = checker.time(object["due"], path() + ".due")
        _ = checker.integer(object["reps"], path() + ".reps", in: 0...Int64.max)
        _ = checker.integer(object["lapses"], path() + ".lapses", in: 0...Int64.max)
        if let last = object["last_review"], last != .null { _ = checker.time(last, path() + ".last_review") }
        if let interval = object["interval_d"] { _ = checker.integer(interval, path() + ".interval_d", in: 0...Int64.max) }
        let sm2 = object["sm2"], fsrs = object["fsrs"]
        if sm2 != .null, let memory = checker.object(sm2, path() + ".sm2") {
            _ = checker.integer(memory["n"], path() + ".sm2.n", in: 0...Int64.max)
            _ = checker.number(memory["ef"], path() + ".sm2.ef", in: 1.3...1_000)
            _ = checker.integer(memory["interval_d"], path() + ".sm2.interval_d", in: 0...Int64.max)
            if let loop = memory["extra_loop"] { _ = checker.bool(loop, path() + ".sm2.extra_loop") }
        }
        if fsrs != .null, let memory = checker.object(fsrs, path() + ".fsrs") {
            _ = checker.choice(memory["state"], path() + ".fsrs.state", from: [Phase.learning, .review, .relearning].map(\.rawValue))
            if memory["step"] != .null { _ = checker.integer(memory["step"], path() + ".fsrs.step", in: 0...Int64.max) }
            _ = checker.number(memory["stability"], path() + ".fsrs.stability", in: 0...Double.greatestFiniteMagnitude)
            _ = checker.number(memory["difficulty"], path() + ".fsrs.difficulty", in: 1...10)
        }
    }

    // MARK: Reviews, quiz answers, drills

    private func readReviews(_ value: JSONValue?, known: Set<CardID>, _ checker: inout JSONChecker) -> [ReviewRecord] {
        guard let values = checker.array(value, "$.reviews", of: "reviews") else { return [] }
        var reviews: [ReviewRecord] = []
        var firstIndex: [String: Int] = [:]
        for (index, value) in values.enumerated() {
            func path() -> String { "$.reviews[\(index)]" }
            guard let object = checker.object(value, path()) else { continue }
            var id: String?
            if let text = object["id"]?.stringValue, RandomIdentifiers.isUUID(text) {
                id = text
                if let first = firstIndex[text] {
                    checker.report(path() + ".id", "review \(text) appears twice (also at $.reviews[\(first)])")
                } else {
                    firstIndex[text] = index
                }
            } else {
                checker.mismatch(object["id"], path() + ".id", expected: "a UUID such as \"1b4e28ba-2fa1-41d2-883f-0016d3cca427\"")
            }
            let card = reference(object["card"], path() + ".card", known: known, &checker)
            let at = checker.time(object["at"], path() + ".at")
            let grade = checker.integer(object["grade"], path() + ".grade", in: 0...5).flatMap { Quality(rawValue: Int($0)) }
            let duration = checker.integer(object["duration_ms"], path() + ".duration_ms", in: 0...Int64.max)
            guard let id, let card, let at, let grade, let duration else { continue }
            reviews.append(ReviewRecord(id: id, cardID: card, at: at, grade: grade, durationMs: duration))
        }
        return reviews
    }

    private func readQuizResults(_ value: JSONValue?, known: Set<CardID>, _ checker: inout JSONChecker) -> [QuizResultRecord] {
        guard let values = checker.array(value, "$.quiz_results", of: "quiz answers") else { return [] }
        var results: [QuizResultRecord] = []
        var firstIndex: [String: Int] = [:]
        for (index, value) in values.enumerated() {
            func path() -> String { "$.quiz_results[\(index)]" }
            guard let object = checker.object(value, path()) else { continue }
            let id = uniqueID(object["id"], path() + ".id", what: "quiz answer", list: "$.quiz_results", index: index,
                              seen: &firstIndex, &checker)
            let session = checker.string(object["session"], path() + ".session")
            let at = checker.time(object["at"], path() + ".at")
            let mode = checker.choice(object["mode"], path() + ".mode", from: ["choice", "typed", "cloze", "estimate"])
            let card = optionalReference(object["card"], path() + ".card", known: known, &checker)
            let prompt = checker.string(object["prompt"], path() + ".prompt")
            let expected = checker.string(object["expected"], path() + ".expected")
            let given = checker.string(object["given"], path() + ".given")
            let correct = checker.bool(object["correct"], path() + ".correct")
            let duration = checker.integer(object["duration_ms"], path() + ".duration_ms", in: 0...Int64.max)
            guard let id, let session, let at, let mode, let card, let prompt, let expected, let given, let correct, let duration else { continue }
            results.append(QuizResultRecord(id: id, sessionID: session, at: at, mode: mode, cardID: card, prompt: prompt,
                                            expected: expected, given: given, correct: correct, durationMs: duration))
        }
        return results
    }

    private func readDrillResults(_ value: JSONValue?, known: Set<CardID>, _ checker: inout JSONChecker) -> [DrillResultRecord] {
        guard let values = checker.array(value, "$.drill_results", of: "drills") else { return [] }
        var drills: [DrillResultRecord] = []
        var firstIndex: [String: Int] = [:]
        for (index, value) in values.enumerated() {
            func path() -> String { "$.drill_results[\(index)]" }
            guard let object = checker.object(value, path()) else { continue }
            let id = uniqueID(object["id"], path() + ".id", what: "drill", list: "$.drill_results", index: index,
                              seen: &firstIndex, &checker)
            let card = optionalReference(object["card"], path() + ".card", known: known, &checker)
            let name = checker.string(object["name"], path() + ".name")
            let minutes = checker.integer(object["minutes"], path() + ".minutes", in: 1...Int64(Int32.max))
            let started = checker.time(object["started_at"], path() + ".started_at")
            let updated = checker.time(object["updated_at"], path() + ".updated_at")
            let phase = checker.integer(object["phase"], path() + ".phase", in: 0...Int64(Int32.max))
            let elapsed = checker.integer(object["elapsed_s"], path() + ".elapsed_s", in: 0...Int64.max)
            var scores: [Int]?
            if let values = checker.array(object["phase_scores"], path() + ".phase_scores", of: "scores 0-3") {
                let read = values.enumerated().map { checker.integer($1, path() + ".phase_scores[\($0)]", in: 0...3) }
                if read.allSatisfy({ $0 != nil }) { scores = read.map { Int($0!) } }
            }
            var total: Double?? = .some(nil)
            if object["total"] != .null { total = checker.number(object["total"], path() + ".total", in: 0...100).map { .some($0) } }
            let status = checker.choice(object["status"], path() + ".status", from: DrillResultRecord.Status.allCases.map(\.rawValue))
                .flatMap(DrillResultRecord.Status.init(rawValue:))
            guard let id, let card, let name, let minutes, let started, let updated, let phase, let elapsed, let scores,
                  let total, let status else { continue }
            drills.append(DrillResultRecord(id: id, cardID: card, name: name, minutes: Int(minutes), startedAt: started,
                                            updatedAt: updated, phase: Int(phase), elapsedSeconds: elapsed, phaseScores: scores,
                                            total: total, status: status))
        }
        return drills
    }

    // MARK: Shared pieces

    private func cardID(_ value: JSONValue?, _ path: @autoclosure () -> String, _ checker: inout JSONChecker) -> CardID? {
        guard let text = value?.stringValue, CardID.isWellFormed(text) else {
            checker.mismatch(value, path(), expected: "a card ID of 16 lowercase hex digits")
            return nil
        }
        return CardID(rawValue: text)
    }

    /// A card ID that must be in the file or known here.
    private func reference(_ value: JSONValue?, _ path: @autoclosure () -> String, known: Set<CardID>, _ checker: inout JSONChecker) -> CardID? {
        guard let id = cardID(value, path(), &checker) else { return nil }
        guard known.contains(id) else {
            checker.report(path(), "card \(id) is neither among this file's cards nor in your decks")
            return nil
        }
        return id
    }

    /// Like `reference`, but null is allowed (generated questions have no card):
    /// `.some(nil)` is a valid null, `nil` an invalid value.
    private func optionalReference(_ value: JSONValue?, _ path: @autoclosure () -> String, known: Set<CardID>,
                                   _ checker: inout JSONChecker) -> CardID?? {
        if value == .null { return .some(nil) }
        return reference(value, path(), known: known, &checker).map { .some($0) }
    }

    /// A non-empty ID not used earlier in the same list.
    private func uniqueID(_ value: JSONValue?, _ path: @autoclosure () -> String, what: String, list: String, index: Int,
                          seen: inout [String: Int], _ checker: inout JSONChecker) -> String? {
        guard let id = checker.string(value, path(), nonEmpty: true) else { return nil }
        if let first = seen[id] {
            checker.report(path(), "\(what) \(id) appears twice (also at \(list)[\(first)])")
            return nil
        }
        seen[id] = index
        return id
    }

    private func strings(_ value: JSONValue?, _ path: @autoclosure () -> String, _ checker: inout JSONChecker) -> [String]? {
        guard let values = checker.array(value, path(), of: "strings") else { return nil }
        let read = values.enumerated().map { checker.string($1, path() + "[\($0)]") }
        return read.allSatisfy { $0 != nil } ? read.compactMap { $0 } : nil
    }
}
