import Deck
import Scheduling
import Timekeeping

/// Where a deck comes from.
public enum DeckOrigin: String, Sendable, CaseIterable {
    /// Compiled into the binary from Content/.
    case embedded
    /// Added with `sysdrill decks add`; synced on every run.
    case registered
    /// Given with `--deck` for one run.
    case transient
    /// Brought in by `sysdrill import` from another program (Anki): stored, never synced.
    case imported
}

public struct DeckRecord: Hashable, Sendable {
    public let name: String
    /// Absolute path of the file or folder, or `embedded:<file>`.
    public let source: String
    public let origin: DeckOrigin
    public let sortOrder: Int
    public let addedAt: UnixTime

    public init(name: String, source: String, origin: DeckOrigin, sortOrder: Int, addedAt: UnixTime) {
        self.name = name
        self.source = source
        self.origin = origin
        self.sortOrder = sortOrder
        self.addedAt = addedAt
    }
}

/// Size and fingerprint (modification time in ns, or a content hash for embedded
/// files) of one parsed file, to skip re-parsing unchanged decks.
public struct FileFingerprint: Hashable, Sendable {
    public let path: String
    public let size: Int64
    public let fingerprint: Int64

    public init(path: String, size: Int64, fingerprint: Int64) {
        self.path = path
        self.size = size
        self.fingerprint = fingerprint
    }
}

/// A card as stored: the parsed card plus whether it is retired.
public struct StoredCard: Hashable, Sendable {
    public let card: Card
    public let retired: Bool

    public init(card: Card, retired: Bool) {
        self.card = card
        self.retired = retired
    }

    public var id: CardID { card.id }
}

/// One entry of the review log.
public struct ReviewRecord: Hashable, Sendable {
    /// A UUID, so logs from two machines merge without duplicates.
    public let id: String
    public let cardID: CardID
    public let at: UnixTime
    public let grade: Quality
    public let durationMs: Int64

    public init(id: String, cardID: CardID, at: UnixTime, grade: Quality, durationMs: Int64) {
        self.id = id
        self.cardID = cardID
        self.at = at
        self.grade = grade
        self.durationMs = durationMs
    }

    public var event: ReviewEvent { ReviewEvent(at: at, quality: grade) }
}

/// What a sync changed. A renamed card (its history moved from a vanished card to its
/// successor) counts only in `renamed`: it is neither a new card nor a retired one.
public struct SyncReport: Equatable, Sendable {
    public var inserted = 0
    public var updated = 0
    public var retired = 0
    public var revived = 0
    public var renamed = 0
    public var unchanged = 0

    public init() {}

    public var changedAnything: Bool { inserted + updated + retired + revived + renamed > 0 }
}

/// A card whose history moved to another card (its term changed, so its ID did):
/// `old` is retired, `new` has its reviews.
public struct CardRename: Hashable, Sendable {
    public let old: CardID
    public let new: CardID
    public let at: UnixTime

    public init(old: CardID, new: CardID, at: UnixTime) {
        self.old = old
        self.new = new
        self.at = at
    }
}

/// One step back in a card's rename history, for `card ID`.
public struct RenamedFrom: Hashable, Sendable {
    public let id: CardID
    /// The old card's term.
    public let term: String
    public let at: UnixTime

    public init(id: CardID, term: String, at: UnixTime) {
        self.id = id
        self.term = term
        self.at = at
    }
}

/// How a card's state is recomputed from its whole log (in replay order) with the
/// scheduler in effect: the Store moves history but holds no scheduling rule, and the
/// state depends on the card's ID (interval fuzz is seeded by it).
public typealias StateReplay = (CardID, [ReviewEvent]) throws -> CardState

enum SectionCoding {
    static let separator: Character = "\u{1F}"
    /// The separator's one UTF-8 byte.
    static let separatorByte: UInt8 = 0x1F

    static func encode(_ section: [String]) -> String {
        section.joined(separator: String(separator))
    }

    /// The first part of an encoded path, nil for an empty one (what `decode(text).first` gives).
    static func first(_ text: String) -> String? {
        guard !text.isEmpty else { return nil }
        guard let end = text.utf8.firstIndex(of: separatorByte) else { return text }
        return String(text[..<end])
    }

    /// Split on the separator's byte: U+001F is a control character, which always stands
    /// alone between grapheme boundaries, so this equals splitting on the Character, at a
    /// fraction of the cost (every card read from the store decodes its section path).
    static func decode(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var text = text
        return text.withUTF8 { bytes in
            var parts: [String] = []
            var start = 0
            for index in 0..<bytes.count where bytes[index] == separatorByte {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                start = index + 1
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return parts
        }
    }
}
