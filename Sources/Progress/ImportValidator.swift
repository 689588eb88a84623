import Study
import Deck
import JSONText
import Scheduling
import Store
import Timekeeping

/// Checks a whole progress file before anything is written: format and version, every
/// value's type and range, and that every card a record names is either in the file or
/// already known here. Every problem is reported with its JSON path; a file with any
/// problem is refused as a whole.
///
/// This is the check of a document already parsed into a tree. An import reads the file
/// with `ProgressReader`, which checks the big lists element by element with the same
/// section readers (ImportSections.swift) and reports the same problems in the same order.
public struct ImportValidator {
    /// Cards the local database has (active or retired): records may refer to them
    /// without the file listing them. As numbers: a set of 100,000 ID strings is ~7 MB.
    let localCards: KnownCards

    public init(localCards: Set<CardID>) {
        self.localCards = KnownCards(localCards)
    }

    init(localCards: KnownCards) {
        self.localCards = localCards
    }

    static let stepRange: ClosedRange<Int64> = 1...(7 * 86_400)  // what `config set learning-steps` accepts

    public func validate(_ root: JSONValue) throws(ImportProblems) -> ProgressDocument {
        var checker = JSONChecker()
        guard let top = checker.object(root, "$") else { throw ImportProblems(checker.problems) }
        try Self.checkFormat(top)
        let exportedAt = checker.time(top["exported_at"], "$.exported_at")
        let settings = readSettings(top["scheduler"], &checker)
        var cards = CardSection()
        cards.readAll(top["cards"])
        var renames = RenameSection(known: knownCards(adding: cards))
        renames.readAll(top["renames"])
        var marks = MarkSection(known: renames.known)
        marks.readAll(top["marks"])
        var reviews = ReviewSection(known: renames.known)
        reviews.readAll(top["reviews"])
        var quizResults = QuizSection(known: reviews.known)
        quizResults.readAll(top["quiz_results"])
        var drillResults = DrillSection(known: reviews.known)
        drillResults.readAll(top["drill_results"])
        return try Self.assemble(checker, exportedAt: exportedAt, settings: settings, cards: cards, renames: renames,
                                 marks: marks, reviews: reviews, quizResults: quizResults, drillResults: drillResults)
    }

    /// The cards records may name: the local ones and the file's valid ones.
    func knownCards(adding cards: CardSection) -> KnownCards {
        var known = localCards
        for entry in cards.cards { known.insert(entry.card.id) }
        return known
    }

    /// A foreign or newer file would only produce a flood of follow-up messages: its
    /// format or version is the one problem reported.
    static func checkFormat(_ top: JSONObject) throws(ImportProblems) {
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
    }

    /// The document, or every problem: the top-level ones (`checker`) first, then each
    /// list's in the order an export writes them.
    static func assemble(_ checker: JSONChecker, exportedAt: UnixTime?, settings: ProgressDocument.Settings?,
                         cards: CardSection, renames: RenameSection, marks: MarkSection, reviews: ReviewSection,
                         quizResults: QuizSection, drillResults: DrillSection) throws(ImportProblems) -> ProgressDocument {
        let problems = checker.problems + cards.checker.problems + renames.checker.problems + marks.checker.problems
            + reviews.checker.problems + quizResults.checker.problems + drillResults.checker.problems
        guard problems.isEmpty, let exportedAt, let settings else { throw ImportProblems(problems) }
        return ProgressDocument(exportedAt: exportedAt, settings: settings, cards: cards.cards, renames: renames.renames,
                                marks: marks.marks, reviews: reviews.batch, quizResults: quizResults.results, drillResults: drillResults.drills)
    }

    // MARK: Scheduler settings

    func readSettings(_ value: JSONValue?, _ checker: inout JSONChecker) -> ProgressDocument.Settings? {
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
        guard values.count <= FSRSParameters.maximumSteps else {
            checker.report(path(), "\(values.count) steps; at most \(FSRSParameters.maximumSteps) are allowed")
            return nil
        }
        let steps = values.enumerated().map { index, value in checker.integer(value, path() + "[\(index)]", in: Self.stepRange) }
        return steps.allSatisfy { $0 != nil } ? steps.compactMap { $0 } : nil
    }
}
