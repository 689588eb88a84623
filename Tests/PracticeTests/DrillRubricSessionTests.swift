import BundledContent
import Deck
import Foundation
import Store
import Testing
@testable import Study
@testable import Practice

/// A drill with a rubric, driven in line mode by scripted input: the statement opens it,
/// the probes come one at a time in the deep dive, the anchors are shown while scoring,
/// the reference is marked after it, and the drill is scheduled by its total.
@Suite struct DrillRubricSessionTests {
    /// A user deck whose drill carries its rubric in sub-bullets.
    static let deck = """
    # Practice drills

    - Parking garage
      - Statement: A garage of 5 floors and 600 spots; 2,000 cars a day.
      - Probes
        - How do you count free spots? (see Counting)
        - What happens when the gate loses power?
      - Pitfalls
        - Forgetting lost tickets
      - Reference
        - Counters per floor, updated by the gates
        - Gates work offline and sync later
      - Anchors
        - Requirements
          - 0: none
          - 1: some
          - 2: most
          - 3: all

    # Counting

    - Counter: A number kept up to date by events.
    - Gate: Where a car enters or leaves.
    """

    static func session(_ fixture: PracticeStoreFixture, file: String) throws -> DrillSession {
        let exercises = try DrillRubrics(files: [], builtInDecks: []).attach(to: DrillCatalog.exercises(from: fixture.cards)) { path in
            path == "t.md" ? file : nil
        }
        return try DrillSession(exercise: exercises[0], minutes: 45, resuming: nil, store: fixture.store, clock: fixture.clock,
                                identifiers: fixture.identifiers)
    }

    static func run(_ drill: DrillSession, _ lines: [String], json: Bool) throws -> (LineDrill.Ending, PracticeStoreFixture.Transcript) {
        let transcript = PracticeStoreFixture.Transcript(lines)
        let line = LineDrill(session: drill, channel: LineChannel(readLine: transcript.readLine, output: { transcript.output.append($0) },
                             message: { transcript.messages.append($0) }, json: json),
                             calculate: { CalculatorLine(input: $0, result: "2", error: nil) })
        return (try line.run(), transcript)
    }

    @Test func aUserDrillTakesItsRubricFromItsSubBullets() throws {
        let fixture = try PracticeStoreFixture(outline: Self.deck)
        let drill = try Self.session(fixture, file: Self.deck)
        let rubric = try #require(drill.exercise.rubric)
        #expect(rubric.statement == ["A garage of 5 floors and 600 spots; 2,000 cars a day."])
        #expect(rubric.probes == [.init(text: "How do you count free spots?", topics: ["Counting"]),
                                  .init(text: "What happens when the gate loses power?")])
        #expect(rubric.reference.count == 2 && rubric.pitfalls == ["Forgetting lost tickets"])
        #expect(rubric.anchors(for: .requirements) == ["none", "some", "most", "all"])
        // The rubric's parts are not talking points, and the deck makes the same cards.
        #expect(drill.exercise.talkingPoints.isEmpty)
        #expect(fixture.cards.map(\.term) == ["Parking garage", "Counter", "Gate"])
    }

    @Test func aUserDrillWithoutTheNamedPartsKeepsTheGenericChecklist() throws {
        let plain = "# Drills\n\n- Parking garage\n  - entry gates\n  - payment\n"
        let fixture = try PracticeStoreFixture(outline: plain)
        let drill = try Self.session(fixture, file: plain)
        #expect(drill.exercise.rubric == nil)
        #expect(drill.exercise.talkingPoints == ["entry gates", "payment"])
        let (ending, transcript) = try Self.run(drill, ["a", "b", "c", "d", "e", "f", "2", "2", "2", "2", "2", "2", "2"], json: false)
        #expect(ending == .finished)
        let text = transcript.output.joined()
        #expect(!text.contains("Statement:") && !text.contains("Probe ") && !text.contains("Reference outline"))
    }

    @Test func aBadAnchorInAUserDeckNamesItsLine() throws {
        let broken = "# Drills\n\n- Parking garage\n  - Anchors\n    - Style\n      - 0: none\n"
        let fixture = try PracticeStoreFixture(outline: broken)
        #expect(throws: RubricError.self) { try Self.session(fixture, file: broken) }
        do {
            _ = try Self.session(fixture, file: broken)
        } catch let error as RubricError {
            #expect((error.file, error.line, error.column) == ("t.md", 5, 7))
        }
    }

    @Test func theLineDrillFollowsTheRubric() throws {
        let fixture = try PracticeStoreFixture(outline: Self.deck)
        let drill = try Self.session(fixture, file: Self.deck)
        let lines = ["scope", "= 600 * 2", "", "api", "boxes", "per-floor counters", "", "wrap",
                     "1", "2", "2", "2", "2", "2", "2", "9", "2"]
        let (ending, transcript) = try Self.run(drill, lines, json: false)
        #expect(ending == .finished)
        let text = transcript.output.joined()
        // The statement opens the drill, before the first phase.
        let statement = try #require(text.range(of: "Statement:\n  A garage of 5 floors"))
        #expect(statement.lowerBound < text.range(of: "Phase 1/6")!.lowerBound)
        // Probes one per line in the deep dive; the last one's line ends the phase.
        #expect(text.contains("Probe 1/2: How do you count free spots?\n") && !text.contains("(see Counting)"))
        #expect(text.range(of: "Probe 2/2")!.lowerBound < text.range(of: "Phase 6/6")!.lowerBound)
        // Anchors under the score prompt; the generic parts have none.
        #expect(text.contains("Score Requirements (weight 15): 0-3\n  0 none\n  1 some\n  2 most\n  3 all\n"))
        #expect(text.contains("Score Estimates (weight 10): 0-3\nScore"))
        // After scoring: the reference (a wrong number is asked again), then the pitfalls.
        #expect(text.contains("  1) Counters per floor, updated by the gates\n  2) Gates work offline and sync later\n"))
        #expect(transcript.messages == ["'9': type numbers from 1 to 2, e.g. '1 3 4' (or an empty line for none)"])
        #expect(text.contains("Covered 1 of 2 reference points (50%)\nCommon pitfalls:\n  - Forgetting lost tickets\n"))
        #expect(drill.record.referenceCovered == 1 && drill.record.referencePoints == 2)
        let notes = DrillNote.decode(drill.record.notesJSON)
        #expect(notes == [DrillNote(part: .requirements, text: "scope"), DrillNote(part: .estimates, text: ""),
                          DrillNote(part: .api, text: "api"), DrillNote(part: .highLevel, text: "boxes"),
                          DrillNote(part: .deepDives, probe: 1, text: "per-floor counters"),
                          DrillNote(part: .deepDives, probe: 2, text: ""), DrillNote(part: .wrapUp, text: "wrap")].filter { $0.probe != nil || !$0.text.isEmpty })
        // Requirements scored 1: the cards of the probes' topic (section "Counting") go to today's review.
        #expect(drill.requeued == 2)
        #expect(Set(try fixture.store.requeuedCards(at: fixture.clock.now)) == Set(fixture.cards.filter { $0.kind != .drill }.map(\.id)))
    }

    @Test func probeAndReferenceEventsInJSON() throws {
        let fixture = try PracticeStoreFixture(outline: Self.deck)
        let drill = try Self.session(fixture, file: Self.deck)
        let lines = ["", "", "", "", "n1", "n2", "", "3", "3", "3", "3", "3", "3", "3", "1 2"]
        let (_, transcript) = try Self.run(drill, lines, json: true)
        let events = try transcript.events()
        #expect((events[0]["statement"] as? [String])?.first?.hasPrefix("A garage") == true)
        let probes = events.filter { $0["event"] as? String == "probe" }
        #expect(probes.map { $0["number"] as? Int } == [1, 2] && probes.first?["topics"] as? [String] == ["Counting"])
        let probeResults = events.filter { $0["mode"] as? String == "drill-probe" }
        #expect(probeResults.map { $0["notes"] as? String } == ["n1", "n2"])
        let anchors = events.first { $0["part"] as? String == "requirements" && $0["event"] as? String == "question" }?["anchors"]
        #expect(anchors as? [String: String] == ["0": "none", "1": "some", "2": "most", "3": "all"])
        let reference = try #require(events.first { $0["event"] as? String == "reference" })
        #expect((reference["reference"] as? [String])?.count == 2 && reference["pitfalls"] as? [String] == ["Forgetting lost tickets"])
        let covered = try #require(events.first { $0["mode"] as? String == "drill-reference" })
        #expect(covered["covered"] as? [Int] == [1, 2])
        #expect((covered["coverage"] as? [String: Any])?["fraction"] as? Double == 1)
        #expect(drill.requeued == 0)
    }

    @Test func aDrillStoppedAmongTheProbesResumesAtTheNextProbe() throws {
        let fixture = try PracticeStoreFixture(outline: Self.deck)
        let drill = try Self.session(fixture, file: Self.deck)
        _ = try Self.run(drill, ["", "", "", "", "first answer", "q"], json: false)
        let exercise = drill.exercise
        let resumed = try DrillSession(exercise: exercise, minutes: 45, resuming: drill.record, store: fixture.store,
                                       clock: fixture.clock, identifiers: fixture.identifiers)
        #expect(resumed.currentProbe?.number == 2)
        let (_, transcript) = try Self.run(resumed, ["second", "wrap", "q"], json: false)
        #expect(!transcript.output.joined().contains("Probe 1/2"))
        #expect(DrillNote.decode(resumed.record.notesJSON).filter { $0.probe != nil }.map(\.text) == ["first answer", "second"])
    }

    // MARK: Scheduling by score

    @Test(arguments: [(10.0, 2), (39.9, 2), (40, 4), (66.7, 7), (75, 14), (89.9, 14), (90, 28), (100, 28)])
    func aWeakTotalComesBackInDaysAStrongOneInWeeks(total: Double, days: Int) {
        #expect(DrillSchedule.intervalDays(afterTotal: total) == days)
    }

    @Test func theScheduleFollowsTheLastFinishedDrill() {
        let exercises = DrillCatalog.exercises(from: PracticeSeed.cards)
        func drill(_ index: Int, total: Double?, at time: Int64, status: DrillResultRecord.Status = .finished) -> DrillResultRecord {
            DrillResultRecord(id: "d\(index)-\(time)", cardID: exercises[index].card.id, name: exercises[index].name, minutes: 45,
                              startedAt: time, updatedAt: time, phase: 6, elapsedSeconds: 0, phaseScores: [], total: total, status: status)
        }
        let day: Int64 = 86_400
        let drills = [drill(0, total: 95, at: 0), drill(0, total: 30, at: 10 * day),  // the later, weak one counts
                      drill(1, total: 80, at: 0),                                      // due on day 14
                      drill(2, total: nil, at: 0, status: .inProgress)]                 // not finished: still new
        let entries = DrillSchedule.entries(exercises, drills: drills)
        #expect(entries[0].due == 12 * day && entries[0].lastTotal == 30)
        #expect(entries[1].due == 14 * day)
        #expect(entries[2].due == nil)
        #expect(DrillSchedule.due(entries, at: 13 * day).map(\.exercise.number) == [1])
        #expect(DrillSchedule.due(entries, at: 15 * day).map(\.exercise.number) == [1, 2])
        // The most overdue first; with nothing due, the first never drilled.
        #expect(DrillSchedule.suggestion(entries, at: 15 * day)?.number == 1)
        #expect(DrillSchedule.suggestion(entries, at: 11 * day)?.number == 3)
    }
}
