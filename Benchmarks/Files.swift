#if canImport(Glibc)
import Glibc
#endif

/// The few file operations the bench needs, on Glibc (the app itself avoids Foundation,
/// and so does its bench).
enum Files {
    static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { buffer in try write(UnsafeRawBufferPointer(buffer), to: path) }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, to path: String, flushing: Bool = false) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchError.io("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw BenchError.io("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        if flushing { fsync(fd) }
    }

    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BenchError.io("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var result: [UInt8] = []
        var status = stat()
        if fstat(fd, &status) == 0, status.st_size > 0 { result.reserveCapacity(Int(status.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BenchError.io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    static func readText(_ path: String) throws -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// Copies a database file and its write-ahead log, if any (sysdrill exits without
    /// closing its connection, so its last commits may still be only in `-wal`, where
    /// SQLite reads them when the copy is opened), and flushes the copy to the disk.
    /// A measured command must not pay for the bench's own writes: unflushed, the first
    /// `fdatasync` of a review made the kernel write back the whole 300 MiB copy, which
    /// took 0.4-0.5 s of the "1000 answers" row. A user's database is not a minute-old
    /// copy waiting in the page cache.
    static func copy(_ source: String, to destination: String) throws {
        remove(destination)
        for suffix in ["", "-wal"] where suffix.isEmpty || access(source + suffix, F_OK) == 0 {
            let bytes = try read(source + suffix)
            try bytes.withUnsafeBytes { try write($0, to: destination + suffix, flushing: true) }
        }
    }

    /// Removes a database file and its WAL sidecars; missing files are fine.
    static func remove(_ path: String) {
        unlink(path)
        unlink(path + "-wal")
        unlink(path + "-shm")
    }

    static func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Modification time, to put back after a scenario rewrote a deck (the app skips an
    /// unchanged deck by size and modification time).
    static func modificationTime(_ path: String) -> timespec? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mtim : nil
    }

    static func setModificationTime(_ path: String, _ time: timespec) {
        var times = [time, time]
        utimensat(AT_FDCWD, path, &times, 0)
    }

    static func makeTemporaryFolder() throws -> String {
        let base = (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/sysdrill-bench.XXXXXX"
        var template = Array(base.utf8CString)
        guard let result = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw BenchError.io("cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        return String(cString: result)
    }

    static func makeFolder(_ path: String) {
        mkdir(path, 0o755)
    }

    /// Removes the work folder: only files the bench created, one level of subfolders.
    static func removeTree(_ path: String) {
        guard let directory = opendir(path) else { return }
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            var info = stat()
            if lstat(child, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                removeTree(child)
            } else {
                unlink(child)
            }
        }
        closedir(directory)
        rmdir(path)
    }
}

/// Unbuffered output: progress lines show up while a long step runs, also in a pipe,
/// and stdout and stderr never interleave out of order (one writer, `write(2)`).
enum Output {
    static func line(_ text: String) {
        try? write(text + "\n", to: 1)
    }

    static func error(_ text: String) {
        try? write(text + "\n", to: 2)
    }

    static func write(_ text: String, to descriptor: Int32) throws {
        var text = text
        try text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw BenchError.io("write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }
}
