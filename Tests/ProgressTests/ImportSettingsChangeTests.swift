import Foundation
import Testing
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress

/// An import that began before `config set scheduler fsrs` in another terminal must write
/// what a replay under FSRS gives, not SM-2 states (issue 17, defect 2, the import side):
/// the settings are read inside the import's write transaction.
@Suite struct ImportSettingsChangeTests {
    @Test(arguments: [true, false])
    func aSchedulerChangeWhileTheFileIsReadIsWhatTheImportWrites(intoAnEmptyLog: Bool) throws {
        let folder = ProgressTempFolder()
        let source = try ProgressFixture.store(in: folder, named: "source.sqlite")
        let cards = ProgressFixture.cards()
        for (index, card) in cards.prefix(3).enumerated() {
            for (day, grade) in [(1, 4), (2, 5), (9, 3)] {
                try ProgressFixture.review(source, card: card.id, at: "2026-11-\(10 + day)T09:0\(index):00Z", grade: grade,
                                           id: ProgressFixture.reviewID(index * 10 + day, machine: 1))
            }
        }
        let text = try ProgressFixture.exportText(source)
        let target = try ProgressFixture.store(in: folder, named: "target.sqlite")
        if !intoAnEmptyLog {
            // A review of this machine's own, so the file is read whole and merged.
            try ProgressFixture.review(target, card: cards[4].id, at: "2026-11-20T09:00:00Z", grade: 4,
                                       id: ProgressFixture.reviewID(1, machine: 2))
        }
        let path = folder.file("progress.json")
        try text.write(toFile: path, atomically: false, encoding: .utf8)

        var importer = ProgressImport(store: target)
        var changes = 0
        importer.beforeWriting = {
            // `sysdrill config set scheduler fsrs` in another terminal, on its own connection.
            let other = try StudyStore.open(path: target.path)
            var configuration = try StudyConfiguration.load(from: other)
            guard configuration.scheduler.kind != .fsrs else { return }
            configuration.scheduler.kind = .fsrs
            try other.connection.transaction {
                try other.setSetting(ConfigKey.scheduler.rawValue, "fsrs")
                try StateRebuilder(store: other, scheduler: configuration.makeScheduler()).rebuild()
            }
            changes += 1
        }
        let report = try importer.run(path: path, applySettings: false, dryRun: false)
        #expect(changes == 1)
        #expect(report.reviewsAdded == 9)
        #expect(report.scheduler == .fsrs)

        let configuration = try StudyConfiguration.load(from: target)
        #expect(configuration.scheduler.kind == .fsrs)
        let mismatches = try StateRebuilder(store: target, scheduler: configuration.makeScheduler()).mismatches()
        #expect(mismatches.isEmpty, "states differ from the FSRS replay: \(mismatches.map(\.id))")
        for card in cards.prefix(3) {
            let state = try #require(try target.state(of: card.id))
            #expect(state.fsrs != nil && state.sm2 == nil, "\(card.id): an SM-2 state was written after the switch")
        }
    }
}
