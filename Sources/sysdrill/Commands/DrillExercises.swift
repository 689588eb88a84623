import BundledContent
import Deck
import Practice
import Store
import Study

/// The drill exercises with their rubrics and their place in the schedule, as `drill`,
/// `due` and `stats` need them.
enum DrillExercises {
    static func load(from cards: [Card]) throws -> [DrillExercise] {
        let rubrics = try DrillRubrics(files: BundledContent.rubrics.map { ($0.name, $0.bytes) },
                                       builtInDecks: Set(BundledContent.files.map { FileSystem.deckName(for: $0.name) }))
        return try rubrics.attach(to: DrillCatalog.exercises(from: cards)) { path in
            (try? FileSystem.read(path)).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Every exercise's schedule from the drills saved in `store`.
    static func schedule(_ exercises: [DrillExercise], store: StudyStore) throws -> [DrillSchedule.Entry] {
        DrillSchedule.entries(exercises, drills: try store.drills())
    }

    /// The schedule alone, for `due` and `stats`: no rubric is read (a broken one in a
    /// user deck is the drill's business, not a reason for `due` to fail), and nothing at
    /// all is loaded before the first finished drill.
    static func schedule(store: StudyStore) throws -> [DrillSchedule.Entry] {
        let drills = try store.drills()
        guard drills.contains(where: { $0.status == .finished }) else { return [] }
        return DrillSchedule.entries(DrillCatalog.exercises(from: try store.cards(kind: .drill).map(\.card)), drills: drills)
    }
}
