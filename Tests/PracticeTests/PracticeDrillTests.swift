import Deck
import Store
import Testing
@testable import Study
@testable import Practice

/// Drill timing with an injected clock, scoring, name matching, saving and resuming.
@Suite struct PracticeDrillTests {
    @Test func phaseBoundariesOfTheFortyFiveMinuteInterview() {
        let plan = DrillPlan(minutes: 45)
        #expect(plan.phases.map(\.part) == DrillPart.timed)
        #expect(plan.phases.map(\.end) == [5, 10, 15, 25, 38, 45].map { Int64($0 * 60) })
        #expect(plan.phases.map(\.start) == [0, 5, 10, 15, 25, 38].map { Int64($0 * 60) })
        #expect(plan.scheduledPhase(at: 0) == 0)
        #expect(plan.scheduledPhase(at: 299) == 0)
        #expect(plan.scheduledPhase(at: 300) == 1)
        #expect(plan.scheduledPhase(at: 2279) == 4)
        #expect(plan.scheduledPhase(at: 2700) == 6)
    }

    @Test(arguments: [
        (30, [200, 400, 600, 1000, 1520, 1800]),
        (90, [600, 1200, 1800, 3000, 4560, 5400]),
        (5, [33, 67, 100, 167, 253, 300]),
    ])
    func boundariesScaleWithTheMinutes(minutes: Int, ends: [Int64]) {
        #expect(DrillPlan(minutes: minutes).phases.map(\.end) == ends)
    }

    @Test func talkingPointsJoinTheDeepDiveChecklist() {
        let plan = DrillPlan(minutes: 45, talkingPoints: PracticeSeed.card("URL shortener").items)
        #expect(plan.phases[4].checklist.prefix(3) == ["key generation", "redirection", "analytics"])
        #expect(plan.phases[1].checklist.contains("Requests per second, average and peak"))
    }

    @Test func weightedTotal() {
        #expect(DrillScoring.parts.map(\.weight) == [15, 10, 15, 20, 20, 10, 10])
        #expect(DrillScoring.parts.map(\.weight).reduce(0, +) == 100)
        #expect(DrillScoring.total(Array(repeating: 3, count: 7)) == 100)
        #expect(DrillScoring.total(Array(repeating: 0, count: 7)) == 0)
        #expect(DrillScoring.total(Array(repeating: 2, count: 7)) == 66.7)
        #expect(DrillScoring.total([3, 2, 1, 0, 3, 2, 1]) == 56.7)
    }

    @Test func warningsFireOnceAtEachBoundaryAsTheClockPassesIt() throws {
        let fixture = try PracticeStoreFixture()
        let exercise = DrillCatalog.exercises(from: fixture.cards)[0]
        let drill = try DrillSession(exercise: exercise, minutes: 45, resuming: nil, store: fixture.store,
                                     clock: fixture.clock, identifiers: fixture.identifiers)
        fixture.clock.advance(seconds: 299)
        #expect(drill.takeWarnings().isEmpty)
        fixture.clock.advance(seconds: 1)
        #expect(drill.takeWarnings().map(\.text) == ["5:00: time for estimates"])
        #expect(drill.takeWarnings().isEmpty)
        #expect(drill.overtime == 0)
        fixture.clock.advance(seconds: 1300)  // 26:40: three boundaries passed at once
        #expect(drill.takeWarnings().map(\.at) == [600, 900, 1500])
        #expect(drill.overtime == 1300)  // still in requirements, scheduled to end at 5:00
        fixture.clock.advance(seconds: 1100)  // 45:00
        #expect(drill.takeWarnings().map(\.text) == ["38:00: time for bottlenecks and wrap-up",
                                                     "45:00: time is up; wrap up and score yourself"])
    }

    @Test func eachPhaseIsSavedAndAResumedDrillContinuesItsClock() throws {
        let fixture = try PracticeStoreFixture()
        let exercise = try #require(DrillCatalog.exercises(from: fixture.cards).first { $0.name == "URL shortener" })
        let drill = try DrillSession(exercise: exercise, minutes: 30, resuming: nil, store: fixture.store,
                                     clock: fixture.clock, identifiers: fixture.identifiers)
        fixture.clock.advance(seconds: 150)
        try drill.finishPhase()
        fixture.clock.advance(seconds: 100)
        try drill.save()  // Ctrl-C in the estimates phase
        let saved = try #require(try fixture.store.drills(named: "URL shortener").last)
        #expect(saved.status == .inProgress && saved.phase == 1 && saved.elapsedSeconds == 250 && saved.minutes == 30)

        let later = PracticeClock(now: fixture.clock.now + 3600)
        let resumed = try DrillSession(exercise: exercise, minutes: 45, resuming: saved, store: fixture.store, clock: later,
                                       identifiers: fixture.identifiers)
        #expect(resumed.resumed && resumed.plan.minutes == 30 && resumed.currentPhase?.part == .estimates)
        #expect(resumed.elapsedSeconds == 250)
        #expect(resumed.takeWarnings().isEmpty)  // 3:20 was warned about before the break
        later.advance(seconds: 150)
        #expect(resumed.takeWarnings().map(\.text) == ["6:40: time for entities and API"])
        for _ in 1...5 { try resumed.finishPhase() }
        #expect(resumed.isScoring && resumed.nextScorePart == .requirements)
        for score in [3, 2, 2, 3, 1, 2, 3] { try resumed.score(score) }
        #expect(resumed.isFinished && resumed.record.total == 75)
        let finished = try fixture.store.drills(named: "URL shortener")
        #expect(finished.count == 1 && finished[0].status == .finished && finished[0].phaseScores == [3, 2, 2, 3, 1, 2, 3])
        #expect(throws: StoreError.self) { try resumed.score(2) }
    }

    @Test(arguments: [
        ("url", "URL shortener"), ("URL SHORTENER", "URL shortener"), ("rate limiter", "Build a distributed rate limiter"),
        ("limiter rate", "Build a distributed rate limiter"), ("partition", "Network partition"), ("3", "Notification system"),
        ("unique ids", "Generate unique IDs (Snowflake algorithm)"), ("region outage", "Single region outage"),
        ("leaderboard", "Leaderboard with frequent score updates"),
        ("rate", "Build a distributed rate limiter"),  // not "Generate unique IDs": a word starts with it
    ])
    func namesMatchByPartNumberOrWords(query: String, name: String) {
        let exercises = DrillCatalog.exercises(from: PracticeSeed.cards)
        #expect(DrillCatalog.match(query, in: exercises) == .found(exercises.first { $0.name == name }!))
    }

    @Test func unknownAndAmbiguousNames() {
        let exercises = DrillCatalog.exercises(from: PracticeSeed.cards)
        guard case .ambiguous(let both) = DrillCatalog.match("s", in: exercises) else { Issue.record("not ambiguous"); return }
        #expect(both.count > 1)
        guard case .none(let suggestions) = DrillCatalog.match("rate limitr", in: exercises) else { Issue.record("matched"); return }
        #expect(suggestions.first?.name == "Build a distributed rate limiter")
        #expect(DrillCatalog.match("kubernetes operator", in: exercises) == .none(suggestions: []))
        #expect(exercises.map(\.number) == Array(1...8))
        #expect(exercises.map(\.group) == ["Design Exercises", "Design Exercises", "Design Exercises", "Scalability Drills",
                                           "Scalability Drills", "Scalability Drills", "Failure Scenarios", "Failure Scenarios"])
    }

    @Test func lineModeOneLinePerPhaseThenSevenScores() throws {
        let fixture = try PracticeStoreFixture()
        let exercise = DrillCatalog.exercises(from: fixture.cards)[0]
        let drill = try DrillSession(exercise: exercise, minutes: 45, resuming: nil, store: fixture.store,
                                     clock: fixture.clock, identifiers: fixture.identifiers)
        let transcript = PracticeStoreFixture.Transcript(["scope agreed", "= 1+1", "", "api", "boxes", "keys", "done",
                                                          "3", "4", "2", "2", "3", "1", "2", "3"])
        let line = LineDrill(session: drill, channel: LineChannel(readLine: transcript.readLine, output: { transcript.output.append($0) },
                             message: { transcript.messages.append($0) }, json: true),
                             calculate: { CalculatorLine(input: $0, result: "2", error: nil) })
        #expect(try line.run() == .finished)
        let events = try transcript.events()
        let phases = ["question", "result", "question", "calc", "result"] + Array(repeating: "question,result", count: 4)
            .flatMap { $0.split(separator: ",").map(String.init) }
        let scores = ["question", "result", "question", "invalid", "result"] + Array(repeating: "question,result", count: 5)
            .flatMap { $0.split(separator: ",").map(String.init) }
        #expect(events.map { $0["event"] as! String } == ["start"] + phases + scores)
        #expect(events[1]["checklist"] is [String] && events[1]["phase"] as? String == "requirements")
        #expect(transcript.messages == ["'4' is not a score; type 0, 1, 2 or 3 (or q to stop)"])
        #expect(drill.record.total == 75)
    }
}
