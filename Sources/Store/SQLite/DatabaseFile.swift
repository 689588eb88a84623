#if canImport(Glibc)
import Glibc
#endif

/// Looks at a database file before SQLite touches it, so a foreign, truncated or
/// read-only file is refused without a single byte written (SQLite would otherwise
/// happily switch a file's journal mode or create sidecar files first).
enum DatabaseFile {
    enum State: Equatable {
        case missing
        /// Zero bytes: a database about to be created (we may have made it ourselves).
        case empty
        case database(userVersion: Int32)
    }

    static let magic: [UInt8] = Array("SQLite format 3\0".utf8)

    static func inspect(path: String) throws(StoreError) -> State {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return .missing }
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .cannotOpen(path: path, reason: "it is a folder, not a file")
        }
        let size = Int64(info.st_size)
        if size == 0 { return .empty }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        let count = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, 100) }
        guard count == 100, Array(header[0..<16]) == magic else { throw .notADatabase(path: path) }
        let rawPageSize = Int64(header[16]) << 8 | Int64(header[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        guard pageSize >= 512, pageSize & (pageSize - 1) == 0 else { throw .notADatabase(path: path) }
        let changeCounter = bigEndian32(header, 24)
        let pageCount = Int64(bigEndian32(header, 28))
        let validFor = bigEndian32(header, 92)
        // The in-header size is only trustworthy when written by a recent SQLite. And a
        // file shorter than it says is no damage while a write-ahead log is there: a
        // checkpoint copies pages from the log in page order, header first, so a process
        // killed in the middle of one leaves exactly that, and SQLite completes it from
        // the log on the next open (a kill -9 during an import's final checkpoint did).
        if validFor == changeCounter, pageCount > 0, size < pageCount * pageSize,
           !hasWriteAheadLog(path, pageSize: pageSize) {
            throw .truncated(path: path, expectedBytes: pageCount * pageSize, actualBytes: size)
        }
        if size % pageSize != 0 {
            throw .truncated(path: path, expectedBytes: (size / pageSize + 1) * pageSize, actualBytes: size)
        }
        return .database(userVersion: Int32(bitPattern: bigEndian32(header, 60)))
    }

    /// Whether a write-ahead log of this database lies next to `path`: its 32-byte header
    /// has SQLite's magic number, version and checksum, and the database's page size
    /// (a stray or garbage `-wal` file does not excuse a short file).
    static func hasWriteAheadLog(_ path: String, pageSize: Int64) -> Bool {
        let fd = open(path + "-wal", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 32)
        guard header.withUnsafeMutableBytes({ read(fd, $0.baseAddress, 32) }) == 32 else { return false }
        let magic = bigEndian32(header, 0)
        guard magic & 0xFFFF_FFFE == 0x377F_0682, bigEndian32(header, 4) == 3_007_000,
              Int64(bigEndian32(header, 8)) == pageSize else { return false }
        // The checksum of the first 24 bytes, read as words in the byte order the magic
        // number's last bit names (SQLite's WAL format).
        let bigEndianWords = magic & 1 == 1
        var s0: UInt32 = 0, s1: UInt32 = 0
        for offset in stride(from: 0, to: 24, by: 8) {
            let x0 = bigEndianWords ? bigEndian32(header, offset) : bigEndian32(header, offset).byteSwapped
            let x1 = bigEndianWords ? bigEndian32(header, offset + 4) : bigEndian32(header, offset + 4).byteSwapped
            s0 = s0 &+ x0 &+ s1
            s1 = s1 &+ x1 &+ s0
        }
        return s0 == bigEndian32(header, 24) && s1 == bigEndian32(header, 28)
    }

    /// Creates the file with mode 0600 (review history is personal) and its folder
    /// with 0700 when missing.
    static func create(path: String) throws(StoreError) {
        try createFolders(for: path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }
            if errno == EACCES || errno == EROFS { throw .readOnly(path: path) }
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        close(fd)
    }

    static func createFolders(for path: String) throws(StoreError) {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        guard !components.isEmpty else { return }
        var current = path.hasPrefix("/") ? "" : "."
        if components.first == "" { components = components.dropFirst() }
        for component in components where !component.isEmpty {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                if errno == EACCES || errno == EROFS { throw .readOnly(path: path) }
                throw .cannotOpen(path: path, reason: "cannot create folder \(current): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// True when the process may write the file and create sidecar files (-wal, -shm)
    /// in its folder.
    static func isWritable(path: String) -> Bool {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        return access(path, W_OK) == 0 && access(folder.isEmpty ? "/" : folder, W_OK) == 0
    }

    private static func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
