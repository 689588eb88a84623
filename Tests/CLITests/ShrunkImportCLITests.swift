import Foundation
import Testing

/// An import file cut short by another program while sysdrill reads it (issue 17,
/// defect 5): the file is mapped, and a page past the new end raises SIGBUS. It must end
/// with a message and exit 74, nothing imported, instead of a bus error.
@Suite struct ShrunkImportCLITests {
    @Test func aFileCutShortWhileItIsReadIsAnErrorAndImportsNothing() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let file = try ReliabilityTests().historyFile(cli, count: 4_000)
        let flag = cli.directory + "/paused"
        FileManager.default.createFile(atPath: flag, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = ["import", file]
        process.environment = cli.environment.merging(["SYSDRILL_TEST_IMPORT_PAUSE": flag]) { $1 }
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        // Once the file is mapped (it shows in the process's maps), cut it at a page
        // boundary: the first page still reads as it was, the next one is gone. (Cut
        // inside a page, the rest of that page reads as zeros, which the reader refuses
        // as bad JSON before it ever reaches a missing page.)
        var mapped = false
        for _ in 0..<3_000 where !mapped {  // at most ~30 s
            let maps = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/maps", encoding: .utf8)) ?? ""
            mapped = maps.contains(file)
            if !mapped { usleep(10_000) }
        }
        #expect(mapped)
        #expect(truncate(file, off_t(sysconf(Int32(_SC_PAGESIZE)))) == 0)
        try FileManager.default.removeItem(atPath: flag)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "ended by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 74)
        #expect(stderr.contains("got shorter while it was read") && stderr.contains("nothing was imported"), "\(stderr)")
        let stats = try #require(try cli.json(["stats", "--json"]) as? [String: Any])
        #expect(stats["total_reviews"] as? Int == 0)
        #expect(try cli.run(["check"]).status == 0)
    }
}
