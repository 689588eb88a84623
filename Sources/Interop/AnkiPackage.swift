#if canImport(Glibc)
import Glibc
#endif
import JSONText

/// The kinds of file `sysdrill import` reads, told apart by their first bytes.
public enum ImportFileFormat: String, Sendable, CaseIterable {
    /// sysdrill's own JSON export.
    case sysdrill = "json"
    /// An Anki collection: an SQLite file (`collection.anki2`, `.anki21`).
    case ankiCollection = "anki"
    /// A zip archive holding a collection: `.apkg` or `.colpkg`.
    case ankiPackage = "apkg"

    /// The format `prefix` (the file's first bytes) shows, or nil when none fits.
    public static func detect(_ prefix: [UInt8]) -> ImportFileFormat? {
        if prefix.starts(with: Array("SQLite format 3\0".utf8)) { return .ankiCollection }
        if ZipArchive.looksLikeZip(prefix) { return .ankiPackage }
        // JSON: optional byte-order mark and white space, then an object or array.
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .sysdrill }
        return nil
    }
}

/// Reads an Anki collection from a collection file or a legacy package.
public enum AnkiPackage {
    /// The collection of `path`, an SQLite collection or a zip package. A package's
    /// collection is written to a temporary file, since SQLite reads files, and removed as
    /// soon as it is open: the collection keeps its connection (`AnkiCollection.file`),
    /// which reads the notes, cards and log again as they are imported.
    public static func readCollection(path: String, format: ImportFileFormat) throws -> AnkiCollection {
        switch format {
        case .ankiCollection:
            return try AnkiCollectionReader.read(path: path)
        case .ankiPackage:
            return try withEmptyTemporaryFile { file in
                let member = try copyCollection(of: path, to: file)
                return try AnkiCollectionReader.read(path: file, name: path + " (" + member + ")", watching: false)
            }
        case .sysdrill:
            throw InteropError.badInput(path: path, reason: "it is a sysdrill export, not an Anki file")
        }
    }

    /// Writes the collection the package at `path` holds to `file`; returns the name of its
    /// member. The package is mapped, not read into memory, and the collection inflated to
    /// the file a piece at a time, the pages of the package read so far given back: a
    /// package of 150 MB costs a few megabytes.
    static func copyCollection(of path: String, to file: String) throws(InteropError) -> String {
        try withMappedFile(path) { (bytes) throws(InteropError) in
            let archive: ZipArchive
            do {
                archive = try ZipArchive(buffer: bytes.buffer)
            } catch {
                throw .badInput(path: path, reason: "it is not a readable zip archive: \(error)")
            }
            let entry = try collectionEntry(archive, path: path)
            let output = open(file, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
            guard output >= 0 else { throw .unreadable(path: file, reason: "cannot write a temporary copy: " + systemError()) }
            defer { close(output) }
            var writeFailure: String?
            do {
                try archive.forEachPiece(of: entry) { piece, archiveRead in
                    guard writeFailure == nil else { return }
                    writeFailure = writeAll(piece, to: output)
                    bytes.readingPassed(archiveRead)
                }
            } catch {
                throw .badInput(path: path, reason: "\(error)")
            }
            if let writeFailure { throw .unreadable(path: file, reason: "cannot write a temporary copy: " + writeFailure) }
            return entry.name
        }
    }

    /// The message for a package made by Anki 2.1.50+ without "Support older Anki versions".
    public static let modernPackageAdvice = "it is a package in Anki's newer format (collection.anki21b, compressed with zstd), "
        + "which sysdrill does not read. In Anki, use File › Export, choose \"Anki Deck Package\" or \"Anki Collection "
        + "Package\" and tick \"Support older Anki versions\"; or import the collection file itself "
        + "(collection.anki2 in your Anki profile folder)"

    /// The member holding the collection: `collection.anki21` before `collection.anki2`
    /// (a package with both keeps a stub in the older one); a package with
    /// `collection.anki21b` is the newer format and refused.
    static func collectionEntry(_ archive: ZipArchive, path: String) throws(InteropError) -> ZipArchive.Entry {
        if archive.entry(named: "collection.anki21b") != nil { throw .unsupported(path: path, reason: modernPackageAdvice) }
        if let entry = archive.entry(named: "collection.anki21") ?? archive.entry(named: "collection.anki2") { return entry }
        let names = archive.entries.prefix(5).map(\.name).joined(separator: ", ")
        throw .badInput(path: path, reason: "this zip archive holds no Anki collection (collection.anki2 or .anki21)"
            + (names.isEmpty ? "; it is empty" : "; it holds " + names))
    }

    /// The rest of the open file `fd`.
    static func readAll(_ fd: Int32, path: String) throws(InteropError) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: systemError())
            }
            if count == 0 { return result }
            result += buffer[0..<count]
        }
    }

    /// Writes all of `bytes` to `descriptor`; the system's message when it cannot.
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> String? {
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return systemError() }
            written += count
        }
        return nil
    }

    /// Runs `body` with the file at `path` mapped read-only (`JSONBytes`, whose
    /// `readingPassed` gives back the pages read so far). A file cut short while mapped
    /// would stop the process (SIGBUS): a package being rewritten during its import.
    static func withMappedFile<T>(_ path: String, _ body: (JSONBytes) throws(InteropError) -> T) throws(InteropError) -> T {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: systemError()) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadable(path: path, reason: systemError()) }
        let size = Int(status.st_size)
        guard size > 0 else { return try body(JSONBytes(copying: [])) }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            // A file system that cannot map files (some network and FUSE mounts): read it.
            return try body(JSONBytes(copying: try readAll(fd, path: path)))
        }
        let start = address.assumingMemoryBound(to: UInt8.self)
        let bytes = JSONBytes(buffer: UnsafeBufferPointer(start: start, count: size), release: { munmap(address, size) },
                              discard: { range in
                                  // Whole pages only: the bytes after them are still to be read.
                                  let page = Int(sysconf(Int32(_SC_PAGESIZE)))
                                  let end = range.upperBound / page * page
                                  if end > 0 { madvise(address, end, MADV_DONTNEED) }
                              })
        return try body(bytes)
    }

    /// An empty temporary file for `body` to fill and read (removed afterwards, also when
    /// `body` throws, whatever it throws).
    static func withEmptyTemporaryFile<T>(_ body: (String) throws -> T) throws -> T {
        let (fd, file) = try makeTemporaryFile()
        close(fd)
        defer { unlink(file) }
        return try body(file)
    }

    /// A new file in $TMPDIR (else /tmp), open for writing: its descriptor and path.
    private static func makeTemporaryFile() throws(InteropError) -> (descriptor: Int32, path: String) {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/sysdrill-anki-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .unreadable(path: folder, reason: "cannot make a temporary file: " + systemError()) }
        return (fd, template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }

    /// The bytes of `path` handed to `body` in pieces of 64 KiB, in order.
    static func forEachPiece(of path: String, _ body: ([UInt8]) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InteropError.unreadable(path: path, reason: systemError()) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InteropError.unreadable(path: path, reason: systemError())
            }
            if count == 0 { return }
            try body(Array(buffer[0..<count]))
        }
    }

    /// The C library's message for `errno`.
    static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
