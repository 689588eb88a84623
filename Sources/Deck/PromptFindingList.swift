/// A linter's findings, packed: each one's card ID, term and the facts of its suggestion
/// back to back in one byte buffer, with a small fixed record per finding, and each file
/// named once. A 10 MB deck gave 56,000 findings; as records of four strings each they
/// took 25 MB, a third of what `decks lint` held. Read back one finding at a time.
public struct PromptFindingList: Sequence, Sendable {
    // The narrow fields last: 24 bytes a finding.
    private struct Record: Sendable {
        var file: UInt32
        var line: UInt32
        var start: UInt32
        var termLength: UInt32
        var argumentsLength: UInt32
        var idLength: UInt16
        var reason: UInt8
    }

    private var records: [Record] = []
    private var text: [UInt8] = []
    private var files = FileNumbers()

    public init() {}

    /// The number of `file` in the list's file table (the linter keeps its places in it
    /// too, so each file is named once), and the file of a number.
    mutating func fileNumber(_ file: String) -> UInt32 { files.number(of: file) }
    func fileName(_ number: UInt32) -> String { files.name(number) }

    public var count: Int { records.count }
    public var isEmpty: Bool { records.isEmpty }

    /// `arguments` are kept apart by NUL bytes, which no card's text has (a deck file
    /// with one is refused).
    mutating func append(file: String, line: Int, card: CardID, term: String, reason: PromptFinding.Reason, arguments: [String]) {
        let start = text.count
        text.append(contentsOf: card.rawValue.utf8)
        text.append(contentsOf: term.utf8)
        for (index, argument) in arguments.enumerated() {
            if index > 0 { text.append(0) }
            text.append(contentsOf: argument.utf8)
        }
        let idLength = card.rawValue.utf8.count, termLength = term.utf8.count
        records.append(Record(file: files.number(of: file), line: UInt32(clamping: line), start: UInt32(start),
                              termLength: UInt32(termLength), argumentsLength: UInt32(text.count - start - idLength - termLength),
                              idLength: UInt16(idLength), reason: UInt8(PromptFinding.Reason.allCases.firstIndex(of: reason)!)))
    }

    /// Ordered by file name, then line; findings of one line keep the order they came in.
    public mutating func sortByPlace() {
        let rank = files.rankByName()
        let numbered = records.enumerated().sorted {
            (rank[Int($0.element.file)], $0.element.line, $0.offset) < (rank[Int($1.element.file)], $1.element.line, $1.offset)
        }
        records = numbered.map(\.element)
    }

    public func makeIterator() -> AnyIterator<PromptFinding> {
        var index = 0
        return AnyIterator {
            guard index < records.count else { return nil }
            defer { index += 1 }
            return finding(records[index])
        }
    }

    private func finding(_ record: Record) -> PromptFinding {
        let idEnd = Int(record.start) + Int(record.idLength)
        let termEnd = idEnd + Int(record.termLength)
        let end = termEnd + Int(record.argumentsLength)
        func string(_ range: Range<Int>) -> String { String(decoding: text[range], as: UTF8.self) }
        let term = string(idEnd..<termEnd)
        let reason = PromptFinding.Reason.allCases[Int(record.reason)]
        let arguments = termEnd == end ? [] : text[termEnd..<end].split(separator: 0, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        return PromptFinding(file: files.name(record.file), line: Int(record.line),
                             card: CardID(rawValue: string(Int(record.start)..<idEnd)), term: term, reason: reason,
                             suggestion: PromptFinding.suggestion(reason, term: term, arguments: arguments))
    }
}

/// Each distinct file name once, numbered in the order met. A deck's cards come file by
/// file, so the name added last is looked at before the table. Names are told apart by
/// their bytes, as the findings print them (two spellings of "é" are two files).
struct FileNumbers: Sendable {
    private var names: [String] = []
    private var numbers: [[UInt8]: UInt32] = [:]

    mutating func number(of file: String) -> UInt32 {
        if let last = names.last, last.utf8.elementsEqual(file.utf8) { return UInt32(names.count - 1) }
        let bytes = Array(file.utf8)
        if let known = numbers[bytes] { return known }
        let number = UInt32(names.count)
        names.append(file)
        numbers[bytes] = number
        return number
    }

    func name(_ number: UInt32) -> String { names[Int(number)] }

    /// For each number, its place among the names in sorted order.
    /// Names that Swift finds equal (two spellings of one letter) share a place, so their
    /// findings sort together by line, as sorting by the names themselves would.
    func rankByName() -> [Int] {
        var rank = Array(repeating: 0, count: names.count)
        var place = 0, previous: String?
        for number in names.indices.sorted(by: { names[$0] < names[$1] }) {
            if let previous, previous != names[number] { place += 1 }
            rank[number] = place
            previous = names[number]
        }
        return rank
    }
}
