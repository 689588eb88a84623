import Foundation
import Scheduling
import Testing

@Suite("Scheduler settings")
struct SchedulerSettingsTests {
    @Test func defaults() {
        let settings = SchedulerSettings.defaults
        #expect(settings.kind == .sm2)
        #expect(settings.fuzz)
        #expect(settings.fsrs == .defaults)
        #expect(settings.validate().isEmpty)
    }

    @Test("makeScheduler builds the chosen kind", arguments: SchedulerKind.allCases)
    func makesChosenKind(kind: SchedulerKind) {
        #expect(SchedulerSettings(kind: kind).makeScheduler().kind == kind)
    }

    @Test func passesFuzzAndParametersThrough() {
        var parameters = FSRSParameters.defaults
        parameters.learningSteps = []
        let settings = SchedulerSettings(kind: .fsrs, fsrs: parameters, fuzz: false)
        let built = settings.makeScheduler()
        let direct = FSRSScheduler(parameters: parameters, fuzz: false)
        let log = [ReviewEvent(at: 1_000_000, quality: Rating.good.quality), ReviewEvent(at: 2_000_000, quality: Rating.easy.quality)]
        #expect(built.replay(log, cardID: "c") == direct.replay(log, cardID: "c"))
        #expect((built as? FSRSScheduler)?.fuzz == false)
        #expect((SchedulerSettings(kind: .sm2, fuzz: false).makeScheduler() as? SM2Scheduler)?.fuzz == false)
    }

    @Test func invalidFSRSParametersAreReportedWhateverTheKind() {
        var parameters = FSRSParameters.defaults
        parameters.desiredRetention = 1.5
        #expect(SchedulerSettings(kind: .fsrs, fsrs: parameters).validate().count == 1)
        #expect(SchedulerSettings(kind: .sm2, fsrs: parameters).validate().count == 1)
    }

    @Test func codableRoundTrip() throws {
        var settings = SchedulerSettings(kind: .sm2, fuzz: false)
        settings.fsrs.relearningSteps = [300, 900]
        let data = try JSONEncoder().encode(settings)
        #expect(try JSONDecoder().decode(SchedulerSettings.self, from: data) == settings)
    }
}
