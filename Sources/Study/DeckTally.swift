import Deck

/// What the cards of one deck tell about each other, counted as they come:
/// - fronts that two or more cards share: each of those cards is widened to its whole
///   section path;
/// - reverse prompts that two or more reverses share (two terms with one answer): those
///   reverses cannot be answered and are left out;
/// - the linter's weak prompts.
///
/// `DeckLoader.check` counts a whole reading with it before a sync writes anything. The
/// first sync of a deck counts while it writes (`DeckSynchronizer.register`): a card that
/// turns out to share its front or prompt with an earlier one is widened or left out on
/// the spot, and the earlier one, already written, is mended at the end
/// (`firstsToWiden`, `firstsToLeaveOut`).
struct DeckTally {
    enum Verdict { case keep, widen, leaveOut }

    private var fronts = FirstCards()
    private(set) var sharedFronts: Set<UInt64> = []
    private var prompts = FirstCards()
    private(set) var sharedPrompts: Set<UInt64> = []
    /// The first card of each front that a later card turned out to share.
    private(set) var firstsToWiden: [CardID] = []
    /// The first reverse of each prompt that a later reverse turned out to share.
    private(set) var firstsToLeaveOut: [CardID] = []
    /// Every reverse of a shared prompt, the first ones included.
    private var leftOutReverses = 0
    private var cards = 0
    private var writtenCards = 0
    private var linter = PromptLinter(keepsFindings: false)

    /// Counts `card` (as the parser made it, before any widening) and says what the write
    /// does with it.
    mutating func see(_ card: Card) -> Verdict {
        cards += 1
        if !card.kind.isDerived { writtenCards += 1 }
        linter.inspect(card)
        let frontKey = card.frontKey
        var verdict = Verdict.keep
        if let first = fronts.first(of: frontKey, else: card.id) {
            if sharedFronts.insert(frontKey).inserted { firstsToWiden.append(first) }
            verdict = .widen
        }
        if let promptKey = card.reversePromptKey, let first = prompts.first(of: promptKey, else: card.id) {
            if sharedPrompts.insert(promptKey).inserted {
                firstsToLeaveOut.append(first)
                leftOutReverses += 1
            }
            leftOutReverses += 1
            verdict = .leaveOut
        }
        return verdict
    }

    /// What the reading found, once `reader` has handed out its last card.
    func check(of reader: DeckReader) -> DeckCheck {
        var check = DeckCheck()
        // Cards handed out from a file that then failed are not the deck's.
        check.cards = cards - reader.retracted.all - leftOutReverses
        check.writtenCards = writtenCards - reader.retracted.written
        check.sharedFronts = sharedFronts
        check.sharedReversePrompts = sharedPrompts
        check.skippedFiles = reader.skippedFiles
        check.notes = reader.notes
        // A counting linter leaves shared fronts out: the write widens them.
        check.weakPrompts = linter.count
        return check
    }
}

/// The first card seen under each key. An ID spelled as 16 hex digits (every ID the parser
/// makes) is kept as the number it spells: 200,000 cards keep 3 MiB of numbers instead of
/// 15 MiB of strings.
private struct FirstCards {
    private var numbers: [UInt64: UInt64] = [:]
    private var others: [UInt64: CardID] = [:]

    /// The first card seen under `key`; nil when there was none, and then `id` is the first.
    mutating func first(of key: UInt64, else id: CardID) -> CardID? {
        if let number = numbers[key] { return CardID(number: number) }
        if let other = others[key] { return other }
        if let number = id.wellFormedNumber {
            numbers[key] = number
        } else {
            others[key] = id
        }
        return nil
    }
}
