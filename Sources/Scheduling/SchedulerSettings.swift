// The user's scheduling choices as one storable value, so the Store keeps it, `config`
// shows and validates it, and the review session turns it into a scheduler in one place.

public struct SchedulerSettings: Hashable, Sendable, Codable {
    public var kind: SchedulerKind
    /// Used when `kind` is `.fsrs`; kept when switching so a switch back loses nothing.
    public var fsrs: FSRSParameters
    /// Spread review due dates so cards learned together don't stay due together.
    public var fuzz: Bool
    /// A target date's last week (`target-date`): intervals capped so every card is
    /// reviewed in it. nil: no target.
    public var deadline: ReviewDeadline?

    public init(kind: SchedulerKind, fsrs: FSRSParameters = .defaults, fuzz: Bool = true, deadline: ReviewDeadline? = nil) {
        self.kind = kind
        self.fsrs = fsrs
        self.fuzz = fuzz
        self.deadline = deadline
    }

    /// SM-2, as the user asked; FSRS-6 is one `config set scheduler fsrs` away.
    public static let defaults = SchedulerSettings(kind: .sm2)

    /// Problems with the settings; empty when usable. FSRS parameters are checked even
    /// while SM-2 is active, so switching later can never meet a broken configuration.
    public func validate() -> [String] {
        fsrs.validate()
    }

    /// The scheduler these settings describe, counting whole days in `calendar` (the
    /// product passes the local zone and rollover hour: `StudyConfiguration.makeScheduler`),
    /// capped by the target date's last week when there is one. Call `validate()` first:
    /// invalid FSRS parameters are a programming error here.
    public func makeScheduler(calendar: DueCalendar = .utc) -> any Scheduler {
        let base: any Scheduler
        switch kind {
        case .sm2: base = SM2Scheduler(fuzz: fuzz, calendar: calendar)
        case .fsrs: base = FSRSScheduler(parameters: fsrs, fuzz: fuzz, calendar: calendar)
        }
        guard let deadline else { return base }
        return DeadlineCappedScheduler(base: base, deadline: deadline)
    }
}
