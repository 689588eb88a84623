import Testing
@testable import Store
@testable import Study
@testable import Progress

/// A drill started on one machine and finished after an export reaches the other machine
/// finished: the copy saved last wins, in both directions, and nothing older overwrites it.
@Suite struct DrillMergeTests {
    func drill(updatedAt: Int64, status: DrillResultRecord.Status, scores: [Int], total: Double?) -> DrillResultRecord {
        DrillResultRecord(id: ProgressFixture.reviewID(9), cardID: nil, name: "URL shortener", minutes: 45, startedAt: 1_000,
                          updatedAt: updatedAt, phase: scores.isEmpty ? 2 : 6, elapsedSeconds: 600, phaseScores: scores,
                          total: total, status: status)
    }

    @Test func theCopySavedLastWins() throws {
        let folder = ProgressTempFolder()
        let machineA = try ProgressFixture.store(in: folder, named: "a.sqlite")
        let machineB = try ProgressFixture.store(in: folder, named: "b.sqlite")
        try machineA.saveDrill(drill(updatedAt: 2_000, status: .inProgress, scores: [], total: nil))
        try ProgressFixture.importText(try ProgressFixture.exportText(machineA), into: machineB)
        #expect(try machineB.drills().first?.status == .inProgress)

        try machineA.saveDrill(drill(updatedAt: 5_000, status: .finished, scores: [3, 3, 2, 2, 3, 2, 3], total: 88))
        let report = try ProgressFixture.importText(try ProgressFixture.exportText(machineA), into: machineB)
        #expect(report.drillsUpdated == 1)
        #expect(try machineB.drills().first?.status == .finished)
        #expect(try machineB.drills().first?.total == 88)

        // The stale copy from before does not undo it, and the same file twice changes nothing.
        let stale = drill(updatedAt: 2_000, status: .inProgress, scores: [], total: nil)
        #expect(try machineB.mergeDrill(stale) == .unchanged)
        let again = try ProgressFixture.importText(try ProgressFixture.exportText(machineA), into: machineB)
        #expect(again.drillsUpdated == 0 && again.drillsAdded == 0)
        #expect(try machineB.drills().count == 1)
    }
}
