import CSQLite
import Deck
#if canImport(Glibc)
import Glibc
#endif

/// A prepared statement. Parameters are always bound, never spliced into SQL text;
/// the statement is finalized when the value goes away.
public final class Statement {
    private let handle: OpaquePointer
    private unowned let connection: Connection
    public let sql: String

    init(connection: Connection, sql: String) throws(StoreError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw connection.error(code: code, sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to ?1, ?2, ... after clearing earlier bindings.
    public func bind(_ values: [any SQLiteBindable]) throws(StoreError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            try bind(Int32(offset + 1), value.sqliteValue)
        }
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [any SQLiteBindable] = []) throws(StoreError) {
        try bind(values)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw connection.error(code: code, sql: sql) }
    }

    // Binding one value at a time, for loops over many rows (an import's million
    // reviews): no array of boxed values per row, and text bound without a copy.

    /// Binds text that must stay valid until the statement has been stepped and reset.
    func bindText(_ index: Int32, borrowing bytes: UnsafeBufferPointer<UInt8>) throws(StoreError) {
        // A nil destructor is SQLITE_STATIC: SQLite reads the caller's bytes in place.
        let code = bytes.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), nil) }
        guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
    }

    /// Binds any value without boxing it (text is copied).
    func bind<Value: SQLiteBindable>(_ index: Int32, _ value: Value) throws(StoreError) {
        let code: Int32
        switch value.sqliteValue {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
        case .real(let number): code = sqlite3_bind_double(handle, index, number)
        case .text(var text):
            // Bound from the string's own bytes with their length: passing the String as a
            // C string made a NUL-terminated copy first, then SQLite measured and copied it.
            code = text.withUTF8 { bytes in
                guard let start = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, nil) }
                return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text(handle, index, $0, Int32(bytes.count), csqlite_transient())
                }
            }
        }
        guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
    }

    func bindInt64(_ index: Int32, _ value: Int64) throws(StoreError) {
        let code = sqlite3_bind_int64(handle, index, value)
        guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
    }

    /// Steps once after `bindText`/`bindInt64`: the current row, or nil when done. The
    /// caller resets (`reset`) before binding the next values.
    func step() throws(StoreError) -> Row? {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return Row(handle: handle)
        case SQLITE_DONE: return nil
        default: throw connection.error(code: code, sql: sql)
        }
    }

    func reset() {
        sqlite3_reset(handle)
    }

    /// Drops every binding. A loop that bound borrowed text (`bindText`) calls it when done,
    /// so the cached statement keeps no pointer into a buffer that is about to be freed.
    func clearBindings() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Calls `body` for each row; the row is only valid inside the call.
    public func forEach(_ values: [any SQLiteBindable] = [], _ body: (Row) throws -> Void) throws {
        try forEachWhile(values) { try body($0); return true }
    }

    /// Calls `body` for each row until it returns false; the row is only valid inside the
    /// call. A caller that needs only the first rows of a long result stops reading there.
    public func forEachWhile(_ values: [any SQLiteBindable] = [], _ body: (Row) throws -> Bool) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        let row = Row(handle: handle)
        while true {
            let code = sqlite3_step(handle)
            switch code {
            case SQLITE_ROW: if try !body(row) { return }
            case SQLITE_DONE: return
            default: throw connection.error(code: code, sql: sql)
            }
        }
    }

    /// All rows mapped by `transform`.
    public func map<T>(_ values: [any SQLiteBindable] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEach(values) { result.append(try transform($0)) }
        return result
    }

    /// The first row mapped by `transform`, or nil.
    public func first<T>(_ values: [any SQLiteBindable] = [], _ transform: (Row) throws -> T) throws -> T? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return try transform(Row(handle: handle))
        case SQLITE_DONE: return nil
        default: throw connection.error(code: code, sql: sql)
        }
    }
}

/// Column access for the current row of a statement.
public struct Row {
    let handle: OpaquePointer

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    public func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    public func string(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column's text as a card ID, without making a String for the 16 digits of a
    /// stored ID.
    public func cardID(_ column: Int32) -> CardID {
        guard let pointer = sqlite3_column_text(handle, column) else { return CardID(rawValue: "") }
        return CardID(utf8: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column))))
    }

    /// The card IDs of a column that holds them joined by U+001F (`SectionCoding`), as
    /// `SectionCoding.decode` splits them, without a String for an ID of 16 digits: every
    /// reverse and comparison in today's queue carries the IDs it was made from.
    public func cardIDs(_ column: Int32) -> [CardID] {
        guard let pointer = sqlite3_column_text(handle, column) else { return [] }
        let bytes = UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
        guard !bytes.isEmpty else { return [] }
        var ids: [CardID] = []
        var start = 0
        for index in bytes.indices where bytes[index] == SectionCoding.separatorByte {
            ids.append(CardID(utf8: UnsafeBufferPointer(rebasing: bytes[start..<index])))
            start = index + 1
        }
        ids.append(CardID(utf8: UnsafeBufferPointer(rebasing: bytes[start...])))
        return ids
    }

    /// Whether the column's text is `text`, compared on bytes without making a String
    /// (with `memcmp`: the generic comparison of two sequences took 1,500 instructions for
    /// a deck's name, and `stats` asks once per card).
    public func text(_ column: Int32, equals text: String) -> Bool {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count == text.utf8.count else { return false }
        guard count > 0, let pointer = sqlite3_column_text(handle, column) else { return count == 0 }
        return Row.utf8(of: text, equals: UnsafeBufferPointer(start: pointer, count: count))
    }

    /// Whether `text`'s UTF-8 bytes are `bytes`: `memcmp` where the String's bytes lie in
    /// one piece (always, for a native String).
    static func utf8(of text: String, equals bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.utf8.count == bytes.count else { return false }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        return text.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, base, bytes.count) == 0 }
            ?? text.utf8.elementsEqual(bytes)
    }

    /// Whether the column's text is `bytes`.
    func text(_ column: Int32, equals bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count == bytes.count else { return false }
        guard count > 0, let pointer = sqlite3_column_text(handle, column) else { return count == 0 }
        return memcmp(bytes.baseAddress!, pointer, count) == 0
    }

    /// How the column's text sorts against `other`'s column text, as SQLite's BINARY
    /// collation orders text in a UTF-8 database (bytes, then length): negative, zero or
    /// positive. Lets two scans in the same key order be merged without making a String
    /// per row. (NULL reads as empty text: for non-null keys only.)
    func compareText(_ column: Int32, with other: Row, column otherColumn: Int32) -> Int {
        let count = Int(sqlite3_column_bytes(handle, column))
        let otherCount = Int(sqlite3_column_bytes(other.handle, otherColumn))
        let common = min(count, otherCount)
        if common > 0, let pointer = sqlite3_column_text(handle, column), let otherPointer = sqlite3_column_text(other.handle, otherColumn) {
            let order = memcmp(pointer, otherPointer, common)
            if order != 0 { return Int(order) }
        }
        return count - otherCount
    }

    public func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    public func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }
    public func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
    public func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }
}
