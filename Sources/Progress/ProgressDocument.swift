import Study
import Deck
import Scheduling
import Store
import Timekeeping

/// The name and versions of the progress export (docs/export-format.md).
public enum ProgressFormat {
    public static let name = "sysdrill-progress"
    /// The version this build writes.
    public static let version: Int64 = 1
    /// The versions this build reads. A file from a newer sysdrill is refused rather than
    /// half understood.
    public static let readableVersions: [Int64] = [1]
}

/// A validated progress file, as the import merges it. Card states in the file are not
/// kept: the log is the truth, and states are replayed from it after the merge.
public struct ProgressDocument: Sendable {
    public struct ExportedCard: Hashable, Sendable {
        public let card: Card
        public let retired: Bool

        public init(card: Card, retired: Bool) {
            self.card = card
            self.retired = retired
        }
    }

    /// The scheduler settings the file was written with.
    public struct Settings: Hashable, Sendable {
        public var kind: SchedulerKind
        public var fsrs: FSRSParameters
        /// Absent in a hand-made file: the local fuzz setting then stays.
        public var fuzz: Bool?
        public var rolloverHour: Int
        public var limits: QueueLimits

        public init(kind: SchedulerKind, fsrs: FSRSParameters, fuzz: Bool?, rolloverHour: Int, limits: QueueLimits) {
            self.kind = kind
            self.fsrs = fsrs
            self.fuzz = fuzz
            self.rolloverHour = rolloverHour
            self.limits = limits
        }

        /// The settings `import --settings` may change, in the order they are reported.
        public static let keys: [ConfigKey] = [
            .scheduler, .newPerDay, .reviewsPerDay, .dayRolloverHour, .desiredRetention, .maximumInterval,
            .learningSteps, .relearningSteps, .fsrsParameters, .fuzz,
        ]

        /// `configuration` with these settings put in, each passed through the same
        /// `ConfigKey` parsing `config set` uses, so what is saved loads back exactly.
        public func applied(to configuration: StudyConfiguration) throws(ConfigError) -> StudyConfiguration {
            var wanted = configuration
            wanted.scheduler.kind = kind
            wanted.scheduler.fsrs = fsrs
            if let fuzz { wanted.scheduler.fuzz = fuzz }
            wanted.rolloverHour = rolloverHour
            wanted.limits = limits
            var result = configuration
            for key in Self.keys {
                try key.apply(key.value(in: wanted), to: &result)
            }
            return result
        }
    }

    public let exportedAt: UnixTime
    public let settings: Settings
    /// The file's cards; a streamed import (`ProgressImport.streamed`) keeps only those
    /// unknown here, the ones it inserts.
    public let cards: [ExportedCard]
    /// How many cards the file lists.
    public internal(set) var cardsInFile: Int
    /// Cards whose history moved to another card on the exporting machine (empty in a file
    /// from before renames were exported).
    public let renames: [CardRename]
    /// Suspends and flags, set or cleared (empty in a file from before marks were exported).
    public let marks: [CardMarkRecord]
    /// Packed: an import may hold a million (`ReviewBatch`).
    public let reviews: ReviewBatch
    public let quizResults: [QuizResultRecord]
    public let drillResults: [DrillResultRecord]

    public init(exportedAt: UnixTime, settings: Settings, cards: [ExportedCard], renames: [CardRename] = [],
                marks: [CardMarkRecord] = [], reviews: [ReviewRecord], quizResults: [QuizResultRecord],
                drillResults: [DrillResultRecord]) {
        self.init(exportedAt: exportedAt, settings: settings, cards: cards, renames: renames, marks: marks,
                  reviews: ReviewBatch(reviews), quizResults: quizResults, drillResults: drillResults)
    }

    public init(exportedAt: UnixTime, settings: Settings, cards: [ExportedCard], renames: [CardRename] = [],
                marks: [CardMarkRecord] = [], reviews: ReviewBatch, quizResults: [QuizResultRecord],
                drillResults: [DrillResultRecord]) {
        self.exportedAt = exportedAt
        self.settings = settings
        self.cards = cards
        cardsInFile = cards.count
        self.renames = renames
        self.marks = marks
        self.reviews = reviews
        self.quizResults = quizResults
        self.drillResults = drillResults
    }
}
