import Scheduling
import Store
import Timekeeping

/// How answers are given in a review: four buttons (Again/Hard/Good/Easy, recorded as
/// quality 1/3/4/5) or SM-2's six qualities 0-5 typed directly.
public enum AnswerScale: String, Sendable, CaseIterable {
    case buttons, quality
}

/// How the day's new cards are drawn from several decks: in turn from each deck (a deck
/// you just added does not wait behind every new card of the built-in outline), or deck
/// after deck.
public enum NewCardOrder: String, Sendable, CaseIterable {
    case roundRobin = "round-robin"
    case deck
}

/// Everything `sysdrill config` controls, loaded from and saved to the settings table.
public struct StudyConfiguration: Equatable, Sendable {
    public var scheduler: SchedulerSettings
    public var limits: QueueLimits
    public var rolloverHour: Int
    public var answerScale: AnswerScale
    /// Whether reverse cards (a definition's answer asking for its term) are studied.
    public var reverseCards: Bool
    /// Lapses that make a card a leech (`leech-lapses`).
    public var leechLapses: Int
    /// How new cards are drawn from several decks (`new-card-order`).
    public var newCardOrder: NewCardOrder = .roundRobin
    /// A date to be ready by (`target-date`); its last week is `scheduler.deadline`.
    public var targetDate: CivilDate? {
        didSet { refreshDeadline() }
    }

    public static let defaultLeechLapses = 8
    public static let leechLapsesRange = 1...99

    public static let defaults = StudyConfiguration(
        scheduler: .defaults, limits: .defaults,
        rolloverHour: StudyDay.defaultRolloverHour, answerScale: .buttons)

    public init(scheduler: SchedulerSettings, limits: QueueLimits, rolloverHour: Int, answerScale: AnswerScale,
                reverseCards: Bool = true, leechLapses: Int = StudyConfiguration.defaultLeechLapses) {
        self.scheduler = scheduler
        self.limits = limits
        self.rolloverHour = rolloverHour
        self.answerScale = answerScale
        self.reverseCards = reverseCards
        self.leechLapses = leechLapses
    }

    /// The target date's last week as instants, in the local time zone with the rollover
    /// hour (both can change it, so both call this).
    mutating func refreshDeadline() {
        guard let targetDate else {
            scheduler.deadline = nil
            return
        }
        let calendar = StudyCalendar(rolloverHour: rolloverHour)
        let day = targetDate.daysSinceEpoch
        scheduler.deadline = ReviewDeadline(windowStart: calendar.start(ofDay: day - ReviewDeadline.windowDays),
                                            deadline: calendar.start(ofDay: day))
    }

    public var leech: LeechRule { LeechRule(lapses: leechLapses) }

    /// The local days whole-day intervals are counted in: the process's time zone (TZ)
    /// and the rollover hour. A replay uses the same, so it gives what a review wrote.
    public var dueCalendar: DueCalendar {
        DueCalendar(rolloverHour: rolloverHour, utcOffset: LocalTime.dueDateOffset)
    }

    /// The scheduler of these settings, counting days in `dueCalendar`.
    public func makeScheduler() -> any Scheduler {
        scheduler.makeScheduler(calendar: dueCalendar)
    }

    /// Whether stored states replayed under `other` would equal those under these
    /// settings: the scheduler's settings and the rollover hour (which decides the study
    /// day a due date lands on near a DST switch) are what they depend on.
    public func schedulesLike(_ other: StudyConfiguration) -> Bool {
        scheduler == other.scheduler && rolloverHour == other.rolloverHour
    }

    /// The configuration stored in `store` (defaults for keys never set). A stored value
    /// that no longer parses falls back to its default rather than blocking every command.
    public static func load(from store: StudyStore) throws -> StudyConfiguration {
        try loadReportingProblems(from: store).configuration
    }

    /// Like `load`, and says which stored values were unusable (edited by hand, or
    /// written by another version) so the user hears about the fallback.
    public static func loadReportingProblems(from store: StudyStore) throws -> (configuration: StudyConfiguration, problems: [String]) {
        var configuration = StudyConfiguration.defaults
        var problems: [String] = []
        let stored = try store.allSettings()
        for key in ConfigKey.allCases {
            guard let value = stored[key.rawValue] else { continue }
            do {
                try key.apply(value, to: &configuration)
            } catch {
                problems.append("stored setting \(key.rawValue) = '\(value)' is unusable (\(error.message)); using \(key.value(in: configuration)) — fix it with 'sysdrill config set \(key.rawValue) VALUE'")
            }
        }
        return (configuration, problems)
    }
}

/// A leech is a card that keeps slipping: its stored state (a replay of its log under the
/// active scheduler) counts `lapses` lapses or more. Derived, never stored, so the tag
/// follows every replay and every change of the setting.
public struct LeechRule: Hashable, Sendable {
    public let lapses: Int

    public init(lapses: Int = StudyConfiguration.defaultLeechLapses) {
        self.lapses = lapses
    }

    public func isLeech(_ state: CardState?) -> Bool {
        (state?.lapses ?? 0) >= lapses
    }

    /// Whether going from `before` to `after` (one answer) made the card a leech: the one
    /// moment a review says so.
    public func becameLeech(from before: CardState, to after: CardState) -> Bool {
        !isLeech(before) && isLeech(after)
    }

    /// What a review says at that moment.
    public static let message = "this card keeps slipping; rewrite it?"
}

/// A setting's name as typed in `sysdrill config set NAME VALUE`.
public enum ConfigKey: String, CaseIterable, Sendable {
    case scheduler
    case newPerDay = "new-per-day"
    case reviewsPerDay = "reviews-per-day"
    case dayRolloverHour = "day-rollover-hour"
    case desiredRetention = "desired-retention"
    case maximumInterval = "maximum-interval"
    case learningSteps = "learning-steps"
    case relearningSteps = "relearning-steps"
    case fsrsParameters = "fsrs-parameters"
    case fuzz
    case answerScale = "answer-scale"
    case reverseCards = "reverse-cards"
    case leechLapses = "leech-lapses"
    case targetDate = "target-date"
    case newCardOrder = "new-card-order"

    public var help: String {
        switch self {
        case .scheduler: return "sm2 (default, SuperMemo SM-2) or fsrs (FSRS-6)"
        case .newPerDay: return "new cards per study day, 0-9999 (default 20)"
        case .reviewsPerDay: return "reviews per study day, 0-99999 (default 200)"
        case .dayRolloverHour: return "local hour the study day starts, 0-23 (default 4)"
        case .desiredRetention: return "FSRS target recall probability, 0.70-0.99 (default 0.9)"
        case .maximumInterval: return "FSRS longest interval in days, 1-36500 (default 36500)"
        case .learningSteps: return "FSRS steps for new cards, e.g. '1m 10m' (default); 'none' to graduate at once"
        case .relearningSteps: return "FSRS steps after a lapse, e.g. '10m' (default); 'none' for none"
        case .fsrsParameters: return "the 21 FSRS-6 weights, comma-separated, or 'default'"
        case .fuzz: return "on (default) or off: spread due dates so cards learned together part"
        case .answerScale: return "buttons (1-4 = again/hard/good/easy, default) or quality (0-5 SM-2 grades)"
        case .reverseCards: return "on (default) or off: study reverse cards (the answer shown, the term asked)"
        case .leechLapses: return "lapses that make a card a leech, 1-99 (default 8): 'cards --leeches'"
        case .targetDate: return "a date to be ready by, YYYY-MM-DD, or none (default): every card gets a review in its last week"
        case .newCardOrder: return "round-robin (default: new cards in turn from each deck) or deck (deck after deck)"
        }
    }

    /// Whether changing this setting changes card states (so they are replayed).
    public var affectsStates: Bool {
        switch self {
        case .scheduler, .desiredRetention, .maximumInterval, .learningSteps, .relearningSteps, .fsrsParameters, .fuzz, .targetDate:
            return true
        case .newPerDay, .reviewsPerDay, .dayRolloverHour, .answerScale, .reverseCards, .leechLapses, .newCardOrder:
            return false
        }
    }

    /// The current value, formatted as `config set` accepts it.
    public func value(in configuration: StudyConfiguration) -> String {
        let fsrs = configuration.scheduler.fsrs
        switch self {
        case .scheduler: return configuration.scheduler.kind.rawValue
        case .newPerDay: return String(configuration.limits.newPerDay)
        case .reviewsPerDay: return String(configuration.limits.reviewsPerDay)
        case .dayRolloverHour: return String(configuration.rolloverHour)
        case .desiredRetention: return "\(fsrs.desiredRetention)"
        case .maximumInterval: return String(fsrs.maximumIntervalDays)
        case .learningSteps: return StepList.format(fsrs.learningSteps)
        case .relearningSteps: return StepList.format(fsrs.relearningSteps)
        case .fsrsParameters: return fsrs.weights.map { "\($0)" }.joined(separator: ",")
        case .fuzz: return configuration.scheduler.fuzz ? "on" : "off"
        case .answerScale: return configuration.answerScale.rawValue
        case .reverseCards: return configuration.reverseCards ? "on" : "off"
        case .leechLapses: return String(configuration.leechLapses)
        case .targetDate: return configuration.targetDate.map(\.description) ?? "none"
        case .newCardOrder: return configuration.newCardOrder.rawValue
        }
    }

    /// Parses `text` and sets it in `configuration`; throws a message naming the allowed
    /// values when it does not fit.
    public func apply(_ text: String, to configuration: inout StudyConfiguration) throws(ConfigError) {
        let value = text.trimmingCharacters(in: " ")
        switch self {
        case .scheduler:
            guard let kind = SchedulerKind(rawValue: value.lowercased()) else { throw invalid(text, "sm2 or fsrs") }
            configuration.scheduler.kind = kind
        case .newPerDay:
            configuration.limits.newPerDay = try integer(value, in: 0...9999)
        case .reviewsPerDay:
            configuration.limits.reviewsPerDay = try integer(value, in: 0...99_999)
        case .dayRolloverHour:
            configuration.rolloverHour = try integer(value, in: StudyDay.rolloverHours)
        case .desiredRetention:
            let range = FSRSParameters.desiredRetentionRange
            guard let number = Double(value), number.isFinite, range.contains(number) else {
                throw invalid(text, "a number from \(range.lowerBound) to \(range.upperBound)")
            }
            configuration.scheduler.fsrs.desiredRetention = number
        case .maximumInterval:
            configuration.scheduler.fsrs.maximumIntervalDays = try integer(value, in: FSRSParameters.maximumIntervalRange)
        case .learningSteps:
            guard let steps = StepList.parse(value) else { throw invalid(text, "durations such as '1m 10m' (s, m, h, d), or 'none'") }
            configuration.scheduler.fsrs.learningSteps = steps
        case .relearningSteps:
            guard let steps = StepList.parse(value) else { throw invalid(text, "durations such as '10m' (s, m, h, d), or 'none'") }
            configuration.scheduler.fsrs.relearningSteps = steps
        case .fsrsParameters:
            if value.lowercased() == "default" {
                configuration.scheduler.fsrs.weights = FSRSParameters.defaults.weights
            } else {
                let parts = value.split { $0 == "," || $0 == " " }
                let numbers = parts.compactMap { Double($0) }.filter(\.isFinite)
                guard numbers.count == parts.count, numbers.count == FSRSParameters.weightCount else {
                    throw invalid(text, "\(FSRSParameters.weightCount) comma-separated numbers, or 'default'")
                }
                var candidate = configuration.scheduler.fsrs
                candidate.weights = numbers
                if let problem = candidate.validate().first { throw ConfigError(key: self, message: problem) }
                configuration.scheduler.fsrs.weights = numbers
            }
        case .fuzz:
            switch value.lowercased() {
            case "on", "true", "yes", "1": configuration.scheduler.fuzz = true
            case "off", "false", "no", "0": configuration.scheduler.fuzz = false
            default: throw invalid(text, "on or off")
            }
        case .answerScale:
            guard let scale = AnswerScale(rawValue: value.lowercased()) else { throw invalid(text, "buttons or quality") }
            configuration.answerScale = scale
        case .reverseCards:
            switch value.lowercased() {
            case "on", "true", "yes", "1": configuration.reverseCards = true
            case "off", "false", "no", "0": configuration.reverseCards = false
            default: throw invalid(text, "on or off")
            }
        case .leechLapses:
            configuration.leechLapses = try integer(value, in: StudyConfiguration.leechLapsesRange)
        case .newCardOrder:
            guard let order = NewCardOrder(rawValue: value.lowercased()) else { throw invalid(text, "round-robin or deck") }
            configuration.newCardOrder = order
        case .targetDate:
            if ["none", "off", ""].contains(value.lowercased()) {
                configuration.targetDate = nil
            } else {
                guard let date = Self.parseDate(value) else { throw invalid(text, "a date such as 2027-02-01, or none") }
                configuration.targetDate = date
            }
        }
        // The rollover hour moves the target date's instants.
        configuration.refreshDeadline()
        if let problem = configuration.scheduler.fsrs.validate().first {
            throw ConfigError(key: self, message: problem)
        }
    }

    /// YYYY-MM-DD, a real calendar date.
    public static func parseDate(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        return date.isValid ? date : nil
    }

    private func integer(_ text: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let number = Int(text.filter { $0 != "_" }), range.contains(number) else {
            throw invalid(text, "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    private func invalid(_ text: String, _ allowed: String) -> ConfigError {
        ConfigError(key: self, message: "'\(text)' is not valid for \(rawValue): use \(allowed)")
    }
}

public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public let key: ConfigKey?
    public let message: String

    public init(key: ConfigKey?, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { message }
}

/// Learning steps as people write them: `1m 10m`, `1m,10m`, `30s`, `1h`, `1d`, `none`.
public enum StepList {
    public static func parse(_ text: String) -> [Int64]? {
        let trimmed = text.trimmingCharacters(in: " ").lowercased()
        if trimmed == "none" || trimmed.isEmpty { return [] }
        var steps: [Int64] = []
        for part in trimmed.split(whereSeparator: { $0 == " " || $0 == "," }) {
            guard let seconds = seconds(String(part)), seconds >= 1, seconds <= 7 * 86_400 else { return nil }
            steps.append(seconds)
        }
        return steps
    }

    static func seconds(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            guard let value = Int64(text.dropLast(suffix.count)) else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: factor)
            return overflow ? nil : product
        }
        return Int64(text).flatMap { $0 > 0 ? $0 * 60 : nil }  // bare numbers are minutes, as in Anki
    }

    public static func format(_ steps: [Int64]) -> String {
        guard !steps.isEmpty else { return "none" }
        return steps.map { seconds in
            if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
            if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
            if seconds % 60 == 0 { return "\(seconds / 60)m" }
            return "\(seconds)s"
        }.joined(separator: " ")
    }
}

extension String {
    public func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
