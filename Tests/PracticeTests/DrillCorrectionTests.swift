import Store
import Testing
@testable import Study
@testable import Practice

/// A drill's scores can be corrected before its total, and a note can be kept for any phase.
@Suite struct DrillCorrectionTests {
    func drill(_ fixture: PracticeStoreFixture) throws -> DrillSession {
        let exercise = DrillCatalog.exercises(from: fixture.cards)[0]
        return try DrillSession(exercise: exercise, minutes: 45, resuming: nil, store: fixture.store,
                                clock: fixture.clock, identifiers: fixture.identifiers)
    }

    @Test func scoresWaitForFinishingAndCanBeTakenBack() throws {
        let fixture = try PracticeStoreFixture()
        let session = try drill(fixture)
        for _ in 1...6 { try session.finishPhase() }
        #expect(try !session.unscore())  // nothing to take back yet
        for score in [3, 2, 2, 3, 1, 2, 0] { try session.score(score, finishing: false) }
        #expect(session.allScored && !session.isFinished && session.nextScorePart == nil)
        #expect(try session.unscore())
        #expect(session.nextScorePart == .communication && !session.allScored)
        try session.score(3, finishing: false)
        #expect(throws: StoreError.self) { try session.score(3, finishing: false) }
        // Saved as it goes: a resumed drill has the corrected scores, still unfinished.
        let saved = try #require(try fixture.store.drills(named: session.exercise.name).last)
        #expect(saved.phaseScores == [3, 2, 2, 3, 1, 2, 3] && saved.status == .inProgress && saved.total == nil)
        try session.finishScoring()
        #expect(session.isFinished && session.record.total == 75)
        #expect(try !session.unscore())  // the total is given: no more corrections
    }

    @Test func lineModeTakesBackTheScoreBeforeWithB() throws {
        let fixture = try PracticeStoreFixture()
        let session = try drill(fixture)
        let transcript = PracticeStoreFixture.Transcript(["b", "a", "b", "c", "d", "e",
                                                          "3", "0", "b", "2", "b", "b", "b", "1", "2", "2", "3", "1", "2", "3"])
        let line = LineDrill(session: session, channel: LineChannel(readLine: transcript.readLine, output: { transcript.output.append($0) },
                             message: { transcript.messages.append($0) }, json: false),
                             calculate: { CalculatorLine(input: $0, result: "", error: nil) })
        #expect(try line.run() == .finished)
        // Phase lines are notes ('b' there is a note, not a command).
        #expect(session.notes.first?.text == "b")
        #expect(session.record.phaseScores == [1, 2, 2, 3, 1, 2, 3])
        let estimates = DrillScoring.parts[1].title, requirements = DrillScoring.parts[0].title
        #expect(transcript.messages == ["took back the score of \(estimates); score it again",
                                        "took back the score of \(estimates); score it again",
                                        "took back the score of \(requirements); score it again",
                                        "no score to take back; type 0, 1, 2 or 3"])
    }

    @Test func aNoteIsKeptForThePhaseAtOnce() throws {
        let fixture = try PracticeStoreFixture()
        let session = try drill(fixture)
        try session.addNote("  scope: links only ")
        try session.addNote("   ")  // nothing: not kept
        try session.finishPhase()
        try session.addNote("1,157 req/s")
        let saved = try #require(try fixture.store.drills(named: session.exercise.name).last)
        #expect(DrillNote.decode(saved.notesJSON) == [DrillNote(part: .requirements, text: "scope: links only"),
                                                     DrillNote(part: .estimates, text: "1,157 req/s")])
        // `drill --history` shows them under the drill.
        let history = DrillReport.historyText([saved])
        #expect(history.hasSuffix("in progress (0:00 used)\n      requirements: scope: links only\n      estimates: 1,157 req/s\n"))
    }
}
