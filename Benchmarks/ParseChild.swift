import Deck
#if canImport(Glibc)
import Glibc
#endif

/// `sysdrill-bench --parse-child FILE`: reads and parses one outline in a fresh process,
/// so the parent gets this parse's own peak memory from `wait4` (its own peak includes
/// generating the data). Prints the in-process seconds and the number of cards.
enum ParseChild {
    static func run(path: String) -> Int32 {
        let started = Clock.seconds()
        do {
            let bytes = try Files.read(path)
            let cards = try OutlineParser(deck: "deck", file: path).parse(bytes)
            let elapsed = Clock.seconds() - started
            Output.line("\(elapsed) \(cards.count)")
            return 0
        } catch {
            Output.error("parse failed: \(error)")
            return 1
        }
    }
}
