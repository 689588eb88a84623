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
    /// appends to the temporary file. An error from `body` removes the temporary file
    /// and is rethrown; the old `FILE` stays as it was.
    public static func write(to path: String, _ body: (([UInt8]) throws -> Void) throws -> Void) throws {
        let folder = folderPath(of: path)
        if let info = FileSystem.info(path), info.isFolder {
            throw ProgressError.outputFailed(path: path, reason: "it is a folder; give a file name")
        }
        guard let folderInfo = FileSystem.info(folder) else {
            throw ProgressError.outputFailed(path: path, reason: "the folder \(folder) does not exist")
        }
        guard folderInfo.isFolder else {
            throw ProgressError.outputFailed(path: path, reason: "\(folder) is not a folder")
        }
        let temporary = path + ".tmp-" + randomSuffix()
        // 0600: the export holds the personal review history, like the database.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ProgressError.outputFailed(path: path, reason: lastError()) }
        func append(_ bytes: [UInt8]) throws {
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
        do {
            try body(append)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        var failure: String?
        if fsync(fd) != 0 { failure = lastError() }
        if close(fd) != 0, failure == nil { failure = lastError() }
        if failure == nil, rename(temporary, path) != 0 { failure = lastError() }
        if let failure {
            unlink(temporary)
            throw ProgressError.outputFailed(path: path, reason: failure)
        }
        syncFolder(folder)
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
