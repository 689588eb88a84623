import Deck
import JSONText
#if canImport(Glibc)
import Glibc
#endif

extension FileSystem {
    /// A file's bytes for a reader that goes through them once, in order (an import):
    /// a regular file is mapped into memory, so its pages are read as they are reached and
    /// handed back once passed (`JSONBytes.readingPassed`), instead of all 250 MB of a big
    /// export sitting in an array; anything else (a pipe) is read whole.
    ///
    /// The mapping is read-only and private: a file changed while it is read gives a
    /// reader bytes that may not match (the import then fails its checks and changes
    /// nothing); one cut short meanwhile, or a read error of the disk, raises SIGBUS while
    /// the mapping is read, which `ShrunkFileGuard` turns into a message and exit 74,
    /// before anything is committed.
    /// The most an import reads from a pipe (which cannot be mapped): an export of ten
    /// years of daily study is a few hundred MB.
    public static let importPipeLimit = 2 << 30

    public static func readOnce(_ path: String) throws(DeckError) -> JSONBytes {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw .missingFile(path: path) }
            throw .unreadable(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var status = stat()
        // Anything not mapped is read from this descriptor: opening a named pipe again
        // would wait for a writer that has already gone.
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else {
            // A device other than standard input (/dev/zero) never ends: refused. A pipe
            // or a terminal is read, up to what an import can hold in memory.
            let type = status.st_mode & S_IFMT
            if type == S_IFCHR || type == S_IFBLK, path != "/dev/stdin" {
                throw .unreadable(path: path, reason: "not a regular file (\(kind(of: status.st_mode))); import reads an export file or standard input (-)")
            }
            return JSONBytes(copying: try readAll(fd, path: path, limit: importPipeLimit))
        }
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            return JSONBytes(copying: try readAll(fd, path: path))
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        ShrunkFileGuard.begin(path: path)
        let start = address.assumingMemoryBound(to: UInt8.self)
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        return JSONBytes(
            buffer: UnsafeBufferPointer(start: UnsafePointer(start), count: size),
            release: {
                _ = munmap(address, size)
                ShrunkFileGuard.end()
            },
            discard: { range in
                // Whole pages only: the one holding `upperBound` may still be read.
                let first = range.lowerBound / pageSize * pageSize
                let end = range.upperBound / pageSize * pageSize
                guard end > first else { return }
                _ = madvise(address + first, end - first, MADV_DONTNEED)
            })
    }
}
