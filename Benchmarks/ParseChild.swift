import Deck
#if canImport(Glibc)
import Glibc
#endif

/// `sysdrill-bench --parse-child [--one-at-a-time] FILE`: reads and parses one outline in a
/// fresh process, so the parent gets this parse's own peak memory from `wait4` (its own
/// peak includes generating the data). Prints the in-process seconds and the number of
/// cards. By default the cards are collected into an array (`OutlineParser.parse`);
/// `--one-at-a-time` takes them from an `OutlineReader` and keeps none, as the deck sync
/// does (every card is still made in full: its text lengths are added up and printed).
enum ParseChild {
    static func run(arguments: [String]) -> Int32 {
        guard let path = arguments.last, arguments.count <= 2 else {
            Output.error("usage: sysdrill-bench --parse-child [--one-at-a-time] FILE")
            return 64
        }
        let oneAtATime = arguments.count == 2 && arguments[0] == "--one-at-a-time"
        let started = Clock.seconds()
        do {
            let bytes = try Files.read(path)
            let parser = OutlineParser(deck: "deck", file: path)
            if oneAtATime {
                var reader = try parser.reader(for: bytes)
                var count = 0
                var textBytes = 0
                while let card = try reader.next() {
                    count += 1
                    textBytes += card.term.utf8.count + card.front.utf8.count + card.back.utf8.count
                }
                let elapsed = Clock.seconds() - started
                Output.line("\(elapsed) \(count) \(textBytes)")
            } else {
                let cards = try parser.parse(bytes)
                let elapsed = Clock.seconds() - started
                Output.line("\(elapsed) \(cards.count)")
            }
            return 0
        } catch {
            Output.error("parse failed: \(error)")
            return 1
        }
    }
}
