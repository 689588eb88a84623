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

    /// A file written in pieces past the size at which written parts are handed to the
    /// disk as it goes (every 8 MiB) holds every byte, in order.
    @Test func aLongFileWrittenInPiecesIsWhole() throws {
        let path = folder.file("long.json")
        var expected: [UInt8] = []
        try AtomicFile.write(to: path) { append in
            for piece in 0..<26 {
                // Pieces of 1 MiB and a bit, so the 8 MiB steps fall inside pieces.
                let bytes = [UInt8](repeating: UInt8(ascii: "a") + UInt8(piece % 26), count: (1 << 20) + 4_097 * piece)
                expected += bytes
                try append(bytes)
            }
        }
        #expect(expected.count > 3 * (8 << 20))
        #expect(FileManager.default.contents(atPath: path) == Data(expected))
        #expect(try leftovers().isEmpty)
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

    /// Issue 17: a symlink is written through (beside its target), a character device is
    /// streamed to and never renamed over.
    @Test func aSymlinkStaysALinkAndADeviceStaysADevice() throws {
        let target = folder.file("target.json")
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        let link = folder.file("link.json")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try AtomicFile.write("new\n", to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(FileManager.default.contents(atPath: target) == Data("new\n".utf8))
        try AtomicFile.write("nothing\n", to: "/dev/null")
        var status = stat()
        #expect(lstat("/dev/null", &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFCHR)
        #expect(try leftovers().isEmpty)
    }

    /// Stale `FILE.tmp-*`: removed when older than the export and unlocked; kept while a
    /// live writer holds its lock.
    @Test func staleTemporaryFilesGoUnlessAWriterHoldsThem() throws {
        let path = folder.file("export.json")
        let stale = path + ".tmp-00000000000000aa", live = path + ".tmp-00000000000000bb"
        for file in [stale, live] {
            try "half".write(toFile: file, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: file)
        }
        let held = open(live, O_RDONLY)
        defer { close(held) }
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)
        try AtomicFile.write("x", to: path)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
    }

    @Test func aRelativePathWritesIntoTheWorkingFolder() {
        #expect(AtomicFile.folderPath(of: "export.json") == ".")
        #expect(AtomicFile.folderPath(of: "/export.json") == "/")
        #expect(AtomicFile.folderPath(of: "a/b/export.json") == "a/b")
    }
}
