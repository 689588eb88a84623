#if canImport(Glibc)
import Study
import Glibc
#endif

/// Writes a file so that readers see either the old content or the whole new one, never
/// half: the text goes to `FILE.tmp-<random>` in the same folder, is flushed to disk
/// (fsync), and then renamed over `FILE`; the folder is synced so the rename itself
/// survives a crash. On any failure the temporary file is removed.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(ProgressError) {
        do {
            try write(to: path) { append in try append(Array(text.utf8)) }
        } catch let error as ProgressError {
            throw error
        } catch {
            throw .outputFailed(path: path, reason: "\(error)")
        }
    }

    /// The same for text made in pieces (a long export): `body` gets a function that
    /// appends to the output. An error from `body` removes the temporary file and is
    /// rethrown; the old `FILE` stays as it was.
    ///
    /// What `path` is decides how it is written (issue 17: a rename must never replace
    /// something that is not a regular file):
    /// - a regular file or nothing: temporary file, fsync, rename, as above;
    /// - a symbolic link: the same beside the file it points to (realpath), so the link
    ///   stays a link;
    /// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: the descriptor
    ///   itself, streamed (works for any user, keeps a shell's `>>` position);
    /// - a FIFO or a character device (`/dev/null`, a terminal): opened O_WRONLY without
    ///   O_CREAT or O_TRUNC and streamed, no rename;
    /// - a folder, a block device or a socket: refused, nothing created.
    public static func write(to path: String, _ body: (([UInt8]) throws -> Void) throws -> Void) throws {
        if let descriptor = standardDescriptor(path) {
            try stream(to: descriptor, path: path, body)
            return
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return try replace(path, body) }
            throw ProgressError.outputFailed(path: path, reason: lastError())
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            try replace(path, body)
        case S_IFLNK:
            guard let target = realPath(path) else {
                throw ProgressError.outputFailed(path: path, reason: "it is a symbolic link and its target cannot be resolved (\(lastError()))")
            }
            if let descriptor = standardDescriptor(target) {
                try stream(to: descriptor, path: path, body)
                return
            }
            var targetStatus = stat()
            guard stat(target, &targetStatus) == 0 else { throw ProgressError.outputFailed(path: path, reason: lastError()) }
            try writeByKind(targetStatus.st_mode & S_IFMT, target: target, shownAs: path, body)
        default:
            try writeByKind(status.st_mode & S_IFMT, target: path, shownAs: path, body)
        }
    }

    private static func writeByKind(_ kind: mode_t, target: String, shownAs path: String,
                                    _ body: (([UInt8]) throws -> Void) throws -> Void) throws {
        switch kind {
        case S_IFREG:
            try replace(target, body)
        case S_IFDIR:
            throw ProgressError.outputFailed(path: path, reason: "it is a folder; give a file name")
        case S_IFIFO, S_IFCHR:
            // No O_CREAT, no O_TRUNC: the path exists and is not a file to replace.
            let fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw ProgressError.outputFailed(path: path, reason: lastError()) }
            defer { close(fd) }
            try stream(to: fd, path: path, body)
        default:
            throw ProgressError.outputFailed(path: path, reason: "it is not a regular file, a FIFO or a character device")
        }
    }

    /// `/dev/stdout` and friends name a descriptor this process already has.
    static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            if let number = Int32(path.dropFirst(prefix.count)), number >= 0 { return number }
        }
        return nil
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func stream(to fd: Int32, path: String, _ body: (([UInt8]) throws -> Void) throws -> Void) throws {
        try body { bytes in try writeAll(bytes, to: fd, path: path) }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        var failure: String?
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = lastError()
                    return
                }
                offset += written
            }
        }
        if let failure { throw ProgressError.outputFailed(path: path, reason: failure) }
    }

    /// Temporary file beside `path`, then rename over it. `path` is a regular file or missing.
    private static func replace(_ path: String, _ body: (([UInt8]) throws -> Void) throws -> Void) throws {
        let started = time(nil)
        let folder = folderPath(of: path)
        guard let folderInfo = FileSystem.info(folder) else {
            throw ProgressError.outputFailed(path: path, reason: "the folder \(folder) does not exist")
        }
        guard folderInfo.isFolder else {
            throw ProgressError.outputFailed(path: path, reason: "\(folder) is not a folder")
        }
        removeStaleTemporaries(of: path, olderThan: started)
        let temporary = path + temporaryMarker + randomSuffix()
        // Known to the signal handler before the file exists, so a SIGINT/SIGTERM at any
        // moment from here on removes it.
        TemporaryCleanup.begin(temporary)
        defer { TemporaryCleanup.end() }
        // 0600: the export holds the personal review history, like the database.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ProgressError.outputFailed(path: path, reason: lastError()) }
        // Held until the file is renamed or removed: it tells a later export that this
        // temporary file's writer is still alive.
        flock(fd, LOCK_EX | LOCK_NB)
        var writeback = Writeback(fd: fd)
        do {
            try body { bytes in
                try writeAll(bytes, to: fd, path: path)
                writeback.wrote(bytes.count)
            }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        var failure: String?
        if fsync(fd) != 0 { failure = lastError() }
        if failure == nil, rename(temporary, path) != 0 { failure = lastError() }
        if let failure {
            unlink(temporary)
            close(fd)
            throw ProgressError.outputFailed(path: path, reason: failure)
        }
        if close(fd) != 0 { failure = lastError() }
        syncFolder(folder)
        if let failure { throw ProgressError.outputFailed(path: path, reason: failure) }
    }

    static let temporaryMarker = ".tmp-"

    /// Hands what was written to the disk as it goes, so the fsync at the end waits only
    /// for the last part: a 300 MiB export waited 0.6-0.7 s for its fsync, the whole file
    /// having stayed in memory until then. `POSIX_FADV_DONTNEED` on a written range starts
    /// its writeback without waiting for it (Linux; elsewhere the fsync does it all, as
    /// before). Nothing about what reaches the disk changes.
    private struct Writeback {
        let fd: Int32
        private var written = 0
        private var handedOver = 0
        static let step = 8 << 20

        init(fd: Int32) {
            self.fd = fd
        }

        mutating func wrote(_ count: Int) {
            written += count
            guard written - handedOver >= Self.step else { return }
            #if os(Linux)
            _ = posix_fadvise(fd, off_t(handedOver), off_t(written - handedOver), POSIX_FADV_DONTNEED)
            #endif
            handedOver = written
        }
    }

    /// Removes `FILE.tmp-<16 hex digits>` left by an export that was killed (SIGKILL, a
    /// power cut: no handler ran). The rule: the name is exactly ours for this `FILE`, it
    /// is a regular file, it was last modified before this export started, and no process
    /// holds its lock (a live writer keeps an exclusive flock on its temporary file from
    /// just after creating it until the rename). All four, or the file is left alone.
    static func removeStaleTemporaries(of path: String, olderThan started: time_t) {
        let folder = folderPath(of: path)
        let base = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        let prefix = base + temporaryMarker
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard name.hasPrefix(prefix) else { continue }
            let suffix = name.dropFirst(prefix.count)
            guard suffix.count == 16, suffix.allSatisfy({ $0.isHexDigit }) else { continue }
            let candidate = folder == "/" ? "/" + name : folder + "/" + name
            var status = stat()
            guard lstat(candidate, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
                  status.st_mtim.tv_sec < started else { continue }
            let fd = open(candidate, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            guard fd >= 0 else { continue }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { unlink(candidate) }
            close(fd)
        }
    }

    static func folderPath(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// Best effort: some file systems refuse fsync on a folder, and the data is already safe.
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
