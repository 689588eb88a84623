import Foundation
import Testing
@testable import Study
@testable import Progress

/// `export --output`: the file appears whole or not at all, and no temporary file stays.
@Suite struct AtomicFileTests {
    let folder = ProgressTempFolder()

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
    }

    @Test func writesAndReplacesWholeFiles() throws {
        let path = folder.file("export.json")
        try AtomicFile.write("first\n", to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("first\n".utf8))
        try AtomicFile.write("second, longer\n", to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("second, longer\n".utf8))
        #expect(try leftovers().isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func refusesFoldersAndMissingFolders() throws {
        #expect(throws: ProgressError.outputFailed(path: folder.path, reason: "it is a folder; give a file name")) {
            try AtomicFile.write("x", to: folder.path)
        }
        let missing = folder.file("no/such/export.json")
        #expect(throws: ProgressError.outputFailed(path: missing, reason: "the folder \(folder.file("no/such")) does not exist")) {
            try AtomicFile.write("x", to: missing)
        }
        #expect(try leftovers().isEmpty)
    }

    @Test func aRelativePathWritesIntoTheWorkingFolder() {
        #expect(AtomicFile.folderPath(of: "export.json") == ".")
        #expect(AtomicFile.folderPath(of: "/export.json") == "/")
        #expect(AtomicFile.folderPath(of: "a/b/export.json") == "a/b")
    }
}
