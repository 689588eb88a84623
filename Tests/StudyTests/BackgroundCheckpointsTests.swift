import Foundation
import Store
import Testing
@testable import Study

/// A review's WAL checkpoints run on a second connection and thread; the WAL stays bounded
/// even when commits come faster than checkpoints finish, and nothing committed is lost.
@Suite struct BackgroundCheckpointsTests {
    final class Folder {
        let path = NSTemporaryDirectory() + "sysdrill-checkpoints-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Commits `count` transactions of one 3,000-byte row each (about three WAL pages), and
    /// gives the WAL file's largest size seen after a commit.
    func commit(_ count: Int, into store: StudyStore) throws -> Int {
        try store.connection.run("CREATE TABLE IF NOT EXISTS scratch (n INTEGER, body BLOB)")
        var largest = 0
        for n in 0..<count {
            try store.connection.transaction {
                try store.connection.run("INSERT INTO scratch (n, body) VALUES (?1, zeroblob(3000))", [n])
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: store.path + "-wal")[.size] as? Int) ?? 0
            largest = max(largest, size)
        }
        return largest
    }

    @Test func theCheckpointsRunOnTheWorkerAndLoseNothing() throws {
        let folder = try Folder()
        let store = try StudyStore.open(path: folder.path + "/db.sqlite")
        // The schema is written; an empty WAL to start from.
        try store.connection.run("PRAGMA wal_checkpoint(TRUNCATE)")
        let before = try FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int ?? 0
        let checkpoints = try #require(BackgroundCheckpoints.start(for: store, pages: 40))
        // About 260 pages (three a commit): fewer than the writer's own catch-up (320), so
        // only the worker copies.
        _ = try commit(80, into: store)
        // The worker copies in its own time: wait for it (at most 10 s), then stop it.
        func size() -> Int { (try? FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int) ?? 0 }
        for _ in 0..<1_000 where size() - before < 40 * 3_000 { usleep(10_000) }
        checkpoints.stop()
        #expect(checkpoints.checkpointsRun > 0)
        #expect(size() - before >= 40 * 3_000, "the database file grew by \(size() - before) bytes")
        let other = try StudyStore.open(path: folder.path + "/db.sqlite")
        #expect(try other.connection.prepare("SELECT COUNT(*), SUM(n) FROM scratch").first { [$0.int(0), $0.int(1)] } == [80, 79 * 80 / 2])
        #expect(try other.connection.prepare("PRAGMA integrity_check").first { $0.string(0) } == "ok")
    }

    /// With nobody checkpointing at all, the writer copies the WAL itself once it holds
    /// eight times the threshold, and the WAL starts over: it never grows past that.
    @Test func theWALIsBoundedWhenCheckpointsFallBehind() throws {
        let folder = try Folder()
        let store = try StudyStore.open(path: folder.path + "/db.sqlite")
        var asked = 0
        store.handCheckpointsOff(whenWALReaches: 10) { asked += 1 }
        let largest = try commit(400, into: store)
        #expect(asked > 0)
        let frame = 4_096 + 24
        #expect(largest <= 32 + (10 * 8 + 20) * frame, "the WAL reached \(largest / frame) pages")
        store.checkpointAutomatically()
    }
}
