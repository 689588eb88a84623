import Deck
import Scheduling
import Store
import Testing
@testable import Study
@testable import Review

@Suite struct ReviewSessionTests {
    let good = Rating.good.quality
    let again = Rating.again.quality

    @Test func newCardsComeInDeckOrderWithinTheDailyLimit() throws {
        let fixture = try StudyFixture()
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = 3
        let session = try fixture.session(configuration)
        var terms: [String] = []
        while let term = try session.nextTerm() {
            terms.append(term)
            _ = try session.answer(good)
        }
        #expect(terms == ["A1", "A2", "A3"])
    }

    @Test func theQualityPreviewIsWhatEachGradeWouldStore() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session()
        guard case .card(let presented) = try session.next() else { Issue.record("no card"); return }
        let previews = session.qualityPreview(presented)
        #expect(previews.map(\.quality.rawValue) == [0, 1, 2, 3, 4, 5])
        // SM-2 with learning steps on a new card, as the four buttons show it (again and hard
        // <1m, good and easy 1d): 0-3 stay in the learning steps today, 4 and 5 give 1 day.
        #expect(previews.filter { $0.quality.rawValue <= 3 }.allSatisfy { $0.due < fixture.clock.now + 86_400 }, "\(previews)")
        #expect(previews.filter { $0.quality.rawValue >= 4 }.allSatisfy { $0.text == "1d" }, "\(previews)")
        let buttons = session.preview(presented)
        #expect(buttons.map(\.due) == [1, 3, 4, 5].map { grade in previews[grade].due })
        // The grade stored is the one previewed.
        let outcome = try session.answer(Quality(rawValue: 5)!)
        #expect(try fixture.store.state(of: presented.card.id)?.due == previews[5].due, "\(outcome)")
    }

    @Test func eachAnswerIsCommittedBeforeTheNextCard() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session()
        _ = try session.nextTerm()
        let outcome = try session.answer(good)
        // A second connection (another process) sees it at once.
        let other = try StudyStore.open(path: fixture.directory + "/db.sqlite")
        #expect(try other.reviews(of: outcome.review.cardID).map(\.id) == [outcome.review.id])
        #expect(try other.state(of: outcome.review.cardID) == outcome.after)
        #expect(outcome.review.durationMs == 1500)
    }

    @Test func undoWorksAcrossCardsAndRestoresStates() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session()
        #expect(try session.nextTerm() == "A1")
        _ = try session.answer(good)
        #expect(try session.nextTerm() == "A2")
        _ = try session.answer(Quality(rawValue: 5)!)
        #expect(try session.nextTerm() == "A3")
        session.putBackCurrent()
        #expect(try session.undo() == fixture.cardID("A2"))
        #expect(try session.undo() == fixture.cardID("A1"))
        #expect(try session.undo() == nil)
        #expect(try fixture.store.reviewCount() == 0)
        #expect(try fixture.store.allStates().isEmpty)
        #expect(session.summary.reviewed == 0)
        #expect(try session.nextTerm() == "A1")
        #expect(try session.nextTerm() == "A2")
    }

    @Test func sm2GradesBelowFourRepeatInTheSameSessionAfterTheOthers() throws {
        let fixture = try StudyFixture()
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = 3
        let session = try fixture.session(configuration)
        #expect(try session.nextTerm() == "A1")
        let failed = try session.answer(Quality(rawValue: 2)!)
        #expect(failed.repeatsToday)
        #expect(try session.nextTerm() == "A2")
        let hard = try session.answer(Quality(rawValue: 3)!)  // a pass, but repeat until >= 4
        #expect(hard.repeatsToday)
        #expect(hard.after.sm2?.inExtraLoop == true)
        #expect(try session.nextTerm() == "A3")
        _ = try session.answer(good)
        #expect(try session.nextTerm() == "A1")
        _ = try session.answer(good)
        #expect(try session.nextTerm() == "A2")
        let leaves = try session.answer(good)
        #expect(!leaves.repeatsToday)
        #expect(try session.nextTerm() == nil)
        #expect(session.summary.reviewed == 5)
        #expect(session.summary.again == 1)
    }

    @Test func fsrsLearningStepsComeBackAtTheirTime() throws {
        let fixture = try StudyFixture()
        var configuration = StudyConfiguration.defaults
        configuration.scheduler.kind = .fsrs
        configuration.scheduler.fsrs.learningSteps = [60, 3600]
        configuration.limits.newPerDay = 2
        let session = try fixture.session(configuration)
        #expect(try session.nextTerm() == "A1")
        let first = try session.answer(again)  // step 0: back in 1 minute
        #expect(first.repeatsToday && first.after.phase == .learning)
        #expect(try session.nextTerm() == "A2")
        _ = try session.answer(good)  // step 1: back in an hour
        // Nothing else left: A1 is shown early (within the 20-minute learn-ahead window).
        #expect(try session.nextTerm() == "A1")
        _ = try session.answer(good)  // now at step 1 too: an hour away
        guard case .waiting(let until, let remaining) = try session.next() else {
            Issue.record("expected to wait for learning steps")
            return
        }
        #expect(remaining == 2)
        #expect(until == fixture.clock.now + 3600)
        fixture.clock.now += 3600
        // Both are due at the same second now (the tie goes by card ID).
        let firstDue = try session.nextTerm()
        _ = try session.answer(good)
        #expect(Set([firstDue, try session.nextTerm()]) == ["A1", "A2"])
    }

    @Test func skipHidesTheCardUntilTheNextStudyDay() throws {
        let fixture = try StudyFixture()
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = 2
        let session = try fixture.session(configuration)
        #expect(try session.nextTerm() == "A1")
        try session.skip()
        #expect(try session.nextTerm() == "A2")
        // A new session the same day does not offer A1; the next day it does.
        let later = try fixture.session(configuration)
        #expect(try later.nextTerm() == "A2")
        fixture.clock.now += 86_400
        let tomorrow = try fixture.today(configuration)
        #expect(tomorrow.queue.cardIDs.first == (try fixture.cardID("A1")).rawValue)
    }

    @Test func limitCapsTheSession() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session(limit: 2)
        #expect(session.remaining == 2)
    }

    @Test func liveAnswersEqualTheReplayOfTheLog() throws {
        let fixture = try StudyFixture()
        for kind in SchedulerKind.allCases {
            var configuration = StudyConfiguration.defaults
            configuration.scheduler.kind = kind
            configuration.limits.newPerDay = 10
            // Several days of answers with fuzz on.
            for day in 0..<40 {
                fixture.clock.now = 1_764_061_200 + Int64(day) * 86_400
                let session = try fixture.session(configuration)
                var index = 0
                while let _ = try session.nextTerm() {
                    let grade = [good, again, Rating.hard.quality, Rating.easy.quality][(index + day) % 4]
                    _ = try session.answer(grade)
                    index += 1
                    if index > 40 { break }
                }
            }
            let rebuilder = StateRebuilder(store: fixture.store, scheduler: configuration.scheduler.makeScheduler())
            if kind == .sm2 {
                #expect(try rebuilder.mismatches().isEmpty)
            }
            // Switching scheduler recomputes by replay; the next kind is checked in its turn.
            try rebuilder.rebuild()
            #expect(try rebuilder.mismatches().isEmpty)
        }
    }

    @Test func switchingSchedulerAndBackRestoresStatesExactly() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session()
        var grades = [good, again, Quality(rawValue: 5)!, Quality(rawValue: 3)!]
        while let _ = try session.nextTerm(), !grades.isEmpty {
            _ = try session.answer(grades.removeFirst())
        }
        let sm2States = try fixture.store.allStates()
        let fsrs = SchedulerSettings(kind: .fsrs).makeScheduler()
        try StateRebuilder(store: fixture.store, scheduler: fsrs).rebuild()
        let fsrsStates = try fixture.store.allStates()
        #expect(fsrsStates != sm2States)
        #expect(fsrsStates.values.allSatisfy { $0.fsrs != nil && $0.sm2 == nil })
        try StateRebuilder(store: fixture.store, scheduler: SchedulerSettings(kind: .sm2).makeScheduler()).rebuild()
        #expect(try fixture.store.allStates() == sm2States)
    }
}
