import Study
import Capacity
import Deck

/// The built-in deck `numbers`: one card per figure of `sysdrill numbers` (latencies,
/// throughputs, conversions), made from `ReferenceNumbers` instead of from Markdown, so
/// the table and the cards cannot drift apart and the outline's cards stay what they are.
/// A card's ID hashes the deck, the table (section) and the row's name, so a corrected
/// value keeps its history, like an outline card's corrected definition.
public enum NumberCards {
    public static let deck = "numbers"
    /// What a card's source names: the command that prints the table, and the row's line in
    /// its plain output.
    public static let sourceFile = "sysdrill numbers"

    public static let latencySection = "Latency"
    public static let throughputSection = "Throughput"
    public static let conversionSection = "Conversions"

    /// Every card, in table order.
    public static func cards(calculator: Calculator = Calculator(calendar: .gregorian)) -> [Card] {
        var cards: [Card] = []
        func add(section: String, term: String, front: String, back: String, accepted: [String], line: Int) {
            cards.append(Card(id: CardID(deck: deck, section: [section], kind: .number, term: term), deck: deck, section: [section],
                              kind: .number, term: term, front: front, back: back, items: accepted,
                              source: SourceLocation(file: sourceFile, line: line), order: cards.count))
        }
        // Lines of the plain table: a title and a column header before each table's rows,
        // a blank line between tables (NumbersCommand.table; a test holds them together).
        let latency = ReferenceNumbers.latency
        for (index, figure) in latency.enumerated() {
            let values = [figure.classic, figure.updated].compactMap { $0 }
            let texts = values.map(ReferenceNumbers.latencyText)
            let back: String
            switch (figure.classic, figure.updated) {
            case (let classic?, let updated?) where classic == updated:
                back = "≈ \(texts[0]) (the classic list and the 2020 model agree)"
            case (let classic?, let updated?):
                back = "≈ \(ReferenceNumbers.latencyText(classic)) in the classic list (dean2012); "
                    + "\(ReferenceNumbers.latencyText(updated)) in the 2020 model (scott2020)"
            case (let classic?, nil):
                back = "≈ \(ReferenceNumbers.latencyText(classic)) (classic list, dean2012)"
            case (nil, let updated?):
                back = "≈ \(ReferenceNumbers.latencyText(updated)) (2020 model, scott2020)"
            case (nil, nil):
                continue
            }
            add(section: latencySection, term: figure.operation, front: figure.operation + " ≈ ?",
                back: back + (figure.note.map { "\n" + $0 } ?? ""), accepted: texts.first == texts.last ? [texts[0]] : texts,
                line: 3 + index)
        }
        let throughputStart = 3 + latency.count + 3
        for (index, figure) in ReferenceNumbers.throughput.enumerated() {
            let text = ReferenceNumbers.throughputText(figure)
            var front = withoutFigures(figure.figure)
            if figure.unit == .operationsPerSecond { front += ", per second" }
            add(section: throughputSection, term: figure.figure, front: front + " ≈ ?",
                back: "≈ \(text) (\(figure.sourceID))" + (figure.note.map { "\n" + $0 } ?? ""), accepted: [text],
                line: throughputStart + index)
        }
        let conversionStart = throughputStart + ReferenceNumbers.throughput.count + 2
        var line = conversionStart
        for expression in ReferenceNumbers.conversions {
            guard let evaluation = try? calculator.evaluate(expression) else { continue }
            defer { line += 1 }
            let parts = expression.split(separator: " -> ").map(String.init)
            let front = parts.count == 2 ? "\(parts[0]) in \(parts[1]) ≈ ?" : expression + " ≈ ?"
            add(section: conversionSection, term: expression, front: front, back: "≈ " + evaluation.display,
                accepted: [evaluation.display], line: line)
        }
        return cards
    }

    /// `Gigabit Ethernet line rate (1 Gbps)` -> `Gigabit Ethernet line rate`: a
    /// parenthesis with a figure in it would give the answer away; one without stays
    /// (`SATA 3 link (SATA SSDs top out here)`).
    static func withoutFigures(_ name: String) -> String {
        guard name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return name }
        let inside = name[open...]
        guard inside.contains(where: \.isNumber) else { return name }
        var kept = String(name[..<open])
        while kept.last == " " { kept.removeLast() }
        return kept
    }
}
