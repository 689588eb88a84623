import CSQLite

/// Connections to SQLite files that are not sysdrill databases: another program's
/// database read without a single write (an Anki collection, possibly open in Anki), and
/// a scratch file built for another program (an Anki package being exported).
extension Connection {
    /// Opens `path` read-only and immutable (`mode=ro&immutable=1`): SQLite takes no lock,
    /// creates no journal or shared-memory file and never writes, so a collection that
    /// Anki has open is not disturbed. (What Anki has not checkpointed from its
    /// write-ahead log yet is not seen.)
    public static func openReadOnly(path: String) throws(StoreError) -> Connection {
        try Connection(path: path, uri: "file:" + uriEscaped(path) + "?mode=ro&immutable=1")
    }

    /// Creates (or opens) a scratch database at `path` for writing, with no journal: it is
    /// a temporary file that is thrown away if anything fails.
    public static func createScratch(path: String) throws(StoreError) -> Connection {
        let connection = try Connection(path: path)
        try connection.execute(script: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        return connection
    }

    /// Runs a fixed script of several statements (a foreign schema). Literals only.
    public func executeScript(_ script: StaticString) throws(StoreError) {
        try execute(script: script)
    }

    /// The path as a URI path: the characters a URI gives a meaning to are escaped.
    static func uriEscaped(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x21, 0x7F...:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            default:
                result += String(UnicodeScalar(byte))
            }
        }
        return result
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension Row {
    /// A BLOB column's bytes (empty for NULL or an empty blob).
    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
