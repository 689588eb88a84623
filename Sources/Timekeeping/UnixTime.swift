// Instants as whole seconds since 1970-01-01T00:00:00Z. The review log, the schedulers
// and the export all work in seconds (ISO 8601 with seconds), so one integer type keeps
// them exact and comparable without Foundation.

/// Seconds since the Unix epoch, UTC.
public typealias UnixTime = Int64

public enum Seconds {
    public static let minute: Int64 = 60
    public static let hour: Int64 = 3_600
    public static let day: Int64 = 86_400
}
