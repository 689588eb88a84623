import Store
import Timekeeping

/// When an exercise comes back: its last finished drill's total sets the wait, so a weak
/// drill returns in days and a strong one in weeks. Exercises never finished are new,
/// not due (they would otherwise all be due on the first day).
public enum DrillSchedule {
    /// Days until the next drill of an exercise after a total of `total` (0-100).
    public static func intervalDays(afterTotal total: Double) -> Int {
        switch total {
        case ..<40: return 2
        case ..<60: return 4
        case ..<75: return 7
        case ..<90: return 14
        default: return 28
        }
    }

    /// One exercise's place in the schedule.
    public struct Entry: Sendable, Equatable {
        public let exercise: DrillExercise
        /// Total of the last finished drill (nil: never finished).
        public let lastTotal: Double?
        /// When it is due again (nil: never finished, so new).
        public let due: UnixTime?

        public func isDue(at now: UnixTime) -> Bool { due.map { $0 <= now } ?? false }
    }

    /// The schedule of every exercise, from the drills saved so far (matched by card ID,
    /// or by name for drills saved without one).
    public static func entries(_ exercises: [DrillExercise], drills: [DrillResultRecord]) -> [Entry] {
        exercises.map { exercise in
            let last = drills.filter { drill in
                drill.status == .finished && drill.total != nil
                    && (drill.cardID.map { $0 == exercise.card.id } ?? (drill.name == exercise.name))
            }.max { $0.updatedAt < $1.updatedAt }
            guard let last, let total = last.total else { return Entry(exercise: exercise, lastTotal: nil, due: nil) }
            return Entry(exercise: exercise, lastTotal: total, due: last.updatedAt + Int64(intervalDays(afterTotal: total)) * 86_400)
        }
    }

    /// Exercises due at `now`, most overdue first.
    public static func due(_ entries: [Entry], at now: UnixTime) -> [Entry] {
        entries.filter { $0.isDue(at: now) }.sorted { ($0.due!, $0.exercise.number) < ($1.due!, $1.exercise.number) }
    }

    /// What `sysdrill drill` without a name offers: the most overdue exercise, else the
    /// first never drilled, else the one due soonest.
    public static func suggestion(_ entries: [Entry], at now: UnixTime) -> DrillExercise? {
        if let overdue = due(entries, at: now).first { return overdue.exercise }
        if let new = entries.first(where: { $0.due == nil }) { return new.exercise }
        return entries.min { ($0.due ?? .max, $0.exercise.number) < ($1.due ?? .max, $1.exercise.number) }?.exercise
    }
}
