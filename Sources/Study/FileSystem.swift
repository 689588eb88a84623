import Deck
#if canImport(Glibc)
import Glibc
#endif

/// The little file access sysdrill needs, on Glibc directly (no Foundation start-up cost).
public enum FileSystem {
    public struct Info {
        public let isFolder: Bool
        public let size: Int64
        /// Modification time in nanoseconds.
        public let modified: Int64
    }

    public static func info(_ path: String) -> Info? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        return Info(isFolder: (status.st_mode & S_IFMT) == S_IFDIR, size: Int64(status.st_size), modified: modified)
    }

    /// The largest deck file read: no outline of notes comes near it, and a larger one
    /// (or a device that never ends, like /dev/zero) must not read until memory runs out.
    public static let deckSizeLimit = 64 << 20

    /// The whole deck file, or a `DeckError` naming the path. Only regular files are read:
    /// opening a FIFO would wait for a writer (hanging every command), and a device may
    /// never end.
    public static func read(_ path: String) throws(DeckError) -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { throw .missingFile(path: path) }
            throw .unreadable(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadable(path: path, reason: "not a regular file (\(kind(of: status.st_mode))); a deck is a Markdown file or a folder of them")
        }
        guard status.st_size <= deckSizeLimit else {
            throw .unreadable(path: path, reason: "\(status.st_size >> 20) MiB is more than a deck may be (\(deckSizeLimit >> 20) MiB); split it into a folder of files")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { throw .missingFile(path: path) }
            throw .unreadable(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        return try readAll(fd, path: path, limit: deckSizeLimit)
    }

    /// What a file that is not regular is, for a message.
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        default: return "not a regular file"
        }
    }

    /// The rest of an open file, to its end (`path` names it in an error); more than
    /// `limit` bytes is an error (a file growing while read, or a device without end).
    static func readAll(_ fd: Int32, path: String, limit: Int = Int.max) throws(DeckError) -> [UInt8] {
        var bytes: [UInt8] = []
        // Room for the whole file up front: growing by doubling left up to twice the
        // file's size allocated (20 MB for a 10 MB deck, at the parser's peak).
        var status = stat()
        if fstat(fd, &status) == 0, status.st_size > 0 { bytes.reserveCapacity(Int(status.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            guard bytes.count + count <= limit else {
                throw .unreadable(path: path, reason: "more than \(limit >> 20) MiB; sysdrill reads no more than that here")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// `*.md` files under `folder`, recursively, sorted, skipping hidden entries.
    public static func markdownFiles(in folder: String) -> [String] {
        var result: [String] = []
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            guard let info = info(path) else { continue }
            if info.isFolder {
                result += markdownFiles(in: path)
            } else if name.lowercased().hasSuffix(".md") || name.lowercased().hasSuffix(".markdown") {
                result.append(path)
            }
        }
        return result.sorted()
    }

    /// `path` made absolute against the working directory (no symlink resolution).
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return normalized(path) }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return normalized(cwd + "/" + path)
    }

    /// Removes `.` and `..` components and doubled slashes.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Last path component without a `.md`/`.markdown` extension.
    public static func deckName(for path: String) -> String {
        var name = String(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".md", ".markdown", ".MD"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        return name
    }
}
