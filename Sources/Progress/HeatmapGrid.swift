import Study
import Timekeeping

/// Reviews per study day over the last year as a calendar grid, GitHub-style: 53 week
/// columns (Monday to Sunday, top to bottom), the last one holding today. Each day gets a
/// level 0...4 (0: no review; 1...4: quarters of the busiest day), drawn with shading
/// characters so the grid reads without colour.
public struct HeatmapGrid: Hashable, Sendable {
    public static let weeks = 53
    public static let shades = ["·", "░", "▒", "▓", "█"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let rowLabels = ["Mon", "", "Wed", "", "Fri", "", ""]

    /// Study day numbers (days since 1970-01-01, see `StudyDay.number`).
    public let firstDay: Int64
    public let today: Int64
    /// Reviews per day within the grid; days without reviews are absent.
    public let counts: [Int64: Int]
    public let maximum: Int

    /// `reviewsPerDay`: review counts by study day number (days outside the grid are ignored).
    public init(reviewsPerDay: [Int64: Int], today: Int64) {
        let first = today - Int64(Self.row(of: today)) - Int64(Self.weeks - 1) * 7
        let inside = reviewsPerDay.filter { $0.key >= first && $0.key <= today && $0.value > 0 }
        self.today = today
        firstDay = first
        counts = inside
        maximum = inside.values.max() ?? 0
    }

    /// Monday 0 ... Sunday 6.
    static func row(of day: Int64) -> Int {
        (CivilDate(daysSinceEpoch: day).weekday + 6) % 7
    }

    public func day(row: Int, column: Int) -> Int64 {
        firstDay + Int64(column) * 7 + Int64(row)
    }

    /// 0...4, or nil for a day after today.
    public func level(row: Int, column: Int) -> Int? {
        let day = day(row: row, column: column)
        guard day <= today else { return nil }
        return level(count: counts[day] ?? 0)
    }

    public func level(count: Int) -> Int {
        guard count > 0, maximum > 0 else { return 0 }
        return min(4, (4 * count + maximum - 1) / maximum)
    }

    /// Month names above the first column whose Monday lies in that month. Such columns
    /// are at least four weeks apart, so the three-letter names never touch; a month that
    /// began before the first column's Monday is not named.
    public var monthLabels: [(column: Int, name: String)] {
        (0..<Self.weeks).compactMap { column in
            let monday = CivilDate(daysSinceEpoch: day(row: 0, column: column))
            return monday.day <= 7 ? (column, Self.monthNames[monday.month - 1]) : nil
        }
    }

    /// The grid as text lines: the month row, then one line per weekday. `paint` may
    /// colour a cell (given its level and shade); it must not change its width.
    public func lines(paint: (Int, String) -> String = { $1 }) -> [String] {
        let labelWidth = 4
        var monthRow = [Character](repeating: " ", count: labelWidth + Self.weeks + 3)
        for (column, name) in monthLabels {
            for (offset, character) in name.enumerated() { monthRow[labelWidth + column + offset] = character }
        }
        var lines = [String(monthRow).trimmingTrailingSpaces()]
        for row in 0..<7 {
            var line = Self.rowLabels[row] + String(repeating: " ", count: labelWidth - Self.rowLabels[row].count)
            var pendingSpaces = 0
            for column in 0..<Self.weeks {
                guard let level = level(row: row, column: column) else {
                    pendingSpaces += 1
                    continue
                }
                line += String(repeating: " ", count: pendingSpaces) + paint(level, Self.shades[level])
                pendingSpaces = 0
            }
            lines.append(line)
        }
        return lines
    }

    /// `less · ░ ▒ ▓ █ more`
    public func legend(paint: (Int, String) -> String = { $1 }) -> String {
        "less " + Self.shades.enumerated().map { paint($0.offset, $0.element) }.joined(separator: " ") + " more"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
